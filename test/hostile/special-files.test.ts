// Item 5: a FIFO, /dev/zero or /dev/urandom as any input is refused in one line, at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineRefusal, runBounded } from './bounded.js';
import { SPECIALS, specialFileCases } from './generators/special-files.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'll-special-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(SPECIALS)('%s', (kind) => {
  test('as every input: exit 2 with one line naming it, within 15 s and 300 MiB each', async () => {
    const cases = await specialFileCases(join(dir, kind), kind);
    for (const c of cases) {
      const r = await runBounded(c.args, { cwd: c.cwd, env: c.env, timeoutMs: 15_000, maxRssMiB: 300 });
      try {
        expectOneLineRefusal(r, c.names);
        expect(r.stderr).toMatch(kind === 'fifo' ? /a FIFO|not a regular file/ : /character device|not a regular file/);
      } catch (err) {
        throw new Error(`${c.name}: ${(err as Error).message}\n${JSON.stringify(r).slice(0, 600)}`);
      }
    }
  });
});
