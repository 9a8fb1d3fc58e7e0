// Which kind of archive a tar is, decided from its member names (pure; no I/O). Any image-archive
// marker makes it an image archive, read as one or refused; only a tar with none is a rootfs.

/** A member name as the layouts refer to it: no leading "./" or "/", no trailing "/". */
export function memberName(raw: string): string {
  return raw.replace(/^(?:\.?\/)+/, '').replace(/\/+$/, '');
}

const HEX64 = '[0-9a-f]{64}';
/** Names that make a tar an image archive whatever else it holds. */
const MARKER = new RegExp(
  `^(manifest\\.json|index\\.json|oci-layout|repositories|${HEX64}/layer\\.tar|sha256:${HEX64})$`,
);

export function isImageMarker(name: string): boolean {
  return MARKER.test(name);
}

/**
 * Names only an image archive's members have (markers, blobs, per-layer folders, digest-named
 * blobs): a one-pass reader that meets one of these first reads on as an image archive, otherwise
 * as a rootfs, and checks its guess once every name is known.
 */
const IMAGE_MEMBER = new RegExp(
  `^(manifest\\.json|index\\.json|oci-layout|repositories|blobs(/.*)?|sha256:${HEX64}|${HEX64}(/.*|\\.json|\\.tar|\\.tar\\.gz)?)$`,
);

export function looksLikeImageMember(name: string): boolean {
  return IMAGE_MEMBER.test(name);
}

export type Layout =
  | { kind: 'docker-save' }
  | { kind: 'docker-save-v1' } // before Docker 1.10: repositories and a parent chain, no manifest.json
  | { kind: 'oci-layout' }
  | { kind: 'rootfs' }
  | { kind: 'refuse'; reason: string };

/**
 * Decide from every member name (normalised with memberName). A docker save's manifest.json wins
 * over index.json (Docker 25+ and containerd write both; Docker 25+ may leave index.json's
 * manifests null) unless the caller found manifest.json unusable.
 */
export function decideLayout(names: Iterable<string>): Layout {
  const has = new Set<string>();
  let layerFolder: string | undefined;
  let configBlob: string | undefined;
  for (const name of names) {
    if (!isImageMarker(name)) continue;
    has.add(name);
    if (name.endsWith('/layer.tar')) layerFolder ??= name;
    if (name.startsWith('sha256:')) configBlob ??= name;
  }
  if (has.size === 0) return { kind: 'rootfs' };
  if (has.has('manifest.json')) return { kind: 'docker-save' };
  if (has.has('index.json')) return { kind: 'oci-layout' };
  if (has.has('oci-layout')) return { kind: 'refuse', reason: 'an OCI layout (oci-layout) without index.json' };
  if (has.has('repositories') && layerFolder) return { kind: 'docker-save-v1' };
  const found = layerFolder ?? configBlob ?? 'repositories';
  return { kind: 'refuse', reason: `an image archive (it has "${found}") without manifest.json or index.json` };
}

/** The first image marker among a rootfs walk's paths ("/manifest.json"), if any. */
export function markerAmongPaths(paths: Iterable<string>): string | undefined {
  for (const path of paths) {
    const name = memberName(path);
    if (isImageMarker(name)) return name;
  }
  return undefined;
}
