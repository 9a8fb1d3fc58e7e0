import type { PackageUsage } from '../analyzers/packages/index.js';
import { parentOf } from '../analyzers/walk/paths.js';
import type { FinalEntry, RawFinding, Rule, RuleContext } from '../model/types.js';
import {
  baseLayers,
  finalFiles,
  heaviestLayer,
  humanBytes,
  INCLUDE_BASE_SCHEMA,
  plural,
  topPaths,
} from './image-kit.js';
import {
  isBuildOnlyPackage,
  type PackageOwnership,
  packageList,
  packageOwnership,
  removeCommand,
} from './package-kit.js';

export const TOOLCHAIN_KINDS = ['gcc', 'clang', 'go', 'rust', 'jdk', 'node-gyp', 'headers', 'packages'] as const;
export type ToolchainKind = (typeof TOOLCHAIN_KINDS)[number];

type Options = {
  allow: ToolchainKind[];
  includeMinBytes: number;
  includeBaseImage: boolean;
};

interface Detector {
  kind: Exclude<ToolchainKind, 'headers'>;
  label: string;
  /** a final-filesystem file that proves the toolchain is there; group 1 is its install root, if any */
  marker: RegExp;
  /** files the toolchain consists of (what removing it saves), given the roots the markers found */
  owns: (path: string, roots: string[]) => boolean;
}

const SHARED_PREFIXES = new Set(['/', '/usr', '/usr/local', '/opt']);
const under = (path: string, roots: string[]) => roots.some((r) => !SHARED_PREFIXES.has(r) && path.startsWith(`${r}/`));

const GCC_BIN = /^\/usr\/bin\/(?:[\w.-]+-)?(?:gcc|g\+\+|c\+\+|cpp|cc)(?:-(?:ar|nm|ranlib))?(?:-[\d.]+)?$/;
const CLANG_BIN = /^\/usr\/bin\/clang(?:\+\+)?(?:-[\d.]+)?$/;
const JDK_ONLY =
  /\/(?:jmods\/|include\/|lib\/src\.zip$|lib\/ct\.sym$|bin\/(?:javac|javadoc|javap|jar|jarsigner|jlink|jmod|jdeps|jdeprscan|jshell|jdb|jhsdb|jpackage|jimage|jconsole|jcmd|jinfo|jmap|jps|jstack|jstat|jstatd|jfr|serialver|rmic)$)/;

const DETECTORS: readonly Detector[] = [
  {
    kind: 'gcc',
    label: 'GCC (cc1/cc1plus)',
    marker: /^\/usr\/(?:lib|libexec)\/gcc\/[^/]+\/[^/]+\/cc1(?:plus)?$/,
    owns: (p) => p.startsWith('/usr/lib/gcc/') || p.startsWith('/usr/libexec/gcc/') || GCC_BIN.test(p),
  },
  {
    kind: 'clang',
    label: 'Clang/LLVM',
    marker: /^(?:\/usr\/lib\/llvm-[\d.]+\/bin\/clang|\/usr\/bin\/clang(?:-[\d.]+)?)$/,
    owns: (p) => /^\/usr\/lib\/(?:llvm-[\d.]+|clang)\//.test(p) || CLANG_BIN.test(p),
  },
  {
    kind: 'go',
    label: 'the Go toolchain',
    marker: /^(.*)\/pkg\/tool\/[^/]+\/compile$/,
    owns: (p, roots) => under(p, roots),
  },
  {
    kind: 'rust',
    label: 'the Rust toolchain (rustc, cargo)',
    marker: /^(.*)\/bin\/rustc$/,
    owns: (p, roots) =>
      under(p, roots) ||
      /\/bin\/(?:rustc|cargo|rustdoc|rust-gdb|rust-lldb)$/.test(p) ||
      p.startsWith('/usr/lib/rustlib/'),
  },
  {
    kind: 'jdk',
    label: 'a JDK (javac) where a JRE would do',
    marker: /^(.*)\/bin\/javac$/,
    owns: (p, roots) =>
      roots.some((r) => !SHARED_PREFIXES.has(r) && p.startsWith(`${r}/`) && JDK_ONLY.test(p.slice(r.length))),
  },
  {
    kind: 'node-gyp',
    label: 'node-gyp and Node.js headers',
    marker:
      /^(?:(?!.*\/node_modules\/npm\/).*\/node_modules\/node-gyp\/package\.json|.*\/\.cache\/node-gyp\/.*\/common\.gypi)$/,
    owns: (p) =>
      (/\/node_modules\/node-gyp\//.test(p) && !/\/node_modules\/npm\//.test(p)) || /\/\.cache\/node-gyp\//.test(p),
  },
];

/** Every marker above ends in one of these names: one cheap test per file before the detectors. */
const MARKER_NAME = /\/(?:cc1(?:plus)?|clang[^/]*|compile|rustc|javac|package\.json|common\.gypi)$/;

const DEV_PACKAGE = /^(?:\/usr\/share\/doc\/([^/]+-dev)|\/var\/lib\/dpkg\/info\/([^/:]+-dev)(?::[^/]+)?\.list)$/;

/**
 * Compilers and build-only files in the final image: GCC (cc1/cc1plus), Clang, the Go toolchain,
 * rustc/cargo, a JDK where a JRE would do, node-gyp, and C headers (-dev packages, a large
 * /usr/include). One finding per toolchain with the bytes removing it would save, on the layer that
 * brought most of them. Toolchains of the base image are skipped unless includeBaseImage.
 *
 * Where the image has a package database, each finding names the build-only packages (by their
 * own metadata: Section devel/libdevel, -dev/-devel names, compilers) that own its files, with their
 * bytes, and the command that removes them; the headers finding takes its -dev packages from it.
 *
 * data: kind, roots (install roots found), fileCount, packages (names; for headers the -dev ones),
 * packageBytes ({name, version, bytes} of the build-only packages owning the files).
 */
export const rule: Rule<Options> = {
  id: 'build-toolchain-in-final-image',
  meta: {
    description:
      'compilers, SDKs and headers (gcc, clang, Go, Rust, JDK, node-gyp, -dev packages) ship in the final image',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'image',
    docs: 'docs/rules/build-toolchain-in-final-image.md',
    schema: {
      type: 'object',
      properties: {
        allow: { type: 'array', items: { enum: [...TOOLCHAIN_KINDS] }, uniqueItems: true },
        includeMinBytes: { type: 'integer', minimum: 0, description: '/usr/include alone is reported from this size' },
        includeBaseImage: INCLUDE_BASE_SCHEMA,
      },
      additionalProperties: false,
    },
    defaultOptions: { allow: [], includeMinBytes: 1048576, includeBaseImage: false },
  },
  check(ctx) {
    if (!ctx.analysis) return [];
    const owners = packageOwnership(ctx.analysis);
    const base = ctx.options.includeBaseImage ? new Set<number>() : baseLayers(ctx);
    const files = [...finalFiles(ctx)].filter((f) => !base.has(f.layer));
    const allow = new Set(ctx.options.allow);
    const out: RawFinding[] = [];
    const candidates = files.filter((f) => MARKER_NAME.test(f.path));
    for (const d of DETECTORS) {
      if (allow.has(d.kind)) continue;
      const roots = new Set<string>();
      let found = false;
      for (const f of candidates) {
        const m = d.marker.exec(f.path);
        if (!m) continue;
        found = true;
        if (m[1] !== undefined) roots.add(m[1] || '/');
      }
      if (!found) continue;
      const rootList = [...roots].sort();
      const owned = files.filter((f) => d.owns(f.path, rootList));
      const finding = toolchainFinding(d.kind, `ships ${d.label}`, owned, { roots: rootList }, new Map(), owners);
      if (finding) out.push(finding);
    }
    if (!allow.has('headers')) {
      const headers = headersFinding(ctx, base, files, owners);
      if (headers) out.push(headers);
    }
    if (owners && !allow.has('packages')) {
      const rest = otherBuildPackages(out, owners, base, files);
      if (rest) out.push(rest);
    }
    return out;
  },
};
export default rule;

function headersFinding(
  ctx: RuleContext<Options>,
  base: Set<number>,
  files: FinalEntry[],
  owners: PackageOwnership | undefined,
): RawFinding | undefined {
  const packages = new Set<string>();
  const markerLayers = new Map<number, number>();
  if (owners) {
    // the database says which development packages are installed, and in which layer
    for (const p of owners.byId.values()) {
      if (p.removedIn !== undefined || base.has(p.installedIn) || !isBuildOnlyPackage(p)) continue;
      if (!/-dev(?::[a-z0-9]+)?$|-devel$|-headers$/.test(p.name)) continue;
      packages.add(p.name.replace(/:[a-z0-9]+$/, ''));
      markerLayers.set(p.installedIn, 0);
    }
  } else {
    for (const e of ctx.analysis?.stack.final.values() ?? []) {
      if (base.has(e.layer)) continue;
      const m = DEV_PACKAGE.exec(e.path);
      if (m && (e.kind === 'dir' || e.kind === 'file')) {
        packages.add((m[1] ?? m[2]) as string);
        markerLayers.set(e.layer, 0);
      }
    }
  }
  const include = files.filter((f) => f.path.startsWith('/usr/include/'));
  const bytes = include.reduce((sum, f) => sum + f.size, 0);
  if (packages.size === 0 && bytes < ctx.options.includeMinBytes) return undefined;
  const list = [...packages].sort();
  const what =
    list.length > 0
      ? `ships ${plural(list.length, 'development package')} (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''}) and ${humanBytes(bytes)} of C headers in /usr/include`
      : `ships ${humanBytes(bytes)} of C headers in /usr/include`;
  return toolchainFinding('headers', what, include, { packages: list }, markerLayers, owners);
}

function toolchainFinding(
  kind: ToolchainKind,
  what: string,
  owned: FinalEntry[],
  data: Record<string, unknown>,
  fallbackLayers = new Map<number, number>(),
  owners?: PackageOwnership,
): RawFinding | undefined {
  const bytesByLayer = new Map<number, number>();
  for (const f of owned) bytesByLayer.set(f.layer, (bytesByLayer.get(f.layer) ?? 0) + f.size);
  const layer = heaviestLayer(bytesByLayer.size > 0 ? bytesByLayer : fallbackLayers);
  if (layer === undefined) return undefined;
  const bytes = owned.reduce((sum, f) => sum + f.size, 0);
  const top = topPaths(
    owned.map((f) => ({ path: f.path, size: f.size })),
    5,
  );
  const packages = owningBuildPackages(owned, owners);
  const remove = removeCommand(packages);
  const stage =
    kind === 'jdk'
      ? 'Run on a JRE (or a jlink-ed runtime) and build with the JDK in an earlier stage.'
      : 'Build in a separate stage and COPY --from only the artifacts into a runtime image without the toolchain.';
  return {
    message:
      `${what}: ${humanBytes(bytes)} in ${plural(owned.length, 'file')} that only a build needs` +
      (packages.length > 0 ? `; packages ${packageList(packages)}` : ''),
    layer,
    bytes,
    paths: top.length > 0 ? top : undefined,
    data: {
      kind,
      ...data,
      fileCount: owned.length,
      topDirs: topDirs(owned),
      ...(packages.length > 0
        ? { packageBytes: packages.map((p) => ({ name: p.name, version: p.version, bytes: p.bytes })) }
        : {}),
    },
    suggestion: remove ? `${stage} Or remove them in the RUN that installed them: ${remove}.` : stage,
  };
}

/** Build tools the database lists that no toolchain finding named (binutils, make, ...), when they weigh. */
function otherBuildPackages(
  found: RawFinding[],
  owners: PackageOwnership,
  base: Set<number>,
  files: FinalEntry[],
): RawFinding | undefined {
  const named = new Set<string>();
  for (const f of found)
    for (const p of (f.data?.packageBytes as { name: string }[] | undefined) ?? []) named.add(p.name);
  const rest = [...owners.byId.values()].filter(
    (p) =>
      p.removedIn === undefined &&
      !base.has(p.installedIn) &&
      !named.has(p.name) &&
      p.bytes > 0 &&
      isBuildOnlyPackage(p),
  );
  const ids = new Set([...owners.byId].filter(([, p]) => rest.includes(p)).map(([id]) => id));
  const owned = files.filter((f) => {
    const id = owners.ownerOf(f.path);
    return id !== undefined && ids.has(id);
  });
  if (owned.reduce((sum, f) => sum + f.size, 0) < MIN_OTHER_PACKAGES_BYTES) return undefined;
  const what = `ships ${plural(rest.length, 'more build-only package')}`;
  return toolchainFinding('packages', what, owned, {}, new Map(), owners);
}

/** Other build tools are reported from this many bytes (a lone `make` is not worth a finding). */
const MIN_OTHER_PACKAGES_BYTES = 1_000_000;

/** The build-only packages (by their metadata) that own any of these files, largest first. */
function owningBuildPackages(owned: FinalEntry[], owners: PackageOwnership | undefined): PackageUsage[] {
  if (!owners) return [];
  const ids = new Set<string>();
  for (const f of owned) {
    const id = owners.ownerOf(f.path);
    if (id !== undefined) ids.add(id);
  }
  return [...ids]
    .map((id) => owners.byId.get(id))
    .filter((p): p is PackageUsage => p !== undefined && isBuildOnlyPackage(p))
    .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
}

/** The directories holding most of the bytes, for the message reader. */
function topDirs(owned: FinalEntry[]): string[] {
  const byDir = new Map<string, number>();
  for (const f of owned) {
    const parts = f.path.split('/');
    const dir = parts.length > 4 ? parts.slice(0, 4).join('/') : parentOf(f.path);
    byDir.set(dir, (byDir.get(dir) ?? 0) + f.size);
  }
  return topPaths(
    [...byDir].map(([path, size]) => ({ path, size })),
    5,
  );
}
