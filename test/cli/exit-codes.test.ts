import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImageRecipe, writeImage } from '../../fixtures/builder/index.js';
import { allRules } from '../../src/rules/index.js';
import { ensureBuilt, jsonReport, layerlint, REPO } from './run-cli.js';

const DIVE = join(REPO, '../shared/peers/dive/test-docker-image.tar');
let dir: string;

const clean: ImageRecipe = {
  layers: [
    {
      files: [
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n' },
        { path: 'bin/app', size: 2000 },
      ],
      createdBy: '/bin/sh -c #(nop) ADD file:abc in / ',
    },
    { files: [{ path: 'srv/data.txt', size: 300 }], createdBy: '/bin/sh -c #(nop) COPY file:def in /srv/data.txt ' },
  ],
  config: { User: '10001', Cmd: ['/bin/app'], Healthcheck: { Test: ['CMD', '/bin/app', 'health'] } },
};

const withSecret: ImageRecipe = {
  layers: [
    ...clean.layers,
    {
      files: [
        {
          path: 'root/.ssh/id_ed25519',
          content: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
        },
      ],
      createdBy: '/bin/sh -c #(nop) COPY file:k in /root/.ssh/ ',
    },
  ],
  config: clean.config,
};

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'layerlint-cli-'));
  await writeImage(clean, 'docker-legacy', join(dir, 'clean.tar'));
  await writeImage(withSecret, 'oci-archive', join(dir, 'secret.tar'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0: a clean image', () => {
    const r = layerlint(['analyze', join(dir, 'clean.tar'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonReport(r).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('1: an error finding (a private key shipped in a layer)', () => {
    const r = layerlint(['analyze', join(dir, 'secret.tar'), '--format', 'json']);
    expect(r.code).toBe(1);
    const secret = jsonReport(r).findings.find((f) => f.ruleId === 'secret-file');
    expect(secret).toMatchObject({
      severity: 'error',
      layer: 2,
      paths: ['/root/.ssh/id_ed25519'],
      data: { kind: 'ssh-private-key' }, // by name: a 4-character body is no key for secret-private-key
    });
    expect(r.stdout).not.toContain('AAAA');
  });

  it('1: a failed dive threshold, shown as an image-efficiency finding', () => {
    const r = layerlint(['analyze', DIVE, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = jsonReport(r);
    expect(
      report.findings
        .filter((f) => f.ruleId === 'image-efficiency')
        .map((f) => ((f.data?.thresholds ?? []) as { threshold: string }[]).map((t) => t.threshold)),
    ).toEqual([['highestUserWastedPercent']]);
    expect(report.thresholds.find((t) => t.name === 'highestUserWastedPercent')?.passed).toBe(false);
  });

  it('0 with image-efficiency off: off turns the gate off, not only its finding', () => {
    const cfg = join(dir, 'efficiency-off.yaml');
    writeFileSync(cfg, 'rules:\n  image-efficiency: off\n');
    const r = layerlint(['analyze', DIVE, '--config', cfg, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(jsonReport(r).thresholds).toEqual([]);
  });

  it('0 when the threshold is raised, 1 again with --fail-on warning', () => {
    expect(layerlint(['analyze', DIVE, '--highest-user-wasted-percent', '0.5']).code).toBe(0);
    expect(layerlint(['analyze', DIVE, '--highest-user-wasted-percent', '0.5', '--fail-on', 'warning']).code).toBe(1);
  });

  it('0 with --fail-on none and thresholds from a .dive-ci that disables them', () => {
    const ci = join(dir, '.dive-ci');
    writeFileSync(ci, 'rules:\n  lowest-efficiency: disabled\n  highest-user-wasted-percent: disabled\n');
    expect(layerlint(['analyze', DIVE, '--ci-config', ci, '--fail-on', 'none']).code).toBe(0);
  });

  it('1 when a config turns a warning into an error; 0 when it turns the error off', () => {
    const cfg = join(dir, 'strict.yaml');
    writeFileSync(cfg, 'rules:\n  overwritten-file: error\nthresholds: { highestUserWastedPercent: 0.5 }\n');
    expect(layerlint(['analyze', DIVE, '--config', cfg]).code).toBe(1);
    const off = join(dir, 'off.yaml');
    writeFileSync(off, 'rules:\n  secret-file: off\n');
    expect(layerlint(['analyze', join(dir, 'secret.tar'), '--config', off]).code).toBe(0);
  });

  it('2: an invalid config, with the JSON path of the error on one line', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'layerlint-cfg-'));
    writeFileSync(join(cwd, '.layerlint.yaml'), 'rules:\n  duplicate-content: [warning, { minBytes: "x" }]\n');
    const r = layerlint(['analyze', join(dir, 'clean.tar')], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('layerlint: config .layerlint.yaml: /rules/duplicate-content/1/minBytes must be integer\n');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('2: an unknown rule id in the config', () => {
    const cfg = join(dir, 'unknown.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'no-such-rule': 'error' } }));
    const r = layerlint(['analyze', join(dir, 'clean.tar'), '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "no-such-rule" (known rules: ');
  });

  it('2: an image that does not exist', () => {
    const r = layerlint(['analyze', join(dir, 'nope.tar')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('`layerlint rules` lists every rule', () => {
    const r = layerlint(['rules']);
    expect(r.code).toBe(0);
    const ids = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(allRules.map((x) => x.id));
  });
});
