// Flips and truncates random bytes of fixture archives: every run must end in a result or a
// LayerlintError (exit 2), within a time bound, never a crash or a hang.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { archiveMembers, buildImage, type ImageRecipe, packMembers } from '../../fixtures/builder/index.js';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { loadArchiveFile, loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { isLayerlintError } from '../../src/errors.js';
import { mutate } from '../helpers/mutate.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const recipe: ImageRecipe = {
  layers: [
    {
      files: [
        { path: 'etc', type: 'dir' },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: 'bin/sh', size: 3000 },
      ],
    },
    {
      files: [
        { path: 'a/b', size: 700 },
        { path: 'a/link', type: 'symlink', target: '/a/b' },
        { path: 'a/hard', type: 'hardlink', target: 'a/b' },
      ],
    },
    {
      files: [
        { path: 'a/b', type: 'whiteout' },
        { path: 'a', type: 'opaque' },
        { path: 'a/c', size: 100 },
      ],
    },
  ],
};

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each([
  ['docker-legacy', 'none'],
  ['oci-archive', 'gzip'],
  ['oci-archive', 'zstd'],
  ['docker-symlinked', 'none'],
] as const)('fuzzing %s (%s layers)', (layout, compression) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let original: Buffer;
  beforeAll(async () => {
    original = await packMembers(archiveMembers(await buildImage(recipe, compression), layout));
  });

  test(`${RUNS} mutations end in a result or a clear error`, async () => {
    const pool = new WalkPool(1);
    const outcomes = { ok: 0, userError: 0 };
    for (let seed = 1; seed <= RUNS; seed++) {
      const bytes = mutate(original, seed * 7919 + layout.length);
      const path = join(dir, `m${seed}.tar`);
      writeFileSync(path, bytes);
      const viaStream = seed % 2 === 0;
      const load = viaStream
        ? loadArchiveStream(Readable.from([bytes]), 'standard input', '-', { limits: DEFAULT_LIMITS, pool })
        : loadArchiveFile(path, path, { limits: DEFAULT_LIMITS, pool });
      try {
        const model = await withTimeout(load, 5000, `seed ${seed}`);
        analyzeImage(model);
        outcomes.ok++;
      } catch (err) {
        if (!isLayerlintError(err)) {
          throw new Error(
            `seed ${seed} (${viaStream ? 'stream' : 'file'}): not a clear error: ${(err as Error).stack}`,
          );
        }
        expect((err as Error).message).not.toMatch(/\n/);
        outcomes.userError++;
      }
    }
    expect(outcomes.ok + outcomes.userError).toBe(RUNS);
    expect(outcomes.userError).toBeGreaterThan(0);
  }, 120_000);
});
