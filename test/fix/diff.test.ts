import { applyEdits } from '../../src/fix/apply.js';
import { splitLines, unifiedDiff } from '../../src/fix/diff.js';

/** Applies a unified diff produced by unifiedDiff (test oracle). */
function patch(old: string, diff: string): string {
  const a = splitLines(old);
  const out: string[] = [];
  let ai = 0;
  const lines = diff.split('\n');
  for (let i = 2; i < lines.length; i++) {
    const l = lines[i];
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(l);
    if (m) {
      const start = Number(m[2] === '0' ? Number(m[1]) : Number(m[1]) - 1);
      while (ai < start) out.push(a[ai++]);
      continue;
    }
    if (l === '') continue;
    const noEol = lines[i + 1] === '\\ No newline at end of file';
    const body = l.slice(1) + (noEol ? '' : '\n');
    if (l[0] === ' ') {
      out.push(body);
      ai++;
    } else if (l[0] === '-') ai++;
    else if (l[0] === '+') out.push(body);
    if (noEol) i++;
  }
  while (ai < a.length) out.push(a[ai++]);
  return out.join('');
}

describe('unifiedDiff', () => {
  test('equal texts give no diff', () => {
    expect(unifiedDiff('a\n', 'a\n')).toBe('');
  });

  test('headers, hunk ranges and 3 lines of context', () => {
    const old = 'FROM x\n1\n2\n3\n4\nRUN a\n5\n6\n7\n8\n';
    const neu = 'FROM x\n1\n2\n3\n4\nRUN a && b\n5\n6\n7\n8\n';
    expect(unifiedDiff(old, neu)).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -3,7 +3,7 @@\n 2\n 3\n 4\n-RUN a\n+RUN a && b\n 5\n 6\n 7\n',
    );
  });

  test('pure insertion and deletion hunks', () => {
    expect(unifiedDiff('a\nb\n', 'a\nx\nb\n')).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,3 @@\n a\n+x\n b\n',
    );
    expect(unifiedDiff('a\n', '')).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +0,0 @@\n-a\n');
  });

  test('missing final newline is marked', () => {
    expect(unifiedDiff('a\nb', 'a\nc')).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
  });

  test('distant changes make separate hunks; the diff patches back', () => {
    const old = Array.from({ length: 30 }, (_, i) => `L${i}\n`).join('');
    const { text: neu } = applyEdits(old, [
      { range: [0, 0], text: 'top\n' },
      { range: [old.indexOf('L15'), old.indexOf('L16')], text: '' },
      { range: [old.length, old.length], text: 'end' },
    ]);
    const d = unifiedDiff(old, neu, 'sub/Dockerfile');
    expect(d.startsWith('--- a/sub/Dockerfile\n+++ b/sub/Dockerfile\n')).toBe(true);
    expect(d.match(/^@@/gm)).toHaveLength(3);
    expect(patch(old, d)).toBe(neu);
  });
});
