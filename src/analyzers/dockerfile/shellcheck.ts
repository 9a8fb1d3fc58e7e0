// ShellCheck on the shell-form RUNs of a Dockerfile, as hadolint does: each RUN becomes a script
// with the stage's shell as its shebang and the ARG/ENV names in scope exported, and ONE
// shellcheck process checks all of them (-f json1). This module is the I/O edge: the rule reads
// its result. Without a shellcheck binary on PATH the result says so and the rule reports nothing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execForm } from './shell.js';
import type { DockerfileModel, DockerInstruction } from './types.js';
import { parsePairs } from './vars.js';

export interface ShellcheckComment {
  instructionIndex: number;
  code: number; // 2086
  level: 'error' | 'warning' | 'info' | 'style';
  message: string;
}

export type ShellcheckResult = { available: false } | { available: true; comments: ShellcheckComment[] };

const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh']);
const cache = new WeakMap<DockerfileModel, ShellcheckResult>();

/** The scripts to check: one per shell-form RUN whose stage shell ShellCheck knows. */
export function runScripts(df: DockerfileModel): { ins: DockerInstruction; script: string }[] {
  const out: { ins: DockerInstruction; script: string }[] = [];
  const globalArgs = df.instructions.filter((i) => i.stage < 0 && i.keyword === 'ARG');
  for (const stage of df.stages) {
    let shell = 'sh';
    const names = new Set<string>(globalArgs.flatMap((i) => parsePairs(i.args, false).map(([k]) => k)));
    for (const ins of stage.instructions) {
      if (ins.keyword === 'SHELL') {
        const argv = execForm(ins);
        shell = (argv?.[0] ?? '').replace(/^.*\//, '');
      } else if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
        for (const [k] of parsePairs(ins.args, ins.keyword === 'ENV')) names.add(k);
      } else if (ins.keyword === 'RUN' && SHELLS.has(shell) && !execForm(ins)) {
        const body = ins.args.replace(/^(--\S+\s+)*/, '');
        // heredoc scripts are left to a later version: their body is not a one-line command
        if (/<<-?\s*['"]?\w/.test(body.split('\n')[0] ?? '')) continue;
        const exports = [...names].filter((n) => /^[A-Za-z_]\w*$/.test(n)).map((n) => `export ${n}=1`);
        out.push({ ins, script: [`#!/bin/${shell}`, ...exports, body, ''].join('\n') });
      }
    }
  }
  return out;
}

/** Run shellcheck once over every RUN of the Dockerfile (memoised per parsed Dockerfile). */
export function shellcheckDockerfile(df: DockerfileModel, bin = 'shellcheck'): ShellcheckResult {
  const hit = cache.get(df);
  if (hit) return hit;
  const scripts = runScripts(df);
  let result: ShellcheckResult = { available: true, comments: [] };
  if (scripts.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-sc-'));
    try {
      const files = scripts.map((s, k) => {
        const f = join(dir, `${k}.sh`);
        writeFileSync(f, s.script);
        return f;
      });
      const r = spawnSync(bin, ['-f', 'json1', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.error) result = { available: false };
      else {
        const parsed = JSON.parse(r.stdout || '{"comments":[]}') as {
          comments: { file: string; code: number; level: ShellcheckComment['level']; message: string }[];
        };
        const byFile = new Map(files.map((f, k) => [f, scripts[k]?.ins.index as number]));
        result = {
          available: true,
          comments: parsed.comments.map((c) => ({
            instructionIndex: byFile.get(c.file) as number,
            code: c.code,
            level: c.level,
            message: c.message,
          })),
        };
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (spawnSync(bin, ['--version'], { encoding: 'utf8' }).error) result = { available: false };
  cache.set(df, result);
  return result;
}
