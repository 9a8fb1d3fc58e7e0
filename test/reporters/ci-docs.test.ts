// docs/ci.md stays true: its workflows parse, use only the action's inputs and the CLI's flags, and
// its GitLab note script is the file docs/examples/gitlab-note.mjs.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers.js';

const doc = readFileSync(`${REPO_ROOT}docs/ci.md`, 'utf8');
const action = parse(readFileSync(`${REPO_ROOT}action.yml`, 'utf8'));
const cli = readFileSync(`${REPO_ROOT}src/cli.ts`, 'utf8');
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string);

test('the GitHub workflow uses only inputs the action has, and the baseline and budgets', () => {
  const workflow = parse(blocks('yaml').find((b) => b.includes('.github/workflows')) as string);
  const steps = workflow.jobs.layerlint.steps as { uses?: string; with?: Record<string, unknown> }[];
  const ours = steps.filter((s) => s.uses?.startsWith('layerlint/layerlint'));
  expect(ours).toHaveLength(2);
  for (const s of ours) for (const key of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  expect(ours[1]?.with).toMatchObject({
    baseline: 'layerlint-main.json',
    'max-growth': '5%',
    'fail-on-new': 'warning',
  });
  expect(workflow.permissions).toMatchObject({ 'pull-requests': 'write', 'security-events': 'write' });
  expect(steps.map((s) => s.uses)).toEqual(
    expect.arrayContaining([
      'actions/github-script@v7',
      'github/codeql-action/upload-sarif@v3',
      'actions/cache/restore@v4',
    ]),
  );
});

test('the GitLab pipeline parses and keeps main the result the merge requests download', () => {
  const gitlab = parse(blocks('yaml').find((b) => b.includes('.gitlab-ci.yml')) as string);
  expect(gitlab['layerlint-main'].artifacts.paths).toEqual(['layerlint-main.json']);
  expect(gitlab['layerlint-mr'].script.join('\n')).toContain('job=layerlint-main');
});

test('every layerlint flag the page uses is one the CLI defines', () => {
  const flags = new Set<string>();
  for (const block of [...blocks('yaml'), ...blocks('sh')])
    for (const line of block.split('\n').filter((l) => /layerlint (analyze|diff|baseline)|^\s+--/.test(l)))
      for (const m of line.matchAll(/\s--([a-z][a-z-]+)/g)) flags.add(m[1] as string);
  const known = (f: string) =>
    cli.includes(`.option('${f}'`) || (f.startsWith('no-') && cli.includes(`.option('${f.slice(3)}'`));
  expect(
    [...flags].filter(
      (f) => !known(f) && !['fail', 'silent', 'location', 'header', 'depth', 'no-audit', 'no-fund'].includes(f),
    ),
  ).toEqual([]);
  for (const f of ['files', 'baseline', 'max-growth', 'max-size', 'max-new-waste', 'fail-on-new'])
    expect(flags).toContain(f);
});

test('the note script on the page is docs/examples/gitlab-note.mjs', () => {
  expect(blocks('js')[0]).toBe(readFileSync(`${REPO_ROOT}docs/examples/gitlab-note.mjs`, 'utf8'));
});
