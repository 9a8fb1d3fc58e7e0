// `layerlint diff`, baselines and budgets on real images: dockerd 20.10's classic builder builds
// v1 of a Dockerfile and four pull requests of it (fixtures/real/recipes/compare: one grows a
// layer, one adds a package cache, one fixes a deleted-but-shipped file, one only reorders).
// Expected bytes come from `tar -tv` listings of the archives, not from layerlint's walk.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ajv from 'ajv';
import { type CompareImages, type CompareVariant, getCompareImages } from '../../fixtures/real/compare.js';
import { ensureBuilt, layerlint, REPO } from '../cli/run-cli.js';
import { ajvClass, validateSarif } from '../reporters/helpers.js';
import { startDockerd } from '../support/dockerd.js';
import { loadImageArchive } from '../support/load-image.js';
import { startRegistry } from '../support/registry.js';
import { skopeoCopy } from '../support/skopeo.js';
import { layerFileBytes, stackWithTar } from '../support/tar-stack.js';

interface Diff {
  base: { walkedLayers: number; from: string; hasFiles: boolean };
  head: { walkedLayers: number; from: string };
  totals: { name: string; base: number; head: number; delta: number; ratio?: number }[];
  layers: { shared: { diffId: string }[]; added: { size: number; instruction?: string }[]; removed: unknown[] };
  files: { counts: Record<string, number>; delta: number; paths?: { path: string; change: string; delta: number }[] };
  findings: Record<'new' | 'fixed' | 'unchanged' | 'updated', { ruleId: string; fingerprint: string }[]>;
  budgets: { name: string; passed: boolean; message: string; over?: number }[];
  verdict: { passed: boolean; text: string };
  notes: string[];
}

let img: CompareImages;
let tmp: string;
let cache: string;

beforeAll(async () => {
  await ensureBuilt();
  img = await getCompareImages();
  tmp = mkdtempSync(join(tmpdir(), 'layerlint-diff-'));
  cache = join(tmp, 'xdg');
}, 20 * 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) =>
  layerlint(args, { env: { XDG_CACHE_HOME: cache, ...env } });

function diffJson(base: string, head: string, extra: string[] = [], env: Record<string, string> = {}): Diff {
  const r = run(['diff', base, head, '--format', 'json', ...extra], env);
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Diff;
}

const total = (d: Diff, name: string) => d.totals.find((t) => t.name === name);
const rules = (list: { ruleId: string }[]) => list.map((f) => f.ruleId).sort();

/** Per path: the regular-file size in the final filesystem, from tar. */
function finalSizes(archive: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [path, n] of stackWithTar(archive)) if (n.type === '-') out.set(path, n.size);
  return out;
}

function tarTruth(v: CompareVariant) {
  const archive = img.archive[v];
  const files = finalSizes(archive);
  return {
    size: layerFileBytes(archive).reduce((a, b) => a + b, 0),
    finalSize: [...files.values()].reduce((a, b) => a + b, 0),
    files,
  };
}

describe.each(['grow', 'cache', 'fix', 'reorder'] as const)('v1 -> %s: figures cross-checked with tar', (v) => {
  test('size, final size and every changed file, to the byte', () => {
    const base = tarTruth('v1');
    const head = tarTruth(v);
    const d = diffJson(img.archive.v1, img.archive[v], ['--paths']);
    expect(total(d, 'size')).toMatchObject({ base: base.size, head: head.size, delta: head.size - base.size });
    expect(total(d, 'finalSize')).toMatchObject({ base: base.finalSize, head: head.finalSize });
    expect(total(d, 'files')).toMatchObject({ base: base.files.size, head: head.files.size });
    const expected = new Map<string, number>();
    for (const [p, s] of head.files) if (base.files.get(p) !== s) expected.set(p, s - (base.files.get(p) ?? 0));
    for (const [p, s] of base.files) if (!head.files.has(p)) expected.set(p, -s);
    const got = new Map((d.files.paths ?? []).filter((x) => x.delta !== 0).map((x) => [x.path, x.delta]));
    expect(got).toEqual(expected);
  });
});

describe('what each pull request changed', () => {
  test('grow: one layer replaced, the assets file grown by 300000 bytes, findings unchanged', () => {
    const d = diffJson(img.archive.v1, img.archive.grow, ['--paths', '/srv']);
    expect(d.layers.shared).toHaveLength(4);
    expect(d.layers.added.map((l) => l.size)).toEqual([400_000]);
    expect(d.layers.removed).toHaveLength(1);
    expect(d.files.paths).toEqual([
      { path: '/srv/data/assets.bin', change: 'grown', baseSize: 100_000, headSize: 400_000, delta: 300_000 },
    ]);
    expect(d.findings.new).toEqual([]);
    expect(d.findings.fixed).toEqual([]);
  });

  test('cache: one new layer, one added file, one new package-manager-cache finding', () => {
    const d = diffJson(img.archive.v1, img.archive.cache, ['--paths', '/var/cache']);
    expect(d.layers.added.map((l) => [l.size, l.instruction])).toEqual([
      [150_000, expect.stringContaining('/var/cache/apk/APKINDEX.abc.tar.gz')],
    ]);
    expect(d.files.paths?.map((p) => [p.path, p.change, p.delta])).toEqual([
      ['/var/cache/apk/APKINDEX.abc.tar.gz', 'added', 150_000],
    ]);
    expect(rules(d.findings.new)).toEqual(['package-manager-cache']);
    expect(d.findings.fixed).toEqual([]);
  });

  test('fix: 200000 shipped-and-deleted bytes gone, the final filesystem unchanged, two findings fixed', () => {
    const d = diffJson(img.archive.v1, img.archive.fix);
    expect(total(d, 'size')?.delta).toBe(-200_000);
    expect(total(d, 'finalSize')?.delta).toBe(0);
    expect(total(d, 'waste')).toMatchObject({ base: 200_000, head: 0 });
    expect(d.files.counts).toEqual({ added: 0, removed: 0, grown: 0, shrunk: 0, changed: 0, metadata: 0 });
    expect(rules(d.findings.fixed)).toEqual(['deleted-but-shipped', 'image-efficiency']);
    expect(d.findings.new).toEqual([]);
  });

  test('reorder: other layers, the same files, every finding unchanged (with and without Dockerfiles)', () => {
    const plain = diffJson(img.archive.v1, img.archive.reorder);
    expect(plain.layers.added.length).toBeGreaterThan(0);
    expect(plain.files.delta).toBe(0);
    expect(plain.findings.new).toEqual([]);
    expect(plain.findings.fixed).toEqual([]);
    expect(plain.findings.unchanged.length).toBeGreaterThanOrEqual(5);
    // with the Dockerfiles every finding sits on another line, and still matches
    const lined = diffJson(img.archive.v1, img.archive.reorder, [
      '--base-dockerfile',
      img.dockerfile.v1,
      '--dockerfile',
      img.dockerfile.reorder,
    ]);
    expect(lined.findings.new).toEqual([]);
    expect(lined.findings.fixed).toEqual([]);
    // consecutive-run is about which RUNs stand next to each other: a reorder changes exactly that
    expect(lined.findings.updated.filter((f: { ruleId: string }) => f.ruleId !== 'consecutive-run')).toEqual([]);
    expect(rules(lined.findings.unchanged)).toContain('cleanup-in-separate-layer');
    const lines = (file: string) =>
      (
        JSON.parse(run(['analyze', img.archive.v1, '--dockerfile', file, '--format', 'json']).stdout).images[0]
          .findings as { ruleId: string; location?: { line: number } }[]
      )
        .filter((f) => f.ruleId === 'cleanup-in-separate-layer')
        .map((f) => f.location?.line);
    expect(lines(img.dockerfile.v1)).not.toEqual(
      (
        JSON.parse(
          run(['analyze', img.archive.reorder, '--dockerfile', img.dockerfile.reorder, '--format', 'json']).stdout,
        ).images[0].findings as { ruleId: string; location?: { line: number } }[]
      )
        .filter((f) => f.ruleId === 'cleanup-in-separate-layer')
        .map((f) => f.location?.line),
    );
  });
});

describe('budgets: each passes and fails, exit 0 / 1, the verdict says by how much', () => {
  const gate = (head: CompareVariant, flags: string[]) => {
    const r = run(['diff', img.archive.v1, img.archive[head], '--format', 'json', ...flags]);
    return { code: r.code, d: JSON.parse(r.stdout) as Diff };
  };

  test('--max-growth as a percentage and as bytes', () => {
    // grow: +300000 bytes on 2,283,xxx
    const base = tarTruth('v1').size;
    const fail = gate('grow', ['--max-growth', '5%']);
    expect(fail.code).toBe(1);
    expect(fail.d.budgets[0]).toMatchObject({
      name: 'maxGrowth',
      passed: false,
      over: 300_000 - Math.floor(0.05 * base),
    });
    expect(fail.d.verdict.text).toMatch(
      /^failed: size grew \+300 kB \(\+\d+\.\d%\), budget 5% \(\d+ kB\): \d+ kB over/,
    );
    expect(gate('grow', ['--max-growth', '20%']).code).toBe(0);
    expect(gate('grow', ['--max-growth', '300000']).code).toBe(0);
    const bytes = gate('grow', ['--max-growth', '299999']);
    expect(bytes.code).toBe(1);
    expect(bytes.d.budgets[0]).toMatchObject({ passed: false, over: 1 });
  });

  test('--max-size', () => {
    const head = tarTruth('grow').size;
    expect(gate('grow', ['--max-size', String(head)]).code).toBe(0);
    const fail = gate('grow', ['--max-size', String(head - 1000)]);
    expect(fail.code).toBe(1);
    expect(fail.d.budgets[0]).toMatchObject({ name: 'maxSize', passed: false, over: 1000 });
    expect(fail.d.budgets[0].message).toMatch(/: 1\.00 kB over$/);
  });

  test('--max-new-waste: a reorder adds none, the fix removes some; a cache grows none either', () => {
    expect(gate('reorder', ['--max-new-waste', '0']).code).toBe(0);
    expect(gate('fix', ['--max-new-waste', '0']).code).toBe(0);
    // v1 against itself reversed: the fix as BASE, v1 as HEAD brings 200000 bytes of waste back
    const r = run(['diff', img.archive.fix, img.archive.v1, '--format', 'json', '--max-new-waste', '100kB']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as Diff;
    expect(d.budgets[0]).toMatchObject({ name: 'maxNewWaste', passed: false, over: 100_000 });
  });

  test('--fail-on-new: a new warning fails at warning, passes at error', () => {
    const fail = gate('cache', ['--fail-on-new', 'warning']);
    expect(fail.code).toBe(1);
    expect(fail.d.budgets[0]).toMatchObject({ name: 'failOnNew', passed: false, over: 1 });
    expect(fail.d.budgets[0].message).toContain('package-manager-cache');
    expect(gate('cache', ['--fail-on-new', 'error']).code).toBe(0);
    expect(gate('reorder', ['--fail-on-new', 'note']).code).toBe(0);
  });

  test('the same budgets from .layerlint.yaml (budgets:), and a flag overrides the file', () => {
    const dir = mkdtempSync(join(tmp, 'cfg-'));
    writeFileSync(join(dir, '.layerlint.yaml'), 'budgets:\n  maxGrowth: 5%\n  failOnNew: warning\n');
    const r = layerlint(['diff', img.archive.v1, img.archive.grow, '--format', 'json'], {
      cwd: dir,
      env: { XDG_CACHE_HOME: cache },
    });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Diff).budgets.map((b) => [b.name, b.passed])).toEqual([
      ['maxGrowth', false],
      ['failOnNew', true],
    ]);
    const flagged = layerlint(['diff', img.archive.v1, img.archive.grow, '--max-growth', '50%'], {
      cwd: dir,
      env: { XDG_CACHE_HOME: cache },
    });
    expect(flagged.code).toBe(0);
    writeFileSync(join(dir, '.layerlint.yaml'), 'budgets:\n  maxGrowth: lots\n');
    const bad = layerlint(['diff', img.archive.v1, img.archive.grow], { cwd: dir, env: { XDG_CACHE_HOME: cache } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^layerlint: config \.layerlint\.yaml: \/budgets\/maxGrowth/);
  });
});

describe('BASE that cannot be read: exit 2, one line naming it', () => {
  test.each([
    ['a missing file', () => join(tmp, 'nope.tar'), /^layerlint: BASE .*nope\.tar/],
    [
      'broken JSON',
      () => writeTo('broken.json', '{ "schemaVersion": '),
      /^layerlint: BASE .*broken\.json: not a readable layerlint JSON result/,
    ],
    [
      'another schema',
      () => writeTo('v2.json', '{"schemaVersion":"2.0","images":[]}'),
      /result schema 2\.0 is not one this layerlint reads/,
    ],
    ['not a result', () => writeTo('other.json', '{"hello":1}'), /not a layerlint result/],
    [
      'a result edited by hand',
      () => {
        const r = JSON.parse(run(['analyze', img.archive.v1, '--format', 'json']).stdout);
        r.images[0].layers[1].size = 'big';
        return writeTo('edited.json', JSON.stringify(r));
      },
      /^layerlint: BASE .*edited\.json: not a valid layerlint result: \/images\/0\/layers\/1\/size must be integer$/m,
    ],
  ])('%s', (_name, make, message) => {
    const r = run(['diff', make(), img.archive.v1]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

function writeTo(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('speed: what is walked', () => {
  test('HEAD sharing all but its last layer with a cached BASE walks one layer; a saved BASE walks none', () => {
    const env = { XDG_CACHE_HOME: join(tmp, 'fresh-cache') };
    expect(run(['analyze', img.archive.v1, '--format', 'json'], env).code).toBeLessThan(2);
    const d = diffJson(img.archive.v1, img.archive.grow, [], env);
    expect(d.base.walkedLayers).toBe(0);
    expect(d.head.walkedLayers).toBe(1);
    // a saved result as BASE: no image opened for it at all, not even from the cache
    const saved = join(tmp, 'v1-saved.json');
    expect(run(['analyze', img.archive.v1, '--files', '--format', 'json', '--output', saved]).code).toBeLessThan(2);
    // --files: one line per file, [path, kind, size, mode, uid, gid, digest]; its files are tar's
    const rows = readFileSync(saved, 'utf8')
      .split('\n')
      .filter((l) => /^ {8}\["\//.test(l))
      .map((l) => JSON.parse(l.replace(/,$/, '')) as [string, string, number]);
    const fromTar = finalSizes(img.archive.v1);
    expect(new Map(rows.filter((r) => r[1] === 'file').map((r) => [r[0], r[2]]))).toEqual(fromTar);
    const empty = { XDG_CACHE_HOME: join(tmp, 'empty-cache') };
    const fromSaved = diffJson(saved, img.archive.grow, [], empty);
    expect(fromSaved.base).toMatchObject({ from: 'result', walkedLayers: 0, hasFiles: true });
    expect(fromSaved.head.walkedLayers).toBe(5);
    // and it says what the image BASE says
    const { base: _b, head: _h, ...rest } = fromSaved;
    const { base: _b2, head: _h2, ...fromImage } = d;
    expect(rest).toEqual(fromImage);
  });

  test('a saved result without --files: totals, layers and findings, and a note for files', () => {
    const saved = join(tmp, 'v1-nofiles.json');
    expect(run(['analyze', img.archive.v1, '--format', 'json', '--output', saved]).code).toBeLessThan(2);
    const d = diffJson(saved, img.archive.cache);
    expect(d.files).toBeUndefined();
    expect(d.notes.join('\n')).toContain('analyze --files');
    expect(rules(d.findings.new)).toEqual(['package-manager-cache']);
    expect(total(d, 'size')?.delta).toBe(150_000);
  });
});

describe('the same image from another source gives an empty diff', () => {
  const expectEmpty = (d: Diff) => {
    expect(d.layers.added).toEqual([]);
    expect(d.layers.removed).toEqual([]);
    expect(d.files.counts).toEqual({ added: 0, removed: 0, grown: 0, shrunk: 0, changed: 0, metadata: 0 });
    expect(d.findings.new).toEqual([]);
    expect(d.findings.fixed).toEqual([]);
    expect(d.findings.updated).toEqual([]);
    for (const t of d.totals) expect([t.name, t.delta]).toEqual([t.name, 0]);
  };

  test('registry (distribution 2.8, pushed by skopeo) against the docker archive', async () => {
    const reg = await startRegistry({ auth: 'none' });
    try {
      const ref = `docker://${reg.host}/compare/app:v1`;
      await skopeoCopy(`docker-archive:${img.archive.v1}`, ref, reg.skopeoDestArgs);
      const d = diffJson(ref, img.archive.v1, ['--insecure']);
      expectEmpty(d);
      expect(d.base).toMatchObject({ from: 'image' });
    } finally {
      await reg.stop();
    }
  }, 120_000);

  test('the Docker daemon (dockerd 20.10, image loaded from the archive) against a saved result of the archive', async () => {
    const d = await startDockerd();
    try {
      await loadImageArchive(d.socketPath, img.archive.v1);
      const saved = join(tmp, 'v1-for-daemon.json');
      expect(run(['analyze', img.archive.v1, '--files', '--format', 'json', '--output', saved]).code).toBeLessThan(2);
      const dd = diffJson(saved, `docker-daemon:${img.tag('v1')}`, [], { DOCKER_HOST: d.dockerHost });
      expectEmpty(dd);
      expect(dd.head).toMatchObject({ from: 'image' });
    } finally {
      await d.stop();
    }
  }, 180_000);

  test('an OCI archive written by skopeo against the docker archive', () => {
    expectEmpty(diffJson(img.v1OciArchive, img.archive.v1));
  });
});

describe('baselines for analyze', () => {
  test('baseline writes sorted fingerprints (valid against schemas/baseline.schema.json); analyze --baseline fails only on new findings', () => {
    const file = join(tmp, '.layerlint-baseline.json');
    const w = run(['baseline', img.archive.v1, '-o', file]);
    expect(w.code).toBe(0);
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas/baseline.schema.json'), 'utf8'));
    const validate = new (ajvClass(ajv))({ allErrors: true, strict: true }).compile(schema);
    expect(validate(baseline)).toBe(true);
    expect(baseline.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('deleted-but-shipped');

    // without a baseline the reordered image fails on its old findings; with one it passes
    expect(run(['analyze', img.archive.reorder, '--fail-on', 'warning']).code).toBe(1);
    const ok = run(['analyze', img.archive.reorder, '--fail-on', 'warning', '--baseline', file, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).baseline).toMatchObject({ new: 0, absent: 0 });
    // the cache PR brings one new warning: that alone fails it
    const bad = run(['analyze', img.archive.cache, '--fail-on', 'warning', '--baseline', file, '--format', 'json']);
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.stdout);
    expect(result.baseline).toMatchObject({ new: 1 });
    expect(
      result.images[0].findings
        .filter((f: { baselineState: string }) => f.baselineState === 'new')
        .map((f: { ruleId: string }) => f.ruleId),
    ).toEqual(['package-manager-cache']);
    // an image as BASE works the same
    expect(run(['analyze', img.archive.cache, '--fail-on', 'error', '--baseline', img.archive.v1]).code).toBe(0);
  });

  test('SARIF carries baselineState (new, unchanged, absent) and validates against the official 2.1.0 schema', () => {
    const states = (base: string, head: CompareVariant) => {
      const r = run(['diff', base, img.archive[head], '--format', 'sarif']);
      expect(r.code).toBe(0);
      const log = JSON.parse(r.stdout);
      validateSarif(log);
      const results = log.runs[0].results as { ruleId: string; baselineState: string; kind?: string; level: string }[];
      // a fixed finding is not an open problem for a consumer that ignores baselineState
      for (const x of results) expect(x.baselineState === 'absent').toBe(x.kind === 'pass' && x.level === 'none');
      return results.map((x) => `${x.baselineState} ${x.ruleId}`);
    };
    const cache = states(img.archive.v1, 'cache');
    expect(cache).toContain('new package-manager-cache');
    expect(cache.filter((s) => s.startsWith('unchanged')).length).toBeGreaterThanOrEqual(5);
    expect(states(img.archive.v1, 'fix')).toEqual(expect.arrayContaining(['absent deleted-but-shipped']));
    const file = join(tmp, 'b2.json');
    run(['baseline', img.archive.v1, '-o', file]);
    const r = run(['analyze', img.archive.cache, '--baseline', file, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    expect(log.runs[0].results.every((x: { baselineState?: string }) => x.baselineState)).toBe(true);
  });
});

describe('the diff JSON', () => {
  test('validates against schemas/diff.schema.json (with the result schema it refers to)', () => {
    const Ajv = ajvClass(ajv);
    const v = new Ajv({ allErrors: true, strict: true });
    const result = JSON.parse(readFileSync(join(REPO, 'schemas/result.schema.json'), 'utf8'));
    const diff = JSON.parse(readFileSync(join(REPO, 'schemas/diff.schema.json'), 'utf8'));
    (v as unknown as { addSchema(s: object): void }).addSchema(result);
    const validate = v.compile(diff);
    for (const head of ['grow', 'cache', 'fix', 'reorder'] as const) {
      const d = diffJson(img.archive.v1, img.archive[head], ['--paths', '--max-growth', '1%', '--fail-on-new', 'note']);
      if (!validate(d)) throw new Error(JSON.stringify(validate.errors, null, 2));
    }
  });
});
