// `layerlint fix --prove --prove-run` end to end with a real dockerd 20.10 (classic builder): the
// busybox-dataset recipe is built as written and as fixed, both images are analysed and run, and
// the report (stdout) must equal the golden: figures of the real builds (the dataset's 468894
// bytes are the deleted-but-shipped waste the fold removes), the fixes with their expected
// savings, the run comparison and the verdict. Needs root and docker.io.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSYBOX_BASE_TAG, busyboxRootfsTar } from '../../fixtures/real/bases.js';
import { REPO_ROOT } from '../../fixtures/real/cache.js';
import { RECIPES_DIR } from '../../fixtures/real-fix/build.js';
import { type DockerdHandle, startDockerd } from '../support/dockerd.js';

const CLI = join(REPO_ROOT, 'bin', 'layerlint');
const GOLDEN = join(REPO_ROOT, 'test', 'fix', 'golden', 'prove-busybox-dataset.txt');

let d: DockerdHandle;
let work: string;

beforeAll(async () => {
  d = await startDockerd();
  d.docker(['import', '--change', 'CMD ["/bin/sh"]', await busyboxRootfsTar(), BUSYBOX_BASE_TAG]);
  work = mkdtempSync(join(tmpdir(), 'layerlint-prove-test-'));
  cpSync(join(RECIPES_DIR, 'busybox-dataset'), work, { recursive: true });
}, 5 * 60_000);

afterAll(async () => {
  await d?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test(
  'fix --prove --prove-run --write: the report of the real rebuild',
  () => {
    const df = join(work, 'Dockerfile');
    const r = spawnSync(process.execPath, [CLI, 'fix', df, '--prove', '--prove-run', '--write'], {
      cwd: work,
      encoding: 'utf8',
      // the 20.10 client and its classic builder, like fixtures/real-fix/build.ts
      env: { ...d.env, PATH: `/usr/bin:${process.env.PATH}`, DOCKER_BUILDKIT: '0' },
      timeout: 10 * 60_000,
    });
    expect({ status: r.status, stderrTail: r.stderr.trim().split('\n').slice(-1)[0] }).toEqual({
      status: 0,
      stderrTail: expect.stringMatching(/^layerlint fix: fixed 4 findings \(expected to save 469 kB\) in /),
    });
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
    // the Dockerfile was written, and no image of the proof is left in the daemon
    expect(readFileSync(df, 'utf8')).toContain('&& rm -f /tmp/dataset.csv');
    expect(d.docker(['images', '-q', 'layerlint-prove']).trim()).toBe('');
  },
  10 * 60_000,
);
