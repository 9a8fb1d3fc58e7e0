// Stable finding fingerprints, for baselines and diffs: what the problem is and what causes it, not
// where it sits today. A fingerprint survives line shifts, reordered instructions and rebuilds (new
// layer digests, new byte counts); it changes when the rule, the instruction's text or the paths do.
import { createHash } from 'node:crypto';
import { compareStrings } from '../compare.js';
import type { Finding } from '../model/types.js';
import type { DockerfileSummary } from './result.js';

const MAX_PATHS = 50;

function sha16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A layer's history as the instruction it ran: no shell prefix, build args or builder marker. */
export function instructionOfCreatedBy(createdBy: string): string {
  return createdBy
    .replace(/^\|\d+(?: \S+=\S*)* /, '')
    .replace(/^\/bin\/sh -c (?:#\(nop\)\s*)?/, '')
    .replace(/\s+# buildkit$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Numbers and their units vary between builds of the same problem ("300 kB wasted"): ignore them. */
export function messageShape(message: string): string {
  return message
    .replace(/\d+(?:[.,]\d+)*(?:\s*(?:[kKMGT]i?B|B)\b|%)?/g, '#')
    .replace(/#(?:(?:, | and |-)#)+/g, '#') // "lines 6, 7" and "line 4" are the same shape
    .replace(/\b(line|layer|file|path)s\b/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The paths a finding names: its own, else those in its data ("removedPaths", ...). */
function pathsOf(f: Finding): string[] {
  if (f.paths && f.paths.length > 0) return f.paths;
  const out: string[] = [];
  for (const [key, value] of Object.entries(f.data ?? {}))
    if (/[pP]aths$/.test(key) && Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.push(v);
  return out;
}

/** What the finding is about: its paths, else the shape of its message. */
function subjectOf(f: Finding): string {
  const named = pathsOf(f);
  if (named.length > 0) {
    const paths = [...new Set(named)].sort(compareStrings).slice(0, MAX_PATHS);
    return `paths:${paths.join('\n')}`;
  }
  return `message:${messageShape(f.message)}`;
}

/** What causes it: the Dockerfile instruction's text, else the layer's history entry. */
function anchorOf(f: Finding, df: DockerfileSummary | undefined, createdBy: (layer: number) => string | undefined) {
  if (f.location && df?.instructions) {
    const line = f.location.line;
    const ins = df.instructions.find((i) => i.line <= line && line <= i.endLine);
    if (ins) return `instruction:${ins.textHash}`;
  }
  if (f.layer !== undefined) {
    const history = createdBy(f.layer);
    if (history) return `history:${instructionOfCreatedBy(history)}`;
  }
  return '';
}

export interface FingerprintContext {
  dockerfile?: DockerfileSummary;
  layers?: readonly { index: number; createdBy?: string; instruction?: string }[];
}

/**
 * `fingerprint`: rule + cause + subject (the same problem from the same instruction);
 * `subjectFingerprint`: rule + subject (the same problem, whatever now causes it: "updated").
 */
export function withFingerprints(findings: Finding[], ctx: FingerprintContext): Finding[] {
  const createdBy = (layer: number) => ctx.layers?.find((l) => l.index === layer)?.createdBy;
  return findings.map((f) => {
    const subject = subjectOf(f);
    return {
      ...f,
      fingerprint: sha16(`${f.ruleId}\0${anchorOf(f, ctx.dockerfile, createdBy)}\0${subject}`),
      subjectFingerprint: sha16(`${f.ruleId}\0${subject}`),
    };
  });
}
