// action.yml, run as a runner runs it: each `run` step in bash with the runner's files
// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, RUNNER_TOOL_CACHE, ...) and the `${{ }}`
// expressions of its environment filled in; the `uses` steps (setup-node, cache) are the runner's
// to do, so Node is the one running the tests and the caches start empty. The package installed
// is this checkout packed (test/helpers/pack.ts), as the release on the npm registry would be.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { packCleanCopy } from '../helpers/pack.js';
import { REPO_ROOT, validateSarif } from './helpers.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(`${REPO_ROOT}action.yml`, 'utf8')) as Action;
const runSteps = action.runs.steps.filter((s) => s.run !== undefined);

/** `${{ a.b.c }}` filled from `context`; anything but a plain name is an error here */
function expand(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    if (!/^[\w-]+(\.[\w-]+)+$/.test(expr)) throw new Error(`expression the simulated runner cannot fill: ${expr}`);
    let value: unknown = context;
    for (const part of expr.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    return value === undefined ? '' : String(value);
  });
}

/** GITHUB_OUTPUT's lines: name=value, or name<<DELIMITER ... DELIMITER */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

interface ActionRun {
  /** the action's outputs, as a workflow sees them */
  outputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; stdout: string; stderr: string; code: number | null }>;
  summary: string;
  /** the step that failed the action (its exit code), if one did */
  failed?: { step: string; code: number | null };
}

let work: string;
let runner: { temp: string; toolCache: string; workspace: string; home: string };
let tarball: string;

/** Runs the action's `run` steps (or some of them) in order with these inputs, as a runner would. */
function runAction(with_: Record<string, string>, only = runSteps): ActionRun {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = with_[name] ?? input.default ?? '';
  const steps: ActionRun['steps'] = {};
  let summary = '';
  const context = {
    inputs,
    steps,
    github: { action_path: REPO_ROOT.replace(/\/$/, ''), sha: '0'.repeat(40) },
    runner: { temp: runner.temp, tool_cache: runner.toolCache, os: 'Linux', arch: 'X64' },
  };
  for (const [i, step] of only.entries()) {
    if (step.if !== undefined)
      throw new Error(`run step ${step.name} has an if: the simulated runner has no evaluator`);
    expect(step.shell).toBe('bash');
    const files = { output: join(runner.temp, `output-${i}`), summary: join(runner.temp, `summary-${i}`) };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const script = join(runner.temp, `step-${i}.sh`);
    writeFileSync(script, step.run as string);
    // the machine's environment (its CA certificates for the npm registry, ...) as a runner's own
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CACHE_HOME: undefined,
      HOME: runner.home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: runner.workspace,
      GITHUB_ACTION_PATH: context.github.action_path,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runner.temp,
      RUNNER_TOOL_CACHE: runner.toolCache,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(value, context);
    // what GitHub runs for `shell: bash`
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: runner.workspace,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    const id = step.id ?? `step${i}`;
    steps[id] = {
      outputs: parseOutputs(readFileSync(files.output, 'utf8')),
      stdout: r.stdout,
      stderr: r.stderr,
      code: r.status,
    };
    summary += readFileSync(files.summary, 'utf8');
    if (r.status !== 0) {
      return { outputs: actionOutputs(context), steps, summary, failed: { step: id, code: r.status } };
    }
  }
  return { outputs: actionOutputs(context), steps, summary };
}

function actionOutputs(context: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, expand(o.value, context)]));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'll-action-'));
  runner = {
    temp: join(work, 'runner-temp'),
    toolCache: join(work, 'tool-cache'),
    workspace: join(work, 'workspace'),
    home: join(work, 'home'),
  };
  for (const dir of Object.values(runner)) mkdirSync(dir);
  // the user's repository: the image the workflow built, its Dockerfile
  copyFileSync(join(REPO_ROOT, 'fixtures/example/example-image.tar'), join(runner.workspace, 'app.tar'));
  copyFileSync(join(REPO_ROOT, 'fixtures/example/Dockerfile'), join(runner.workspace, 'Dockerfile'));
  tarball = packCleanCopy(work);
  copyFileSync(tarball, join(runner.workspace, basename(tarball)));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('action.yml', () => {
  test('every input and output is documented; Node and the caches are set up by the runner', () => {
    expect(action.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 20]).toEqual([name, true]);
      if (!input.required) expect([name, typeof input.default]).toEqual([name, 'string']);
    }
    for (const [name, output] of Object.entries(action.outputs))
      expect([name, output.description.length > 20]).toEqual([name, true]);
    expect(action.inputs.image.required).toBe(true);
    const uses = action.runs.steps.filter((s) => s.uses);
    expect(uses.map((s) => s.uses)).toEqual(['actions/setup-node@v4', 'actions/cache@v4', 'actions/cache@v4']);
    expect(uses[0].with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    // the layer cache is where layerlint keeps it by default
    expect(uses[2].with?.path).toBe('~/.cache/layerlint');
    // inputs reach scripts through the environment, never pasted into them
    for (const step of runSteps) expect(step.run).not.toMatch(/\$\{\{/);
    // no build and no devDependencies: what runs is the packed package
    for (const step of runSteps) expect(step.run).not.toMatch(/npm ci|npm run build|tsc/);
  });

  test('its scripts pass shellcheck', () => {
    for (const step of runSteps) {
      const r = spawnSync('shellcheck', ['--shell=bash', '-'], { input: step.run, encoding: 'utf8' });
      expect([step.name, r.stdout]).toEqual([step.name, '']);
    }
  });

  test('by default it installs the release its package.json names, from the npm registry, cached', () => {
    const { version } = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8'));
    const run = runAction(
      { image: 'app.tar' },
      runSteps.filter((s) => s.id === 'where'),
    );
    expect(run.steps.where.outputs).toEqual({
      spec: `layerlint@${version}`,
      cacheable: 'true',
      prefix: expect.stringMatching(new RegExp(`^${runner.toolCache}/layerlint/layerlint@${version}-node\\d+$`)),
      key: expect.stringMatching(new RegExp(`^layerlint-Linux-X64-layerlint@${version}-node\\d+$`)),
    });
  });

  test('installs the packed package and gates: outputs, the report and annotations in the log, summary, SARIF', () => {
    const run = runAction({ image: 'app.tar', dockerfile: 'Dockerfile', package: `./${basename(tarball)}` });
    // the example's findings fail the gate: the step fails with layerlint's exit code
    expect(run.failed).toEqual({ step: 'run', code: 1 });
    expect(run.outputs).toEqual({
      sarif: 'layerlint.sarif',
      'exit-code': '1',
      'diff-markdown': '', // no baseline: no diff
      version: expect.stringMatching(/^layerlint \d+\.\d+\.\d+ \(Node v\d+\.\d+\.\d+, linux-x64\)$/),
    });
    expect(run.steps.where.outputs.cacheable).toBe('false'); // a tarball is not cached by name
    expect(existsSync(join(run.steps.where.outputs.prefix, 'lib/node_modules/layerlint/dist/bundle/cli.cjs'))).toBe(
      true,
    );
    // no devDependency installed
    for (const dev of ['typescript', 'jest', 'esbuild', '@biomejs', 'yargs'])
      expect(existsSync(join(run.steps.where.outputs.prefix, 'lib/node_modules/layerlint/node_modules', dev))).toBe(
        false,
      );

    const log = run.steps.run.stdout;
    // the terminal report, then the annotations (workflow commands) on the Dockerfile's lines
    expect(log).toMatch(/^✗ FAIL · \d+ errors?/m);
    expect(log).toMatch(/^::error file=Dockerfile,line=\d+/m);
    expect(log.indexOf('✗ FAIL')).toBeLessThan(log.indexOf('::error'));
    expect(run.steps.run.stderr).toBe('');

    expect(run.summary).toMatch(/^#+ .*layerlint/im);
    expect(run.summary).toContain('app.tar');

    const sarif = JSON.parse(readFileSync(join(runner.workspace, 'layerlint.sarif'), 'utf8'));
    validateSarif(sarif);
    const uris = new Set(
      sarif.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations[0].physicalLocation.artifactLocation.uri,
      ),
    );
    expect([...uris]).toEqual(['Dockerfile']);
  }, 300_000);

  test('a second run uses the installed copy; without annotations and summary only the report is printed', () => {
    const run = runAction({
      image: 'app.tar',
      package: `./${basename(tarball)}`,
      annotations: 'false',
      summary: 'false',
      sarif: '',
      'fail-on': 'none',
      args: '--lowest-efficiency 0 --highest-user-wasted-percent 1',
    });
    expect(run.failed).toBeUndefined();
    expect(run.steps.install.stdout).toBe(''); // npm did not run again
    expect(run.outputs).toMatchObject({ sarif: '', 'exit-code': '0' });
    expect(run.steps.run.stdout).toMatch(/^✓ PASS/m);
    expect(run.steps.run.stdout).not.toContain('::');
    expect(run.summary).toBe('');
  }, 300_000);

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
      'node-version',
    ]) {
      expect(doc).toContain(needle);
    }
    // every input and output is in the docs' table
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(doc).toContain(`| \`${name}\``);
  });
});
