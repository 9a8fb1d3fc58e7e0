import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';
import { commandWords, isExecForm, lexShell, type Word } from './shell.js';

/** Index (in `words`) of the subcommand word, skipping options (and `-o value` pairs). */
export function subcommandIndex(words: Word[], from: number, optionsWithValue: string[] = []): number {
  for (let i = from; i < words.length; i++) {
    const v = words[i].value;
    if (optionsWithValue.includes(v)) i++;
    else if (!v.startsWith('-')) return i;
  }
  return -1;
}

export interface FlagSpec {
  /** index of the word after which the flag goes, or -1 when this command is not a match */
  locate: (words: Word[]) => number;
  flag: string;
  /** words that mean the flag (or an equivalent) is already there */
  present: (words: Word[]) => boolean;
}

/**
 * Inserts `spec.flag` after the subcommand of every matching command of a shell-form RUN.
 * Returns [] when the RUN is exec form, a heredoc, or has no matching command lacking the flag.
 */
export function insertFlag(df: DockerfileModel, ins: DockerInstruction | undefined, spec: FlagSpec): TextEdit[] {
  if (ins?.keyword !== 'RUN' || isExecForm(df, ins)) return [];
  const sh = lexShell(df, ins);
  if (sh.heredoc) return [];
  const edits: TextEdit[] = [];
  for (const cmd of sh.commands) {
    const words = commandWords(cmd);
    const at = spec.locate(words);
    if (at < 0 || spec.present(words)) continue;
    const end = words[at].end;
    edits.push({ range: [end, end], text: ` ${spec.flag}` });
  }
  return edits;
}

export const aptInstall: FlagSpec = {
  locate: (w) => {
    if (w.length === 0 || !['apt-get', 'apt'].includes(w[0].value)) return -1;
    const i = subcommandIndex(w, 1, ['-o', '-t', '-c']);
    return i >= 0 && w[i].value === 'install' ? i : -1;
  },
  flag: '--no-install-recommends',
  present: (w) => w.some((x) => x.value === '--no-install-recommends' || /Install-Recommends/i.test(x.value)),
};

export const apkAdd: FlagSpec = {
  locate: (w) => {
    if (w.length === 0 || w[0].value !== 'apk') return -1;
    const i = subcommandIndex(w, 1, ['-X', '--repository', '-p', '--root', '--arch']);
    return i >= 0 && w[i].value === 'add' ? i : -1;
  },
  flag: '--no-cache',
  present: (w) => w.some((x) => x.value === '--no-cache'),
};

export const pipInstall: FlagSpec = {
  locate: (w) => {
    if (w.length === 0) return -1;
    let from = -1;
    if (/^pip[0-9.]*$/.test(w[0].value)) from = 1;
    else if (/^python[0-9.]*$/.test(w[0].value) && w[1]?.value === '-m' && w[2]?.value === 'pip') from = 3;
    if (from < 0) return -1;
    const i = subcommandIndex(w, from);
    return i >= 0 && w[i].value === 'install' ? i : -1;
  },
  flag: '--no-cache-dir',
  present: (w) => w.some((x) => x.value === '--no-cache-dir'),
};
