// `layerlint explore <image>`: the interactive explorer over the same analysis as `analyze`.

import { analyzeImage } from '../analyzers/analyze.js';
import { packagePaths } from '../analyzers/packages/index.js';
import type { FileJob } from '../analyzers/walk/pool.js';
import { WalkPool } from '../analyzers/walk/pool.js';
import { LayerlintError } from '../errors.js';
import { type CommandIO, configFor, ImagePipeline, reportAnalysis, reportSettings } from '../pipeline/index.js';
import type { Loader, Progress } from '../tui/components/Loading.js';
import { createExploreModel } from '../tui/model/explore-model.js';
import { colorEnabled, type ImageArgs, readDockerfile } from './shared.js';

export interface ExploreArgs extends ImageArgs {
  image: string;
  dockerfile?: string;
  color?: boolean;
}

/** Counts layer walks so the loading line can say how far it got. */
class CountingPool extends WalkPool {
  started = 0;
  done = 0;
  constructor(
    jobs: number | undefined,
    private readonly onChange: () => void,
  ) {
    super(jobs);
  }
  override walkFile(job: FileJob) {
    this.started++;
    this.onChange();
    return super.walkFile(job).finally(() => {
      this.done++;
      this.onChange();
    });
  }
}

export function exploreLoader(args: ExploreArgs, io: CommandIO): Loader {
  return async (report: (p: Progress) => void) => {
    const config = await configFor(args, io.cwd);
    const dockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
    const pool: CountingPool = new CountingPool(args.jobs, () =>
      report({ phase: 'reading', done: pool.done, total: pool.started }),
    );
    const pipeline = new ImagePipeline(args, io, pool);
    try {
      const model = await pipeline.open(args.image);
      report({ phase: 'analysing' });
      await new Promise((r) => setImmediate(r)); // let the loading line show the phase
      const analysis = analyzeImage(model);
      return createExploreModel(
        reportAnalysis(analysis, reportSettings(config, dockerfile, args)),
        analysis.stack,
        dockerfile?.text,
        () => packagePaths(analysis.image.layers, analysis.stack),
      );
    } finally {
      await pipeline.close();
    }
  };
}

export async function runExplore(args: ExploreArgs, io: CommandIO): Promise<number> {
  if (!io.stdout.isTTY) {
    throw new LayerlintError('explore needs a terminal (stdout is not a TTY); for a report use `layerlint analyze`');
  }
  if (args.image === '-')
    throw new LayerlintError(
      'explore reads keys from standard input, so it cannot read the image there: save it to a file',
    );
  const color = colorEnabled(args.color, io.stdout);
  // React's production build: its development checks cost more than the explorer's own work per key
  if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
  const [{ render }, { createElement }, { Loading }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../tui/components/Loading.js'),
  ]);
  io.stdout.write('\x1b[?1049h'); // alternate screen, restored on exit
  const app = render(createElement(Loading, { imageRef: args.image, load: exploreLoader(args, io), color }), {
    stdout: io.stdout,
    stdin: io.stdin as NodeJS.ReadStream,
    stderr: io.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 60,
  });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    io.stdout.write('\x1b[?1049l');
  }
  return 0;
}
