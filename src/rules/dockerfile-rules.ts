import { compareStrings } from '../compare.js';
import type { Rule } from '../model/types.js';
import addInsteadOfCopy from './add-instead-of-copy.js';
import apkNoCache from './apk-no-cache.js';
import aptInsteadOfAptGet from './apt-instead-of-apt-get.js';
import aptListsNotRemoved from './apt-lists-not-removed.js';
import aptNoInstallRecommends from './apt-no-install-recommends.js';
import cacheBustingCopy from './cache-busting-copy.js';
import cdInsteadOfWorkdir from './cd-instead-of-workdir.js';
import cleanupInSeparateLayer from './cleanup-in-separate-layer.js';
import consecutiveRun from './consecutive-run.js';
import copyFromInvalidStage from './copy-from-invalid-stage.js';
import copyToFileWithManySources from './copy-to-file-with-many-sources.js';
import duplicateStageName from './duplicate-stage-name.js';
import exposeFormat from './expose-format.js';
import installWithoutYes from './install-without-yes.js';
import keywordCasing from './keyword-casing.js';
import legacyKeyValueFormat from './legacy-key-value-format.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import missingUser from './missing-user.js';
import npmCacheNotCleaned from './npm-cache-not-cleaned.js';
import pipNoCache from './pip-no-cache.js';
import pipeWithoutPipefail from './pipe-without-pipefail.js';
import repeatedInstruction from './repeated-instruction.js';
import reservedStageName from './reserved-stage-name.js';
import shellFormEntrypoint from './shell-form-entrypoint.js';
import shellcheck from './shellcheck.js';
import singleStageBuild from './single-stage-build.js';
import stageNameCasing from './stage-name-casing.js';
import sudoInRun from './sudo-in-run.js';
import unpinnedBaseImage from './unpinned-base-image.js';
import unpinnedPackage from './unpinned-package.js';
import wgetAndCurl from './wget-and-curl.js';
import workdirRelativePath from './workdir-relative-path.js';

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
  shellcheck,
  workdirRelativePath,
  cdInsteadOfWorkdir,
  sudoInRun,
  maintainerDeprecated,
  duplicateStageName,
  copyFromInvalidStage,
  wgetAndCurl,
  copyToFileWithManySources,
  installWithoutYes,
  repeatedInstruction,
  pipeWithoutPipefail,
  consecutiveRun,
  stageNameCasing,
  keywordCasing,
  legacyKeyValueFormat,
  exposeFormat,
  reservedStageName,
  aptInsteadOfAptGet,
  unpinnedPackage,
]
  .map((r) => r as Rule)
  .sort((a, b) => compareStrings(a.id, b.id));
