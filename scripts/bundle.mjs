#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: what bin/layerlint runs.
// Why: Node 20's ESM loader costs ~0.4 ms per module and the CLI loads ~175 of them (yargs and
// its helpers alone are 55 ms); one bundle with lazy chunks starts ~60 ms sooner, which is a
// third of a run that finds every layer in the cache.
// - entries: the CLI, the walker worker and the registry download module (both loaded by URL
//   from the chunk that uses them, so they sit next to the chunks: dist/bundle/*.js)
// - dynamic import() stays lazy (esbuild splits it into a chunk); createRequire() loads (yaml,
//   ajv, fflate, fzstd, dockerfile-ast) stay outside and load from node_modules on first use
// - external: the TUI's ink/react (top-level await, optional devtools), loaded from node_modules
//   when used
// - dist/bundle sits at the same depth as dist/commands, so package.json is still ../../
// - yargs imports cliui and string-width (help text layout) at load, and they build Unicode width
//   tables: 25 ms of every start. The bundle gives yargs stand-ins that load the real ones when
//   help is first laid out (esbuild turns a require() of a bundled ES module into a lazy one).
// - target esnext: the code is ES2022 already, and lowering /v regular expressions to
//   new RegExp() would compile them at load instead of at first use
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromYargs = createRequire(`${root}node_modules/yargs/package.json`);

/** @type {import('esbuild').Plugin} */
const lazyForYargs = {
  name: 'lazy-help-layout',
  setup(b) {
    const real = { cliui: fromYargs.resolve('cliui'), 'string-width': fromYargs.resolve('string-width') };
    b.onResolve({ filter: /^(cliui|string-width)$/ }, (args) =>
      /[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer) ? { path: args.path, namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `export default function lazy(...a) { return require(${JSON.stringify(real[args.path])}).default(...a); }`,
      resolveDir: root,
    }));
  },
};

rmSync(`${root}dist/bundle`, { recursive: true, force: true }); // no chunk of an earlier build left behind
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'dist/cli.js',
    worker: 'dist/analyzers/walk/worker.js',
    'blob-fetch': 'dist/analyzers/sources/registry/blob-fetch.js',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'esnext',
  sourcemap: 'linked',
  external: ['ink', 'ink-*', 'react', 'react/*', 'react-devtools-core', 'yoga-layout'],
  // CommonJS packages inside the bundle call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __llRequire } from 'node:module'; const require = __llRequire(import.meta.url);",
  },
  plugins: [lazyForYargs],
  logLevel: 'warning',
});
