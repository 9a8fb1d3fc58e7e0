import { LayerlintError } from '../errors.js';
import type { CommandIO } from './analyze.js';

export async function runExplore(_args: { image: string }, io: CommandIO): Promise<number> {
  if (!io.stdout.isTTY) {
    throw new LayerlintError('explore needs a terminal (stdout is not a TTY); for a report use `layerlint analyze`');
  }
  throw new LayerlintError('explore is not available in this build yet');
}
