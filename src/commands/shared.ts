import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../analyzers/dockerfile/parse.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import { LayerlintError } from '../errors.js';
import { readInputFileSync } from '../io/input-file.js';

/** far more than any real Dockerfile (the largest public ones are a few hundred KiB) */
export const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;

/** Options every command that opens an image shares (see imageOptions in cli.ts). */
export interface ImageArgs {
  platform?: string;
  source?: 'archive' | 'daemon' | 'registry';
  jobs?: number;
  maxLayerBytes?: string;
  maxEntries?: number;
  target?: string;
  buildArg?: string[];
  config?: string;
  [key: string]: unknown;
}

export function readDockerfile(path: string): DockerfileModel {
  const text = readInputFileSync(path, `Dockerfile ${path}`, MAX_DOCKERFILE_BYTES).toString('utf8');
  return parseDockerfile(text, path);
}

/** key=value pairs from repeated --build-arg flags. */
export function parsePairsOption(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new LayerlintError(`${flag} expects NAME=VALUE, got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export function colorEnabled(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (flag === true) return true;
  return Boolean(stream.isTTY);
}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** A ratio from 0 to 1, written as one ("0.9") or as a percentage ("90%"); anything else is refused. */
export function parseRatio(value: string | number, flag: string): number {
  const text = String(value).trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(text);
  const ratio = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new LayerlintError(`${flag} ${text}: out of range: give a ratio from 0 to 1 (0.9) or a percentage (90%)`);
  }
  return ratio;
}
