import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageConfig } from '../../src/model/types.js';

/** Config JSON of a `docker save` archive, read with the tar CLI (independent of layerlint). */
export function savedConfig(archive: string): ImageConfig {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-config-'));
  try {
    execFileSync('tar', ['-xf', archive, '-C', dir, 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { Config: string }[];
    const configName = manifest[0]?.Config as string;
    execFileSync('tar', ['-xf', archive, '-C', dir, configName]);
    return JSON.parse(readFileSync(join(dir, configName), 'utf8')) as ImageConfig;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
