#!/usr/bin/env node
// Explorer responsiveness on a big image: key press to new frame, on a generated model of
// 200,000 files (10 layers; later layers modify and remove earlier files). Runs against the built
// dist/ (npm run build first); by hand, not in the test suite. Target: < 50 ms per key.
//   node bench/tui.mjs [files=200000]
import { performance } from 'node:perf_hooks';

process.env.NODE_ENV ??= 'production'; // as the CLI runs React
const { render } = await import('ink-testing-library');
const { createElement } = await import('react');

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const { analyzeImage } = await load('analyzers/analyze.js');
const { buildImageReport } = await load('report/result.js');
const { createExploreModel } = await load('tui/model/explore-model.js');
const { App } = await load('tui/components/App.js');

const FILES = Number(process.argv[2] ?? 200_000);
const LAYERS = 10;
const COLS = 120;
const ROWS = 40;

function entry(path, kind, size = 0) {
  return {
    path,
    kind,
    size,
    mode: kind === 'dir' ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    digest: kind === 'file' ? `sha256:${size}` : undefined,
  };
}

/** Layer l adds FILES/LAYERS files under /l<l>/d<k>/ and, from layer 2 on, modifies and removes a few of the previous layer's. */
function generate() {
  const per = Math.floor(FILES / LAYERS);
  const layers = [];
  for (let l = 0; l < LAYERS; l++) {
    const entries = [];
    const dirs = new Set();
    for (let i = 0; i < per; i++) {
      const dir = `/l${l}/d${i % 500}/s${i % 7}`;
      if (!dirs.has(dir)) {
        dirs.add(dir);
        entries.push(entry(dir, 'dir'));
      }
      entries.push(entry(`${dir}/file${i}.bin`, 'file', ((i * 7919) % 100_000) + 1));
    }
    if (l >= 2) {
      for (let i = 0; i < 1000; i++) entries.push(entry(`/l${l - 1}/d${i % 500}/s${i % 7}/file${i}.bin`, 'file', 42));
      entries.push(entry(`/l${l - 2}/d1/.wh.s1`, 'whiteout'));
    }
    const size = entries.reduce((a, e) => a + (e.kind === 'file' ? e.size : 0), 0);
    layers.push({
      index: l,
      diffId: `sha256:${l}`,
      tarSize: size,
      size,
      compression: 'none',
      entries,
      createdBy: `/bin/sh -c generate layer ${l}`,
    });
  }
  return {
    ref: 'generated',
    source: 'archive',
    format: 'bench',
    platform: 'linux/amd64',
    config: {},
    history: [],
    layers,
    notices: [],
  };
}

const ms = (t) => `${t.toFixed(1)} ms`;
let t = performance.now();
const image = generate();
const analysis = analyzeImage(image);
const tAnalysis = performance.now() - t;
t = performance.now();
const model = createExploreModel(buildImageReport(analysis, [], [], 'error'), analysis.stack);
const tModel = performance.now() - t;
console.log(
  `layerlint explore bench: ${model.tree.count.toLocaleString('en')} tree nodes, ${LAYERS} layers, ${COLS}x${ROWS}`,
);
console.log(`  analysis (stack + efficiency): ${ms(tAnalysis)}; explorer tree built once: ${ms(tModel)}`);

t = performance.now();
const ui = render(createElement(App, { model, cols: COLS, rows: ROWS, color: true }));
const tFirst = performance.now() - t;
console.log(`  first frame: ${ms(tFirst)}`);

// time of every frame Ink writes
const writes = [];
const write = ui.stdout.write;
ui.stdout.write = (frame) => {
  writes.push(performance.now());
  write(frame);
};
const idle = (ms) => new Promise((r) => setTimeout(r, ms));
let noFrame = 0;
/** Milliseconds from writing the key to stdin to the first frame written after it (undefined: the key changed nothing). */
async function press(key) {
  const from = writes.length;
  const t0 = performance.now();
  ui.stdin.write(key);
  for (let waited = 0; writes.length === from && waited < 2000; waited += 1) await idle(1);
  await idle(10);
  if (writes.length === from) {
    noFrame++;
    return undefined;
  }
  return writes[from] - t0;
}

const DOWN = '\x1b[B';
const PGDN = '\x1b[6~';
const scenarios = [
  ['layers: next layer (aggregated view after "a")', ['a', ...Array(8).fill('j')]],
  ['layers: next layer (layer changes)', ['a', ...Array(8).fill('k')]],
  ['tree: ↓', ['\t', ...Array(50).fill(DOWN)]],
  ['tree: PgDn', Array(50).fill(PGDN)],
  ['tree: Space (fold/unfold a directory)', ['g', ...Array(20).fill(' ')]],
  ['tree: s (sort by size/name)', Array(6).fill('s')],
  ['tree: o (only changes)', Array(6).fill('o')],
  ['tree: c / e (collapse/expand all)', ['c', 'e', 'c', 'e', 'c', 'e']],
  ['tree: / filter, typing "file12"', ['/', 'f', 'i', 'l', 'e', '1', '2', '\r']],
  ['tree: b (next largest file)', Array(10).fill('b')],
];

const all = [];
console.log('  key press → frame (median / p95 / max):');
for (const [name, keys] of scenarios) {
  const times = [];
  for (const k of keys) times.push(await press(k));
  // the first key of some scenarios only sets them up ("a", "g")
  const measured = (keys[0] === 'a' || keys[0] === 'g' ? times.slice(1) : times).filter((t) => t !== undefined);
  measured.sort((a, b) => a - b);
  const q = (p) => measured[Math.min(measured.length - 1, Math.floor(p * measured.length))];
  all.push(...measured);
  console.log(
    `    ${name.padEnd(48)} ${ms(q(0.5)).padStart(9)} ${ms(q(0.95)).padStart(9)} ${ms(measured.at(-1)).padStart(9)}`,
  );
}
all.sort((a, b) => a - b);
const p95 = all[Math.floor(all.length * 0.95)];
if (noFrame) console.log(`  (${noFrame} keys changed nothing and drew no frame: not counted)`);
console.log(
  `  all keys: median ${ms(all[Math.floor(all.length / 2)])}, p95 ${ms(p95)}, max ${ms(all.at(-1))} (target < 50 ms)`,
);
ui.unmount();
process.exit(0);
