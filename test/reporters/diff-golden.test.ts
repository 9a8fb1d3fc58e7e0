// Golden outputs of `layerlint diff` (markdown, tty, github) on two fixture images: the app and a
// pull request of it (its binary grew, a pip install added a cache and a new Dockerfile finding).
// The markdown is also shown in docs/diff-comment.md as a pull-request comment renders it: this
// test keeps the page equal to the output. Regenerate with UPDATE_GOLDEN=1 and review.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImageRecipe, modelFromRecipe } from '../../fixtures/builder/index.js';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import type { BudgetSettings } from '../../src/config/types.js';
import { parseBudgets } from '../../src/diff/budgets.js';
import { compareSides } from '../../src/diff/compare.js';
import { sideOfReport } from '../../src/diff/sides.js';
import type { DiffSide } from '../../src/diff/types.js';
import { loadDiffReporter } from '../../src/reporters/diff/index.js';
import { COMMENT_MARKER } from '../../src/reporters/diff/markdown.js';
import { APP_DOCKERFILE, APP_RECIPE, RULES } from './fixtures.js';
import { expectGolden, imageReport, REPO_ROOT } from './helpers.js';

const PR_DOCKERFILE = APP_DOCKERFILE.replace('ENTRYPOINT', 'RUN pip install flask\nENTRYPOINT');

const PR_RECIPE: ImageRecipe = {
  ...APP_RECIPE,
  repoTag: 'app:pr-42',
  layers: [
    ...APP_RECIPE.layers.slice(0, 2),
    {
      ...(APP_RECIPE.layers[2] as ImageRecipe['layers'][number]),
      // the same files, the binary grown
      files: (APP_RECIPE.layers[2] as ImageRecipe['layers'][number]).files.map((f) =>
        f.path === 'app/run' ? { ...f, size: 2_600_000 } : f,
      ),
    },
    APP_RECIPE.layers[3] as ImageRecipe['layers'][number],
    {
      createdBy: '/bin/sh -c pip install flask',
      files: [
        ...['__init__.py', 'app.py', 'cli.py', 'json.py'].map((f, i) => ({
          path: `usr/lib/python3/site-packages/flask/${f}`,
          size: 20_000 * (i + 1),
        })),
        { path: 'root/.cache/pip/http/a/b/c/0123', size: 310_000 },
      ],
    },
  ],
  emptyHistory: APP_RECIPE.emptyHistory?.map((e) => ({ ...e, before: 5 })),
};

async function side(recipe: ImageRecipe, ref: string, dockerfileText: string) {
  const model = await modelFromRecipe(recipe, ref);
  const report = imageReport(model, { dockerfileText, dockerfilePath: 'services/app/Dockerfile', rules: RULES });
  return sideOfReport(report, 'image', model.layers.length, analyzeImage(model));
}

let base: DiffSide;
let head: DiffSide;
beforeAll(async () => {
  base = await side(APP_RECIPE, 'registry.example.com/team/app:main', APP_DOCKERFILE);
  head = await side(PR_RECIPE, 'registry.example.com/team/app:pr-42', PR_DOCKERFILE);
}, 60_000);

async function render(
  format: 'markdown' | 'tty' | 'github',
  budgets: BudgetSettings = { maxGrowth: '5%', failOnNew: 'warning' },
) {
  const result = compareSides(base, head, { budgets: parseBudgets(budgets), version: '0.1.0' });
  return (await loadDiffReporter(format))(result, head, { color: false, width: 100 });
}

describe('layerlint diff goldens', () => {
  test('markdown: marker line first, one-line verdict, table, folded details', async () => {
    const md = await render('markdown');
    expect(md.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(md.split('\n')[1]).toMatch(
      /^### ❌ layerlint: failed: size grew \+1\.11 MB \(\+9\.0%\), budget 5% \(617 kB\): 493 kB over; 1 new finding at warning or worse: pip-no-cache \(3 new, 0 fixed findings\)$/,
    );
    expectGolden('diff.md', md);
  });

  test('docs/diff-comment.md shows exactly that comment', async () => {
    const md = await render('markdown');
    const page = join(REPO_ROOT, 'docs/diff-comment.md');
    const text = readFileSync(page, 'utf8');
    const cut = text.indexOf(COMMENT_MARKER);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(page, `${text.slice(0, cut)}${md}`);
    else expect(text.slice(cut)).toBe(md);
  });

  test('tty', async () => {
    expectGolden('diff.tty.txt', await render('tty'));
  });

  test('github: the verdict, each failed budget, an annotation per new finding only', async () => {
    const out = await render('github');
    expectGolden('diff.github.txt', out);
    expect(out.split('\n')[0]).toMatch(/^::error title=layerlint diff::failed: /);
  });

  test('a passing diff says so in its first line', async () => {
    const md = await render('markdown', { maxGrowth: '50%', failOnNew: 'error' });
    expect(md.split('\n')[1]).toMatch(/^### ✅ layerlint: passed: \+1\.11 MB \(\+9\.0%\), 3 new, 0 fixed findings$/);
  });
});
