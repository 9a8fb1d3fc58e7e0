import type { FixGenerator } from '../types.js';

export const fixUnpinnedBaseImage: FixGenerator = () => ({
  suggestion:
    'Pin the base image to a specific tag and digest (FROM image:tag@sha256:...), e.g. the digest `docker buildx imagetools inspect image:tag` prints. layerlint does not choose a tag for you.',
});
