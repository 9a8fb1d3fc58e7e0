// Baselines: `layerlint baseline IMG -o .layerlint-baseline.json` writes today's findings by
// fingerprint; `layerlint analyze IMG --baseline BASE` (a baseline file, a saved result or an image)
// then fails only on findings that are new against it.
import type { FailOn } from '../config/types.js';
import { compareFindings } from '../diff/findings.js';
import { openSide } from '../diff/open-side.js';
import type { DiffSide } from '../diff/types.js';
import {
  type CommandIO,
  type ConfigArgs,
  configFor,
  ImagePipeline,
  type ReportSettings,
  reportAnalysis,
  reportSettings,
} from '../pipeline/index.js';
import { buildBaseline } from '../report/baseline.js';
import { failsGate, type ImageReport, RESULT_SCHEMA_VERSION, type RunResult } from '../report/result.js';
import { writeOutput } from './analyze.js';
import { type ImageArgs, readDockerfile, version } from './shared.js';

export interface BaselineSummary {
  ref: string;
  from: DiffSide['from'];
  new: number;
  unchanged: number;
  updated: number;
  absent: number;
}

/** BASE for `analyze --baseline`, opened with the run's pipeline (a saved JSON costs no walk). */
export function openBaseline(ref: string, pipeline: ImagePipeline, settings: ReportSettings, io: CommandIO) {
  return openSide('BASE', ref, pipeline, settings, io);
}

/**
 * Marks each image's findings against BASE and gates on the new ones only: a threshold or finding
 * BASE already had is history, not a regression.
 */
export function applyBaseline(images: ImageReport[], base: DiffSide, failOn: FailOn): BaselineSummary {
  const summary: BaselineSummary = { ref: base.ref, from: base.from, new: 0, unchanged: 0, updated: 0, absent: 0 };
  for (const image of images) {
    const { diff, marked } = compareFindings(base.findings, image.findings);
    image.findings = marked;
    image.absentFindings = diff.fixed;
    image.passed = !failsGate(diff.new, failOn);
    summary.new += diff.new.length;
    summary.unchanged += diff.unchanged.length;
    summary.updated += diff.updated.length;
    summary.absent += diff.fixed.length;
  }
  return summary;
}

export interface BaselineArgs extends ImageArgs, ConfigArgs {
  image: string;
  output?: string;
  dockerfile?: string;
}

export async function runBaseline(args: BaselineArgs, io: CommandIO): Promise<number> {
  const config = await configFor(args, io.cwd);
  const dockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
  const pipeline = new ImagePipeline(args, io);
  let image: ImageReport;
  try {
    const analysis = await pipeline.analyse(args.image, { stderr: io.stderr, lastImage: true });
    image = reportAnalysis(analysis, reportSettings(config, dockerfile, args));
  } finally {
    await pipeline.close();
  }
  const result: RunResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'layerlint', version: version() },
    failOn: config.failOn,
    images: [image],
    exitCode: 0,
  };
  const text = `${JSON.stringify(buildBaseline(result), null, 2)}\n`;
  if (args.output) {
    await writeOutput(args.output, text);
    io.stderr.write(`layerlint: wrote ${image.findings.length} finding fingerprints to ${args.output}\n`);
  } else io.stdout.write(text);
  return 0;
}
