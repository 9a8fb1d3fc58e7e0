#!/usr/bin/env node
// Explorer responsiveness on a big image: key press to new frame, on a generated model of
// 200,000 files (10 layers; later layers modify and remove earlier files), in rounds. Runs against the built
// dist/ (npm run build first); by hand, not in the test suite. Target: < 50 ms per key.
//   node bench/tui.mjs [files=200000] [rounds=3]
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

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
const ROUNDS = Number(process.argv[3] ?? 3); // a fresh model and App each: every round switches to layers not seen yet
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
const t = performance.now();
const image = generate();
const analysis = analyzeImage(image);
const tAnalysis = performance.now() - t;
const report = buildImageReport(analysis, [], [], 'error');
console.log(
  `layerlint explore bench: ${FILES.toLocaleString('en')} files, ${LAYERS} layers, ${COLS}x${ROWS}, ${ROUNDS} rounds`,
);
console.log(`  analysis (stack + efficiency): ${ms(tAnalysis)}`);

const idle = (ms) => new Promise((r) => setTimeout(r, ms));
// a full collection before each round's keys, so that no round pays for the garbage of the ones
// before it (the analysis, earlier models): what is left is the explorer's own
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const DOWN = '\x1b[B';
const PGDN = '\x1b[6~';
const LAYER_KEYS = [
  ['layers: next layer (aggregated view after "a")', ['a', ...Array(8).fill('j')]],
  ['layers: next layer (layer changes)', ['a', ...Array(8).fill('k')]],
];
const scenarios = [
  ...LAYER_KEYS,
  ['tree: ↓', ['\t', ...Array(50).fill(DOWN)]],
  ['tree: PgDn', Array(50).fill(PGDN)],
  ['tree: Space (fold/unfold a directory)', ['g', ...Array(20).fill(' ')]],
  ['tree: s (sort by size/name)', Array(6).fill('s')],
  ['tree: o (only changes)', Array(6).fill('o')],
  ['tree: c / e (collapse/expand all)', ['c', 'e', 'c', 'e', 'c', 'e']],
  ['tree: / filter, typing "file12"', ['/', 'f', 'i', 'l', 'e', '1', '2', '\r']],
  ['tree: b (next largest file)', Array(10).fill('b')],
];
// the same layer keys without the idle warm-up of the neighbouring layers: a switch that builds its view
const cold = LAYER_KEYS.map(([name, keys]) => [`${name.replace('layers: ', 'cold: ')}`, keys]);

const times = new Map();
const firstFrames = [];
const modelTimes = [];
let noFrame = 0;

/** One fresh model and App; every scenario's key presses in turn. */
async function round(list, warm) {
  gc();
  let t0 = performance.now();
  const model = createExploreModel(report, analysis.stack);
  modelTimes.push(performance.now() - t0);
  t0 = performance.now();
  const ui = render(createElement(App, { model, cols: COLS, rows: ROWS, color: true, warm }));
  firstFrames.push(performance.now() - t0);
  // time of every frame Ink writes
  const writes = [];
  const write = ui.stdout.write;
  ui.stdout.write = (frame) => {
    writes.push(performance.now());
    write(frame);
  };
  /** Milliseconds from writing the key to stdin to the first frame written after it (undefined: the key changed nothing). */
  async function press(key) {
    const from = writes.length;
    const t1 = performance.now();
    ui.stdin.write(key);
    for (let waited = 0; writes.length === from && waited < 2000; waited += 1) await idle(1);
    await idle(10);
    if (writes.length === from) {
      noFrame++;
      return undefined;
    }
    return writes[from] - t1;
  }
  await idle(200);
  gc();
  await idle(50);
  for (const [name, keys] of list) {
    const got = [];
    for (const k of keys) got.push(await press(k));
    // the first key of some scenarios only sets them up ("a", "g")
    const measured = (keys[0] === 'a' || keys[0] === 'g' ? got.slice(1) : got).filter((x) => x !== undefined);
    if (!times.has(name)) times.set(name, []);
    times.get(name).push(...measured);
  }
  ui.unmount();
}

for (let r = 0; r < ROUNDS; r++) {
  await round(scenarios, true);
  await round(cold, false);
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`  explorer tree built once: ${ms(median(modelTimes))}; first frame: ${ms(median(firstFrames))} (medians)`);
const all = [];
console.log('  key press → frame (median / p95 / max, n presses):');
for (const [name, list] of times) {
  const measured = [...list].sort((a, b) => a - b);
  const q = (p) => measured[Math.min(measured.length - 1, Math.floor(p * measured.length))];
  if (!name.startsWith('cold:')) all.push(...measured);
  console.log(
    `    ${name.padEnd(48)} ${ms(q(0.5)).padStart(9)} ${ms(q(0.95)).padStart(9)} ${ms(measured.at(-1)).padStart(9)} ${String(measured.length).padStart(5)}`,
  );
}
all.sort((a, b) => a - b);
const p95 = all[Math.floor(all.length * 0.95)];
if (noFrame) console.log(`  (${noFrame} keys changed nothing and drew no frame: not counted)`);
console.log(
  `  all keys (but cold): median ${ms(all[Math.floor(all.length / 2)])}, p95 ${ms(p95)}, max ${ms(all.at(-1))} (target < 50 ms)`,
);
process.exit(0);
