// Properties over every synthesised archive (well-formed, broken, fuzzed): the file reader and the
// one-pass reader agree, and a tar holding an image-archive marker is never read as a rootfs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { loadArchiveFile, loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import type { ImageModel } from '../../src/model/types.js';
import { archiveCorpus, type CorpusCase } from '../helpers/archive-corpus.js';
import { essence } from '../helpers/essence.js';

const pool = new WalkPool(1);
const opts = { limits: DEFAULT_LIMITS, pool };
const dir = mkdtempSync(join(tmpdir(), 'll-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let corpus: CorpusCase[];
beforeAll(async () => {
  corpus = await archiveCorpus(Number(process.env.FUZZ_RUNS ?? 30));
});

type Outcome = { ok: ImageModel } | { refused: string };

async function outcome(load: Promise<ImageModel>): Promise<Outcome> {
  try {
    return { ok: await load };
  } catch (err) {
    if ((err as Error).name !== 'LayerlintError') throw err;
    return { refused: (err as Error).message };
  }
}

/** Member names an independent tar reader (tar-stream) sees, up to where it gives up. */
async function namesSeen(bytes: Buffer): Promise<string[]> {
  const names: string[] = [];
  const extract = tarStream.extract();
  try {
    for await (const entry of Readable.from([bytes]).pipe(extract)) {
      names.push(entry.header.name.replace(/^(?:\.?\/)+/, '').replace(/\/+$/, ''));
      entry.resume();
    }
  } catch {
    // a damaged archive: what was seen before the damage still counts
  }
  return names;
}

const MARKER = /^(manifest\.json|index\.json|oci-layout|repositories|[0-9a-f]{64}\/layer\.tar|sha256:[0-9a-f]{64})$/;

test('the file reader and standard input give the same model, or both refuse', async () => {
  const disagreements: string[] = [];
  for (const [i, c] of corpus.entries()) {
    const path = join(dir, `c${i}.tar`);
    writeFileSync(path, c.bytes);
    const fromFile = await outcome(loadArchiveFile(path, 'x', opts));
    const fromStdin = await outcome(loadArchiveStream(Readable.from([c.bytes]), 'standard input', 'x', opts));
    if ('ok' in fromFile && 'ok' in fromStdin) {
      const [a, b] = [essence(analyzeImage(fromFile.ok)), essence(analyzeImage(fromStdin.ok))];
      if (JSON.stringify(a) !== JSON.stringify(b)) disagreements.push(`${c.name}: different models`);
    } else if ('ok' in fromFile !== 'ok' in fromStdin) {
      // the one exception by design: an image archive whose first file is not an image member
      // cannot be read in one pass, and standard input says so
      const refusal = 'refused' in fromStdin ? fromStdin.refused : '';
      if (!/cannot be read in one pass/.test(refusal)) {
        disagreements.push(
          `${c.name}: file ${'ok' in fromFile ? 'read' : `refused (${fromFile.refused})`}, stdin ${'ok' in fromStdin ? 'read' : `refused (${refusal})`}`,
        );
      }
    }
  }
  expect(disagreements).toEqual([]);
  expect(corpus.length).toBeGreaterThan(100);
}, 300_000);

test('no archive holding an image-archive marker is read as a rootfs', async () => {
  const misread: string[] = [];
  let withMarker = 0;
  for (const [i, c] of corpus.entries()) {
    if (!(await namesSeen(c.bytes)).some((n) => MARKER.test(n))) continue;
    withMarker++;
    const path = join(dir, `m${i}.tar`);
    writeFileSync(path, c.bytes);
    for (const load of [
      () => loadArchiveFile(path, 'x', opts),
      () => loadArchiveStream(Readable.from([c.bytes]), 'standard input', 'x', opts),
    ]) {
      const o = await outcome(load());
      if ('ok' in o && o.ok.format === 'rootfs') misread.push(c.name);
    }
  }
  expect(misread).toEqual([]);
  expect(withMarker).toBeGreaterThan(50);
}, 300_000);
