// Where does a cold `layerlint analyze --format json` spend its time and memory? Runs the same
// steps as the CLI, from dist/, one phase at a time, and prints wall time, CPU time,
// heap and RSS after each (cpu: the whole process, workers included). Usage (after npm run build):
//   node --expose-gc bench/phases.mjs IMAGE.tar [--jobs N]
// Phases: load (open the archive, walk every layer in the worker pool, receive the entries),
// analyze (stack the layers, efficiency, duplicates), rules, report (build the report object),
// json (serialise it).
import { availableParallelism } from 'node:os';
import { analyzeImage } from '../dist/analyzers/analyze.js';
import { openImage } from '../dist/analyzers/sources/index.js';
import { WalkPool } from '../dist/analyzers/walk/pool.js';
import { runRules } from '../dist/engine/run-rules.js';
import { evaluateThresholds } from '../dist/engine/thresholds.js';
import { configFor, limitsFrom } from '../dist/pipeline/index.js';
import { buildImageReport } from '../dist/report/result.js';
import { loadReporter } from '../dist/reporters/index.js';

const args = process.argv.slice(2);
const image = args.find((a) => !a.startsWith('--'));
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : availableParallelism();
if (!image) {
  process.stderr.write('usage: node --expose-gc bench/phases.mjs IMAGE [--jobs N]\n');
  process.exit(2);
}

const MiB = 2 ** 20;
let t0 = process.hrtime.bigint();
let c0 = process.cpuUsage();
const rows = [];
function mark(phase, extra = '') {
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  globalThis.gc?.();
  const m = process.memoryUsage();
  rows.push({ phase, wall, cpu: (c.user + c.system) / 1e6, heap: m.heapUsed / MiB, rss: m.rss / MiB, extra });
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
}

mark('startup');
const config = await configFor({ refs: [image] }, process.cwd());
const limits = limitsFrom({});
const pool = new WalkPool(jobs);
const model = await openImage(image, { refs: [image], limits, pool, cache: false, layerCache: undefined });
await pool.close();
const entries = model.layers.reduce((n, l) => n + l.entries.length, 0);
mark('load (walk all layers)', `${model.layers.length} layers, ${entries} entries`);
const analysis = analyzeImage(model);
mark('analyze (stack, efficiency, duplicates)', `${analysis.stack.final.size} visible paths`);
const findings = runRules({ analysis, config });
mark('rules', `${findings.length} findings`);
const thresholds = evaluateThresholds(analysis.efficiency, config.thresholds);
const report = buildImageReport(analysis, findings, thresholds, config.failOn, undefined, undefined);
mark('report');
const text = (await loadReporter('json'))(
  {
    schemaVersion: '1.0',
    tool: { name: 'layerlint', version: 'bench' },
    failOn: config.failOn,
    images: [report],
    exitCode: 0,
  },
  { color: false, width: 80 },
);
mark('json', `${(text.length / MiB).toFixed(1)} MiB`);

const pad = (s, n) => String(s).padEnd(n);
process.stdout.write(
  `${pad('phase', 42)} ${pad('wall s', 7)} ${pad('cpu s', 10)} ${pad('heap MiB', 9)} ${pad('rss MiB', 8)}\n`,
);
for (const r of rows) {
  process.stdout.write(
    `${pad(r.phase, 42)} ${pad(r.wall.toFixed(2), 7)} ${pad(r.cpu.toFixed(2), 10)} ${pad(r.heap.toFixed(0), 9)} ${pad(r.rss.toFixed(0), 8)} ${r.extra}\n`,
  );
}
process.stdout.write(
  `peak RSS (whole process, all threads): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
