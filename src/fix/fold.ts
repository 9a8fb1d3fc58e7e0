import { posix } from 'node:path';
import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';
import { appendToRun } from './append.js';
import { changesOf, removedPathsOf } from './evidence.js';
import { commandSource, commandWords, isExecForm, lexShell } from './shell.js';
import { wholeInstructionRange } from './text.js';
import type { FixContext } from './types.js';

/** Instructions that neither read nor write the filesystem nor change how a RUN's shell runs. */
const NEUTRAL = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'STOPSIGNAL', 'HEALTHCHECK', 'VOLUME']);

export type FoldResult = { edits: TextEdit[] } | { reason: string };

/** What a cleanup command removes: named paths (rm), a package manager's cache, or packages. */
type CleanupKind = 'rm' | 'cache' | 'packages';

/**
 * Moves the cleanup of `deleting` (a RUN made only of `rm`, cache cleans and package removals) to
 * the end of `creating` and removes the now-empty RUN. Every instruction between them must be
 * shown not to interfere: metadata-only instructions pass; ENV/ARG only when the cleanup uses no
 * variable; WORKDIR only when it removes no relative path; USER, SHELL, ONBUILD never. A RUN, COPY
 * or ADD between them passes only with image evidence (`ctx`: the layer each one made): it must
 * not change the removed paths, and a RUN must not name them (it may read them); a RUN never sits
 * between a package removal and its install (it may use the packages). Refused with the reason.
 */
export function foldCleanup(
  df: DockerfileModel,
  creating: DockerInstruction,
  deleting: DockerInstruction,
  ctx: FixContext = {},
): FoldResult {
  if (creating.keyword !== 'RUN' || deleting.keyword !== 'RUN') return { reason: 'both instructions must be RUN' };
  if (creating.stage !== deleting.stage || creating.index >= deleting.index)
    return { reason: 'the cleanup does not follow the creating RUN in the same stage' };
  if (isExecForm(df, deleting)) return { reason: 'the cleanup RUN is in exec form' };
  const sh = lexShell(df, deleting);
  if (sh.heredoc || sh.complex) return { reason: 'the cleanup RUN is not a plain command list' };
  if (sh.commands[0]?.words[0]?.value.startsWith('--')) return { reason: 'the cleanup RUN has flags' };
  const cmds = sh.commands.map((c) => ({ c, w: commandWords(c) }));
  const kinds = cmds.map(({ w }) => cleanupKind(w.map((x) => x.value)));
  if (cmds.length === 0 || kinds.some((k, i) => !k || cmds[i].w.length !== cmds[i].c.words.length))
    return { reason: 'the cleanup RUN does more than rm/clean/remove packages' };
  if (cmds.some(({ c }, i) => i > 0 && !['&&', ';'].includes(c.opBefore)))
    return { reason: 'the cleanup RUN joins its commands with || or |' };
  const operands = cmds.flatMap(({ w }, i) =>
    kinds[i] === 'rm' ? w.slice(1).filter((x) => !x.value.startsWith('-')) : [],
  );
  const usesVariables = cmds.some(({ w }) => w.some((x) => /\$/.test(x.value)));
  const removed =
    removedPathsOf(ctx, deleting) ??
    operands.map((o) => o.value.replace(/\/?\*.*$/, '')).filter((p) => p.startsWith('/'));
  const between = df.instructions.filter((i) => i.index > creating.index && i.index < deleting.index);
  for (const ins of between) {
    const why = interference(df, ins, {
      ctx,
      removed,
      usesVariables,
      relative: operands.some((o) => !o.value.startsWith('/')),
      packages: kinds.includes('packages'),
    });
    if (why) return { reason: `${ins.keyword} on line ${ins.range.line} ${why}` };
  }
  const moved = cmds.map(({ c }) => commandSource(df, c)).join(' && ');
  const append = appendToRun(df, creating, moved);
  if (!append) return { reason: 'the creating RUN has no safe end to append to' };
  return { edits: [append, { range: wholeInstructionRange(df.text, deleting), text: '' }] };
}

interface Cleanup {
  ctx: FixContext;
  removed: string[]; // absolute paths the cleanup removes (from the image when known)
  usesVariables: boolean;
  relative: boolean; // removes a path relative to WORKDIR
  packages: boolean; // removes packages
}

const under = (p: string, dir: string) => dir === '/' || p.startsWith(`${dir}/`);

/** Why `ins`, between the creating RUN and the cleanup, may interfere with moving it; undefined when it cannot. */
function interference(df: DockerfileModel, ins: DockerInstruction, c: Cleanup): string | undefined {
  const k = ins.keyword;
  if (NEUTRAL.has(k)) return undefined;
  if (k === 'ENV' || k === 'ARG') return c.usesVariables ? 'sets variables and the cleanup uses variables' : undefined;
  if (k === 'WORKDIR')
    return c.relative ? 'changes the directory the relative paths of the cleanup resolve against' : undefined;
  if (k === 'USER') return 'changes the user that runs the cleanup';
  if (k === 'SHELL') return 'changes the shell that runs the cleanup';
  if (k !== 'RUN' && k !== 'COPY' && k !== 'ADD') return 'runs between them';
  if (k === 'RUN' && c.packages) return 'runs between the install and the package removal (it may use the packages)';
  if (c.relative) return 'runs between them and the cleanup removes relative paths';
  if (c.removed.length === 0) return 'runs between them and the image does not show what the cleanup removes';
  const changes = changesOf(c.ctx, ins);
  if (!changes) return 'runs between them and the image does not show what it changes';
  for (const ch of changes) {
    for (const r of c.removed) {
      // a directory entry above the removed path is only its parent being updated: no interference
      const hit = ch.path === r || under(ch.path, r) || (under(r, ch.path) && (ch.kind !== 'dir' || ch.removed));
      if (hit) return `changes ${ch.path}, which the cleanup removes`;
    }
  }
  if (k === 'RUN') {
    const text = df.text.slice(ins.start, ins.end);
    for (const r of c.removed) {
      const named = [...text.matchAll(/\/[^\s'"`;&|<>()]*/g)]
        .map((m) => m[0].replace(/\/?\*.*$/, '').replace(/\/+$/, ''))
        .find((p) => p !== '' && (p === r || under(p, r) || under(r, p)));
      if (named) return `names ${named}, which the cleanup removes (it may read it)`;
      const base = posix.basename(r);
      if (base.length > 2 && text.includes(base)) return `names ${base}, which the cleanup removes (it may read it)`;
    }
  }
  return undefined;
}

/** rm, a package manager's own cache cleanup, or a package removal: safe at the end of another RUN. */
export function cleanupKind(v: string[]): CleanupKind | undefined {
  const line = v.join(' ');
  if (v[0] === 'rm') return 'rm';
  if (
    /^(apt-get|apt) (-\S+ )*(clean|autoclean)$/.test(line) ||
    /^apk cache clean$/.test(line) ||
    /^(yum|dnf|microdnf) clean all$/.test(line) ||
    /^npm cache clean --force$/.test(line) ||
    /^pip3? cache purge$/.test(line)
  )
    return 'cache';
  if (
    /^(apt-get|apt) (-\S+ )*(purge|remove|autoremove)( -\S+)*( [\w.+:-]+)*( -\S+)*$/.test(line) ||
    /^apk del( -\S+)*( [\w.+:-]+)+$/.test(line) ||
    /^(yum|dnf|microdnf) (-\S+ )*(remove|erase|autoremove)( -\S+)*( [\w.+:-]+)*$/.test(line) ||
    /^pip3? uninstall( -\S+)*( [\w.+:-]+)+$/.test(line)
  )
    return 'packages';
  return undefined;
}
