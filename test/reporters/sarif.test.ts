import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { defaultConfig } from '../../src/config/types.js';
import { reportImage } from '../../src/pipeline/index.js';
import type { RunResult } from '../../src/report/result.js';
import { buildSarif, sanitiseForId } from '../../src/reporters/sarif.js';
import type { SarifLog, SarifResult } from '../../src/reporters/sarif-types.js';
import { ruleById } from '../../src/rules/index.js';
import { appResult, diveReport, dockerfileOnlyResult, scenarios } from './fixtures.js';
import {
  DIVE_DOCKERFILE_TEXT,
  DIVE_TAR,
  dockerfileRunResult,
  openArchive,
  runResult,
  validateSarif,
} from './helpers.js';

const OPTS = { color: false, width: 80 };

function sarif(result: RunResult, sarifUri?: string): SarifLog {
  const log = buildSarif(result, { ...OPTS, sarifUri });
  validateSarif(log);
  return log;
}

/** The dive test image with its Dockerfile through the full rule catalog, as `layerlint analyze` runs it. */
async function diveWithAllRules(dockerfileText = DIVE_DOCKERFILE_TEXT()): Promise<RunResult> {
  const model = await openArchive(DIVE_TAR, 'test-docker-image.tar');
  const dockerfile = parseDockerfile(dockerfileText, 'Dockerfile.test-image');
  return runResult([reportImage(model, { config: defaultConfig(), dockerfile })]);
}

describe('SARIF: valid against the official 2.1.0 schema', () => {
  test('every scenario', async () => {
    for (const [name, result] of Object.entries(await scenarios())) {
      const log = buildSarif(result, OPTS);
      expect(() => validateSarif(log)).not.toThrow();
      expect(log.runs.length).toBeGreaterThan(0);
      expect(name).toBeTruthy();
    }
  });

  test('the validator rejects what the schema forbids', () => {
    expect(() => validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toThrow(/schema/);
    expect(() => validateSarif({ version: '2.0.0', runs: [] })).toThrow(/schema/);
  });
});

describe('SARIF: GitHub code scanning requirements (dive test image + Dockerfile, all rules)', () => {
  let log: SarifLog;
  beforeAll(async () => {
    log = sarif(await diveWithAllRules());
  });

  test('tool.driver names the tool and lists exactly the rules with results', () => {
    const run = log.runs[0];
    const { driver } = run.tool;
    expect(driver.name).toBe('layerlint');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toBe('https://github.com/layerlint/layerlint');
    const resultIds = new Set(run.results.map((r) => r.ruleId));
    expect(resultIds.size).toBeGreaterThanOrEqual(3);
    expect(driver.rules.map((r) => r.id).sort()).toEqual([...resultIds].sort());
    for (const rule of driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(rule.helpUri);
      expect(rule.helpUri).toBe(`https://github.com/layerlint/layerlint/blob/main/docs/rules/${rule.id}.md`);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(Array.isArray(rule.properties.tags)).toBe(true);
      expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
      const meta = ruleById(rule.id)?.meta;
      if (meta?.securitySeverity !== undefined) {
        expect(rule.properties['security-severity']).toBe(meta.securitySeverity.toFixed(1));
        expect(rule.properties.tags).toContain('security');
      } else {
        expect(rule.properties['security-severity']).toBeUndefined();
      }
    }
    // missing-user is a security rule: its severity must reach GitHub as a string
    expect(driver.rules.find((r) => r.id === 'missing-user')?.properties['security-severity']).toEqual(
      expect.any(String),
    );
  });

  test('results: rule index, level, message, a relative location with a full region, fingerprint', () => {
    const run = log.runs[0];
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations.length).toBeGreaterThanOrEqual(1);
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      expect(artifactLocation.uri).toBe('Dockerfile.test-image');
      expect(region).toEqual({
        startLine: expect.any(Number),
        startColumn: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
      });
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
    const unpinned = run.results.find((r) => r.ruleId === 'unpinned-base-image');
    expect(unpinned?.locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 6,
      endLine: 1,
      endColumn: 20,
    });
    const cleanup = run.results.find((r) => r.ruleId === 'cleanup-in-separate-layer');
    expect(cleanup?.locations[0].physicalLocation.region.startLine).toBe(10);
    // the RUNs that created what line 10 deletes
    expect(cleanup?.relatedLocations?.map((l) => l.physicalLocation.region.startLine)).toEqual([3, 4, 5, 6, 7, 8]);
    // what line 10 deletes still ships: one result with the image's bytes, deleted-but-shipped related
    expect(cleanup?.properties).toMatchObject({ bytes: 12810, related: ['deleted-but-shipped'] });
    if (ruleById('deleted-but-shipped')) {
      const lines = run.results
        .filter((r) => r.ruleId === 'deleted-but-shipped')
        .map((r) => r.locations[0].physicalLocation.region.startLine);
      expect(lines).toEqual([8]);
    }
  });

  test('one run per image with its own automation id; fixes as artifact changes', async () => {
    const run = log.runs[0];
    expect(run.automationDetails.id).toBe('layerlint/test-docker-image.tar/');
    const withFix = run.results.find((r) => r.ruleId === 'missing-user');
    const replacement = withFix?.fixes?.[0].artifactChanges[0].replacements[0];
    expect(withFix?.fixes?.[0].artifactChanges[0].artifactLocation.uri).toBe('Dockerfile.test-image');
    expect(replacement?.deletedRegion).toEqual({ charOffset: expect.any(Number), charLength: 0 });
    expect(replacement?.insertedContent?.text).toContain('USER');

    const two = sarif(runResult([...(await diveWithAllRules()).images, ...(await appResult()).images]));
    expect(two.runs.map((r) => r.automationDetails.id)).toEqual([
      'layerlint/test-docker-image.tar/',
      'layerlint/registry.example.com-team-app-1.0/',
    ]);
  });

  test('fingerprints do not change when a comment line is inserted above an unrelated instruction', async () => {
    const text = DIVE_DOCKERFILE_TEXT();
    const lines = text.split('\n');
    lines.splice(4, 0, '# a comment that moves every later line down'); // above line 5 (RUN chmod 444 ...)
    const moved = sarif(await diveWithAllRules(lines.join('\n')));
    const key = (r: SarifResult) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`;
    const before = log.runs[0].results;
    const after = moved.runs[0].results;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const line = (rs: SarifResult[], id: string) =>
      rs.find((r) => r.ruleId === id)?.locations[0].physicalLocation.region.startLine;
    expect(line(after, 'cleanup-in-separate-layer')).toBe((line(before, 'cleanup-in-separate-layer') ?? 0) + 1);
  });

  test('a rule firing twice on identical instructions gets distinct fingerprints', async () => {
    const dup = sarif(dockerfileRunResult('FROM debian\nADD a /a\nADD a /a\n', 'Dockerfile'));
    const prints = dup.runs[0].results
      .filter((r) => r.ruleId === 'add-instead-of-copy')
      .map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(prints).toHaveLength(2);
    expect(new Set(prints).size).toBe(2);
    expect(prints.map((p) => p.split(':')[0])[0]).toBe(prints[1].split(':')[0]);
  });
});

describe('SARIF: where results go', () => {
  test('--sarif-uri overrides the Dockerfile path; relative paths are normalised', async () => {
    const result = await appResult();
    expect(sarif(result).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'services/app/Dockerfile',
    );
    const log = sarif(result, '.\\build\\..\\docker\\Dockerfile');
    for (const r of log.runs[0].results)
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('docker/Dockerfile');
    expect(sarif(dockerfileOnlyResult()).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'services/app/Dockerfile',
    );
  });

  test('an absolute Dockerfile path becomes a file URI and the run says to pass --sarif-uri', async () => {
    const report = await diveReport(undefined);
    const abs = { ...report, dockerfile: report.dockerfile && { ...report.dockerfile, path: '/src/repo/Dockerfile' } };
    abs.findings = abs.findings.map((f) =>
      f.location ? { ...f, location: { ...f.location, file: '/src/repo/Dockerfile' } } : f,
    );
    const log = sarif(runResult([abs]));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'file:///src/repo/Dockerfile',
    );
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.descriptor?.id)).toContain(
      'absolute-artifact-path',
    );
  });

  test('without a Dockerfile every result still has a location (line 1) and says why', async () => {
    const log = sarif(await appResult(false));
    const run = log.runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('Dockerfile');
      expect(r.locations[0].physicalLocation.region.startLine).toBe(1);
      expect(r.message.text).toContain('no Dockerfile given');
      expect(r.fixes).toBeUndefined();
    }
    expect(run.invocations[0].toolExecutionNotifications.map((n) => n.descriptor?.id)).toContain('no-dockerfile');
    const custom = sarif(await appResult(false), 'deploy/Dockerfile');
    expect(custom.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/Dockerfile');
  });

  test('findings that map to the base image are shown on FROM and say so', async () => {
    const run = sarif(await appResult()).runs[0];
    const base = run.results.find((r) => r.properties?.layerIndex === 0);
    expect(base?.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(base?.message.text).toMatch(/\[line 1: .*base image/);
  });

  test('evidence goes in properties: layer index and digest, paths, bytes', async () => {
    const result = await appResult();
    const run = sarif(result).runs[0];
    const r = run.results.find((x) => x.ruleId === 'test-shipped-then-deleted' && x.properties?.layerIndex === 1);
    expect(r?.properties).toMatchObject({
      image: 'registry.example.com/team/app:1.0',
      layerIndex: 1,
      layerDigest: result.images[0].layers[1].digest,
      bytes: 8_993_000,
      pathCount: 3,
    });
    expect(r?.locations[0].physicalLocation.region.startLine).toBe(2);
    expect(r?.message.text).toContain('8.99 MB');
  });
});

describe('SARIF: GitHub limits', () => {
  test('results beyond the per-run cap are dropped, most severe kept, and the run says so', async () => {
    const result = await appResult();
    const total = result.images[0].findings.length;
    const log = buildSarif(result, OPTS, { maxRuns: 20, maxResultsPerRun: 2, maxGzipBytes: 10 * 1024 * 1024 });
    validateSarif(log);
    const run = log.runs[0];
    expect(run.results).toHaveLength(2);
    expect(run.results[0].level).toBe('error');
    const note = run.invocations[0].toolExecutionNotifications.find((n) => n.descriptor?.id === 'results-dropped');
    expect(note?.message.text).toContain(`${total - 2} of ${total} results were left out`);
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(
      [...new Set(run.results.map((r) => r.ruleId))].sort(),
    );
  });

  test('a file over the gzip limit loses evidence first, then results', async () => {
    const result = await appResult();
    const log = buildSarif(result, OPTS, { maxRuns: 20, maxResultsPerRun: 25_000, maxGzipBytes: 2500 });
    validateSarif(log);
    const ids = log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.descriptor?.id);
    expect(ids).toContain('evidence-dropped');
    for (const r of log.runs[0].results) expect(r.properties).toBeUndefined();
  });

  test('runs beyond 20 per file are dropped and named', async () => {
    const app = (await appResult()).images[0];
    const many = runResult(Array.from({ length: 22 }, (_, i) => ({ ...app, ref: `app:${i}` })));
    const log = sarif(many);
    expect(log.runs).toHaveLength(20);
    expect(
      log.runs[0].invocations[0].toolExecutionNotifications.find((n) => n.descriptor?.id === 'runs-dropped')?.message
        .text,
    ).toContain('layerlint/app-21/');
  });

  test('automation ids are sanitised', () => {
    expect(sanitiseForId('ghcr.io/acme/app:1.2@sha256:ab')).toBe('ghcr.io-acme-app-1.2-sha256-ab');
    expect(sanitiseForId('///')).toBe('image');
  });
});
