// Item 8: text from the image (file names, created_by, USER, EXPOSE, ENV, repo tags), from the
// archive's own names in error lines, and from findings in fix's notes reaches a human reader
// only through printable(): every control, separator and bidi-override character is shown as a
// visible escape, and one error stays one line. JSON keeps the exact bytes.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packMembers, writeImage } from '../../fixtures/builder/index.js';
import { printable } from '../../src/printable.js';
import { fitWidth } from '../../src/tui/components/text.js';
import { expectOneLineRefusal, runBounded } from './bounded.js';

// what must never reach a reader raw: C0 (tab and newline included), DEL, C1, U+2028/9, bidi
const RAW_CLASS = '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const RAW = new RegExp(RAW_CLASS);

const ESC = '\x1b';
const TITLE = `${ESC}]0;pwned\x07`; // sets the terminal title
const CLEAR = `${ESC}[2J${ESC}[H`; // clears the screen
const setuidName = `usr/bin/${CLEAR}ok\u202etxt.sh`;
const wwName = `srv/a\nb\x9b31m\x7f`;

const dir = mkdtempSync(join(tmpdir(), 'll-walk-inject-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function hostileImage(): Promise<string> {
  const out = join(dir, 'inject.tar');
  await writeImage(
    {
      layers: [
        {
          createdBy: `/bin/sh -c #(nop) ${TITLE} RUN echo hi`,
          files: [
            { path: setuidName, content: 'x', mode: 0o4755 },
            { path: wwName, content: 'y', mode: 0o666 },
            {
              path: 'home/u/.npmrc',
              content: '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789',
            },
          ],
        },
      ],
      config: {
        User: `root${TITLE}`,
        ExposedPorts: { [`22/tcp${CLEAR}`]: {} },
        Env: [`AWS_SECRET_ACCESS_KEY=${TITLE}wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`],
      },
      repoTag: `evil${ESC}[2J:latest`,
    },
    'docker-legacy',
    out,
  );
  return out;
}

test('printable makes each kind of unprintable character visible', () => {
  expect(printable(`a${ESC}[2Jb\nc\td\x7fe\x9bf\u202eg\u2066h\u2028i`)).toBe(
    'a\\x1b[2Jb\\nc\\td\\x7fe\\x9bf\\u202eg\\u2066h\\u2028i',
  );
  expect(printable('plain /usr/bin/ls héllo')).toBe('plain /usr/bin/ls héllo');
});

test.each(['tty', 'markdown', 'github'])('the %s report shows hostile image text escaped', async (format) => {
  const image = await hostileImage();
  const r = await runBounded(['analyze', image, '--format', format], { timeoutMs: 60_000 });
  expect(r.killedFor).toBeUndefined();
  expect(r.code).toBe(1); // the setuid, world-writable and secret findings
  expect(r.stdout).not.toMatch(RAW);
  expect(r.stderr).not.toMatch(RAW);
  // the hostile file names appear, escaped
  expect(r.stdout).toContain(printable(`/${setuidName}`));
  expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
});

test('JSON keeps the exact names', async () => {
  const image = await hostileImage();
  const r = await runBounded(['analyze', image, '--format', 'json'], { timeoutMs: 60_000 });
  const paths = JSON.parse(r.stdout).images[0].findings.flatMap((f: { paths?: string[] }) => f.paths ?? []);
  expect(paths).toEqual(expect.arrayContaining([`/${setuidName}`, `/${wwName}`]));
});

test('a hostile layer name in an error line stays one escaped line', async () => {
  const out = join(dir, 'badname.tar');
  const name = `x${CLEAR}\nlayerlint: all good\u202e/layer.tar`;
  // gzip's magic and then garbage: the walk fails and names the member
  const layer = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(600, 0xee)]);
  const diffId = `sha256:${'ab'.repeat(32)}`;
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [diffId] } }),
  );
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`; // docker save's first member
  const manifest = [{ Config: configName, RepoTags: ['a:b'], Layers: [name] }];
  writeFileSync(
    out,
    await packMembers([
      { name: configName, data: config },
      { name, data: layer },
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    ]),
  );
  const r = await runBounded(['analyze', out], { timeoutMs: 30_000 });
  expectOneLineRefusal(r, /layer\.tar/);
  expect(r.stderr).toContain(printable(name));
});

test("fix's notes show finding text escaped", async () => {
  const image = await hostileImage();
  const dockerfile = join(dir, 'Dockerfile');
  writeFileSync(dockerfile, 'FROM scratch\nCOPY . /\n');
  const r = await runBounded(['fix', dockerfile, '--image', image], { timeoutMs: 60_000 });
  expect(r.killedFor).toBeUndefined();
  expect(r.stderr).toContain('Not fixed automatically');
  expect(r.stderr).not.toMatch(RAW);
  expect(r.stdout).not.toMatch(RAW);
});

test('every explorer row (fitWidth) shows hostile text escaped, cut to its visible width', () => {
  expect(fitWidth(`a${ESC}]0;t\x07b`, 14)).toBe('a\\x1b]0;t\\x07b');
  expect(fitWidth(`${ESC}[2J`, 6)).toBe('\\x1b[…');
});
