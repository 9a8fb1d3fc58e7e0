import { compareStrings } from '../compare.js';
import type { RawFinding, Rule } from '../model/types.js';
import { baseLayers, finalFiles, humanBytes, INCLUDE_BASE_SCHEMA, MIN_BYTES_SCHEMA, plural } from './image-kit.js';

interface CacheKind {
  kind: string;
  /** group 1 is the cache root */
  re: RegExp;
  fix: string;
}

/** Package-manager caches and indexes: needed while installing, dead weight at run time. */
export const CACHE_KINDS: readonly CacheKind[] = [
  { kind: 'apt-lists', re: /^(\/var\/lib\/apt\/lists)\//, fix: 'end the RUN with `rm -rf /var/lib/apt/lists/*`' },
  {
    kind: 'apt-archives',
    re: /^(\/var\/cache\/apt)\/(?:archives\/.*\.deb|(?:src)?pkgcache\.bin)$/,
    fix: 'run `apt-get clean` in the same RUN (or mount a cache on /var/cache/apt)',
  },
  { kind: 'apk', re: /^(\/var\/cache\/apk)\//, fix: 'use `apk add --no-cache`' },
  { kind: 'yum', re: /^(\/var\/cache\/yum)\//, fix: 'run `yum clean all && rm -rf /var/cache/yum` in the same RUN' },
  { kind: 'dnf', re: /^(\/var\/cache\/(?:dnf|libdnf5))\//, fix: 'run `dnf clean all` in the same RUN' },
  { kind: 'pip', re: /^(.*\/\.cache\/pip)\//, fix: 'use `pip install --no-cache-dir` (or PIP_NO_CACHE_DIR=1)' },
  {
    kind: 'npm',
    re: /^(.*\/\.npm\/_cacache)\//,
    fix: 'run `npm cache clean --force` in the same RUN, or use a cache mount',
  },
  {
    kind: 'yarn',
    re: /^(.*\/\.cache\/yarn|.*\/\.yarn\/berry\/cache)\//,
    fix: 'run `yarn cache clean` in the same RUN, or use a cache mount',
  },
  {
    kind: 'pnpm',
    re: /^(.*\/\.local\/share\/pnpm\/store|.*\/\.pnpm-store)\//,
    fix: 'run `pnpm store prune` in the same RUN, or use a cache mount',
  },
  {
    kind: 'go-build',
    re: /^(.*\/\.cache\/go-build)\//,
    fix: 'build in a separate stage, or run `go clean -cache` in the same RUN',
  },
  {
    kind: 'cargo',
    re: /^(.*\/\.cargo\/registry)\//,
    fix: 'build in a separate stage, or use a cache mount on the cargo registry',
  },
  { kind: 'maven', re: /^(.*\/\.m2\/repository)\//, fix: 'build in a separate stage, or use a cache mount on ~/.m2' },
  {
    kind: 'gradle',
    re: /^(.*\/\.gradle\/caches)\//,
    fix: 'build in a separate stage, or use a cache mount on ~/.gradle',
  },
];

/** A path no cache kind can match fails this one test (checked before the per-kind patterns). */
const MAYBE_CACHE = /^\/var\/(?:lib\/apt\/lists|cache)\/|\/\.(?:cache|npm|yarn|local|pnpm-store|cargo|m2|gradle)\//;

interface Group {
  kind: CacheKind;
  layer: number;
  bytes: number;
  files: number;
  roots: Set<string>;
}

/**
 * Package-manager caches in the final filesystem (apt lists and .debs, apk, yum/dnf, pip, npm,
 * yarn, pnpm, go build cache, cargo registry, maven/gradle). One finding per cache kind per layer
 * that created the files, with their bytes. Caches the base image ships are skipped unless
 * includeBaseImage (they cannot be removed from here without adding a layer).
 *
 * data: kind, roots (cache directories), fileCount.
 */
export const rule: Rule<{ minBytes: number; includeBaseImage: boolean }> = {
  id: 'package-manager-cache',
  meta: {
    description:
      'package-manager caches and indexes (apt, apk, yum/dnf, pip, npm, yarn, pnpm, go, cargo, maven) ship in the image',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'image',
    docs: 'docs/rules/package-manager-cache.md',
    schema: {
      type: 'object',
      properties: { minBytes: MIN_BYTES_SCHEMA, includeBaseImage: INCLUDE_BASE_SCHEMA },
      additionalProperties: false,
    },
    defaultOptions: { minBytes: 1, includeBaseImage: false },
  },
  check(ctx) {
    if (!ctx.analysis) return [];
    const base = ctx.options.includeBaseImage ? new Set<number>() : baseLayers(ctx);
    const groups = new Map<string, Group>();
    for (const file of finalFiles(ctx)) {
      if (base.has(file.layer) || !MAYBE_CACHE.test(file.path)) continue;
      for (const kind of CACHE_KINDS) {
        const m = kind.re.exec(file.path);
        if (!m) continue;
        const key = `${kind.kind}\0${file.layer}`;
        let g = groups.get(key);
        if (!g) {
          g = { kind, layer: file.layer, bytes: 0, files: 0, roots: new Set() };
          groups.set(key, g);
        }
        g.bytes += file.size;
        g.files++;
        g.roots.add(m[1] as string);
        break;
      }
    }
    const out: RawFinding[] = [];
    for (const g of groups.values()) {
      if (g.bytes === 0 || g.bytes < ctx.options.minBytes) continue;
      const roots = [...g.roots].sort();
      out.push({
        message: `${g.kind.kind} cache: ${plural(g.files, 'file')} (${humanBytes(g.bytes)}) in ${roots.join(', ')} created by this layer ship in the image`,
        layer: g.layer,
        bytes: g.bytes,
        paths: roots,
        data: { kind: g.kind.kind, roots, fileCount: g.files },
        suggestion: `Remove the cache in the RUN that fills it: ${g.kind.fix}.`,
      });
    }
    return out.sort(
      (a, b) => (a.layer ?? 0) - (b.layer ?? 0) || compareStrings(String(a.data?.kind), String(b.data?.kind)),
    );
  },
};
export default rule;
