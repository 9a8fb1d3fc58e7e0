#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: what bin/layerlint runs and the
// npm package ships (package.json "files").
// Why: a run that finds every layer in the cache is mostly start-up, and Node's ESM loader costs
// ~0.4 ms per module (~175 of them). So:
// - cli.cjs: the CLI as one CommonJS file; on Node 22+ bin/layerlint keeps Node's compile cache of
//   it. Dynamic import()s of our own modules become lazily initialised parts of the file;
//   import.meta.url is the file's.
// - tui.js: the explorer's Ink components, ES modules, because ink 6 is ESM with top-level await
//   (require() cannot load it in Node 20); cli.cjs reaches them through a real import().
// - worker.js and blob-fetch.js: the walker worker and the registry download module it loads by
//   URL; ES modules sharing chunks, as worker threads start them on their own.
// - what src/require-later.ts loads (yaml, ajv, fflate, fzstd, dockerfile-ast) stays outside and
//   loads from node_modules on first use; so do ink and react.
// - yargs imports cliui and string-width (help text layout) at load, and they build Unicode width
//   tables: 15-25 ms of CPU in every start, cached code or not (measured again with Node's compile
//   cache: CHANGELOG.md). The bundle gives yargs stand-ins that load the real ones when help is
//   first laid out; likewise for node:assert.
// - dist/bundle sits at the same depth as dist/commands, so package.json is still ../../
// - no source maps: the package ships only what runs
// - target esnext: the code is ES2022 already, and lowering /v regular expressions to
//   new RegExp() would compile them at load instead of at first use
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromYargs = createRequire(`${root}node_modules/yargs/package.json`);
const external = ['ink', 'ink-*', 'react', 'react/*', 'react-devtools-core', 'yoga-layout'];
/** the explorer's entry module, as dist/commands/explore.js imports it */
const TUI_ENTRY = '../tui/components/Loading.js';

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

/**
 * yargs imports node:assert (~1.5 ms of every start) for two checks that pass in every run; its
 * stand-in loads the real one only to report a failure, with the same Object.is comparison.
 */
const lazyAssertForYargs = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, (args) =>
      /[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: [
        "export function strictEqual(a, b, m) { if (!Object.is(a, b)) require('node:assert').strictEqual(a, b, m); }",
        "export function notStrictEqual(a, b, m) { if (Object.is(a, b)) require('node:assert').notStrictEqual(a, b, m); }",
      ].join('\n'),
      resolveDir: root,
    }));
  },
};

/** In cli.cjs the explorer's components are the separate ES module tui.js, loaded by import(). */
const tuiApart = {
  name: 'tui-apart',
  setup(b) {
    b.onResolve({ filter: /Loading\.js$/ }, (args) =>
      args.path === TUI_ENTRY && args.kind === 'dynamic-import' ? { path: './tui.js', external: true } : undefined,
    );
  },
};

/**
 * The image-metadata schemas' validators as ajv standalone code (src/analyzers/sources/
 * image-schema-validators.ts is its stand-in): no ajv load or schema compile at run time.
 */
const precompiledSchemas = {
  name: 'precompiled-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]analyzers[\\/]sources[\\/]image-schema-validators\.js$/ }, async () => {
      const fromRoot = createRequire(`${root}package.json`);
      const Ajv = fromRoot('ajv').default;
      const standalone = fromRoot('ajv/dist/standalone').default;
      const { SCHEMAS } = await import(`${root}dist/analyzers/sources/image-schemas.js`);
      const ajv = new Ajv({ allErrors: false, strict: false, code: { source: true, esm: true } });
      const kinds = Object.keys(SCHEMAS);
      const exports = {};
      kinds.forEach((kind, i) => {
        ajv.addSchema(SCHEMAS[kind], `schema${i}`);
        exports[`validate${i}`] = `schema${i}`;
      });
      const table = kinds.map((kind, i) => `${JSON.stringify(kind)}: validate${i}`).join(', ');
      return { contents: `${standalone(ajv, exports)}\nexport const PRECOMPILED = { ${table} };\n`, resolveDir: root };
    });
  },
};

rmSync(`${root}dist/bundle`, { recursive: true, force: true }); // no chunk of an earlier build left behind
const common = {
  absWorkingDir: root,
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  target: 'esnext',
  external,
  logLevel: 'warning',
  metafile: true,
};
const results = await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'dist/cli.js' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__llModuleUrl' },
    banner: { js: "var __llModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyForYargs, lazyAssertForYargs, tuiApart, precompiledSchemas],
  }),
  build({
    ...common,
    entryPoints: {
      worker: 'dist/analyzers/walk/worker.js',
      'blob-fetch': 'dist/analyzers/sources/registry/blob-fetch.js',
      tui: `dist/tui/components/Loading.js`,
    },
    splitting: true,
    format: 'esm',
    // CommonJS packages inside an ES bundle call require() for Node's built-ins
    banner: {
      js: "import { createRequire as __llRequire } from 'node:module'; const require = __llRequire(import.meta.url);",
    },
  }),
]);

// sql.js (rpm's sqlite database, analyzers/packages/rpm-sqlite.ts): only its WebAssembly build is
// shipped, beside the bundle; the npm package holds 31 MB of variants an install would fetch.
mkdirSync(`${root}dist/bundle/sqljs`, { recursive: true });
// .cjs: the package is "type": "module", and sql-wasm.js is CommonJS
for (const f of ['dist/sql-wasm.js', 'dist/sql-wasm.wasm', 'LICENSE'])
  copyFileSync(
    `${root}node_modules/sql.js/${f}`,
    `${root}dist/bundle/sqljs/${f.replace('dist/', '').replace(/\.js$/, '.cjs')}`,
  );

// The package's "dependencies" are what the bundle leaves to node_modules (ink, react, and what
// src/require-later.ts loads, which esbuild cannot see); what it bundles is a devDependency, so an
// install fetches only what runs. This keeps the first half true.
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
for (const { metafile } of results) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith('.') || path.startsWith('node:') || builtinModules.includes(path)) continue;
      const name = path
        .split('/')
        .slice(0, path.startsWith('@') ? 2 : 1)
        .join('/');
      if (!dependencies[name]) throw new Error(`${file} loads ${path} at run time: add ${name} to "dependencies"`);
    }
  }
}
