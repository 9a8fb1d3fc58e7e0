import type { DockerfileModel, DockerInstruction } from '../../analyzers/dockerfile/types.js';
import type { TextEdit } from '../../model/types.js';
import { finalStage, instructionAt, wholeInstructionRange } from '../text.js';
import type { FixGenerator } from '../types.js';

interface Token {
  value: string;
  start: number;
  end: number;
}

function tokens(df: DockerfileModel, ins: DockerInstruction): Token[] {
  const out: Token[] = [];
  const re = /[^\s]+/g;
  const from = ins.start + ins.keyword.length;
  const body = df.text.slice(from, ins.end);
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0] === df.escapeChar) continue;
    out.push({ value: m[0], start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

/** "22", "22/tcp" -> [port, protocol] */
function parsePort(v: string): [string, string] {
  const [p, proto] = v.toLowerCase().split('/');
  return [p, proto ?? 'tcp'];
}

/** Removes the port from EXPOSE (keeping the others on the line) or the whole EXPOSE if it was the only one. */
export function removeExposedPort(df: DockerfileModel, ins: DockerInstruction, port: string): TextEdit[] | undefined {
  const want = parsePort(port);
  const toks = tokens(df, ins);
  if (toks.some((t) => /[$-]/.test(t.value.split('/')[0]))) return undefined; // variables or ranges
  const hit = toks.findIndex((t) => {
    const [p, proto] = parsePort(t.value);
    return p === want[0] && (proto === want[1] || !port.includes('/'));
  });
  if (hit < 0) return undefined;
  if (toks.length === 1) return [{ range: wholeInstructionRange(df.text, ins), text: '' }];
  // remove the token and the blank before it (after it, when it is the first)
  const t = toks[hit];
  const range: [number, number] = hit > 0 ? [toks[hit - 1].end, t.end] : [t.start, toks[1].start];
  if (/[\r\n]/.test(df.text.slice(range[0], range[1]))) return undefined; // spans a continuation: leave it
  return [{ range, text: '' }];
}

export const fixExposedSensitivePort: FixGenerator = (finding, df) => {
  const port = String(finding.data?.port ?? '');
  const suggestion = `Do not EXPOSE ${port || 'this port'}; publish it explicitly at run time if it is really needed.`;
  if (!port) return { suggestion };
  const direct = instructionAt(df, finding.data?.instructionIndex);
  const candidates = direct ? [direct] : (finalStage(df)?.instructions ?? []).filter((i) => i.keyword === 'EXPOSE');
  const edits = candidates.flatMap((ins) => (ins.keyword === 'EXPOSE' ? (removeExposedPort(df, ins, port) ?? []) : []));
  return edits.length > 0 ? { edits } : { suggestion };
};
