import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unifiedDiff } from '../../src/fix/diff.js';
import type { FixContext } from '../../src/fix/types.js';
import { fixOnce, model } from './helpers/pipeline.js';

// Each fixtures/dockerfiles/<name>/ holds a Dockerfile, its reviewed Dockerfile.fixed, and any
// build-context files the fixes may read (Cargo.toml, package-lock.json...).
// UPDATE_FIX_SNAPSHOTS=1 rewrites the .fixed files: review every change by eye, they are the spec.
const root = fileURLToPath(new URL('../../fixtures/dockerfiles/', import.meta.url));
const names = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function contextOf(dir: string): FixContext {
  return {
    readContextFile: (rel) => {
      const p = join(dir, rel);
      return !rel.startsWith('Dockerfile') && existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    },
  };
}

describe('Dockerfile corpus', () => {
  test('has at least 30 Dockerfiles', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  test.each(names)('%s', (name) => {
    const dir = join(root, name);
    const bytes = readFileSync(join(dir, 'Dockerfile'));
    const text = bytes.toString('utf8');
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
    const ctx = contextOf(dir);
    const first = fixOnce(text, ctx);
    const out = first.plan.text;

    expect(first.plan.problems).toEqual([]);
    expect(first.plan.unfixed.map((f) => f.ruleId)).toEqual([]);
    expect(model(out).instructions.length).toBeGreaterThan(0);
    expect(fixOnce(out, ctx).plan.text).toBe(out); // idempotent

    const snapshot = join(dir, 'Dockerfile.fixed');
    if (process.env.UPDATE_FIX_SNAPSHOTS === '1') writeFileSync(snapshot, out, 'utf8');
    const expected = readFileSync(snapshot, 'utf8');
    if (out !== expected)
      throw new Error(
        `fixed output differs from Dockerfile.fixed:\n${unifiedDiff(expected, out, `${name}/Dockerfile.fixed`)}`,
      );
  });
});
