// One problem, one finding. Some problems are seen from both sides: a Dockerfile rule names the
// line that causes it, an image rule measures what it costs. When both fire for the same
// instruction, the engine keeps one finding: the Dockerfile rule's (its line, span and fix) with
// the image's evidence (layer, bytes, paths) and the image rule's id in `related`.

import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { Finding, Severity } from '../model/types.js';

/** Pairs of rules that describe one problem from the two sides: the Dockerfile line and the image bytes. */
export interface SameProblem {
  dockerfile: string;
  image: string;
  /** image findings of these kinds only (data.kind); all when absent */
  kinds?: string[];
  /**
   * 'instruction': the image finding sits on the instruction the Dockerfile finding names;
   * 'file': any image finding of the pair belongs to the (single) Dockerfile finding.
   */
  match: 'instruction' | 'file';
  /**
   * With an image, the image rule has the last word: a Dockerfile finding of these `data.reason`s
   * that no image finding confirms is dropped (e.g. no USER in the Dockerfile, but the base image
   * sets a non-root user).
   */
  imageDecides?: string[];
}

export const SAME_PROBLEM: readonly SameProblem[] = [
  { dockerfile: 'missing-user', image: 'runs-as-root', match: 'file', imageDecides: ['no-user'] },
  {
    dockerfile: 'apt-lists-not-removed',
    image: 'package-manager-cache',
    kinds: ['apt-lists', 'apt-archives'],
    match: 'instruction',
  },
  { dockerfile: 'cleanup-in-separate-layer', image: 'deleted-but-shipped', match: 'instruction' },
  { dockerfile: 'single-stage-build', image: 'build-toolchain-in-final-image', match: 'file' },
];

/** Rule ids that take part in a pair: they run even when configured off, so that ignoring either id suppresses the pair. */
export const PAIRED_RULES: ReadonlySet<string> = new Set(SAME_PROBLEM.flatMap((p) => [p.dockerfile, p.image]));

/** A finding with whether the user ignored it (configured off, ignore comment, ignored id). */
export interface Candidate {
  finding: Finding;
  suppressed: boolean;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/**
 * Merge the pairs of SAME_PROBLEM (`ran`: the rules that ran, on an image for image rules); a
 * merged finding is suppressed when either side is. Pure:
 * returns new candidates, in the input order (the merged one where its Dockerfile finding was).
 */
export function mergeSameProblem(
  candidates: Candidate[],
  dockerfile: DockerfileModel | undefined,
  ran: ReadonlySet<string>,
): Candidate[] {
  if (!dockerfile) return candidates;
  const absorbed = new Set<Candidate>();
  const dropped = new Set<Candidate>();
  const replaced = new Map<Candidate, Candidate>();
  for (const pair of SAME_PROBLEM) {
    // the image side has the last word only when its rule ran on an image
    if (!ran.has(pair.image)) continue;
    const images = candidates.filter(
      (c) =>
        c.finding.ruleId === pair.image &&
        (!pair.kinds || pair.kinds.includes(String(c.finding.data?.kind))) &&
        !absorbed.has(c),
    );
    for (const c of candidates) {
      if (c.finding.ruleId !== pair.dockerfile) continue;
      const index = c.finding.data?.instructionIndex;
      const mine =
        pair.match === 'file'
          ? images.filter((i) => !absorbed.has(i))
          : images.filter((i) => !absorbed.has(i) && instructionAt(dockerfile, i.finding) === index);
      if (mine.length === 0) {
        if (pair.imageDecides?.includes(String(c.finding.data?.reason))) dropped.add(c);
        continue;
      }
      for (const m of mine) absorbed.add(m);
      replaced.set(c, merge(c, mine));
    }
  }
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (absorbed.has(c) || dropped.has(c)) continue;
    out.push(replaced.get(c) ?? c);
  }
  return out;
}

/** The instruction an image finding was placed on (its location is the instruction's range). */
function instructionAt(dockerfile: DockerfileModel, finding: Finding): number | undefined {
  const line = finding.location?.line;
  if (line === undefined) return undefined;
  return dockerfile.instructions.find((i) => i.range.line === line)?.index;
}

function merge(primary: Candidate, evidence: Candidate[]): Candidate {
  const f = primary.finding;
  const all = [f, ...evidence.map((e) => e.finding)];
  const severity = all.map((x) => x.severity).sort((a, b) => RANK[a] - RANK[b])[0] as Severity;
  const bytes = evidence.reduce((sum, e) => sum + (e.finding.bytes ?? 0), 0);
  const paths = [...new Set([...(f.paths ?? []), ...evidence.flatMap((e) => e.finding.paths ?? [])])];
  const first = evidence[0]?.finding as Finding;
  const related = [...new Set([...(f.related ?? []), ...evidence.map((e) => e.finding.ruleId)])];
  const suggestions = [f.suggestion, ...evidence.map((e) => e.finding.suggestion)].filter(
    (s, i, a): s is string => Boolean(s) && a.indexOf(s) === i,
  );
  const merged: Finding = {
    ...f,
    severity,
    message: `${f.message}; in the image: ${evidence.map((e) => e.finding.message).join('; ')}`,
    ...(first.layer !== undefined ? { layer: first.layer } : {}),
    ...(first.layerDigest ? { layerDigest: first.layerDigest } : {}),
    ...(bytes > 0 ? { bytes } : {}),
    ...(paths.length > 0 ? { paths } : {}),
    data: { ...f.data, evidence: evidence.map((e) => ({ ruleId: e.finding.ruleId, ...e.finding.data })) },
    ...(suggestions.length > 0 ? { suggestion: suggestions.join(' ') } : {}),
    related,
  };
  return { finding: merged, suppressed: primary.suppressed || evidence.some((e) => e.suppressed) };
}
