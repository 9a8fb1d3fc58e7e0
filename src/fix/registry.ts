import { fixAddInsteadOfCopy } from './rewrites/add-instead-of-copy.js';
import { fixApkNoCache } from './rewrites/apk-no-cache.js';
import { fixAptListsNotRemoved } from './rewrites/apt-lists-not-removed.js';
import { fixAptNoInstallRecommends } from './rewrites/apt-no-install-recommends.js';
import { fixBuildToolchainInFinalImage } from './rewrites/build-toolchain-in-final-image.js';
import { fixCacheBustingCopy } from './rewrites/cache-busting-copy.js';
import { fixCleanupInSeparateLayer } from './rewrites/cleanup-in-separate-layer.js';
import { fixDeletedButShipped } from './rewrites/deleted-but-shipped.js';
import { fixExposedSensitivePort } from './rewrites/exposed-sensitive-port.js';
import { fixMissingUser } from './rewrites/missing-user.js';
import { fixNpmCacheNotCleaned } from './rewrites/npm-cache-not-cleaned.js';
import { fixPackageManagerCache } from './rewrites/package-manager-cache.js';
import { fixPipNoCache } from './rewrites/pip-no-cache.js';
import { fixShellFormEntrypoint } from './rewrites/shell-form-entrypoint.js';
import { fixSingleStageBuild } from './rewrites/single-stage-build.js';
import { fixUnpinnedBaseImage } from './rewrites/unpinned-base-image.js';
import type { FixGenerator } from './types.js';

/** Fix generator per rule id. */
export const FIXERS: Readonly<Record<string, FixGenerator>> = {
  'add-instead-of-copy': fixAddInsteadOfCopy,
  'apk-no-cache': fixApkNoCache,
  'apt-lists-not-removed': fixAptListsNotRemoved,
  'apt-no-install-recommends': fixAptNoInstallRecommends,
  'build-toolchain-in-final-image': fixBuildToolchainInFinalImage,
  'cache-busting-copy': fixCacheBustingCopy,
  'cleanup-in-separate-layer': fixCleanupInSeparateLayer,
  'deleted-but-shipped': fixDeletedButShipped,
  'exposed-sensitive-port': fixExposedSensitivePort,
  'missing-user': fixMissingUser,
  'npm-cache-not-cleaned': fixNpmCacheNotCleaned,
  'package-manager-cache': fixPackageManagerCache,
  'pip-no-cache': fixPipNoCache,
  'shell-form-entrypoint': fixShellFormEntrypoint,
  'single-stage-build': fixSingleStageBuild,
  'unpinned-base-image': fixUnpinnedBaseImage,
};

/** Restructuring fixes go last so that edits on the same spot from line-level fixes come first. */
export const STRUCTURAL = new Set([
  'single-stage-build',
  'build-toolchain-in-final-image',
  'missing-user',
  'cache-busting-copy',
]);

/** Cache cleanups appended to a RUN go after every other command appended there (a folded purge refills apt's cache). */
export const CLOSING = new Set(['package-manager-cache', 'apt-lists-not-removed']);
