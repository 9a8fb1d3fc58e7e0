import { statSync } from 'node:fs';

/** Where an image reference points, in skopeo's transport vocabulary. */
export type ParsedReference =
  | { kind: 'archive'; path: string; tag?: string }
  | { kind: 'oci-dir'; path: string; tag?: string }
  | { kind: 'stdin' }
  | { kind: 'daemon'; name: string }
  | { kind: 'registry'; name: string }
  | { kind: 'name'; name: string }; // bare name:tag: daemon if one answers, else registry

/**
 * "PATH[:IMAGE]" where IMAGE may hold colons ("app:2", "registry:5000/app:2", "@1"): PATH is the
 * longest prefix that exists, as skopeo resolves it; when none exists, the part before the
 * first colon (so the error names the missing file).
 */
export function splitImage(rest: string): { path: string; tag?: string } {
  if (existsPath(rest)) return { path: rest };
  for (let colon = rest.lastIndexOf(':'); colon > 0; colon = rest.lastIndexOf(':', colon - 1)) {
    if (existsPath(rest.slice(0, colon)))
      return { path: rest.slice(0, colon), tag: rest.slice(colon + 1) || undefined };
  }
  const first = rest.indexOf(':');
  if (first > 0) return { path: rest.slice(0, first), tag: rest.slice(first + 1) || undefined };
  return { path: rest };
}

function existsPath(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function parseReference(ref: string, forced?: 'archive' | 'daemon' | 'registry'): ParsedReference {
  if (ref === '-') return { kind: 'stdin' };
  const scheme = /^([a-z-]+):(.*)$/.exec(ref);
  if (scheme) {
    const [, transport, rest] = scheme;
    switch (transport) {
      case 'docker-archive':
      case 'oci-archive':
        return { kind: 'archive', ...splitImage(rest) };
      case 'oci':
        return { kind: 'oci-dir', ...splitImage(rest) };
      case 'docker-daemon':
        return { kind: 'daemon', name: rest };
      case 'docker':
        return { kind: 'registry', name: rest.replace(/^\/\//, '') };
    }
  }
  if (forced === 'daemon') return { kind: 'daemon', name: ref };
  if (forced === 'registry') return { kind: 'registry', name: ref };
  if (existsPath(ref)) return isDirectory(ref) ? { kind: 'oci-dir', path: ref } : { kind: 'archive', path: ref };
  if (forced === 'archive' || /\.(tar|tgz|tar\.gz|tar\.zst)$/.test(ref) || ref.startsWith('.') || ref.startsWith('/')) {
    return { kind: 'archive', path: ref };
  }
  return { kind: 'name', name: ref };
}
