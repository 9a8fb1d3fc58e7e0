import { createHash } from 'node:crypto';
import { LayerlintError } from '../../../errors.js';
import { checkShape, type MetadataKind } from '../image-schemas.js';
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

/**
 * Read a member, check its sha256 when the format names one, parse it, and check its shape
 * (`kind`: see image-schemas.ts) so a wrongly typed field is a clear error here.
 */
export async function readJson<T>(
  view: ArchiveView,
  name: string,
  what: string,
  expectedDigest: string | undefined,
  kind: MetadataKind | undefined,
): Promise<{ value: T; digest: string }> {
  const bytes = await view.readBytes(name);
  const digest = sha256(bytes);
  if (expectedDigest && expectedDigest !== digest) {
    throw new LayerlintError(`${what} digest mismatch: expected ${expectedDigest}, content is ${digest}`);
  }
  const value = parseJson<unknown>(bytes, `${what} in ${view.describe}`);
  return { value: kind ? checkShape<T>(value, kind, `${what} in ${view.describe}`) : (value as T), digest };
}

/**
 * Names that carry their digest: "blobs/sha256/<hex>" (OCI), "<hex>.json" / "<hex>.tar" (docker
 * save), "sha256:<hex>" / "<hex>.tar.gz" (go-containerregistry's tarball: crane, kaniko, ko).
 */
export function digestFromName(name: string): string | undefined {
  const blob = /(?:^|\/)blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
  if (blob) return `sha256:${blob[1]}`;
  const flat = /^(?:sha256:)?([0-9a-f]{64})(?:\.json|\.tar|\.tar\.gz)?$/.exec(name);
  if (flat && (name.startsWith('sha256:') || name.includes('.'))) return `sha256:${flat[1]}`;
  return undefined;
}

export function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || !/^[a-z0-9+._-]+$/.test(alg) || !/^[a-f0-9]+$/.test(hex)) {
    throw new LayerlintError(`invalid digest "${digest}"`);
  }
  return `blobs/${alg}/${hex}`;
}
