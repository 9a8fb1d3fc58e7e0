import { compareStrings } from '../compare.js';
import type { Rule } from '../model/types.js';
import addInsteadOfCopy from './add-instead-of-copy.js';
import apkNoCache from './apk-no-cache.js';
import aptListsNotRemoved from './apt-lists-not-removed.js';
import aptNoInstallRecommends from './apt-no-install-recommends.js';
import cacheBustingCopy from './cache-busting-copy.js';
import cleanupInSeparateLayer from './cleanup-in-separate-layer.js';
import missingUser from './missing-user.js';
import npmCacheNotCleaned from './npm-cache-not-cleaned.js';
import pipNoCache from './pip-no-cache.js';
import shellFormEntrypoint from './shell-form-entrypoint.js';
import singleStageBuild from './single-stage-build.js';
import unpinnedBaseImage from './unpinned-base-image.js';

/** Rules that read the Dockerfile, sorted by id. */
export const dockerfileRules: Rule[] = [
  addInsteadOfCopy,
  apkNoCache,
  aptListsNotRemoved,
  aptNoInstallRecommends,
  cacheBustingCopy,
  cleanupInSeparateLayer,
  missingUser,
  npmCacheNotCleaned,
  pipNoCache,
  shellFormEntrypoint,
  singleStageBuild,
  unpinnedBaseImage,
]
  .map((r) => r as Rule)
  .sort((a, b) => compareStrings(a.id, b.id));
