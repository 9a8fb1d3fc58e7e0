import { analyzeImage } from '../analyzers/analyze.js';
import { mapHistoryToDockerfile } from '../analyzers/dockerfile/mapping.js';
import type { LayerMapping } from '../analyzers/dockerfile/types.js';
import { WalkPool } from '../analyzers/walk/pool.js';
import { loadConfig } from '../config/load.js';
import { runRules } from '../engine/run-rules.js';
import { LayerlintError } from '../errors.js';
import { runFix } from '../fix/command.js';
import type { ImageAnalysis } from '../model/types.js';
import { allRules } from '../rules/index.js';
import { type CommandIO, layerCacheFor, openForCommand } from './analyze.js';
import { type ImageArgs, parsePairsOption, readDockerfile } from './shared.js';

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
    const pool = new WalkPool(args.jobs);
    const layerCache = layerCacheFor(args);
    try {
      const model = await openForCommand(args.image, args, io, pool, layerCache, { stderr: io.stderr });
      analysis = analyzeImage(model);
      mapping = mapHistoryToDockerfile(model.history, model.layers.length, dockerfile, {
        target: args.target,
        buildArgs: parsePairsOption(args.buildArg, '--build-arg'),
      });
    } finally {
      await pool.close();
      await layerCache.flush();
    }
  }
  const findings = runRules({ analysis, dockerfile, mapping, config });
  if (!args.image) {
    const needImage = allRules.filter((r) => r.meta.requires === 'image' && r.meta.fixable).map((r) => r.id);
    io.stderr.write(
      `layerlint fix: without --image, the fixes that need the built image are not tried: ${needImage.join(', ')}\n`,
    );
  }
  return runFix({
    dockerfilePath: args.dockerfile,
    write: args.write,
    findings,
    dockerfile,
    stdout: io.stdout,
    stderr: io.stderr,
    ctx: { analysis, mapping },
  });
}
