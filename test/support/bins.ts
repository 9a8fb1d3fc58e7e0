import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const INSTALL_HINT = 'run scripts/install-system-deps.sh (as root) to install the Debian packages the real tests need';

/** Absolute path of an executable, from an absolute candidate or PATH (plus the sbin dirs). */
export function findBinary(name: string): string | undefined {
  const candidates = name.startsWith('/')
    ? [name]
    : [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin']
        .filter((d) => d !== '')
        .map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Like findBinary, but throws a loud, actionable error: these tests must never skip silently. */
export function requireBinary(name: string, pkg: string): string {
  const found = findBinary(name);
  if (found === undefined) {
    throw new Error(`required binary '${name}' (Debian package ${pkg}) not found: ${INSTALL_HINT}`);
  }
  return found;
}

/** The 20.10 client from the docker.io package; the 28.x client first on PATH does not match dockerd 20.10. */
export const dockerClient = (): string => requireBinary('/usr/bin/docker', 'docker.io');
