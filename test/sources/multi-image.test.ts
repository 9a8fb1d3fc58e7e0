// `layerlint analyze A B`: one cache and pool for the run, shared layers reported.
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { writeImage } from '../../fixtures/builder/index.js';
import { runAnalyze } from '../../src/commands/analyze.js';
import type { RunResult } from '../../src/report/result.js';
import { makeTempDir, removeDir } from '../support/index.js';
import { baseRecipe } from './helpers/images.js';

function capture() {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  const chunks: Buffer[] = [];
  (s as unknown as PassThrough).on('data', (c: Buffer) => chunks.push(c));
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

test('two images sharing their base: shared layers and per-image shared/unique bytes', async () => {
  const work = makeTempDir('multi');
  try {
    const base = baseRecipe('a');
    const a = join(work, 'a.tar');
    const b = join(work, 'b.tar');
    await writeImage(base, 'docker-legacy', a);
    await writeImage(
      { ...base, layers: [...base.layers.slice(0, 2), { files: [{ path: '/only-b.bin', size: 50_000 }] }] },
      'oci-archive',
      b,
    );
    for (const format of ['json', 'tty']) {
      const stdout = capture();
      const io = { stdout, stderr: capture(), stdin: Readable.from([]) as unknown as NodeJS.ReadableStream, cwd: work };
      await runAnalyze({ refs: [a, b], format: [format], cacheDir: join(work, 'cache'), failOn: 'none' }, io);
      if (format === 'json') {
        const result = JSON.parse(stdout.text()) as RunResult;
        expect(result.sharedLayers).toHaveLength(2);
        expect(result.sharedLayers![0].images).toEqual([a, b]);
        const [sa, sb] = result.sharing!;
        expect(sa.sharedSize).toBe(result.sharedLayers!.reduce((s, l) => s + l.size, 0));
        expect(sa.uniqueSize).toBe(202_000 + 'layer 2 of a\n'.length);
        expect(sb.uniqueSize).toBe(50_000);
      } else {
        expect(stdout.text()).toMatch(/Shared layers \(2 layers are in both images\)/);
      }
    }
  } finally {
    removeDir(work);
  }
});
