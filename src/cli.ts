// layerlint command line: yargs commands analyze (default), rules, fix, explore.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { type AnalyzeArgs, runAnalyze } from './commands/analyze.js';
import { version } from './commands/shared.js';
import { isLayerlintError } from './errors.js';
import type { CommandIO } from './pipeline/index.js';
import { printable } from './printable.js';
import { figureGlossary } from './report/figures.js';
import { FORMATS } from './reporters/index.js';

const io: CommandIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  // opened only by a command that reads it (an image on stdin, --password-stdin, explore's keys)
  get stdin() {
    return process.stdin;
  },
  cwd: process.cwd(),
};

function imageOptions(y: Argv) {
  return y
    .option('platform', {
      type: 'string',
      describe: "os/arch[/variant] to pick from a multi-platform index (default: the host's)",
    })
    .option('source', {
      choices: ['archive', 'daemon', 'registry'] as const,
      describe: 'where a bare name is looked up (default: daemon, then registry)',
    })
    .option('jobs', { type: 'number', describe: 'layers walked in parallel (default: CPU count)' })
    .option('max-layer-bytes', {
      type: 'string',
      describe: 'refuse a layer that expands past this size (default 64GiB)',
    })
    .option('max-entries', {
      type: 'number',
      describe: 'refuse an image whose layers hold more tar entries in all (default 4000000)',
    })
    .option('host', {
      type: 'string',
      describe:
        'daemon address, unix:///path or tcp://host:port (default: DOCKER_HOST, CONTAINER_HOST, /var/run/docker.sock)',
    })
    .option('username', { type: 'string', describe: 'registry user name (password with --password-stdin)' })
    .option('password-stdin', { type: 'boolean', describe: 'read the registry password from standard input' })
    .option('insecure', { type: 'boolean', describe: 'registry over plain HTTP or with an unverified TLS certificate' })
    .option('cert-dir', {
      type: 'string',
      describe:
        'registry TLS files: *.crt CAs to trust, NAME.cert + NAME.key client certificate (default: certs.d/HOST[:PORT] under ~/.config/containers, /etc/containers, /etc/docker)',
    })
    .option('concurrency', { type: 'number', describe: 'registry layers downloaded at once (default 3)' })
    .option('timeout', {
      type: 'number',
      describe:
        'seconds (default 60) a daemon/registry may send nothing, take for response headers or a manifest/config/token body, or send a layer below 1 KiB/s; also the longest Retry-After honoured',
    })
    .option('cache-dir', {
      type: 'string',
      describe: 'layer cache directory (default $XDG_CACHE_HOME/layerlint or ~/.cache/layerlint)',
    })
    .option('cache', {
      type: 'boolean',
      describe: 'reuse layer walks across runs (--no-cache: neither read nor write the cache)',
    })
    .option('cache-max', {
      type: 'string',
      describe: 'layer cache size bound, least recently used layers go first (default 2GiB)',
    })
    .group(['platform', 'source'], GROUP.image)
    .group(['host', 'username', 'password-stdin', 'insecure', 'cert-dir', 'concurrency', 'timeout'], GROUP.remote)
    .group(['jobs', 'max-layer-bytes', 'max-entries', 'cache-dir', 'cache', 'cache-max'], GROUP.limits);
}

/** The --help sections, in the order they print. */
const GROUP = {
  image: 'Image source and Dockerfile:',
  output: 'Output:',
  gate: 'CI gate:',
  remote: 'Registry and daemon:',
  limits: 'Limits and cache:',
} as const;

/** Declares the --help sections in the order they print (yargs prints groups in first-use order). */
function orderGroups(y: Argv): Argv {
  return Object.values(GROUP).reduce((acc, name) => acc.group([], name), y);
}

function analyzeOptions(y: Argv) {
  return reportOptions(
    imageOptions(
      orderGroups(
        y.positional('image', {
          type: 'string',
          array: true,
          describe: 'image reference(s): archive path, oci:DIR, -, docker-daemon:NAME, docker://REF',
        }),
      ),
    ),
  )
    .option('baseline', {
      type: 'string',
      describe: 'fail only on findings new against this: a baseline file, a saved JSON result or an image',
    })
    .option('files', {
      type: 'boolean',
      describe: 'include the final filesystem in the JSON result (so `layerlint diff` can compare files with it)',
    })
    .group(['baseline'], GROUP.gate)
    .group(['files'], GROUP.output);
}

/** What analyze and diff share: formats, outputs, the Dockerfile, the config and its overrides. */
function reportOptions(y: Argv) {
  return y
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      choices: FORMATS,
      describe: 'report format (repeatable)',
    })
    .option('output', {
      alias: 'o',
      type: 'string',
      array: true,
      describe:
        'write a report to a file: FORMAT=FILE, or FILE named .json .sarif .md .txt (repeatable; the directory must exist)',
    })
    .option('dockerfile', {
      type: 'string',
      describe: 'the Dockerfile that built the image: findings point at its lines',
    })
    .option('target', { type: 'string', describe: 'the Dockerfile stage the image was built from (default: last)' })
    .option('build-arg', { type: 'string', array: true, describe: 'NAME=VALUE used when the image was built' })
    .option('config', {
      alias: 'c',
      type: 'string',
      describe: 'config file (default: .layerlint.yaml/.json found upward)',
    })
    .option('ci-config', { type: 'string', describe: "dive's .dive-ci file for CI thresholds" })
    .option('fail-on', {
      choices: ['error', 'warning', 'note', 'none'] as const,
      describe: 'lowest severity that fails the run (default: error)',
    })
    .option('lowest-efficiency', {
      type: 'string',
      describe: 'fail below this dive efficiency: a ratio or a percentage (0.9 or 90%; default 90%)',
    })
    .option('highest-wasted-bytes', { type: 'string', describe: 'fail above this many wasted bytes (e.g. 20MB)' })
    .option('highest-user-wasted-percent', {
      type: 'string',
      describe: 'fail above this dive wasted / user size: a ratio or a percentage (0.1 or 10%; default 10%)',
    })
    .option('sarif-uri', { type: 'string', describe: 'Dockerfile path relative to the repository root, for SARIF' })
    .option('color', {
      type: 'boolean',
      describe: 'colour output (default: when stdout is a terminal; NO_COLOR disables)',
    })
    .group(['dockerfile', 'target', 'build-arg'], GROUP.image)
    .group(['format', 'output', 'color', 'sarif-uri'], GROUP.output)
    .group(
      ['fail-on', 'lowest-efficiency', 'highest-wasted-bytes', 'highest-user-wasted-percent', 'config', 'ci-config'],
      GROUP.gate,
    );
}

/** `diff BASE HEAD`: the analyze options plus the budgets and --paths. */
function diffOptions(y: Argv) {
  return reportOptions(imageOptions(orderGroups(y)))
    .positional('base', { type: 'string', demandOption: true, describe: 'BASE: image reference or saved JSON result' })
    .positional('head', { type: 'string', demandOption: true, describe: 'HEAD: image reference or saved JSON result' })
    .option('base-dockerfile', { type: 'string', describe: "BASE's Dockerfile (default: --dockerfile)" })
    .option('paths', {
      type: 'string',
      array: true,
      describe: 'list every changed file under these directories (no value: all)',
    })
    .option('max-growth', { type: 'string', describe: 'fail when the image grows more than this: 5% or 20MB' })
    .option('max-size', { type: 'string', describe: "fail when HEAD's image size is above this (e.g. 300MB)" })
    .option('max-new-waste', {
      type: 'string',
      describe: 'fail when deleted-but-shipped + overwritten + duplicate bytes grow more than this',
    })
    .option('fail-on-new', {
      choices: ['error', 'warning', 'note', 'none'] as const,
      describe: 'fail on findings new against BASE at or above this severity',
    })
    .group(['base-dockerfile'], GROUP.image)
    .group(['paths'], GROUP.output)
    .group(['max-growth', 'max-size', 'max-new-waste', 'fail-on-new'], GROUP.gate);
}

/** yargs swallows a lone "-": carry it through as a placeholder and restore it in the handlers. */
const STDIN_PLACEHOLDER = '\u0000stdin';
const restoreStdin = (refs: string[]) => refs.map((r) => (r === STDIN_PLACEHOLDER ? '-' : r));

/**
 * A reader that stops early (`layerlint … | head`) closes the pipe: what is left to write has no
 * reader, which is that reader's choice, not an error. Without a listener the EPIPE would end the
 * process with Node's stack trace; the run still ends with its verdict's exit code.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

async function main(rawArgv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const dashDash = rawArgv.indexOf('--');
  const argv = rawArgv.map((a, i) => (a === '-' && (dashDash < 0 || i < dashDash) ? STDIN_PLACEHOLDER : a));
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const run = (fn: () => Promise<number>) => async () => {
    exitCode = await fn();
  };
  const parser = yargs(argv)
    .scriptName('layerlint')
    .usage(
      '$0 <command> [options]\n\nShows, with evidence and a fix, what makes a container image big, slow to ship or unsafe.',
    )
    .command(
      ['analyze [image..]', '$0 [image..]'],
      'analyse image(s): efficiency, wasted bytes, findings',
      (y) =>
        analyzeOptions(y)
          .example('$0 analyze image.tar', 'docker save output, OCI archive or rootfs tar')
          .example('docker save app | $0 analyze -', 'read the archive from standard input')
          .example(
            '$0 analyze app.tar --dockerfile Dockerfile --format sarif -o sarif=out.sarif',
            'findings on Dockerfile lines',
          ),
      (a) =>
        run(() =>
          runAnalyze(
            { ...(a as unknown as AnalyzeArgs), refs: restoreStdin((a.image as string[] | undefined) ?? []) },
            io,
          ),
        )(),
    )
    .command(
      'diff <base> <head>',
      'compare two images (or a saved result and an image): sizes, layers, files, findings; gate on budgets',
      (y) =>
        diffOptions(y)
          .example('$0 diff main.json pr.tar --max-growth 5%', "compare with main's saved result")
          .example('$0 diff docker://reg/app:1 app.tar --format markdown', 'a pull-request comment'),
      (a) =>
        run(async () =>
          (await import('./commands/diff.js')).runDiff(
            {
              ...(a as never as object),
              base: restoreStdin([a.base as string])[0],
              head: restoreStdin([a.head as string])[0],
            } as never,
            io,
          ),
        )(),
    )
    .command(
      'baseline <image>',
      "write the fingerprints of today's findings: `analyze --baseline FILE` then fails only on new ones",
      (y) =>
        imageOptions(y)
          .positional('image', { type: 'string', demandOption: true })
          .option('output', { alias: 'o', type: 'string', describe: 'file to write (default: standard output)' })
          .option('dockerfile', { type: 'string', describe: 'the Dockerfile that built the image' })
          .option('target', { type: 'string' })
          .option('build-arg', { type: 'string', array: true })
          .option('config', { alias: 'c', type: 'string' }),
      (a) =>
        run(async () =>
          (await import('./commands/baseline.js')).runBaseline(
            { ...(a as never as object), image: restoreStdin([a.image as string])[0] } as never,
            io,
          ),
        )(),
    )
    .command(
      'rules',
      'list the rule catalog',
      (y) => y.option('format', { choices: ['tty', 'json', 'markdown'] as const, default: 'tty' as const }),
      (a) =>
        run(async () =>
          (await import('./commands/rules.js')).runRulesCommand(a as { format: 'tty' | 'json' | 'markdown' }, io),
        )(),
    )
    .command(
      'fix [dockerfile]',
      'rewrite the Dockerfile to fix what the analysis found (prints a diff unless --write)',
      (y) =>
        imageOptions(y)
          .positional('dockerfile', { type: 'string', describe: 'the Dockerfile to rewrite' })
          .option('image', { type: 'string', describe: 'the image built from it, for image findings' })
          .option('write', { type: 'boolean', default: false, describe: 'apply the fixes to the file (atomically)' })
          .option('prove', {
            type: 'boolean',
            default: false,
            describe:
              'build the original and the fixed Dockerfile (DOCKER_HOST daemon, else buildah) and report what the fixes saved',
          })
          .option('prove-run', {
            type: 'boolean',
            default: false,
            describe: "with --prove: run both images' default command and compare exit code and output",
          })
          .option('target', { type: 'string' })
          .option('build-arg', { type: 'string', array: true })
          .option('config', { alias: 'c', type: 'string' }),
      (a) =>
        run(async () =>
          (await import('./commands/fix.js')).runFixCommand(
            { ...(a as never as object), image: a.image ? restoreStdin([a.image as string])[0] : undefined } as never,
            io,
          ),
        )(),
    )
    .command(
      'explore <image>',
      'explore an image interactively (layers, files, findings; keys: explore --help)',
      (y) =>
        imageOptions(y)
          .usage(
            [
              '$0 explore <image>',
              '',
              'Interactive explorer; needs a terminal (for a report use `analyze`). Keys:',
              'Tab / Shift+Tab   next / previous pane: layers, files, findings',
              '↑ ↓ or j k        move; in layers it selects the layer',
              'PgUp PgDn         page;   Home End or g G: first / last row',
              'Space or Enter    collapse / expand the directory',
              '← → or h l        collapse or go up / expand or step in',
              'c e               collapse all / expand all (Ctrl+Space: collapse all)',
              "a                 layer's changes / filesystem up to it (Ctrl+A, Ctrl+L)",
              's                 sort by name / by size (Ctrl+O)',
              'o                 only changed paths (Ctrl+U)',
              '/                 filter paths (Ctrl+F); Enter keeps it, Esc clears it',
              'b B               next / previous largest file',
              '+ - ~ =           hide / show added, removed, modified, unchanged files',
              'm                 mode and uid:gid columns (Ctrl+B)',
              'd                 details of the selected finding or layer (fix as a diff, digest...)',
              'Enter (findings)  select the finding: its layer, its paths revealed',
              '?                 help (the whole window);   q or Ctrl+C: quit',
              'Marks: + added, ~ modified, - removed (colour too, unless NO_COLOR).',
              'More: docs/explore.md',
            ].join('\n'),
          )
          .positional('image', {
            type: 'string',
            demandOption: true,
            describe: 'image reference: archive path, oci:DIR, docker-daemon:NAME, docker://REF',
          })
          .option('dockerfile', {
            type: 'string',
            describe: 'the Dockerfile that built the image: layers show its lines',
          })
          .option('target', {
            type: 'string',
            describe: 'the Dockerfile stage the image was built from (default: last)',
          })
          .option('build-arg', { type: 'string', array: true, describe: 'NAME=VALUE used when the image was built' })
          .option('config', {
            alias: 'c',
            type: 'string',
            describe: 'config file (default: .layerlint.yaml/.json found upward)',
          })
          .option('color', { type: 'boolean', describe: 'colour (default: on in a terminal; NO_COLOR disables)' }),
      (a) =>
        run(async () => {
          // Ink renders only a final frame when it believes it runs in CI (CI=true): an interactive
          // session in a real terminal must not inherit that. Ink reads the variable when loaded.
          if (process.stdout.isTTY) {
            delete process.env.CI;
            delete process.env.CONTINUOUS_INTEGRATION;
          }
          return (await import('./commands/explore.js')).runExplore(
            { ...(a as never as object), image: restoreStdin([a.image as string])[0] } as never,
            io,
          );
        })(),
    )
    .option('debug', { type: 'boolean', describe: 'print stack traces on errors' })
    .epilog(
      `Figures (every total is the sum of the parts shown beside it):\n${figureGlossary()}\n\nExit codes: 0 passed, 1 findings at/above --fail-on or a threshold failed, 2 could not run.\nDocs: docs/rules/<rule-id>.md for every rule; \`layerlint rules\` lists them.`,
    )
    .strict()
    .version(`layerlint ${version()} (Node ${process.version}, ${process.platform}-${process.arch})`)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 80))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  skipHelpCache(parser);
  try {
    await parser.parseAsync(hideBin(['node', 'layerlint', ...argv]));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`layerlint: ${printable(err.message)}\nRun \`layerlint --help\` for usage.\n`);
      return 2;
    }
    if (isLayerlintError(err)) {
      process.stderr.write(`layerlint: ${printable((err as Error).message)}\n`);
      if (debug) process.stderr.write(`${(err as Error).stack}\n`);
      return 2;
    }
    const e = err as Error;
    process.stderr.write(
      `layerlint: internal error: ${printable(String(e?.message ?? e))} (this is a bug; rerun with --debug for details)\n`,
    );
    if (debug) process.stderr.write(`${e?.stack}\n`);
    return 2;
  }
  return exitCode;
}

class UsageError extends Error {}

/**
 * yargs renders the whole help text after starting a named command's handler (to serve showHelp()
 * from inside it, which layerlint never calls): ~40 ms of string measuring on every run.
 */
function skipHelpCache(parser: Argv): void {
  const usage = (
    parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }
  )
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
