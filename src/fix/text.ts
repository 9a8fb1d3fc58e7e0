import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';

// Lines end in "\r\n", "\n" or a lone "\r", as the Dockerfile parser reads them (a file saved with
// old Mac endings would otherwise be one line here and three instructions there, and a fix meant
// for line 3 would land at byte 0).

/** The file's line terminator: the first one found, "\n" when the file has none. */
export function eolOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** True when the character at `i` ends a line ("\n", or a "\r" not followed by "\n"). */
function endsLineAt(text: string, i: number): boolean {
  return text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n');
}

export function endsWithTerminator(text: string): boolean {
  return text.length > 0 && endsLineAt(text, text.length - 1);
}

export function lineStartOf(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) if (endsLineAt(text, i)) return i + 1;
  return 0;
}

/** Offset of the line terminator ("\r\n", "\n" or "\r") of the line holding `offset`, or text.length. */
export function lineEndOf(text: string, offset: number): number {
  const rel = text.slice(offset).search(/[\r\n]/);
  return rel < 0 ? text.length : offset + rel;
}

/** Offset just past the line terminator of the line holding `offset` (text.length at EOF). */
export function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) if (endsLineAt(text, i)) return i + 1;
  return text.length;
}

export function leadingWhitespace(text: string, lineStart: number): string {
  const m = /^[ \t]*/.exec(text.slice(lineStart, lineEndOf(text, lineStart)));
  return m ? m[0] : '';
}

/** The instruction's own text, keyword to last character. */
export function instructionText(df: DockerfileModel, ins: DockerInstruction): string {
  return df.text.slice(ins.start, ins.end);
}

/**
 * The range that removes a whole instruction: its lines from the first line's start through the
 * last line's terminator. At end of file without a trailing newline, the previous terminator goes
 * instead, so the absence of a final newline is kept.
 */
export function wholeInstructionRange(text: string, ins: DockerInstruction): [number, number] {
  const from = lineStartOf(text, ins.start);
  const to = nextLineStart(text, ins.end);
  if (to === text.length && !endsWithTerminator(text) && from > 0) {
    const prevEnd = text[from - 1] === '\n' && text[from - 2] === '\r' ? from - 2 : from - 1;
    return [prevEnd, to];
  }
  return [from, to];
}

/** Offset where a new line can be inserted so it lands just before `ins`. */
export function lineInsertPointBefore(text: string, ins: DockerInstruction): number {
  return lineStartOf(text, ins.start);
}

/**
 * Text to insert after `ins` so that `lines` follow it, each on its own line, using the file's
 * line terminator. Inserted at ins.end (before the existing terminator), so it works at EOF too.
 */
export function linesAfter(df: DockerfileModel, lines: string[]): string {
  const eol = eolOf(df.text);
  return lines.map((l) => eol + l).join('');
}

export function linesBefore(df: DockerfileModel, lines: string[]): string {
  const eol = eolOf(df.text);
  return lines.map((l) => l + eol).join('');
}

export function instructionAt(df: DockerfileModel, index: unknown): DockerInstruction | undefined {
  return typeof index === 'number' ? df.instructions.find((i) => i.index === index) : undefined;
}

export function finalStage(df: DockerfileModel) {
  return df.stages[df.stages.length - 1];
}

/**
 * Line start where new lines go so they land before `ins` and before the comment lines directly
 * above it (a comment describes the instruction under it).
 */
export function insertPointAbove(text: string, ins: DockerInstruction): number {
  let at = lineStartOf(text, ins.start);
  while (at > 0) {
    const prev = lineStartOf(text, at - 1);
    const line = text.slice(prev, lineEndOf(text, prev)).replace(/^\ufeff/, '');
    if (!/^[ \t]*#/.test(line) || /^#\s*(syntax|escape|check)\s*=/i.test(line)) break;
    at = prev;
  }
  return at;
}

/**
 * An insertion that puts `lines` on their own lines right after `ins`. It goes at the start of
 * the next line (so edits that append to the end of `ins` itself stay before it), or at the end of
 * the file when `ins` is the last line without a terminator.
 */
export function insertLinesAfter(df: DockerfileModel, ins: DockerInstruction, lines: string[]): TextEdit {
  const text = df.text;
  const eol = eolOf(text);
  const next = nextLineStart(text, ins.end);
  if (next === text.length && !endsWithTerminator(text))
    return { range: [next, next], text: lines.map((l) => eol + l).join('') };
  return { range: [next, next], text: lines.map((l) => l + eol).join('') };
}
