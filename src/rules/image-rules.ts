import { compareStrings } from '../compare.js';
import type { Rule } from '../model/types.js';
import { CONTENT_SECRET_RULES } from '../secrets/content-rules.js';
import buildToolchainInFinalImage from './build-toolchain-in-final-image.js';
import deletedButShipped from './deleted-but-shipped.js';
import duplicateContent from './duplicate-content.js';
import exposedSensitivePort from './exposed-sensitive-port.js';
import imageEfficiency from './image-efficiency.js';
import invalidExpose from './invalid-expose.js';
import missingHealthcheck from './missing-healthcheck.js';
import overwrittenFile from './overwritten-file.js';
import packageManagerCache from './package-manager-cache.js';
import privilegedPort from './privileged-port.js';
import runsAsRoot from './runs-as-root.js';
import secretFile from './secret-file.js';
import secretInConfig from './secret-in-config.js';
import setuidFile from './setuid-file.js';
import unauditableLayer from './unauditable-layer.js';
import unknownUser from './unknown-user.js';
import vcsMetadata from './vcs-metadata.js';
import worldWritable from './world-writable.js';

/** Rules that read the image (and the Dockerfile when given), sorted by id. */
export const imageRules: Rule[] = [
  buildToolchainInFinalImage,
  deletedButShipped,
  duplicateContent,
  exposedSensitivePort,
  imageEfficiency,
  invalidExpose,
  missingHealthcheck,
  overwrittenFile,
  packageManagerCache,
  privilegedPort,
  runsAsRoot,
  secretFile,
  secretInConfig,
  setuidFile,
  unauditableLayer,
  unknownUser,
  vcsMetadata,
  worldWritable,
  ...CONTENT_SECRET_RULES,
]
  .map((r) => r as unknown as Rule)
  .sort((a, b) => compareStrings(a.id, b.id));
