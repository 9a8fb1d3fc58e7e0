// buildah pushes one image built from a Dockerfile with a HEALTHCHECK twice: in the Docker format
// (the config keeps Healthcheck) and with --format oci (the OCI config has no such field, so the
// conversion drops it). With --dockerfile, the OCI one is not reported as defining none.
import { type HealthcheckImage, healthcheckImage } from '../../fixtures/real/producers.js';
import { runCli } from '../helpers/cli.js';

let img: HealthcheckImage;
beforeAll(async () => {
  img = await healthcheckImage();
}, 10 * 60_000);

const healthFindings = async (archive: string) => {
  const r = await runCli(['analyze', archive, '--dockerfile', img.dockerfile, '--format', 'json']);
  expect(r.stderr).toBe('');
  const image = JSON.parse(r.stdout).images[0];
  return {
    healthcheck: image.config.healthcheck,
    findings: image.findings.filter((f: { ruleId: string }) => f.ruleId === 'missing-healthcheck'),
  };
};

test('the Docker-format archive keeps the health check: no finding', async () => {
  expect(await healthFindings(img.dockerArchive)).toEqual({ healthcheck: true, findings: [] });
});

test('the OCI-format archive lost it: one finding on the HEALTHCHECK line saying the conversion dropped it', async () => {
  const { healthcheck, findings } = await healthFindings(img.ociArchive);
  expect(healthcheck).toBe(false);
  expect(findings).toHaveLength(1);
  expect(findings[0].message).toBe(
    'the Dockerfile defines a HEALTHCHECK but the image has none: its conversion to the OCI format dropped it',
  );
  expect(findings[0].location).toMatchObject({ line: 3 });
  expect(findings[0].data).toMatchObject({ reason: 'dropped-by-conversion' });
});
