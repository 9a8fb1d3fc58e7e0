import { createRequire } from 'node:module';

/**
 * require() for what only some runs need (node:https for a TLS registry, node:worker_threads for
 * a layer to walk, ...): everything the CLI imports statically is loaded on every start, and each
 * built-in costs its share of a run that finds every layer in the cache (~0.1 s in all).
 */
export const requireLater = createRequire(import.meta.url);
