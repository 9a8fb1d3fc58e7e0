import type { FixGenerator } from '../types.js';

export const fixAddInsteadOfCopy: FixGenerator = () => ({
  suggestion:
    'Use COPY for local files; ADD also fetches URLs and unpacks archives. Keep ADD only when you need that (and prefer RUN curl + checksum for URLs).',
});
