/**
 * Normalise a tar member name to an absolute path under "/".
 * Names that are absolute or climb above the root are clamped there and reported as unsafe:
 * nothing is ever written to disk, so this only keeps the model honest.
 */
export function normalizeTarPath(name: string): { path: string; unsafe: boolean } {
  // fast path for ordinary names ("usr/bin/env", "./etc/", "var/lib/"): no empty, "." or ".."
  // segment after an optional "./" prefix, so nothing to split, drop or climb (a "/." anywhere,
  // as in a dot file, takes the general path below)
  const start = name.charCodeAt(0) === 46 && name.charCodeAt(1) === 47 ? 2 : 0;
  if (
    name.length > start &&
    name.charCodeAt(start) !== 46 &&
    name.charCodeAt(start) !== 47 &&
    !name.includes('//', start) &&
    !name.includes('/.', start)
  ) {
    const end = name.charCodeAt(name.length - 1) === 47 ? name.length - 1 : name.length;
    return { path: `/${name.slice(start, end)}`, unsafe: false };
  }
  return normalizeSlow(name);
}

function normalizeSlow(name: string): { path: string; unsafe: boolean } {
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
