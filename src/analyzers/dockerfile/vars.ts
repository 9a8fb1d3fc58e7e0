import type { DockerfileModel, DockerInstruction } from './types.js';

/** Parse `ENV a=b c="d e"` / `ENV a b` / `ARG a=b` / `LABEL ...` arguments into pairs (quotes removed). */
export function parsePairs(args: string, legacySpaceForm: boolean): [string, string | undefined][] {
  const words = shellWords(args);
  if (legacySpaceForm && words.length >= 2 && !words[0]?.includes('=')) {
    const key = words[0] as string;
    const value = args
      .trim()
      .slice(args.trim().indexOf(key) + key.length)
      .trim();
    return [[key, unquote(value)]];
  }
  return words
    .filter((w) => !w.startsWith('--'))
    .map((w) => {
      const eq = w.indexOf('=');
      return eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)];
    });
}

function unquote(s: string): string {
  return shellWords(s).join(' ');
}

/** Minimal word splitting with quote removal (no offsets), for ARG/ENV/LABEL values. */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      const end = close < 0 ? s.length : close;
      cur = (cur ?? '') + s.slice(i + 1, end).replace(c === '"' ? /\\(["\\$`])/g : /$^/, '$1');
      i = end;
    } else if (c === '\\' && i + 1 < s.length) {
      cur = (cur ?? '') + s.charAt(i + 1);
      i++;
    } else cur = (cur ?? '') + c;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/** Expand `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` with the given values (unknown -> ""). */
export function expandVars(s: string, env: Record<string, string | undefined>): string {
  return s.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced, op, word, bare) => {
      const name = (braced ?? bare) as string;
      const v = env[name];
      if (op === '-') return v ? v : (word as string);
      if (op === '+') return v ? (word as string) : '';
      return v ?? '';
    },
  );
}

/** Values of the ARGs declared before the first FROM (defaults overridden by build args). */
export function globalArgs(
  model: DockerfileModel,
  buildArgs: Record<string, string> = {},
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const ins of model.instructions) {
    if (ins.stage !== -1) break;
    if (ins.keyword !== 'ARG') continue;
    for (const [k, v] of parsePairs(ins.args, false))
      env[k] = buildArgs[k] ?? (v === undefined ? undefined : expandVars(v, env));
  }
  return env;
}

/**
 * ARG/ENV values in effect just before `upTo` (an instruction of `stageIndex`), following the
 * chain of stages the stage is built FROM. Build args override ARG defaults; ENV wins over ARG.
 */
export function envBefore(
  model: DockerfileModel,
  upTo: DockerInstruction,
  buildArgs: Record<string, string> = {},
): Record<string, string | undefined> {
  const globals = globalArgs(model, buildArgs);
  const env: Record<string, string | undefined> = {};
  const fromEnv = new Set<string>();
  for (const ins of stageChain(model, upTo.stage)) {
    if (ins.index >= upTo.index && ins.stage === upTo.stage) break;
    if (ins.keyword === 'ARG') {
      for (const [k, v] of parsePairs(ins.args, false)) {
        if (!fromEnv.has(k)) env[k] = buildArgs[k] ?? (v !== undefined ? expandVars(v, env) : globals[k]);
      }
    } else if (ins.keyword === 'ENV') {
      for (const [k, v] of parsePairs(ins.args, true)) {
        env[k] = v === undefined ? '' : expandVars(v, env);
        fromEnv.add(k);
      }
    }
  }
  return env;
}

/** Index of the stage a stage is built FROM (by name or number), or undefined for an image. */
export function parentStage(model: DockerfileModel, stageIndex: number): number | undefined {
  const stage = model.stages[stageIndex];
  if (!stage) return undefined;
  const base = stage.baseImage.toLowerCase();
  for (let k = stageIndex - 1; k >= 0; k--) {
    if (model.stages[k]?.name?.toLowerCase() === base) return k;
  }
  if (/^\d+$/.test(base) && Number(base) < stageIndex) return Number(base);
  return undefined;
}

/** All instructions that build a stage, oldest first: parent stages' instructions, then its own. */
export function stageChain(model: DockerfileModel, stageIndex: number): DockerInstruction[] {
  const stages: number[] = [];
  for (let s: number | undefined = stageIndex; s !== undefined && !stages.includes(s); s = parentStage(model, s))
    stages.unshift(s);
  return stages.flatMap((s) => model.stages[s]?.instructions ?? []);
}
