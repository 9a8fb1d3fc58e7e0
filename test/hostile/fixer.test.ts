// Item 10: `fix --write` on lone-CR endings, and run as an unprivileged user on files it may not
// write, or must not re-own or unlink.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineRefusal, runBounded } from './bounded.js';
import { FIXABLE, groupWritable, hardLinked, loneCr, NOBODY, readOnly, rootOwned } from './generators/fixer-files.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'll-fixer-'));
  chmodSync(root, 0o755); // nobody must reach the case folders
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const BOUND = { timeoutMs: 20_000, maxRssMiB: 400 };
const asNobody = { ...BOUND, runAs: NOBODY };
const FIXED = 'FROM debian:12\nRUN true\nRUN useradd --create-home --uid 10001 appuser\nUSER 10001\nCMD ["sh"]\n';

test('lone-CR line endings: USER goes above CMD on its own line, once', async () => {
  const c = loneCr(root);
  const first = await runBounded(['fix', '--write', c.dockerfile], BOUND);
  expect(first.killedFor).toBeUndefined();
  expect(first.code).toBe(0);
  expect(readFileSync(c.dockerfile, 'utf8')).toBe(FIXED.replace(/\n/g, '\r'));
  const second = await runBounded(['fix', '--write', c.dockerfile], BOUND);
  expect(second.code).toBe(0);
  expect(readFileSync(c.dockerfile, 'utf8')).toBe(FIXED.replace(/\n/g, '\r'));
});

test.each([
  ['a read-only (0444) Dockerfile of its own', readOnly],
  ['a root-owned Dockerfile in a folder it may write', rootOwned],
])('as nobody, %s is refused in one line and left as it was', async (_, make) => {
  const c = make(root);
  const before = statSync(c.dockerfile);
  const r = await runBounded(['fix', '--write', c.dockerfile], asNobody);
  expectOneLineRefusal(r, /not writable by this user \(permission denied\); nothing written/);
  const after = statSync(c.dockerfile);
  expect(readFileSync(c.dockerfile, 'utf8')).toBe(FIXABLE);
  expect([after.ino, after.uid, after.mode]).toEqual([before.ino, before.uid, before.mode]);
});

test('as nobody, a hard-linked Dockerfile is fixed in place: both names, owner and mode kept', async () => {
  const c = hardLinked(root);
  const before = statSync(c.dockerfile);
  const r = await runBounded(['fix', '--write', c.dockerfile], asNobody);
  expect(r.killedFor).toBeUndefined();
  expect(r.code).toBe(0);
  expect(readFileSync(c.link, 'utf8')).toBe(FIXED);
  const after = statSync(c.dockerfile);
  expect([after.ino, after.nlink, after.uid, after.gid, after.mode & 0o7777]).toEqual([
    before.ino,
    2,
    NOBODY.uid,
    NOBODY.gid,
    0o640,
  ]);
});

test("as nobody, root's Dockerfile its group may write is fixed and stays root's", async () => {
  const c = groupWritable(root);
  const r = await runBounded(['fix', '--write', c.dockerfile], asNobody);
  expect(r.code).toBe(0);
  expect(readFileSync(c.dockerfile, 'utf8')).toBe(FIXED);
  const after = statSync(c.dockerfile);
  expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([0, NOBODY.gid, 0o664]);
});
