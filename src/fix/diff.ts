/** Unified diff of two texts, line based, 3 lines of context (like `diff -u`). "" when equal. */
export function unifiedDiff(oldText: string, newText: string, path = 'Dockerfile', context = 3): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  const hunks = groupHunks(ops, context);
  let out = `--- a/${path}\n+++ b/${path}\n`;
  for (const h of hunks) {
    const oldCount = h.filter((o) => o.kind !== '+').length;
    const newCount = h.filter((o) => o.kind !== '-').length;
    const first = h[0];
    const oldStart = oldCount === 0 ? first.ai : first.ai + 1;
    const newStart = newCount === 0 ? first.bi : first.bi + 1;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const o of h) {
      const line = o.kind === '+' ? b[o.bi] : a[o.ai];
      const body = line.endsWith('\n') ? line.slice(0, -1) : line;
      out += `${o.kind}${body}\n`;
      if (!line.endsWith('\n')) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}

interface Op {
  kind: ' ' | '-' | '+';
  ai: number; // index in a of this line (or of the next a line, for '+')
  bi: number;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Lines with their terminators kept, so a changed line ending is a changed line. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(text.slice(at, end));
    at = end;
  }
  return lines;
}

/** Longest common subsequence on lines (common prefix/suffix trimmed first; Dockerfiles are small). */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..] (middle part only)
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[pre + i] === b[pre + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: ' ', ai: k, bi: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      ops.push({ kind: ' ', ai: pre + i, bi: pre + j });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) {
      ops.push({ kind: '+', ai: pre + i, bi: pre + j });
      j++;
    } else {
      ops.push({ kind: '-', ai: pre + i, bi: pre + j });
      i++;
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', ai: pre + n + k, bi: pre + m + k });
  return ops;
}

function groupHunks(ops: Op[], context: number): Op[][] {
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const c of changed) {
    const s = Math.max(0, c - context);
    const e = Math.min(ops.length - 1, c + context);
    if (start >= 0 && s <= end + 1) end = e;
    else {
      if (start >= 0) hunks.push(ops.slice(start, end + 1));
      start = s;
      end = e;
    }
  }
  if (start >= 0) hunks.push(ops.slice(start, end + 1));
  return hunks;
}
