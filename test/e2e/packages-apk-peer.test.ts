// Package attribution on alpine 3.10 as `docker save` wrote it (../shared/peers/alpine): the
// expected bytes come from the extracted rootfs, with each package's files listed by awk from
// apk's database (an independent reading of the F:/R: lines), not from layerlint's parser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, layerlint, REPO } from '../cli/run-cli.js';

const ALPINE = join(REPO, '../shared/peers/alpine/alpine-310.tar.gz');

function sh(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return r.stdout;
}

let work: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'll-pkg-apk-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('every apk package, with the bytes of its files in the rootfs', () => {
  sh(
    `cd '${work}' && tar -xzf '${ALPINE}' && mkdir root && tar -xf "$(node -p 'require("./manifest.json")[0].Layers[0]')" -C root`,
  );
  // "<package> <size>" per regular file of each package
  const rows = sh(
    `cd '${work}/root' && awk -F: '/^P:/{p=$2} /^F:/{d=$2} /^R:/{print p "\\t" d "/" substr($0,3)}' lib/apk/db/installed | ` +
      `while IFS=$'\\t' read -r p f; do if [ -f "$f" ] && [ ! -L "$f" ]; then echo "$p $(stat -c %s "$f")"; fi; done`,
  );
  const expected = new Map<string, number>();
  for (const name of sh(`awk -F: '/^P:/{print $2}' '${work}/root/lib/apk/db/installed'`).split('\n').filter(Boolean))
    expected.set(name, 0);
  for (const line of rows.split('\n').filter(Boolean)) {
    const [p, size] = line.split(' ');
    expected.set(p, (expected.get(p) ?? 0) + Number(size));
  }
  const r = layerlint(['analyze', ALPINE, '--format', 'json']);
  const report = JSON.parse(r.stdout).images[0].packages;
  expect(report.databases).toEqual(['/lib/apk/db/installed']);
  const ours = Object.fromEntries(report.packages.map((p: { name: string; bytes: number }) => [p.name, p.bytes]));
  expect(ours).toEqual(Object.fromEntries(expected));
  expect(expected.size).toBe(14);
  expect(report.packages[0]).toMatchObject({ name: 'libcrypto1.1', version: '1.1.1d-r2', ecosystem: 'apk' });
});
