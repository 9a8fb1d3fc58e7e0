// `layerlint fix --write` end to end, with real builds: for each recipe in fixtures/real-fix/, build
// the image with dockerd's classic builder ("before"), analyse it with the CLI, fix a copy of the
// Dockerfile with the CLI (`fix --write --image before.tar`), build the fixed Dockerfile ("after"),
// analyse that; then check that the fixed image wastes fewer bytes (layerlint's figures, checked
// against an independent reading of the archive), that the fixed rules are gone, that the command
// is the same (exec form of it) and prints the same thing, and that the app's files are there.
// Builds are cached (fixtures/real-fix/build.ts): cold ~5 min on 2 cores, warm a few seconds.
// Needs root, dockerd (docker.io), debootstrap and the Debian mirror (scripts/install-system-deps.sh).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../fixtures/real/cache.js';
import { buildFixImage, type FixBuild } from '../../fixtures/real-fix/build.js';
import { computeWaste, readDockerArchive, type Waste } from '../../fixtures/real-fix/layers.js';
import { ALL_FIX_RECIPES } from '../../fixtures/real-fix/recipes.js';

const CLI = join(REPO_ROOT, 'bin', 'layerlint');
const SETUP_TIMEOUT = 25 * 60_000;

interface Figures {
  diveWastedBytes: number;
  deletedButShippedBytes: number;
}

/** What each recipe must show. Exact byte figures where the build is deterministic (busybox). */
interface Expect {
  /** rules reported on "before" (with a fix, or handled by another rule's fix) that must be gone after */
  fixedRules: string[];
  /** files (and their mode bits that matter) the app needs in the final filesystem */
  needs: { path: string; executable?: boolean }[];
  /** exact figures, before and after */
  exact?: { before: Figures; after: Figures };
  /** the run output both images must print */
  output: string;
}

const EXPECT: Record<string, Expect> = {
  'busybox-dataset': {
    fixedRules: [
      'cleanup-in-separate-layer',
      'deleted-but-shipped',
      'exposed-sensitive-port',
      'missing-user',
      'shell-form-entrypoint',
    ],
    needs: [
      { path: '/app/summarize.sh', executable: true },
      { path: '/app/data/dataset.csv.gz' },
      { path: '/bin/sh' },
      { path: '/bin/zcat' },
    ],
    // /tmp/dataset.csv: `seq 1 80000` = 468894 bytes, created in layer 2 and deleted in layer 3
    exact: {
      before: { diveWastedBytes: 468894, deletedButShippedBytes: 468894 },
      after: { diveWastedBytes: 0, deletedButShippedBytes: 0 },
    },
    output: 'dataset /app/data/dataset.csv.gz: rows=80000 first=1 last=80000\n',
  },
  'debian-apt-report': {
    // deleted-but-shipped stays, without a fix: the debootstrap base itself ships the apt lists
    // (50 MB) that the fixed RUN removes; that waste is the base's, not this Dockerfile's
    fixedRules: [
      'apt-lists-not-removed',
      'apt-no-install-recommends',
      'cleanup-in-separate-layer',
      'missing-user',
      'shell-form-entrypoint',
    ],
    needs: [
      { path: '/app/report.sh', executable: true },
      { path: '/app/config.json' },
      { path: '/usr/bin/jq', executable: true },
      { path: '/usr/bin/ps', executable: true },
    ],
    output: 'service=billing version=2.4.1 replicas=3 queues=invoices,refunds\nps: ok\n',
  },
  'debian-c-static': {
    fixedRules: ['build-toolchain-in-final-image', 'missing-user', 'single-stage-build'],
    needs: [{ path: '/usr/local/bin/wordfreq', executable: true }],
    output: 'words=16 distinct=11 top=the x4\n',
  },
  'debian-gcc-purge': {
    // the purge and the doc removal fold into the install RUN, which also cleans apt's .debs and
    // lists; deleted-but-shipped stays, without a fix: that RUN removes the base's /usr/share/doc and lists
    fixedRules: ['apt-lists-not-removed', 'missing-user', 'package-manager-cache'],
    needs: [
      { path: '/usr/bin/gcc-12', executable: true },
      { path: '/usr/bin/make', executable: true },
    ],
    output: '12\n',
  },
};

/** What the fix must reclaim: at least this share of the reclaimable bytes this Dockerfile's layers cause. */
const MIN_RECLAIMED = 0.85;

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = REPO_ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Finding {
  ruleId: string;
  fix?: unknown[];
  data?: { expectedSavingsBytes?: number };
  related?: string[];
  location?: { line: number };
}
interface Analysis {
  metrics: {
    dive: { wastedBytes: number; imageSize: number };
    corrected: { deletedButShippedBytes: number; imageSize: number; reclaimableBytes: number };
  };
  config: { cmd: string[] | null; entrypoint: string[] | null; user: string | null };
  findings: Finding[];
}

function analyze(archive: string, dockerfile: string): Analysis {
  const r = cli(['analyze', archive, '--dockerfile', dockerfile, '--format', 'json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`analyze ${archive} exited ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { images: Analysis[] }).images[0];
}

/** ["/bin/sh", "-c", "a b c"] (shell form, no shell syntax) -> ["a", "b", "c"]; exec form as is. */
function asExec(cmd: string[] | null): string[] | null {
  if (cmd && cmd.length === 3 && cmd[0] === '/bin/sh' && cmd[1] === '-c' && !/[$*?'"\\;&|<>()`]/.test(cmd[2]))
    return cmd[2].trim().split(/\s+/);
  return cmd;
}

interface Case {
  before: FixBuild;
  after: FixBuild;
  fixRun: CliRun;
  original: string;
  fixed: string;
  beforeAnalysis: Analysis;
  afterAnalysis: Analysis;
  beforeWaste: Waste;
  afterWaste: Waste;
  /** `layerlint fix` on the fixed Dockerfile with the fixed image: nothing left to do */
  again: CliRun;
}

const cases = new Map<string, Case>();
const tmpDirs: string[] = [];

afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
  if (cases.size === 0) return;
  const rows = [...cases].map(([name, c]) => {
    const b = c.beforeAnalysis.metrics;
    const a = c.afterAnalysis.metrics;
    return `${name}: imageSize ${b.corrected.imageSize} -> ${a.corrected.imageSize}; reclaimableBytes ${b.corrected.reclaimableBytes} -> ${a.corrected.reclaimableBytes} (of which the base's files hidden ${c.beforeWaste.baseHiddenBytes} -> ${c.afterWaste.baseHiddenBytes}); dive wastedBytes ${b.dive.wastedBytes} -> ${a.dive.wastedBytes}; deletedButShippedBytes ${b.corrected.deletedButShippedBytes} -> ${a.corrected.deletedButShippedBytes}; imageSize ${b.dive.imageSize} -> ${a.dive.imageSize} (build ${c.before.buildSeconds.toFixed(0)} s + ${c.after.buildSeconds.toFixed(0)} s)`;
  });
  process.stdout.write(`real-build figures:\n  ${rows.join('\n  ')}\n`);
});

describe.each(ALL_FIX_RECIPES)('layerlint fix on a real build: $name', (recipe) => {
  const expectFor = EXPECT[recipe.name];
  let c: Case;

  beforeAll(async () => {
    const before = await buildFixImage(recipe.name, 'before', recipe.base, recipe.dir);
    const original = readFileSync(join(recipe.dir, 'Dockerfile'), 'utf8');
    const beforeAnalysis = analyze(before.archive, join(recipe.dir, 'Dockerfile'));
    const work = mkdtempSync(join(tmpdir(), `layerlint-fix-${recipe.name}-`));
    tmpDirs.push(work);
    cpSync(recipe.dir, work, { recursive: true });
    const df = join(work, 'Dockerfile');
    const fixRun = cli(['fix', df, '--image', before.archive, '--write']);
    const fixed = readFileSync(df, 'utf8');
    const after = await buildFixImage(recipe.name, 'after', recipe.base, work);
    const afterAnalysis = analyze(after.archive, df);
    const again = cli(['fix', df, '--image', after.archive]);
    c = {
      before,
      after,
      fixRun,
      original,
      fixed,
      beforeAnalysis,
      afterAnalysis,
      beforeWaste: computeWaste(readDockerArchive(before.archive).layers),
      afterWaste: computeWaste(readDockerArchive(after.archive).layers),
      again,
    };
    cases.set(recipe.name, c);
  }, SETUP_TIMEOUT);

  test('fix --write exits 0 and rewrites the Dockerfile', () => {
    expect(c.fixRun.stderr).toContain('layerlint fix: fixed');
    expect({ status: c.fixRun.status, stderr: c.fixRun.status === 0 ? '' : c.fixRun.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(c.fixed).not.toBe(c.original);
    expect(c.after.dockerfile).toBe(c.fixed);
  });

  test('the fixed image wastes strictly fewer bytes (layerlint = independent reading)', () => {
    const b = c.beforeAnalysis.metrics;
    const a = c.afterAnalysis.metrics;
    // layerlint's figures match a from-scratch reading of the same archives
    expect(b.dive.wastedBytes).toBe(c.beforeWaste.diveWastedBytes);
    expect(a.dive.wastedBytes).toBe(c.afterWaste.diveWastedBytes);
    expect(b.corrected.deletedButShippedBytes).toBe(c.beforeWaste.deletedButShippedBytes);
    expect(a.corrected.deletedButShippedBytes).toBe(c.afterWaste.deletedButShippedBytes);
    expect(a.dive.wastedBytes).toBeLessThan(b.dive.wastedBytes);
    // the base's files a RUN removes or replaces stay in the base layer whatever the Dockerfile does
    const own = (deleted: number, w: Waste) => Math.max(0, deleted - w.baseHiddenBytes);
    expect(own(a.corrected.deletedButShippedBytes, c.afterWaste)).toBeLessThanOrEqual(
      own(b.corrected.deletedButShippedBytes, c.beforeWaste),
    );
    expect(a.dive.imageSize).toBeLessThan(b.dive.imageSize);
    if (expectFor.exact) {
      expect(b.dive.wastedBytes).toBe(expectFor.exact.before.diveWastedBytes);
      expect(b.corrected.deletedButShippedBytes).toBe(expectFor.exact.before.deletedButShippedBytes);
      expect(a.dive.wastedBytes).toBe(expectFor.exact.after.diveWastedBytes);
      expect(a.corrected.deletedButShippedBytes).toBe(expectFor.exact.after.deletedButShippedBytes);
      // the savings `analyze` announced for the fold are what the rebuild saved, to the byte
      const fold = c.beforeAnalysis.findings.find(
        (f) => f.ruleId === 'deleted-but-shipped' || f.related?.includes('deleted-but-shipped'),
      );
      expect(fold?.data?.expectedSavingsBytes).toBe(b.dive.imageSize - a.dive.imageSize);
    }
  });

  test(`the fix reclaims at least ${MIN_RECLAIMED * 100}% of the reclaimable bytes the Dockerfile's layers cause`, () => {
    // reclaimable = wasted (deleted or replaced but shipped) + duplicates. The base image's files that a
    // RUN removes or replaces (the debootstrap base ships apt's lists, /usr/share/doc) stay in the
    // base layer whatever this Dockerfile does: they are not this Dockerfile's to reclaim.
    const own = (a: Analysis, w: Waste) => a.metrics.corrected.reclaimableBytes - w.baseHiddenBytes;
    const before = own(c.beforeAnalysis, c.beforeWaste);
    const after = own(c.afterAnalysis, c.afterWaste);
    expect(before).toBeGreaterThan(0);
    expect({ before, after, reclaimed: (before - after) / before >= MIN_RECLAIMED }).toEqual({
      before,
      after,
      reclaimed: true,
    });
  });

  test('the fixed rules are no longer reported, and fix has nothing left to do', () => {
    // a rule id counts when it names the finding or is related to it (one problem, one finding)
    const ids = (f: { ruleId: string; related?: string[] }) => [f.ruleId, ...(f.related ?? [])];
    const before = new Set(c.beforeAnalysis.findings.flatMap(ids));
    for (const r of expectFor.fixedRules) expect(before).toContain(r);
    const after = new Set(c.afterAnalysis.findings.flatMap(ids));
    for (const r of expectFor.fixedRules) expect(after).not.toContain(r);
    // nothing the fixer could still fix
    expect(c.afterAnalysis.findings.filter((f) => f.fix).map((f) => f.ruleId)).toEqual([]);
    // on failure the diff shows stderr too
    expect({ ...c.again, stderr: c.again.status === 0 ? '' : c.again.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  test('same command (exec form of it), same output, and the app runs as non-root', () => {
    const b = c.before.inspect.Config;
    const a = c.after.inspect.Config;
    expect(asExec(a.Entrypoint)).toEqual(asExec(b.Entrypoint));
    expect(asExec(a.Cmd)).toEqual(asExec(b.Cmd));
    // the fixed command is exec form already
    expect(asExec(a.Cmd)).toEqual(a.Cmd);
    expect(c.afterAnalysis.config.cmd).toEqual(a.Cmd);
    expect(b.User).toBe('');
    expect(a.User).toMatch(/^[1-9]\d*$/);
    expect(c.before.run).toEqual({ status: 0, stdout: expectFor.output, stderr: '' });
    expect(c.after.run).toEqual({ status: 0, stdout: expectFor.output, stderr: '' });
  });

  test('the files the app needs are in the final filesystem', () => {
    for (const need of expectFor.needs) {
      for (const w of [c.beforeWaste, c.afterWaste]) {
        const e = w.final.get(need.path);
        expect({ path: need.path, present: e !== undefined }).toEqual({ path: need.path, present: true });
        if (need.executable && e?.type === 'file') expect(e.mode & 0o001).toBe(0o001);
      }
    }
  });
});
