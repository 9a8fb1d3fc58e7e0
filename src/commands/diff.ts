// `layerlint diff BASE HEAD`: what changed between two images (or a saved result and an image), and
// whether it stays within the budgets. Exit 0 within them, 1 when one fails, 2 when a side cannot be read.
import type { FailOn } from '../config/types.js';
import { parseBudgets } from '../diff/budgets.js';
import { compareSides } from '../diff/compare.js';
import { openSide } from '../diff/open-side.js';
import type { DiffResult, DiffSide } from '../diff/types.js';
import { LayerlintError } from '../errors.js';
import { type CommandIO, type ConfigArgs, configFor, ImagePipeline, reportSettings } from '../pipeline/index.js';
import { DIFF_FORMATS, type DiffFormat, loadDiffReporter } from '../reporters/diff/index.js';
import { planOutputs, writeOutput } from './analyze.js';
import { colorEnabled, type ImageArgs, readDockerfile, version } from './shared.js';

export interface DiffArgs extends ImageArgs, ConfigArgs {
  base: string;
  head: string;
  format?: string[];
  output?: string[];
  /** HEAD's Dockerfile (and BASE's, unless --base-dockerfile) */
  dockerfile?: string;
  baseDockerfile?: string;
  paths?: string[];
  maxGrowth?: string;
  maxSize?: string;
  maxNewWaste?: string;
  failOnNew?: FailOn;
  color?: boolean;
  sarifUri?: string;
}

export async function compareRefs(args: DiffArgs, io: CommandIO): Promise<{ result: DiffResult; head: DiffSide }> {
  const config = await configFor(args, io.cwd);
  const budgets = parseBudgets({
    ...config.budgets,
    ...(args.maxGrowth !== undefined ? { maxGrowth: args.maxGrowth } : {}),
    ...(args.maxSize !== undefined ? { maxSize: args.maxSize } : {}),
    ...(args.maxNewWaste !== undefined ? { maxNewWaste: args.maxNewWaste } : {}),
    ...(args.failOnNew !== undefined ? { failOnNew: args.failOnNew } : {}),
  });
  const headDockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
  const baseDockerfile = args.baseDockerfile ? readDockerfile(args.baseDockerfile) : headDockerfile;
  const pipeline = new ImagePipeline(args, io);
  try {
    const base = await openSide('BASE', args.base, pipeline, reportSettings(config, baseDockerfile, args), io, false);
    const head = await openSide('HEAD', args.head, pipeline, reportSettings(config, headDockerfile, args), io, true);
    const paths = args.paths?.map((p) => p.trim());
    return { result: compareSides(base, head, { budgets, paths, version: version() }), head };
  } finally {
    await pipeline.close();
  }
}

export async function runDiff(args: DiffArgs, io: CommandIO): Promise<number> {
  const outputs = planOutputs(args.format ?? [], args.output ?? []).map((o) => {
    if (!(DIFF_FORMATS as readonly string[]).includes(o.format))
      throw new LayerlintError(`diff cannot write ${o.format} (choose from ${DIFF_FORMATS.join(', ')})`);
    return { ...o, format: o.format as DiffFormat };
  });
  const { result, head } = await compareRefs(args, io);
  for (const out of outputs) {
    const render = await loadDiffReporter(out.format);
    const text = render(result, head, {
      color: out.file ? false : colorEnabled(args.color, io.stdout),
      width: out.file ? 80 : (io.stdout.columns ?? 80),
      sarifUri: args.sarifUri,
    });
    if (out.file) await writeOutput(out.file, text);
    else io.stdout.write(text);
  }
  return result.exitCode;
}
