// One side of a comparison from a reference: a saved JSON is read (no image walk), anything else is
// opened and analysed by the pipeline. A side that cannot be read is named ("BASE x: ...", exit 2).
import { isLayerlintError, LayerlintError } from '../errors.js';
import { type CommandIO, type ImagePipeline, type ReportSettings, reportAnalysis } from '../pipeline/index.js';
import { isSavedJson, readSavedSide, sideOfReport } from './sides.js';
import type { DiffSide } from './types.js';

export async function openSide(
  which: 'BASE' | 'HEAD',
  ref: string,
  pipeline: ImagePipeline,
  settings: ReportSettings,
  io: CommandIO,
  lastImage = false,
): Promise<DiffSide> {
  try {
    if (isSavedJson(ref)) return readSavedSide(ref);
    const before = pipeline.walkedLayers;
    const analysis = await pipeline.analyse(ref, { stderr: io.stderr, lastImage });
    return sideOfReport(reportAnalysis(analysis, settings), 'image', pipeline.walkedLayers - before, analysis);
  } catch (err) {
    if (!isLayerlintError(err)) throw err;
    const message = (err as Error).message;
    throw new LayerlintError(message.startsWith(ref) ? `${which} ${message}` : `${which} ${ref}: ${message}`);
  }
}
