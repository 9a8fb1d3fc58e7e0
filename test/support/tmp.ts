import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory under the OS temp dir. Kept short on purpose: unix socket paths
 * (dockerd, containerd, podman) must stay under 108 bytes.
 */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ll-${prefix}-`));
}

export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    // A busy mount left behind must not hide the real test result; say so and move on.
    process.stderr.write(`warning: could not remove ${dir}: ${(err as Error).message}\n`);
  }
}
