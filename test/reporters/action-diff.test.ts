// The action's baseline and budget inputs: each reaches `layerlint diff` as its flag, through the
// environment, and the script passes shellcheck.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers.js';

const action = parse(readFileSync(`${REPO_ROOT}action.yml`, 'utf8'));
const cli = readFileSync(`${REPO_ROOT}src/cli.ts`, 'utf8');
const run = action.runs.steps.find((s: { id?: string }) => s.id === 'run');

test.each(['max-growth', 'max-size', 'max-new-waste', 'fail-on-new'])(
  'input %s is a diff flag the CLI knows',
  (name) => {
    expect(action.inputs[name]).toMatchObject({ required: false, default: '' });
    const env = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
    expect(run.env[env]).toBe(`\${{ inputs.${name} }}`);
    expect(run.run).toContain(`diff_args+=(--${name} "$${env}")`);
    expect(cli).toContain(`.option('${name}'`);
  },
);

test('baseline: analyze --baseline, then diff BASELINE IMAGE writing the PR comment', () => {
  expect(action.inputs.baseline).toMatchObject({ required: false, default: '' });
  expect(run.run).toContain('args+=(--baseline "$INPUT_BASELINE")');
  expect(run.run).toContain('diff_args=(diff "$INPUT_BASELINE" "$INPUT_IMAGE"');
  expect(run.run).toContain('--output "markdown=$diff_md"');
  expect(action.outputs['diff-markdown'].value).toBe('${{ steps.run.outputs.diff-markdown }}');
  expect(run.run).not.toMatch(/\$\{\{\s*inputs\./);
});

test('the run script passes shellcheck', () => {
  const which = spawnSync('shellcheck', ['--version']);
  if (which.status !== 0) throw new Error('shellcheck is not installed (scripts/install-system-deps.sh)');
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-action-'));
  try {
    writeFileSync(join(dir, 'run.sh'), `#!/usr/bin/env bash\n${run.run}`);
    const r = spawnSync('shellcheck', ['-s', 'bash', join(dir, 'run.sh')], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
