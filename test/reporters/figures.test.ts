// The size figures: defined once, the same in every output, every total the sum of its parts, a
// headline efficiency that rises when waste goes; and the evidence reporters carry (removedPaths,
// SARIF related locations).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImageRecipe, modelFromRecipe } from '../../fixtures/builder/index.js';
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { defaultConfig } from '../../src/config/types.js';
import { reportImage } from '../../src/pipeline/index.js';
import { FIGURE_MEANINGS, figureGlossary, figureLines, figuresOf } from '../../src/report/figures.js';
import type { ImageReport } from '../../src/report/result.js';
import { markdownReporter } from '../../src/reporters/markdown.js';
import { buildSarif } from '../../src/reporters/sarif.js';
import { ttyReporter } from '../../src/reporters/tty.js';
import { DIVE_TAR, openArchive, REPO_ROOT, runResult, validateSarif } from './helpers.js';

const EXAMPLE_DIR = join(REPO_ROOT, 'fixtures/example');
const OPTS = { color: false, width: 100 };

async function example(): Promise<ImageReport> {
  const model = await openArchive(join(EXAMPLE_DIR, 'example-image.tar'), 'example-image.tar');
  const dockerfile = parseDockerfile(readFileSync(join(EXAMPLE_DIR, 'Dockerfile'), 'utf8'), 'Dockerfile');
  return reportImage(model, { config: defaultConfig(), dockerfile });
}

/** Sizes as the markdown layer table prints them, back to bytes (rounded as printed). */
const KB = (text: string) => (text.endsWith(' kB') ? Number.parseFloat(text) * 1000 : Number.parseFloat(text));

describe('figures add up (issue 16, item 1)', () => {
  test("dive's image: wasted = deleted but shipped + overwritten = size - final; reclaimable = wasted + duplicates", async () => {
    const image = await reportImageOf(DIVE_TAR);
    const f = figuresOf(image);
    expect([f.deletedButShipped, f.overwritten, f.duplicates]).toEqual([19215, 12810, 25620]);
    expect(f.wasted).toBe(32025);
    expect(f.wasted).toBe(f.size - f.finalSize);
    expect(f.reclaimable).toBe(57645);
    // the per-layer wasted column is the same figure, split by the layer that shipped the bytes
    expect(image.layers.reduce((n, l) => n + l.wastedBytes, 0)).toBe(f.wasted);
    // dive's figures stay exact beside ours
    expect(f.diveEfficiency).toBe(0.9844212134184309);
    expect(f.diveWasted).toBe(32025);
  });

  test('the example image: the tty, markdown and explorer show the same lines, totals beside their parts', async () => {
    const image = await example();
    const f = figuresOf(image);
    expect(f.wasted).toBe(f.deletedButShipped + f.overwritten);
    expect(f.wasted).toBe(f.size - f.finalSize);
    expect(f.reclaimable).toBe(f.wasted + f.duplicates);
    const lines = figureLines(f);
    expect(lines).toEqual([
      'efficiency 71.69% (final 132 kB of 184 kB) · dive efficiency 78.23%',
      'wasted 52.0 kB = deleted but shipped 37.0 kB + overwritten 15.0 kB',
      'reclaimable 64.0 kB = wasted 52.0 kB + duplicates 12.0 kB',
      'dive wasted 55.0 kB (37.3% of user size; kept copies included)',
    ]);
    const result = runResult([image]);
    const tty = ttyReporter(result, OPTS);
    for (const line of lines) expect(tty).toContain(`  ${line}\n`);
    expect(tty).toMatch(/^ {8}184 kB {3}52\.0 kB {2}total$/m);
    const md = markdownReporter(result, OPTS);
    expect(md).toContain('| Efficiency | 71.69% (final 132 kB of 184 kB) · dive efficiency 78.23% |');
    expect(md).toContain('| Wasted | 52.0 kB = deleted but shipped 37.0 kB + overwritten 15.0 kB |');
    expect(md).toContain('| Reclaimable | 64.0 kB = wasted 52.0 kB + duplicates 12.0 kB |');
    // the layer table's wasted column sums (as printed) to its total row, which is the wasted figure
    const rows = md.split('\n').filter((l) => /^\| \d+ \| /.test(l));
    const column = rows.map((r) => r.split(' | ')[2]).filter((c) => c.trim() !== '');
    expect(column.reduce((n, c) => n + KB(c), 0)).toBe(52000);
    expect(md).toContain('| total | 184 kB | 52.0 kB | | |');
    // no "reclaimable" figure that is not the sum shown beside it
    expect(tty).not.toMatch(/reclaimable [\d.]+ kB(?! =)/);
  });

  test('each figure is defined once, and docs and --help carry that definition', () => {
    const glossary = figureGlossary();
    for (const [name, meaning] of Object.entries(FIGURE_MEANINGS)) expect(glossary).toContain(`${name}: ${meaning}`);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const meaning of Object.values(FIGURE_MEANINGS)) expect(readme).toContain(meaning);
  });
});

async function reportImageOf(path: string): Promise<ImageReport> {
  return reportImage(await openArchive(path, 'image.tar'), { config: defaultConfig() });
}

describe('the headline efficiency moves with the image (item 2)', () => {
  const base = { path: 'etc/os-release', content: 'ID=test\n' };
  // before: a 100 kB directory shipped and deleted by a later `rm -rf` (dive does not see it)
  const before: ImageRecipe = {
    layers: [
      { files: [base, { path: 'bin/app', size: 5000 }] },
      {
        files: [
          { path: 'build', type: 'dir' },
          { path: 'build/cache.bin', size: 100_000 },
        ],
      },
      { files: [{ path: 'build', type: 'whiteout' }] },
    ],
  };
  // after: the cache is gone, only a small chmod re-ships a file (dive does see that)
  const after: ImageRecipe = {
    layers: [
      { files: [base, { path: 'bin/app', size: 5000, mode: 0o644 }] },
      { files: [{ path: 'bin/app', size: 5000, seed: 'bin/app', mode: 0o755 }] },
    ],
  };

  test('the image shrinks by 95 kB: dive efficiency falls, the headline rises', async () => {
    const [b, a] = await Promise.all(
      [before, after].map(async (r) => figuresOf(reportImage(await modelFromRecipe(r), { config: defaultConfig() }))),
    );
    expect(a.size).toBeLessThan(b.size);
    expect(a.diveEfficiency).toBeLessThan(b.diveEfficiency); // dive's own formula, kept exact
    expect(a.efficiency).toBeGreaterThan(b.efficiency);
  });

  test('a duplicate (a note) does not lower the headline', async () => {
    const dup: ImageRecipe = {
      layers: [{ files: [base, { path: 'a.bin', size: 50_000 }, { path: 'b.bin', size: 50_000, seed: 'a.bin' }] }],
    };
    const f = figuresOf(reportImage(await modelFromRecipe(dup), { config: defaultConfig() }));
    expect(f.duplicates).toBe(50_000);
    expect(f.efficiency).toBe(1);
    expect(f.reclaimable).toBe(50_000);
  });
});

describe('evidence in the data (items 4 and 5)', () => {
  test('deleted-but-shipped names the directory `RUN rm -rf /app/build-cache` deleted, not "/"', async () => {
    const image = await example();
    const removed = image.findings.filter((f) => f.ruleId === 'deleted-but-shipped').map((f) => f.data?.removedPaths);
    expect(removed).toEqual([['/app/assets.tgz'], ['/app/build-cache']]);
  });

  test('SARIF: deleted-but-shipped and overwritten-file point at the instruction that shipped the bytes', async () => {
    const image = await example();
    const log = buildSarif(runResult([image]), OPTS);
    validateSarif(log);
    expect(log.runs[0].properties?.figures).toEqual(figuresOf(image));
    const related = (rule: string) =>
      log.runs[0].results
        .filter((r) => r.ruleId === rule)
        .map((r) => [
          r.locations[0].physicalLocation.region.startLine,
          r.relatedLocations?.map((l) => [l.physicalLocation.region.startLine, l.message?.text]),
        ]);
    expect(related('deleted-but-shipped')).toEqual([
      [7, [[6, 'line 6: COPY . /app (layer 3 created the files deleted later)']]],
      [8, [[6, 'line 6: COPY . /app (layer 3 created the files deleted later)']]],
    ]);
    expect(related('overwritten-file')).toEqual([
      [9, [[6, 'line 6: COPY . /app (layer 3 shipped the version replaced later)']]],
    ]);
  });
});
