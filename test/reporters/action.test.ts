import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers.js';

describe('action.yml', () => {
  const action = parse(readFileSync(`${REPO_ROOT}action.yml`, 'utf8'));

  test('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['image', 'dockerfile', 'config', 'fail-on', 'sarif', 'summary']),
    );
    expect(action.inputs.image.required).toBe(true);
  });

  test('builds this checkout and runs its CLI with SARIF, Markdown summary and annotations', () => {
    const [build, run] = action.runs.steps;
    expect(build['working-directory']).toBe('${{ github.action_path }}');
    expect(build.run).toMatch(/npm ci[^\n]*\n\s*npm run build/);
    expect(run.env.LAYERLINT).toBe('${{ github.action_path }}/bin/layerlint');
    expect(run.run).toContain('--output "sarif=$INPUT_SARIF"');
    expect(run.run).toContain('GITHUB_STEP_SUMMARY');
    expect(run.run).toContain('--format github');
    // inputs reach the script through the environment, never pasted into it
    expect(run.run).not.toMatch(/\$\{\{\s*inputs\./);
  });

  test('the docs show the whole workflow', () => {
    const doc = readFileSync(`${REPO_ROOT}docs/github-code-scanning.md`, 'utf8');
    for (const needle of [
      'docker build',
      'uses: layerlint/layerlint',
      'github/codeql-action/upload-sarif',
      'security-events: write',
      'GITHUB_STEP_SUMMARY',
      'fail-on',
      'if: always()',
    ]) {
      expect(doc).toContain(needle);
    }
  });
});
