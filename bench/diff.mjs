// `npm run bench:diff`: what `layerlint diff BASE HEAD` costs when HEAD shares all but its last
// layer with BASE (a pull request that touched one layer). Measured in the same run, on the same
// generated images: a cold `analyze HEAD` (every layer walked) against `diff BASE HEAD` with the
// base in the layer cache, and `diff SAVED.json HEAD` (BASE never opened). The diff's own JSON says
// how many layers it walked; the time should follow the new layer's bytes, not the image's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateImage } from './gen-image.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'layerlint');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg('scale', 0.25);
const reps = arg('reps', 3);
const out = join(root, 'bench', 'out', 'diff');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const spec = { files: Math.round(200_000 * scale), bytes: Math.round(2 ** 30 * scale), layers: 10, seed: 1 };
process.stdout.write(
  `generating BASE and HEAD (${spec.files} files, ${(spec.bytes / 2 ** 20).toFixed(0)} MiB, 10 layers; HEAD's last layer differs)\n`,
);
const base = await generateImage({ ...spec, dir: join(out, 'base') });
const head = await generateImage({ ...spec, dir: join(out, 'head'), lastLayerSeed: 2 });
const lastTar = head.blobs[head.blobs.length - 1].tarSize;

/** Wall and CPU seconds (user + system, all threads: /usr/bin/time), CPU being what a loaded machine does not blur. */
function timed(args, env = {}) {
  const timeFile = join(out, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', timeFile, process.execPath, cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`layerlint ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const [wall, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds: wall, cpu: user + sys, stdout: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cache = join(out, 'cache');
const saved = join(out, 'base.json');
timed(['analyze', base.archive, '--cache-dir', cache, '--files', '--format', 'json', '--output', saved]);
const rows = { cold: [], diffCached: [], diffSaved: [] };
const cpu = { cold: [], diffCached: [], diffSaved: [] };
const record = (k, t) => {
  rows[k].push(t.seconds);
  cpu[k].push(t.cpu);
  return t;
};
let walked;
for (let i = 0; i < reps; i++) {
  record('cold', timed(['analyze', head.archive, '--no-cache', '--format', 'json']));
  // every rep starts from a cache that holds BASE only
  const c = join(out, `cache-${i}`);
  timed(['analyze', base.archive, '--cache-dir', c, '--format', 'json']);
  const d = record('diffCached', timed(['diff', base.archive, head.archive, '--cache-dir', c, '--format', 'json']));
  walked = JSON.parse(d.stdout);
  const c2 = join(out, `cache-saved-${i}`);
  timed(['analyze', base.archive, '--cache-dir', c2, '--format', 'json']);
  record('diffSaved', timed(['diff', saved, head.archive, '--cache-dir', c2, '--format', 'json']));
  rmSync(c, { recursive: true, force: true });
  rmSync(c2, { recursive: true, force: true });
}
const cold = median(rows.cold);
const coldCpu = median(cpu.cold);
const row = (label, k) =>
  `| ${label} | ${median(rows[k]).toFixed(2)} | ${(median(rows[k]) / cold).toFixed(2)} | ${median(cpu[k]).toFixed(2)} | ${(median(cpu[k]) / coldCpu).toFixed(2)} |`;
const share = lastTar / head.tarBytes;
process.stdout.write(
  [
    '',
    `HEAD: ${head.tarBytes} tar bytes in 10 layers; its last layer (the only new one): ${lastTar} (${(share * 100).toFixed(1)}%)`,
    `saved BASE result: ${statSync(saved).size} bytes (with --files)`,
    '',
    '| run | wall s | x cold | cpu s | x cold |',
    '|---|---:|---:|---:|---:|',
    row('analyze HEAD, cold (all 10 layers walked)', 'cold'),
    row('diff BASE HEAD, BASE in the cache', 'diffCached'),
    row('diff SAVED.json HEAD (its shared layers in the cache)', 'diffSaved'),
    '',
    `walked by the diff: BASE ${walked.base.walkedLayers} layers, HEAD ${walked.head.walkedLayers} layer(s)`,
    '',
  ].join('\n'),
);
rmSync(out, { recursive: true, force: true });
