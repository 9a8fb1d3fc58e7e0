import { statSync } from 'node:fs';

/** Where an image reference points, in skopeo's transport vocabulary. */
export type ParsedReference =
  | { kind: 'archive'; path: string; tag?: string }
  | { kind: 'oci-dir'; path: string; tag?: string }
  | { kind: 'stdin' }
  | { kind: 'daemon'; name: string }
  | { kind: 'registry'; name: string }
  | { kind: 'name'; name: string }; // bare name:tag: daemon if one answers, else registry

/** "path:tag" where the tag part cannot contain a slash; a bare path stays whole. */
function splitTag(rest: string): { path: string; tag?: string } {
  const colon = rest.lastIndexOf(':');
  if (colon > 0 && !rest.slice(colon + 1).includes('/') && !existsPath(rest)) {
    return { path: rest.slice(0, colon), tag: rest.slice(colon + 1) || undefined };
  }
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
        return { kind: 'archive', ...splitTag(rest) };
      case 'oci':
        return { kind: 'oci-dir', ...splitTag(rest) };
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
