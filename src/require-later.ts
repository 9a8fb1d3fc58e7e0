import { createRequire } from 'node:module';

/**
 * require() for what only some runs need (node:https for a TLS registry, node:worker_threads for
 * a layer to walk, yaml for a YAML config, dockerfile-ast for --dockerfile, ...): everything the
 * CLI imports statically is loaded on every start, and each module costs its share of a run that
 * finds every layer in the cache (~0.1 s in all). Packages loaded this way stay out of the bundle.
 */
export const requireLater = createRequire(import.meta.url);
