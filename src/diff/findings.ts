// Findings of BASE and HEAD matched by fingerprint (report/fingerprint.ts), as multisets: two equal
// findings in BASE and three in HEAD are two unchanged and one new. What is left on both sides is
// paired by subject ("updated": the same problem, now caused by another instruction).
import type { BaselineState, Finding } from '../model/types.js';
import type { FindingDiff } from './types.js';

function takeMatches(
  heads: Finding[],
  bases: Finding[],
  key: (f: Finding) => string | undefined,
): { matched: [Finding, Finding][]; heads: Finding[]; bases: Finding[] } {
  const pool = new Map<string, Finding[]>();
  for (const b of bases) {
    const k = key(b);
    if (k === undefined) continue;
    const list = pool.get(k) ?? [];
    list.push(b);
    pool.set(k, list);
  }
  const matched: [Finding, Finding][] = [];
  const restHeads: Finding[] = [];
  const used = new Set<Finding>();
  for (const h of heads) {
    const k = key(h);
    const b = k === undefined ? undefined : pool.get(k)?.shift();
    if (b) {
      matched.push([h, b]);
      used.add(b);
    } else restHeads.push(h);
  }
  return { matched, heads: restHeads, bases: bases.filter((b) => !used.has(b)) };
}

const mark = (f: Finding, state: BaselineState): Finding => ({ ...f, baselineState: state });

/** The four sets, and HEAD's findings in their own order, each marked with its baselineState. */
export function compareFindings(base: Finding[], head: Finding[]): { diff: FindingDiff; marked: Finding[] } {
  const exact = takeMatches(head, base, (f) => f.fingerprint);
  const loose = takeMatches(exact.heads, exact.bases, (f) => f.subjectFingerprint);
  const state = new Map<Finding, BaselineState>();
  for (const [h] of exact.matched) state.set(h, 'unchanged');
  for (const [h] of loose.matched) state.set(h, 'updated');
  const marked = head.map((f) => mark(f, state.get(f) ?? 'new'));
  const having = (s: BaselineState) => marked.filter((f) => f.baselineState === s);
  return {
    diff: {
      new: having('new'),
      fixed: loose.bases.map((f) => mark(f, 'absent')),
      unchanged: having('unchanged'),
      updated: having('updated'),
    },
    marked,
  };
}
