import type { ImageAnalysis } from '../../src/model/types.js';

/** What must not depend on how, or by which tool, the image was stored. */
export function essence(a: ImageAnalysis) {
  return {
    diffIds: a.image.layers.map((l) => l.diffId),
    sizes: a.image.layers.map((l) => l.size),
    createdBy: a.image.layers.map((l) => l.createdBy),
    files: [...a.stack.final.values()].map((e) => [
      e.path,
      e.kind,
      e.size,
      e.mode,
      e.uid,
      e.gid,
      e.digest,
      e.linkTarget,
      e.layer,
    ]),
    removals: a.stack.removals.map((r) => [r.path, r.createdLayer, r.removedLayer, r.by]),
    overwrites: a.stack.overwrites.map((o) => [o.path, o.layer, o.byLayer, o.metadataOnly]),
    efficiency: a.efficiency,
    // skopeo's OCI config drops Docker-only fields (AttachStdin, Hostname...); these survive
    config: (({ User, ExposedPorts, Cmd, Env }) => ({ User, ExposedPorts, Cmd, Env }))(a.image.config.config ?? {}),
  };
}
