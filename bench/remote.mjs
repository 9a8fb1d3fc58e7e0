#!/usr/bin/env node
// Benchmarks for the remote sources and the layer cache (run by hand, not part of the tests):
//   node bench/remote.mjs [--mb 560]
// 1. registry: `layerlint analyze docker://…` of a >= 500 MB image from a loopback registry vs
//    `skopeo copy docker://… oci:DIR` of the same image, same run (target <= 1.0x)
// 2. daemon: `layerlint analyze docker-daemon:…` vs `docker save IMAGE > /dev/null` (target <= 1.2x)
// 3. cache: a second analysis vs the cold one (target <= 10%), and an image sharing its base
//    with one already analysed (its time should follow its new bytes)
// Everything lives under a /tmp dir that is deleted at the end; daemons are stopped by PID.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const mbArg = process.argv.indexOf('--mb');
const totalMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 560;
const T = mkdtempSync(join(tmpdir(), 'll-bench-'));
const build = join(T, 'build');

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || '').slice(-2000)}`);
  return r.stdout;
}
function timed(label, fn, runs = 2) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  console.log(`  ${label.padEnd(58)} ${best < 1 ? best.toFixed(3) : best.toFixed(2)} s`);
  return best;
}

/** least squares t = a + b x over [x, t] points, with R^2 */
function linearFit(points) {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const b = sxy / sxx;
  const a = my - b * mx;
  const ssr = points.reduce((s, [x, y]) => s + (y - a - b * x) ** 2, 0);
  const sst = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { a, b, r2: 1 - ssr / sst };
}

const stops = [];
try {
  console.log(`bench dir ${T}; building the CLI (npm run build), compiling fixtures/builder and test/support…`);
  sh('npm', ['run', 'build'], { cwd: repo });
  spawnSync(
    'npx',
    [
      'tsc',
      '--outDir',
      build,
      '--rootDir',
      repo,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--skipLibCheck',
      '--esModuleInterop',
      '--resolveJsonModule',
      '--types',
      'node',
      join(repo, 'fixtures/builder/index.ts'),
      join(repo, 'test/support/index.ts'),
    ],
    { cwd: repo, stdio: 'ignore' },
  );
  // the helpers resolve the repo's node_modules and are ESM, like the repo itself
  execFileSync('ln', ['-s', join(repo, 'node_modules'), join(T, 'node_modules')]);
  execFileSync('cp', [join(repo, 'package.json'), join(build, 'package.json')]);
  // the CLI as users run it: bin/layerlint -> dist/bundle (with its walker worker, loaded by URL)
  const cli = join(repo, 'bin/layerlint');
  if (!existsSync(join(repo, 'dist/bundle/worker.js')))
    throw new Error('the walker worker was not built: layerlint would walk in one thread');
  const support = await import(join(build, 'test/support/index.js'));

  // seeded random content compresses badly: the gzip blobs stay about as big as the content
  const layerMb = Math.ceil(totalMb / 4);
  const file = (name, mb, seed) => ({ path: `/${name}`, size: mb * 1024 * 1024, seed });
  const baseLayers = [0, 1, 2].map((i) => ({
    files: [file(`base${i}.bin`, layerMb, `base${i}`)],
    compression: 'gzip',
  }));
  const big = { layers: [...baseLayers, { files: [file('app.bin', layerMb, 'app')], compression: 'gzip' }] };
  // siblings: the same 3 base layers and one new layer of a quarter, a half and a whole layer's size
  const siblingMb = [Math.ceil(layerMb / 4), Math.ceil(layerMb / 2), layerMb];
  const sibling = (mb) => ({
    layers: [...baseLayers, { files: [file('other.bin', mb, `other${mb}`)], compression: 'gzip' }],
  });
  console.log(`generating images: 4 layers x ${layerMb} MB, and siblings sharing 3 of them…`);
  // in a child process: the images pass through this one's memory otherwise, and a parent holding
  // a GiB makes every spawn (fork) of a measured command ~40 ms slower, as much as a warm run costs
  const images = [
    [big, 'big', 'bench/big:1'],
    ...siblingMb.map((mb) => [sibling(mb), `sib${mb}`, `bench/sib${mb}:1`]),
  ].map(([recipe, dir, tag]) => ({ recipe, dir: join(T, dir), tag }));
  sh(process.execPath, [
    '--input-type=module',
    '-e',
    `const { writeImage } = await import(${JSON.stringify(join(build, 'fixtures/builder/index.js'))});
     for (const i of ${JSON.stringify(images)}) await writeImage(i.recipe, 'oci-dir', i.dir, { compression: 'gzip', tag: i.tag });`,
  ]);
  console.log(`  (this process holds ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB while it measures)`);

  const reg = await support.startRegistry({ auth: 'none' });
  stops.push(() => reg.stop());
  await support.skopeoCopy(`oci:${join(T, 'big')}:1`, `docker://${reg.host}/bench/big:1`, ['--dest-tls-verify=false']);
  for (const mb of siblingMb)
    await support.skopeoCopy(`oci:${join(T, `sib${mb}`)}:1`, `docker://${reg.host}/bench/sib${mb}:1`, [
      '--dest-tls-verify=false',
    ]);
  const ll = (args, opts) =>
    sh(process.execPath, [cli, 'analyze', ...args, '--format', 'json', '-o', '/dev/null', '--fail-on', 'none'], opts);

  console.log('\nregistry (loopback distribution 2.8):');
  const skopeo = timed('skopeo copy docker://… oci:DIR', () => {
    rmSync(join(T, 'out'), { recursive: true, force: true });
    sh('skopeo', [
      '--insecure-policy',
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${reg.host}/bench/big:1`,
      `oci:${join(T, 'out')}:x`,
    ]);
  });
  rmSync(join(T, 'out'), { recursive: true, force: true });
  const regCold = timed('layerlint analyze docker://… --no-cache', () =>
    ll([`docker://${reg.host}/bench/big:1`, '--no-cache']),
  );
  console.log(`  ratio layerlint / skopeo = ${(regCold / skopeo).toFixed(2)}x (target <= 1.0x)`);

  console.log('\ncache:');
  const cacheDir = join(T, 'cache');
  const cold = timed('cold: analyze docker://…/big (empty cache)', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    ll([`docker://${reg.host}/bench/big:1`, '--cache-dir', cacheDir]);
  });
  // a run of ~0.1 s is at the mercy of the machine's noise (a few ms of it is a lot): best of 5
  const warm = timed(
    'warm: analyze docker://…/big again',
    () => ll([`docker://${reg.host}/bench/big:1`, '--cache-dir', cacheDir]),
    5,
  );
  console.log(`  warm / cold = ${((warm / cold) * 100).toFixed(1)}% (target <= 10%)`);
  // an image sharing its base with one analysed before: time against the bytes it adds, fitted
  // t = fixed + per-byte x new bytes over the warm run (nothing new) and the three siblings
  const points = [[0, warm]];
  for (const mb of siblingMb) {
    const t = timed(`sibling with big cached (new layer of ${mb} MB)`, () => {
      rmSync(join(T, 'cache-sib'), { recursive: true, force: true });
      execFileSync('cp', ['-r', cacheDir, join(T, 'cache-sib')]);
      ll([`docker://${reg.host}/bench/sib${mb}:1`, '--cache-dir', join(T, 'cache-sib')]);
    });
    points.push([mb, t]);
  }
  const fit = linearFit(points);
  console.log(
    `  fit: t = ${fit.a.toFixed(3)} s + ${(fit.b * 1000).toFixed(2)} s/GB x new GB (R^2 ${fit.r2.toFixed(4)}); cold's own rate ${((cold / (4 * layerMb)) * 1000).toFixed(2)} s/GB`,
  );

  console.log('\ndaemon (dockerd 20.10, vfs):');
  const d = await support.startDockerd();
  stops.push(() => d.stop());
  await support.skopeoCopy(`oci:${join(T, 'big')}:1`, `docker-archive:${join(T, 'big.tar')}:bench/big:1`);
  await support.loadImageArchive(d.socketPath, join(T, 'big.tar'));
  rmSync(join(T, 'big.tar'));
  const env = { ...process.env, DOCKER_HOST: d.dockerHost };
  const save = timed('docker save bench/big:1 > /dev/null', () =>
    sh('sh', ['-c', '/usr/bin/docker save bench/big:1 > /dev/null'], { env }),
  );
  const daemon = timed('layerlint analyze docker-daemon:bench/big:1 --no-cache', () =>
    ll(['docker-daemon:bench/big:1', '--no-cache'], { env }),
  );
  console.log(`  ratio layerlint / docker save = ${(daemon / save).toFixed(2)}x (target <= 1.2x)`);
  const dcache = join(T, 'dcache');
  ll(['docker-daemon:bench/big:1', '--cache-dir', dcache], { env });
  const dwarm = timed(
    'daemon, warm cache (inspect only, no export)',
    () => ll(['docker-daemon:bench/big:1', '--cache-dir', dcache], { env }),
    5,
  );
  console.log(`  daemon warm / cold = ${((dwarm / daemon) * 100).toFixed(1)}%`);
} finally {
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e.message));
  rmSync(T, { recursive: true, force: true });
  console.log(`\nremoved ${T}`);
}
