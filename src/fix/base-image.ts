import type { DockerfileModel, DockerStage } from '../analyzers/dockerfile/types.js';
import type { ImageAnalysis } from '../model/types.js';

export type UserTool = 'useradd' | 'adduser' | 'none';

/** Follows `FROM <earlier stage name>` back to an external image reference. */
export function externalBase(df: DockerfileModel, stage: DockerStage): string {
  let s: DockerStage | undefined = stage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    const ref = s.baseImage.trim();
    const prev: DockerStage | undefined = df.stages.find(
      (x) => x.index < s!.index && x.name?.toLowerCase() === ref.toLowerCase(),
    );
    if (!prev) return ref;
    s = prev;
  }
  return stage.baseImage;
}

/**
 * Which tool creates a user, judged from the image's final filesystem. BusyBox `adduser` only when
 * an `adduser` applet is installed next to /bin/busybox: busybox builds without it exist (Debian's
 * busybox-static has no adduser), and `RUN adduser` would fail there with "not found".
 */
export function userToolFromImage(analysis: ImageAnalysis): UserTool {
  const f = analysis.stack.final;
  if (f.has('/usr/sbin/useradd')) return 'useradd';
  const adduser = ['/usr/sbin/adduser', '/sbin/adduser', '/bin/adduser', '/usr/bin/adduser']
    .map((p) => f.get(p))
    .find((e) => e !== undefined);
  if (adduser && /busybox/.test(adduser.linkTarget ?? '')) return 'adduser';
  if (adduser && f.has('/bin/busybox')) return 'adduser';
  return 'none';
}

/** Which tool creates a user, guessed from the base image name. Variables -> none. */
export function userToolFromName(ref: string): UserTool {
  const r = ref.toLowerCase();
  if (
    r.includes('$') ||
    /(^|\/)scratch$/.test(r) ||
    r.includes('distroless') ||
    r.includes('chainguard') ||
    r.includes('-minimal')
  )
    return 'none';
  if (/alpine|busybox/.test(r)) return 'adduser';
  const debianish =
    /(^|\/)(debian|ubuntu|node|python|golang|rust|ruby|php|perl|openjdk|eclipse-temurin|amazoncorretto|maven|gradle|gcc|buildpack-deps|nginx|httpd|postgres|redis|fedora|centos|rockylinux|almalinux)(:|@|$)/;
  if (debianish.test(r) || /bookworm|bullseye|buster|trixie|jammy|noble|focal|slim/.test(r)) return 'useradd';
  return 'none';
}
