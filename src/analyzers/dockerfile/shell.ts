import type { DockerfileModel, DockerInstruction } from './types.js';

/** One shell word: `value` with quotes removed, `start`/`end` offsets of the word in the file text. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

/** One simple command of a RUN (split at `&&`, `||`, `;`, `|`, `&`, newlines). */
export interface ShellCommand {
  words: ShellWord[];
  start: number;
  end: number;
  /** the operator that follows this command ("&&", ";", "\n", ... or "" at the end) */
  next: string;
}

/** JSON (exec) form arguments (after any --flags), or undefined when the arguments are not a JSON array of strings. */
export function execForm(ins: DockerInstruction): string[] | undefined {
  const a = ins.args.trim().replace(/^(--\S+\s+)*/, '');
  if (!a.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(a);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: Docker treats it as shell form
  }
  return undefined;
}

/**
 * Split the arguments of a shell-form instruction into simple commands, keeping file offsets.
 * Dockerfile line continuations count as blanks; `#` comments are skipped. Heredoc bodies are
 * read as script lines (each line a command), which is what they are for RUN.
 * Exec form gives one command whose words all span the arguments.
 */
export function shellCommands(model: DockerfileModel, ins: DockerInstruction): ShellCommand[] {
  const exec = execForm(ins);
  if (exec) {
    return [
      {
        words: exec.map((value) => ({ value, start: ins.argsStart, end: ins.end })),
        start: ins.argsStart,
        end: ins.end,
        next: '',
      },
    ];
  }
  return splitShell(model.text, ins.argsStart, ins.end, model.escapeChar);
}

export function splitShell(text: string, from: number, to: number, escapeChar = '\\'): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let cmdStart = -1;
  let word: ShellWord | undefined;
  const endWord = () => {
    if (word) {
      words.push(word);
      word = undefined;
    }
  };
  const endCommand = (op: string, at: number) => {
    endWord();
    if (words.length) {
      const last = words[words.length - 1] as ShellWord;
      commands.push({ words, start: cmdStart, end: last.end, next: op });
    } else if (commands.length && op) {
      (commands[commands.length - 1] as ShellCommand).next ||= op;
    }
    words = [];
    cmdStart = -1;
    void at;
  };
  const addChar = (ch: string, at: number, endAt: number) => {
    if (!word) {
      word = { value: '', start: at, end: endAt };
      if (cmdStart < 0) cmdStart = at;
    }
    word.value += ch;
    word.end = endAt;
  };
  let i = from;
  while (i < to) {
    const c = text.charAt(i);
    // Dockerfile line continuation: escape, blanks, line break
    if (c === escapeChar) {
      const m = /^[ \t]*(\r\n|\r|\n)/.exec(text.slice(i + 1, i + 64));
      if (m) {
        endWord();
        i += 1 + m[0].length;
        continue;
      }
    }
    if (c === '\r' || c === '\n') {
      endCommand('\n', i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && !word) {
      while (i < to && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
      continue;
    }
    if (c === '&' || c === '|' || c === ';') {
      const two = text.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' ? two : c;
      if (c === '&' && word && /[<>]$/.test(text.slice(i - 1, i))) {
        addChar(c, i, i + 1); // redirection like 2>&1
        i++;
        continue;
      }
      endCommand(op, i);
      i += op.length;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 || close >= to ? to : close;
      addChar('', i, i + 1);
      for (let k = i + 1; k < stop; k++) addChar(text.charAt(k), k, k + 1);
      if (word) word.end = Math.min(stop + 1, to);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      addChar('', i, i + 1);
      let k = i + 1;
      while (k < to && text.charAt(k) !== '"') {
        if (text.charAt(k) === '\\' && k + 1 < to) {
          const n = text.charAt(k + 1);
          if (n === '\n' || n === '\r') {
            k += n === '\r' && text.charAt(k + 2) === '\n' ? 3 : 2;
            continue;
          }
          addChar('"\\$`'.includes(n) ? n : `\\${n}`, k, k + 2);
          k += 2;
          continue;
        }
        addChar(text.charAt(k), k, k + 1);
        k++;
      }
      if (word) word.end = Math.min(k + 1, to);
      i = k + 1;
      continue;
    }
    if (c === '\\' && i + 1 < to) {
      addChar(text.charAt(i + 1), i, i + 2);
      i += 2;
      continue;
    }
    addChar(c, i, i + 1);
    i++;
  }
  endCommand('', to);
  return commands;
}

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'time', 'command', 'exec', 'nohup', 'xargs']);

/**
 * Index of the program word of a command, skipping `VAR=value` assignments and wrappers such
 * as sudo/env (and their flags). -1 when there is none.
 */
export function programIndex(cmd: ShellCommand): number {
  let i = 0;
  while (i < cmd.words.length) {
    const w = (cmd.words[i] as ShellWord).value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(w)) {
      i++;
      while (i < cmd.words.length && (cmd.words[i] as ShellWord).value.startsWith('-')) i++;
    } else return i;
  }
  return -1;
}

/** Program name (basename) and the words after it. */
export function program(cmd: ShellCommand): { name: string; args: ShellWord[]; word: ShellWord } | undefined {
  const p = programIndex(cmd);
  if (p < 0) return undefined;
  const word = cmd.words[p] as ShellWord;
  const name = word.value.replace(/^.*\//, '');
  return { name, args: cmd.words.slice(p + 1), word };
}

/** First non-flag argument (the sub-command: `apt-get -y install` -> install). */
export function subcommand(args: ShellWord[]): ShellWord | undefined {
  return args.find((a) => !a.value.startsWith('-'));
}

/** Whether text contains shell syntax that needs a shell (variables, operators, globs, redirects). */
export function hasShellSyntax(s: string): boolean {
  return /[$`|&;<>*?(){}[\]~]|\\/.test(s);
}
