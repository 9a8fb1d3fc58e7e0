import type { LayerMapping } from '../analyzers/dockerfile/types.js';
import { loadConfig } from '../config/load.js';
import { runRules } from '../engine/run-rules.js';
import { LayerlintError } from '../errors.js';
import { runFix } from '../fix/command.js';
import type { ImageAnalysis } from '../model/types.js';
import { type CommandIO, ImagePipeline, mappingFor, reportSettings } from '../pipeline/index.js';
import { allRules } from '../rules/index.js';
import { type ImageArgs, readDockerfile } from './shared.js';

export interface FixArgs extends ImageArgs {
  dockerfile?: string;
  image?: string;
  write: boolean;
}

export async function runFixCommand(args: FixArgs, io: CommandIO): Promise<number> {
  if (!args.dockerfile) {
    throw new LayerlintError(
      'fix needs the Dockerfile: layerlint fix Dockerfile [--image IMAGE] [--write] (see layerlint fix --help)',
    );
  }
  const config = loadConfig({ configPath: args.config, cwd: io.cwd });
  const dockerfile = readDockerfile(args.dockerfile);
  let analysis: ImageAnalysis | undefined;
  let mapping: LayerMapping | undefined;
  if (args.image) {
    const pipeline = new ImagePipeline(args, io);
    try {
      analysis = await pipeline.analyse(args.image, { stderr: io.stderr });
      mapping = mappingFor(analysis, reportSettings(config, dockerfile, args));
    } finally {
      await pipeline.close();
    }
  }
  const findings = runRules({ analysis, dockerfile, mapping, config });
  const needImage = allRules.filter((r) => r.meta.requires === 'image' && r.meta.fixable).map((r) => r.id);
  return runFix({
    dockerfilePath: args.dockerfile,
    write: args.write,
    findings,
    dockerfile,
    stdout: io.stdout,
    stderr: io.stderr,
    ctx: { analysis, mapping },
    notes: args.image
      ? []
      : [`without --image, the fixes that need the built image are not tried: ${needImage.join(', ')}`],
  });
}
