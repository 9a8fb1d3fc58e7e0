// `npm run bench`: generate a big synthetic image, measure the decompression floors and a cold
// `layerlint analyze --format json` on it, at several sizes, and print the ratios. See bench/README.md.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEntryFlood } from './gen-entries.mjs';
import { generateImage } from './gen-image.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'bin', 'layerlint');

const BASE_FILES = 200_000;
const BASE_BYTES = 2 ** 30; // regular-file content; the tar streams come out ~10% bigger
const LAYERS = 10;
const TARGETS = { vsZlib: 1.25, vsGzip: 0.6, rssMiB: 400, bytesPerEntry: 300 };

// ---------------------------------------------------------------------------------------------
// options

function usage(code) {
  process.stdout.write(`usage: npm run bench -- [options]
  --scale X      size of the full image relative to 200,000 files / 1 GiB (default 1)
  --sizes A,B,C  fractions of the full image to run at, for the growth check (default 0.25,0.5,1)
  --reps N       repetitions per measurement, median reported (default 3)
  --seed N       generator seed (default 1)
  --keep         keep the generated images (bench/out/size-*/) instead of deleting them
  --out DIR      where to generate (default bench/out)
  --jobs N       pass --jobs N to layerlint (default: its own default, the CPU count)
  --skip-floors  only run layerlint (no zlib/gzip/igzip floors)
  --entries N    entries of the entry-memory image (default 2000000; 0 skips that measurement)
`);
  process.exit(code);
}

function parseArgs(argv) {
  const o = {
    scale: 1,
    sizes: [0.25, 0.5, 1],
    reps: 3,
    seed: 1,
    keep: false,
    out: join(here, 'out'),
    jobs: undefined,
    floors: true,
    entries: 2_000_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(2);
      return v;
    };
    const num = (v, name) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) {
        process.stderr.write(`bench: ${name} must be a positive number\n`);
        process.exit(2);
      }
      return n;
    };
    if (flag === '--scale') o.scale = num(value(), '--scale');
    else if (flag === '--sizes')
      o.sizes = value()
        .split(',')
        .map((s) => num(s, '--sizes'))
        .sort((x, y) => x - y);
    else if (flag === '--reps') o.reps = Math.round(num(value(), '--reps'));
    else if (flag === '--seed') o.seed = Math.round(num(value(), '--seed'));
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--out') o.out = resolve(value());
    else if (flag === '--jobs') o.jobs = Math.round(num(value(), '--jobs'));
    else if (flag === '--skip-floors') o.floors = false;
    else if (flag === '--entries') o.entries = Math.round(Number(value()));
    else if (flag === '--help' || flag === '-h') usage(0);
    else {
      process.stderr.write(`bench: unknown option ${a}\n`);
      usage(2);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// measuring

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const TIME =
  existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' }).status === 0;

/** Run a command with stdout to /dev/null; wall seconds, CPU seconds and peak RSS (MiB). */
function measure(cmd, args, { env, okCodes = [0] } = {}) {
  return new Promise((resolvePromise, reject) => {
    const devnull = openSync('/dev/null', 'w');
    const argv = TIME ? ['-v', cmd, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(TIME ? '/usr/bin/time' : cmd, argv, {
      stdio: ['ignore', devnull, 'pipe'],
      env: { ...process.env, ...env },
    });
    closeSync(devnull);
    let stderr = '';
    let hwm = 0;
    // without /usr/bin/time: poll VmHWM (peak RSS) of the process while it runs
    const poll = TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {}
        }, 20);
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      const exit = TIME ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code;
      if (!okCodes.includes(exit)) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${exit}:\n${stderr.slice(-2000)}`));
        return;
      }
      const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(stderr)?.[1] ?? Number.NaN);
      resolvePromise({
        wall,
        cpu: TIME ? field('User time \\(seconds\\)') + field('System time \\(seconds\\)') : Number.NaN,
        rssMiB: (TIME ? field('Maximum resident set size \\(kbytes\\)') : hwm) / 1024,
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------------------------------------
// formatting

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const fx = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—');

function table(head, rows) {
  const cells = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ')} |`;
  return [
    line(cells[0]),
    `|${w.map((n, i) => (i === 0 ? `:${'-'.repeat(n + 1)}` : `${'-'.repeat(n + 1)}:`)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

const log = (s = '') => process.stdout.write(`${s}\n`);
const note = (s) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------

async function benchOne(fraction, o, tools) {
  const files = Math.round(BASE_FILES * o.scale * fraction);
  const bytes = Math.round(BASE_BYTES * o.scale * fraction);
  const dir = join(o.out, `size-${fraction}`);
  rmSync(dir, { recursive: true, force: true });
  note(
    `\n[${fraction}x] generating ${files} files, ${f2(bytes / GiB)} GiB of content, ${LAYERS} gzip layers in ${dir}`,
  );
  const img = await generateImage({ dir, files, bytes, layers: LAYERS, seed: o.seed, log: note });
  note(
    `[${fraction}x] ${img.entries} tar entries, ${f2(img.tarBytes / GiB)} GiB of tar, ${f0(img.blobBytes / MiB)} MiB gzip ` +
      `(${f2(img.tarBytes / img.blobBytes)}x), archive ${f0(img.archiveSize / MiB)} MiB, config ${img.configDigest.slice(0, 19)}…, generated in ${f1(img.seconds)} s`,
  );
  const blobs = img.blobs.map((b) => b.path);
  const loop = (tool) => ['-c', `for f in "$@"; do ${tool} -dc "$f" > /dev/null || exit 1; done`, 'sh', ...blobs];
  const llArgs = [
    cli,
    'analyze',
    img.archive,
    '--format',
    'json',
    ...tools.cacheFlag,
    ...(o.jobs ? ['--jobs', String(o.jobs)] : []),
  ];

  // one untimed run: checks the output (every layer, every file) and warms the page cache
  const check = spawnSync(process.execPath, llArgs, { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (check.status !== 0 && check.status !== 1)
    throw new Error(`layerlint failed (exit ${check.status}):\n${check.stderr}`);
  const report = JSON.parse(check.stdout);
  const layers = report.images?.[0]?.layers ?? [];
  if (layers.length !== LAYERS) throw new Error(`layerlint reported ${layers.length} layers, expected ${LAYERS}`);

  const runs = { zlib: [], gzip: [], igzip: [], ll: [] };
  for (let rep = 0; rep < o.reps; rep++) {
    // interleaved, so a burst of load from other users of the machine hits every column alike
    if (o.floors) {
      runs.zlib.push(
        await measure(process.execPath, [join(here, 'floor-zlib.mjs'), ...blobs], {
          env: { FLOOR_CHUNK: String(256 * 1024) },
        }),
      );
      if (tools.gzip) runs.gzip.push(await measure('sh', loop('gzip')));
      if (tools.igzip) runs.igzip.push(await measure('sh', loop('igzip')));
    }
    runs.ll.push(await measure(process.execPath, llArgs, { okCodes: [0, 1] }));
    const last = runs.ll.at(-1);
    note(
      `[${fraction}x] rep ${rep + 1}/${o.reps}: ` +
        (o.floors
          ? `zlib ${f2(runs.zlib.at(-1).wall)} s, gzip ${f2(runs.gzip.at(-1)?.wall)} s, igzip ${f2(runs.igzip.at(-1)?.wall)} s, `
          : '') +
        `layerlint ${f2(last.wall)} s (cpu ${f2(last.cpu)} s, rss ${f0(last.rssMiB)} MiB), load ${loadavg()[0].toFixed(2)}`,
    );
  }
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
  const med = (k, field = 'wall') => (runs[k].length ? median(runs[k].map((r) => r[field])) : Number.NaN);
  return {
    fraction,
    files: img.files,
    entries: img.entries,
    tarBytes: img.tarBytes,
    blobBytes: img.blobBytes,
    zlib: med('zlib'),
    gzip: med('gzip'),
    igzip: med('igzip'),
    ll: med('ll'),
    llCpu: med('ll', 'cpu'),
    rss: Math.max(...runs.ll.map((r) => r.rssMiB)),
    runs,
  };
}

function linearity(results) {
  // least squares t = a + b * GiB, and the marginal cost between successive sizes
  const xs = results.map((r) => r.tarBytes / GiB);
  const ys = results.map((r) => r.ll);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const b = sxx ? sxy / sxx : Number.NaN;
  const a = my - b * mx;
  const r2 = sxx && syy ? (sxy * sxy) / (sxx * syy) : Number.NaN;
  const marginal = [];
  for (let i = 1; i < n; i++) marginal.push((ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]));
  const spread = marginal.length >= 2 ? Math.max(...marginal) / Math.min(...marginal) : Number.NaN;
  return { a, b, r2, marginal, spread, linear: marginal.length < 2 ? undefined : spread <= 1.3 && r2 >= 0.98 };
}

/**
 * Memory per tar entry: peak RSS of `analyze --format json` on one gzip layer of N empty files
 * (bench/gen-entries.mjs), less that of the same image with one file, divided by N. What an
 * entry costs, all the way: walk, transfer from the worker, stacking, analysis.
 */
async function entryMemory(o, tools) {
  const dir = join(o.out, 'entries');
  mkdirSync(dir, { recursive: true });
  const flood = join(dir, `flood-${o.entries}.tar`);
  const one = join(dir, 'flood-1.tar');
  note(`[entries] generating ${o.entries} empty files in one gzip layer`);
  await writeEntryFlood(flood, o.entries, 1);
  await writeEntryFlood(one, 1, 1);
  const args = (image) => [
    cli,
    'analyze',
    image,
    '--format',
    'json',
    ...tools.cacheFlag,
    '--max-entries',
    String(o.entries + 1),
  ];
  const base = await measure(process.execPath, args(one), { okCodes: [0, 1] });
  const full = await measure(process.execPath, args(flood), { okCodes: [0, 1] });
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
  return {
    entries: o.entries,
    baseMiB: base.rssMiB,
    peakMiB: full.rssMiB,
    wall: full.wall,
    bytesPerEntry: ((full.rssMiB - base.rssMiB) * MiB) / o.entries,
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'bundle', 'cli.cjs'))) {
    note('bench: dist/bundle/cli.cjs is missing: run `npm run build` (npm run bench does it for you)');
    process.exit(2);
  }
  const help = spawnSync(process.execPath, [cli, 'analyze', '--help'], { encoding: 'utf8' }).stdout ?? '';
  const cacheFlag = /--no-cache\b|--\[no-\]cache\b|--cache\b/.test(help) ? ['--no-cache'] : [];
  const tools = { gzip: has('gzip'), igzip: has('igzip'), cacheFlag };
  const notes = [];
  if (!tools.gzip) notes.push('gzip is not installed: no gzip floor');
  if (!tools.igzip) notes.push('igzip is not installed (Debian/Ubuntu: apt-get install isal): no igzip floor');
  if (!TIME)
    notes.push('/usr/bin/time is missing: peak RSS is polled from /proc/<pid>/status VmHWM, CPU time not shown');
  notes.push(
    cacheFlag.length
      ? 'layerlint runs with --no-cache (cold)'
      : 'layerlint has no --no-cache flag (no layer cache yet): every run is cold',
  );
  for (const n of notes) note(`bench: ${n}`);
  mkdirSync(o.out, { recursive: true });

  const results = [];
  for (const fraction of o.sizes) results.push(await benchOne(fraction, o, tools));
  const entries = o.entries > 0 ? await entryMemory(o, tools) : undefined;

  const cpu = cpus();
  log(
    `\nlayerlint bench — ${availableParallelism()} cores (${cpu[0]?.model ?? '?'}), node ${process.version}, ${o.reps} reps (median), seed ${o.seed}`,
  );
  log(
    'floors: each layer blob decompressed once, one after another, to /dev/null (node: createGunzip, chunkSize 256 KiB)',
  );
  for (const n of notes) log(`note: ${n}`);
  log('');
  log(
    table(
      [
        'size',
        'files',
        'tar GiB',
        'gzip MiB',
        'node-zlib s',
        'gzip -dc s',
        'igzip -dc s',
        'layerlint s',
        'cpu s',
        'peak RSS MiB*',
        'll/zlib',
        'll/gzip',
        'll/igzip',
      ],
      results.map((r) => [
        `${r.fraction}x`,
        r.files,
        f2(r.tarBytes / GiB),
        f0(r.blobBytes / MiB),
        f2(r.zlib),
        f2(r.gzip),
        f2(r.igzip),
        f2(r.ll),
        f2(r.llCpu),
        f0(r.rss),
        fx(r.ll / r.zlib),
        fx(r.ll / r.gzip),
        fx(r.ll / r.igzip),
      ]),
    ),
  );
  log('times: median of the reps; * peak RSS: the highest of the reps');
  log('');
  log('growth:');
  log(
    table(
      ['size', 'layerlint s', 's / GiB tar', 'ms / 1000 files', 'node-zlib s / GiB', 'peak RSS MiB', 'RSS KiB / file'],
      results.map((r) => [
        `${r.fraction}x`,
        f2(r.ll),
        f2(r.ll / (r.tarBytes / GiB)),
        f0((1000 * r.ll) / (r.files / 1000)),
        f2(r.zlib / (r.tarBytes / GiB)),
        f0(r.rss),
        f2((r.rss * 1024) / r.files),
      ]),
    ),
  );
  const lin = linearity(results);
  if (lin.linear !== undefined) {
    log(
      `linearity: t ≈ ${f2(lin.a)} s + ${f2(lin.b)} s/GiB (R² ${lin.r2.toFixed(4)}); marginal s/GiB between sizes: ${lin.marginal.map(f2).join(', ')} ` +
        `(max/min ${f2(lin.spread)}) -> ${lin.linear ? 'linear' : 'NOT linear (marginal cost grows with size)'}`,
    );
  }

  const full = results.at(-1);
  const isFull = full.fraction * o.scale === 1;
  log('');
  log(
    `targets (issue; ${isFull ? 'the 200,000-file image' : `measured at ${full.fraction * o.scale}x of the 200,000-file image, not the full one`}):`,
  );
  const verdict = (ok) => (ok === undefined || Number.isNaN(ok) ? 'n/a' : ok ? 'PASS' : 'MISS');
  const vz = full.ll / full.zlib;
  const vg = full.ll / full.gzip;
  log(
    `  cold analysis <= ${TARGETS.vsZlib}x node-zlib floor: ${fx(vz)} ${verdict(Number.isFinite(vz) ? vz <= TARGETS.vsZlib : undefined)}`,
  );
  log(
    `  cold analysis <= ${TARGETS.vsGzip}x gzip -dc floor:   ${fx(vg)} ${verdict(Number.isFinite(vg) ? vg <= TARGETS.vsGzip : undefined)}`,
  );
  log(
    `  peak RSS <= ${TARGETS.rssMiB} MiB:                    ${f0(full.rss)} MiB ${verdict(full.rss <= TARGETS.rssMiB)}`,
  );
  log(`  time linear in size:                     ${verdict(lin.linear)}`);
  if (entries) {
    log(
      `  memory per entry <= ${TARGETS.bytesPerEntry} B at ${entries.entries} entries: ${f0(entries.bytesPerEntry)} B ${verdict(entries.bytesPerEntry <= TARGETS.bytesPerEntry)}`,
    );
    log(
      `    (one gzip layer of ${entries.entries} empty files: peak RSS ${f0(entries.peakMiB)} MiB, ${f0(entries.baseMiB)} MiB for one file, ${f2(entries.wall)} s)`,
    );
  }

  writeFileSync(
    join(o.out, 'last.json'),
    `${JSON.stringify({ options: o, notes, results, linearity: lin, entries, date: new Date().toISOString() }, null, 2)}\n`,
  );
  if (o.keep) log(`\nimages kept in ${o.out}/size-*/ (archive: bench-image.tar, layer blobs: blobs/)`);
}

main().catch((err) => {
  note(`bench: ${err.stack ?? err}`);
  process.exit(1);
});
