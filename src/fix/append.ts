import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';
import { commandWords, isExecForm, lexShell } from './shell.js';
import { eolOf, leadingWhitespace, lineEndOf, lineStartOf } from './text.js';

/**
 * An edit that runs `command` at the end of a RUN, after everything it already does:
 * `&& command` for shell form (on a new continuation line, in the RUN's own style and with the
 * file's escape character, when the RUN already spans several lines), or a new line before the
 * terminator of a `RUN <<EOF` script heredoc. Undefined when the RUN has no safe end to append to.
 */
export function appendToRun(df: DockerfileModel, ins: DockerInstruction, command: string): TextEdit | undefined {
  if (ins.keyword !== 'RUN' || isExecForm(df, ins)) return undefined;
  const sh = lexShell(df, ins);
  if (sh.commands.length === 0) return undefined;
  const text = df.text;
  const eol = eolOf(text);
  if (sh.heredoc) {
    const words = commandWords(sh.commands[0]);
    const m =
      sh.commands.length === 1 && words.length === 1
        ? /^<<(-?)(["']?)([A-Za-z_][\w.-]*)\2$/.exec(words[0].value)
        : null;
    if (!m && !(sh.commands.length === 1 && words.length === 1 && /^<<-?[A-Za-z_][\w.-]*$/.test(words[0].value)))
      return undefined;
    const delimiter = words[0].value.replace(/^<<-?/, '').replace(/^["']|["']$/g, '');
    const lastLineStart = lineStartOf(text, ins.end);
    if (text.slice(lastLineStart, ins.end).trim() !== delimiter) return undefined;
    return { range: [lastLineStart, lastLineStart], text: command + eol };
  }
  const last = sh.commands[sh.commands.length - 1];
  const lastWordEnd = last.words[last.words.length - 1].end;
  const trailing = text.slice(lastWordEnd, sh.end).trim();
  if (trailing !== '' && trailing !== ';') return undefined;
  if (trailing === ';') return { range: [sh.end, sh.end], text: ` ${command}` };
  if (sh.lineStarts.length > 1) {
    const lastLine = sh.lineStarts[sh.lineStarts.length - 1];
    const andLine = [...sh.lineStarts].reverse().find((ls) => /^[ \t]*&&/.test(text.slice(ls, lineEndOf(text, ls))));
    const indent = leadingWhitespace(text, andLine ?? lastLine) || '    ';
    return { range: [lastWordEnd, lastWordEnd], text: ` ${df.escapeChar}${eol}${indent}&& ${command}` };
  }
  return { range: [lastWordEnd, lastWordEnd], text: ` && ${command}` };
}
