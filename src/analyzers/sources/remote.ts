import { LayerlintError } from '../../errors.js';
import type { ImageModel } from '../../model/types.js';
import type { SourceOptions } from './index.js';

export async function openRemoteImage(
  parsed: { kind: 'daemon' | 'registry' | 'name'; name: string },
  _ref: string,
  _opts: SourceOptions,
): Promise<ImageModel> {
  if (parsed.kind === 'name') {
    throw new LayerlintError(`"${parsed.name}" is not a file, and daemon/registry sources are not available in this build`);
  }
  throw new LayerlintError(`${parsed.kind} sources are not available in this build`);
}
