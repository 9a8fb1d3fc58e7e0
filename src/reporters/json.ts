import type { Reporter } from './types.js';

/** The full result, as documented by schemas/result.schema.json. */
export const jsonReporter: Reporter = (result) => `${JSON.stringify(result, null, 2)}\n`;
