import { createHash } from 'node:crypto';
import { LayerlintError } from '../../../errors.js';
import type { ArchiveView } from './view.js';

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (err) {
    throw new LayerlintError(`${what} is not valid JSON (${(err as Error).message})`);
  }
}

/** Read a member, check its sha256 when the format names one, and parse it. */
export async function readJson<T>(
  view: ArchiveView,
  name: string,
  what: string,
  expectedDigest?: string,
): Promise<{ value: T; digest: string }> {
  const bytes = await view.readBytes(name);
  const digest = sha256(bytes);
  if (expectedDigest && expectedDigest !== digest) {
    throw new LayerlintError(`${what} digest mismatch: expected ${expectedDigest}, content is ${digest}`);
  }
  return { value: parseJson<T>(bytes, `${what} in ${view.describe}`), digest };
}

/** "blobs/sha256/<hex>" or "<hex>.json" / "<hex>.tar" names carry their digest. */
export function digestFromName(name: string): string | undefined {
  const blob = /(?:^|\/)blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
  if (blob) return `sha256:${blob[1]}`;
  const flat = /^([0-9a-f]{64})\.(json|tar)$/.exec(name);
  if (flat) return `sha256:${flat[1]}`;
  return undefined;
}

export function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || !/^[a-z0-9+._-]+$/.test(alg) || !/^[a-f0-9]+$/.test(hex)) {
    throw new LayerlintError(`invalid digest "${digest}"`);
  }
  return `blobs/${alg}/${hex}`;
}
