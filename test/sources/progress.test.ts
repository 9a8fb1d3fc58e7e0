// The registry's progress line: what a user sees on a terminal while blobs download, and nothing
// at all when stderr is not one (a CI log, a pipe).
import { progressBar } from '../../src/analyzers/sources/registry/progress.js';

function fakeTerminal(isTTY: boolean, columns = 100) {
  const writes: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

let now = 1_000_000;
const realNow = Date.now;
beforeEach(() => {
  Date.now = () => now;
});
afterEach(() => {
  Date.now = realNow;
});

test('a terminal gets one line, redrawn in place: bar, percent, megabytes, layers, cached ones', () => {
  const { stream, writes } = fakeTerminal(true);
  const p = progressBar(stream, 'docker://r/ns/app:1');
  p.start(40e6, 4, 1);
  expect(writes.at(-1)).toBe(`\r\x1b[2Kdocker://r/ns/app:1 [${' '.repeat(24)}] 0% 0.0 MB/40.0 MB 1/4 layers, 1 cached`);
  now += 200;
  p.bytes(10e6);
  expect(writes.at(-1)).toBe(
    `\r\x1b[2Kdocker://r/ns/app:1 [${'='.repeat(6)}${' '.repeat(18)}] 25% 10.0 MB/40.0 MB 1/4 layers, 1 cached`,
  );
  now += 200;
  p.bytes(30e6);
  now += 200;
  p.layerDone();
  expect(writes.at(-1)).toBe(
    `\r\x1b[2Kdocker://r/ns/app:1 [${'='.repeat(24)}] 100% 40.0 MB/40.0 MB 2/4 layers, 1 cached`,
  );
  p.end();
  expect(writes.at(-1)).toBe('\r\x1b[2K'); // the line is cleared: the report starts on a clean line
});

test('at most ten redraws a second, however many chunks arrive', () => {
  const { stream, writes } = fakeTerminal(true);
  const p = progressBar(stream, 'img');
  p.start(1e9, 1, 0);
  for (let i = 0; i < 1000; i++) {
    now += 1; // a chunk every millisecond for a second
    p.bytes(1e6);
  }
  expect(writes.length).toBeLessThanOrEqual(1 + 10);
  expect(writes.length).toBeGreaterThanOrEqual(1 + 9);
});

test('a line never wraps: it is cut to the terminal width', () => {
  const { stream, writes } = fakeTerminal(true, 40);
  progressBar(stream, `docker://registry.example.com/${'x'.repeat(60)}:1`).start(1, 1, 0);
  expect(writes.at(-1)?.replace('\r\x1b[2K', '')).toHaveLength(39);
});

test('not a terminal: nothing is written', () => {
  const { stream, writes } = fakeTerminal(false);
  const p = progressBar(stream, 'img');
  p.start(10, 1, 0);
  p.bytes(10);
  p.layerDone();
  p.end();
  expect(writes).toEqual([]);
  expect(() => progressBar(undefined, 'img').start(1, 1, 0)).not.toThrow();
});
