/**
 * Normalise a tar member name to an absolute path under "/".
 * Names that are absolute or climb above the root are clamped there and reported as unsafe:
 * nothing is ever written to disk, so this only keeps the model honest.
 */
export function normalizeTarPath(name: string): { path: string; unsafe: boolean } {
  let unsafe = name.startsWith('/');
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) unsafe = true;
      else out.pop();
      continue;
    }
    out.push(part);
  }
  return { path: `/${out.join('/')}`, unsafe };
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** True when `path` is strictly below `dir`. */
export function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return path !== '/';
  return path.length > dir.length && path.startsWith(dir) && path.charCodeAt(dir.length) === 47;
}
