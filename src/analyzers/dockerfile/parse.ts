import { requireLater } from '../../require-later.js';
import { lineIndex, offsetAt, rangeOf } from './positions.js';
import type { DockerfileModel, DockerInstruction, DockerStage } from './types.js';

// `# layerlint ignore=`, and hadolint's pragma (`# hadolint ignore=DL3008`, `global ignore=`) whose
// ids the engine resolves through the rules' aliases
const IGNORE_RE = /^(?:layerlint|hadolint)\s+(global\s+)?ignore\s*=\s*(.*)$/i;
// BuildKit's check directive (`# check=skip=JSONArgsRecommended,StageNameCasing;error=true`): the
// skipped checks are ignored for the whole file
const CHECK_RE = /^check\s*=\s*(.*)$/i;

/**
 * Parse a Dockerfile into instructions (exact offsets/ranges), stages and layerlint ignore
 * comments. Never throws on content: a file without FROM gives a model without stages.
 */
export function parseDockerfile(text: string, path: string): DockerfileModel {
  // dockerfile-ast (CommonJS) is loaded when there is a Dockerfile to parse, not on every start
  const { DockerfileParser } = requireLater('dockerfile-ast') as typeof import('dockerfile-ast');
  const ast = DockerfileParser.parse(text);
  const idx = lineIndex(text);
  const escapeChar = ast.getEscapeCharacter() === '`' ? '`' : '\\';

  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  for (const ins of ast.getInstructions()) {
    const r = ins.getRange();
    const start = offsetAt(idx, r.start.line, r.start.character);
    const end = trimEnd(text, start, offsetAt(idx, r.end.line, r.end.character));
    const kwRange = ins.getInstructionRange();
    const argsStart = skipBlanks(text, offsetAt(idx, kwRange.end.line, kwRange.end.character), end, escapeChar);
    const keyword = ins.getKeyword().toUpperCase();
    const raw = argsStart < end ? text.slice(argsStart, end) : '';
    const instruction: DockerInstruction = {
      index: instructions.length,
      keyword,
      args: joinContinuations(raw, escapeChar),
      range: rangeOf(text, start, end),
      start,
      end,
      argsStart: Math.min(argsStart, end),
      stage: stages.length - 1,
    };
    if (keyword === 'FROM') {
      const { image, name } = parseFrom(instruction.args);
      instruction.stage = stages.length;
      stages.push({ index: stages.length, name, baseImage: image, from: instruction, instructions: [] });
    }
    stages[instruction.stage]?.instructions.push(instruction);
    instructions.push(instruction);
  }

  const globalIgnores: string[] = [];
  const lineIgnores = new Map<number, string[]>();
  for (const c of commentLines(text, idx.lineStarts, instructions)) {
    // a parser directive: only above the first instruction
    const check = c.line < (instructions[0]?.range.line ?? Number.POSITIVE_INFINITY) ? CHECK_RE.exec(c.content) : null;
    if (check) {
      const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/i.exec(check[1] ?? '')?.[1] ?? '';
      for (const id of skip.split(',').map((s) => s.trim()))
        if (id && !globalIgnores.includes(id)) globalIgnores.push(id);
      continue;
    }
    const m = IGNORE_RE.exec(c.content);
    if (!m) continue;
    const ids = (m[2] ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (m[1]) {
      for (const id of ids) if (!globalIgnores.includes(id)) globalIgnores.push(id);
      continue;
    }
    const commentLine = c.line;
    const next = instructions.find((i) => i.range.line > commentLine);
    if (!next) continue;
    const list = lineIgnores.get(next.range.line) ?? [];
    for (const id of ids) if (!list.includes(id)) list.push(id);
    lineIgnores.set(next.range.line, list);
  }

  return { path, text, instructions, stages, escapeChar, globalIgnores, lineIgnores };
}

/** Comment lines outside instructions (so heredoc bodies and continuations are not read). */
function commentLines(
  text: string,
  lineStarts: number[],
  instructions: DockerInstruction[],
): { line: number; content: string }[] {
  const out: { line: number; content: string }[] = [];
  let k = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l] as number;
    while (k < instructions.length && (instructions[k] as DockerInstruction).end < s) k++;
    const ins = instructions[k];
    if (ins && ins.start <= s && s <= ins.end) continue;
    const e = l + 1 < lineStarts.length ? (lineStarts[l + 1] as number) : text.length;
    const m = /^\uFEFF?[ \t]*#(.*?)\s*$/.exec(text.slice(s, e));
    if (m) out.push({ line: l + 1, content: (m[1] ?? '').trim() });
  }
  return out;
}

/** Offset of the first argument: after the keyword, blanks and line continuations. */
function skipBlanks(text: string, from: number, end: number, escapeChar: string): number {
  let i = from;
  while (i < end) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === escapeChar && /^[ \t]*(\r\n|\r|\n)/.test(text.slice(i + 1, i + 40))) i++;
    else break;
  }
  return i;
}

/** Drop trailing line breaks/blanks the AST range may include (e.g. an unterminated heredoc). */
function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && /[\r\n \t]/.test(text.charAt(e - 1))) e--;
  return e;
}

/** FROM [--flag=...] image [AS name] */
export function parseFrom(args: string): { image: string; name?: string } {
  const words = args.split(/\s+/).filter((w) => w && !w.startsWith('--'));
  const image = words[0] ?? '';
  const name = words.length >= 3 && words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
  return { image, name };
}

/** Join continuation lines the way the builder does; see DockerInstruction.args. */
export function joinContinuations(raw: string, escapeChar: string): string {
  const lines = raw.split(/\r\n|\r|\n/);
  const esc = escapeChar === '`' ? '`' : '\\\\';
  const contRe = new RegExp(`${esc}[ \\t]*$`);
  let out = '';
  let i = 0;
  let continuing = true;
  while (i < lines.length && continuing) {
    const line = lines[i] as string;
    if (i > 0 && (/^\s*$/.test(line) || /^\s*#/.test(line))) {
      i++;
      continue;
    }
    if (contRe.test(line)) {
      out += line.replace(contRe, '');
    } else {
      out += line;
      continuing = false;
    }
    i++;
  }
  if (i < lines.length) out += `\n${lines.slice(i).join('\n')}`;
  return out;
}
