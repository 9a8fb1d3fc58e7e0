import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';

export interface Word {
  value: string; // unquoted value
  start: number; // absolute offsets into the Dockerfile text
  end: number;
}

export interface SimpleCommand {
  words: Word[]; // leading `--flag`s of RUN and VAR=value assignments are kept here
  opBefore: string; // operator that joined it to the previous command ("" for the first)
}

export interface ShellForm {
  commands: SimpleCommand[];
  /** subshells, groups, substitutions, control flow or shell comments: structure not understood */
  complex: boolean;
  heredoc: boolean;
  /** offset just past the last token of the command line (before continuations/comments/blank) */
  end: number;
  /** start offsets of the physical lines the command text spans */
  lineStarts: number[];
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&'];
const CONTROL = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac']);

/** True when the instruction is in JSON (exec) form. */
export function isExecForm(df: DockerfileModel, ins: DockerInstruction): boolean {
  const rest = df.text.slice(ins.start + ins.keyword.length, ins.end).replace(/^\s*(--\S+\s+)*/, '');
  return rest.trimStart().startsWith('[');
}

/**
 * Splits the shell command of a RUN/CMD/ENTRYPOINT (shell form) into simple commands with exact
 * offsets. Continuations use the file's escape character; comment and blank lines inside a
 * continuation are skipped as Docker does. Stops at the first unescaped newline (heredoc bodies
 * are not shell-lexed).
 */
export function lexShell(df: DockerfileModel, ins: DockerInstruction): ShellForm {
  const text = df.text;
  const esc = df.escapeChar;
  const limit = ins.end;
  let pos = ins.start + ins.keyword.length;
  const commands: SimpleCommand[] = [];
  const lineStarts = [lineStart(text, ins.start)];
  let words: Word[] = [];
  let opBefore = '';
  let complex = false;
  let heredoc = false;
  let end = pos;

  const continuationAt = (p: number): number => {
    // escape char, optional trailing blanks, line terminator -> offset after it, else -1
    if (text[p] !== esc) return -1;
    let q = p + 1;
    while (q < limit && (text[q] === ' ' || text[q] === '\t')) q++;
    if (text[q] === '\r' && text[q + 1] === '\n') return q + 2;
    if (text[q] === '\n') return q + 1;
    if (q >= limit) return q; // escape at the very end of the instruction
    return -1;
  };
  const skipContinuation = (p: number): number => {
    let q = continuationAt(p);
    // skip blank and comment lines that follow a continuation
    for (;;) {
      if (q >= limit) return q;
      const ls = q;
      let r = q;
      while (r < limit && (text[r] === ' ' || text[r] === '\t')) r++;
      if (text[r] === '#' || text[r] === '\n' || (text[r] === '\r' && text[r + 1] === '\n')) {
        const nl = text.indexOf('\n', r);
        q = nl < 0 ? limit : nl + 1;
        continue;
      }
      lineStarts.push(ls);
      return q;
    }
  };
  const finishCommand = (op: string) => {
    if (words.length > 0) commands.push({ words, opBefore });
    else if (op) complex = true; // operator with nothing before it
    words = [];
    opBefore = op;
  };

  while (pos < limit) {
    const c = text[pos];
    if (continuationAt(pos) >= 0) {
      pos = skipContinuation(pos);
      continue;
    }
    if (c === '\n' || (c === '\r' && text[pos + 1] === '\n')) break; // heredoc body follows
    if (c === ' ' || c === '\t') {
      pos++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, pos));
    if (op) {
      if (op === ';;') complex = true;
      finishCommand(op);
      pos += op.length;
      end = pos;
      continue;
    }
    if (c === '#') {
      complex = true; // shell comment: the rest of the line is not a command
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 || nl >= limit ? limit : nl;
      continue;
    }
    // a word
    const start = pos;
    let value = '';
    if (text.startsWith('<<', pos)) heredoc = true;
    if ('(){}'.includes(c)) complex = true;
    while (pos < limit) {
      const d = text[pos];
      if (continuationAt(pos) >= 0) break;
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '|' || d === '&') {
        if (d === '&' && (text[pos - 1] === '>' || text[pos + 1] === '>')) {
          value += d; // 2>&1, &>file
          pos++;
          continue;
        }
        break;
      }
      if (d === "'") {
        const close = text.indexOf("'", pos + 1);
        const stop = close < 0 || close >= limit ? limit : close;
        value += text.slice(pos + 1, stop);
        pos = stop + 1;
        continue;
      }
      if (d === '"') {
        pos++;
        while (pos < limit && text[pos] !== '"') {
          if (text[pos] === '\\' && pos + 1 < limit) {
            value += text[pos + 1];
            pos += 2;
            continue;
          }
          if (text[pos] === '$' || text[pos] === '`') complex = true;
          value += text[pos];
          pos++;
        }
        pos++;
        continue;
      }
      if (d === '\\' && esc === '\\' && pos + 1 < limit) {
        value += text[pos + 1];
        pos += 2;
        continue;
      }
      if (d === '`' || (d === '$' && text[pos + 1] === '(')) complex = true;
      value += d;
      pos++;
    }
    if (words.length === 0 && CONTROL.has(value)) complex = true;
    words.push({ value, start, end: Math.min(pos, limit) });
    end = Math.min(pos, limit);
  }
  finishCommand('');
  return { commands, complex, heredoc, end, lineStarts };
}

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i < 0 ? 0 : i + 1;
}

/** The command's words without leading RUN flags, env assignments and sudo. */
export function commandWords(cmd: SimpleCommand): Word[] {
  let i = 0;
  while (i < cmd.words.length) {
    const v = cmd.words[i].value;
    if (v.startsWith('--') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(v) || v === 'sudo' || v === 'env') i++;
    else break;
  }
  return cmd.words.slice(i);
}

/** Text of `cmd` as written (from its first to its last word). */
export function commandSource(df: DockerfileModel, cmd: SimpleCommand): string {
  const ws = commandWords(cmd);
  return ws.map((w) => df.text.slice(w.start, w.end)).join(' ');
}
