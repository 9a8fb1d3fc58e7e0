import type { HistoryEntry } from '../../model/types.js';
import { type ParsedHistory, parseCreatedBy } from './history.js';
import { execForm } from './shell.js';
import type { DockerfileModel, DockerInstruction, LayerMapping, LayerMappingEntry } from './types.js';
import { envBefore, expandVars, parsePairs, shellWords, stageChain } from './vars.js';

export interface MappingOptions {
  target?: string; // stage name or index (--target); default: the last stage
  buildArgs?: Record<string, string>;
}

type Match = 'exact' | 'weak' | 'none';

// Alignment scores: a text match must outweigh any number of skips it lets us avoid.
const EXACT = 4;
const WEAK = 1;
const SKIP_HISTORY = -3;
const SKIP_INSTRUCTION = -3;
/** Instructions a builder may leave out of the history (BuildKit records no ARG). */
const OPTIONAL = new Set(['ARG', 'ONBUILD']);

/**
 * Map each history entry of an image to the Dockerfile instruction that made it.
 * The trailing history entries are aligned (dynamic programming, in order) with the instructions
 * that build the target stage; the leading ones are the base image's and map to the FROM line that
 * names it ('base'). Entries whose text does not match are 'ambiguous' with a note, never guessed.
 */
export function mapHistoryToDockerfile(
  history: HistoryEntry[],
  layerCount: number,
  dockerfile: DockerfileModel,
  opts: MappingOptions = {},
): LayerMapping {
  const layerLines: (number | undefined)[] = new Array(layerCount).fill(undefined);
  const targetStage = resolveTarget(dockerfile, opts.target);
  const layers = layerIndexes(history, layerCount);
  if (targetStage < 0) {
    const note = opts.target !== undefined ? `no stage named ${opts.target}` : 'the Dockerfile has no FROM';
    return {
      targetStage,
      layerLines,
      entries: history.map((_, h) => ({
        historyIndex: h,
        layer: layers.layer[h],
        confidence: 'unmapped',
        note,
      })),
    };
  }

  const chain = stageChain(dockerfile, targetStage);
  const root = chain[0] as DockerInstruction; // FROM naming the base image
  const steps = chain.filter((i) => i.keyword !== 'FROM');
  const parsed = history.map((h) => parseCreatedBy(h.created_by, shellsOf(chain)));
  const buildArgs = opts.buildArgs ?? {};
  const match = (h: number, s: number): Match =>
    matchInstruction(parsed[h] as ParsedHistory, steps[s] as DockerInstruction, dockerfile, buildArgs);

  const { pairs, baseCount } = align(history.length, steps, match);
  const exactCount = [...pairs.values()].filter((p) => p.match === 'exact').length;
  const entries: LayerMappingEntry[] = history.map((_, h) => {
    const e: LayerMappingEntry = { historyIndex: h, layer: layers.layer[h], confidence: 'unmapped' };
    if (h < baseCount) {
      if (exactCount > 0 || steps.length === 0) {
        e.instruction = root;
        e.confidence = 'base';
      } else {
        e.instruction = root;
        e.confidence = 'ambiguous';
        e.note = 'no history entry matches the Dockerfile: cannot tell base image history from build history';
      }
      return e;
    }
    const p = pairs.get(h);
    if (!p) {
      e.confidence = 'ambiguous';
      e.note = `no instruction of the target stage matches history "${shorten(history[h]?.created_by)}"`;
      return e;
    }
    const ins = steps[p.step] as DockerInstruction;
    e.instruction = ins;
    if (p.match === 'exact') e.confidence = 'exact';
    else {
      e.confidence = 'ambiguous';
      e.note = `history "${shorten(history[h]?.created_by)}" does not match line ${ins.range.line} (${ins.keyword} ${shorten(ins.args)})`;
    }
    return e;
  });
  if (layers.mismatch) {
    for (const e of entries) {
      if (e.layer === undefined) continue;
      if (e.confidence === 'exact' || e.confidence === 'base') e.confidence = 'ambiguous';
      e.note = layers.mismatch;
    }
  }
  for (const e of entries) {
    if (e.layer !== undefined && e.instruction && (e.confidence === 'exact' || e.confidence === 'base')) {
      layerLines[e.layer] = e.instruction.range.line;
    }
  }
  return { targetStage, entries, layerLines };
}

function resolveTarget(model: DockerfileModel, target: string | undefined): number {
  if (target === undefined) return model.stages.length - 1;
  const byName = model.stages.findIndex((s) => s.name?.toLowerCase() === target.toLowerCase());
  if (byName >= 0) return byName;
  if (/^\d+$/.test(target) && Number(target) < model.stages.length) return Number(target);
  return -1;
}

/** The k-th history entry without empty_layer made layer k (aligned from the end on a count mismatch). */
function layerIndexes(
  history: HistoryEntry[],
  layerCount: number,
): { layer: (number | undefined)[]; mismatch?: string } {
  const nonEmpty = history.filter((h) => !h.empty_layer).length;
  const offset = layerCount - nonEmpty;
  let k = 0;
  const layer = history.map((h) => {
    if (h.empty_layer) return undefined;
    const l = k++ + offset;
    return l >= 0 && l < layerCount ? l : undefined;
  });
  const mismatch =
    offset === 0
      ? undefined
      : `history lists ${nonEmpty} layer(s) but the image has ${layerCount}: layer mapping is uncertain`;
  return { layer, mismatch };
}

function shellsOf(chain: DockerInstruction[]): string[][] {
  const shells = [['/bin/sh', '-c']];
  for (const i of chain) {
    if (i.keyword !== 'SHELL') continue;
    const form = execForm(i);
    if (form) shells.unshift(form);
  }
  return shells;
}

interface Pair {
  step: number;
  match: Match;
}

/**
 * Align history[0..n) with steps[0..m): a prefix of history is the base image (free), then a
 * sequence of matches/skips. Returns matched pairs keyed by history index and the base length.
 */
function align(
  n: number,
  steps: DockerInstruction[],
  match: (h: number, s: number) => Match,
): { pairs: Map<number, Pair>; baseCount: number } {
  const m = steps.length;
  const NEG = Number.NEGATIVE_INFINITY;
  // f[i][j]: best score for history[0..i) against steps[0..j)
  const f: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG));
  const how: (0 | 1 | 2 | 3)[][] = Array.from({ length: n + 1 }, () => new Array<0 | 1 | 2 | 3>(m + 1).fill(0));
  const memo: Match[][] = Array.from({ length: n }, () => new Array<Match>(m));
  for (let i = 0; i <= n; i++) f[i]![0] = 0; // all base
  for (let j = 1; j <= m; j++) {
    const skipCost = OPTIONAL.has(steps[j - 1]!.keyword) ? 0 : SKIP_INSTRUCTION;
    for (let i = 0; i <= n; i++) {
      let best = f[i]![j - 1]! + skipCost;
      let move: 0 | 1 | 2 | 3 = 2;
      if (i > 0) {
        const mt = match(i - 1, j - 1);
        memo[i - 1]![j - 1] = mt;
        if (mt !== 'none') {
          const v = f[i - 1]![j - 1]! + (mt === 'exact' ? EXACT : WEAK);
          if (v >= best) {
            best = v;
            move = 1;
          }
        }
        const v = f[i - 1]![j]! + SKIP_HISTORY;
        if (v > best) {
          best = v;
          move = 3;
        }
      }
      f[i]![j] = best;
      how[i]![j] = move;
    }
  }
  const pairs = new Map<number, Pair>();
  let i = n;
  let j = m;
  while (j > 0) {
    const move = how[i]![j];
    if (move === 1) {
      pairs.set(i - 1, { step: j - 1, match: memo[i - 1]![j - 1]! });
      i--;
      j--;
    } else if (move === 3) i--;
    else j--;
  }
  return { pairs, baseCount: i };
}

function matchInstruction(
  h: ParsedHistory,
  ins: DockerInstruction,
  model: DockerfileModel,
  buildArgs: Record<string, string>,
): Match {
  if (h.keyword !== ins.keyword) return 'none';
  switch (ins.keyword) {
    case 'RUN': {
      const expected = runText(ins);
      if (norm(expected) === norm(h.text)) return 'exact';
      const env = { ...envBefore(model, ins, { ...buildArgs, ...h.buildArgs }) };
      return norm(expandVars(expected, env)) === norm(expandVars(h.text, env)) ? 'exact' : 'weak';
    }
    case 'COPY':
    case 'ADD': {
      const dest = copyDest(ins);
      const recorded =
        h.builder === 'classic' || / in \S+$/.test(h.text) ? h.text.replace(/^.* in /, '') : h.text.split(/\s+/).pop();
      const env = envBefore(model, ins, buildArgs);
      return dest !== undefined &&
        recorded !== undefined &&
        normPath(expandVars(dest, env)) === normPath(expandVars(recorded, env))
        ? 'exact'
        : 'weak';
    }
    case 'ENV':
    case 'ARG':
    case 'LABEL': {
      const keys = (args: string) =>
        parsePairs(args, ins.keyword === 'ENV')
          .map(([k]) => k)
          .sort()
          .join(' ');
      return keys(ins.args) === keys(h.text) ? 'exact' : 'weak';
    }
    case 'WORKDIR':
    case 'USER': {
      const env = envBefore(model, ins, buildArgs);
      return normPath(expandVars(ins.args.trim(), env)) === normPath(expandVars(h.text, env)) ? 'exact' : 'weak';
    }
    default:
      return 'exact';
  }
}

function runText(ins: DockerInstruction): string {
  const exec = execForm(ins);
  return exec ? exec.join(' ') : ins.args;
}

/** Destination of COPY/ADD: last word of the first line, flags and heredoc markers aside. */
export function copyDest(ins: DockerInstruction): string | undefined {
  const exec = execForm(ins);
  if (exec) return exec[exec.length - 1];
  const firstLine = ins.args.split('\n')[0] ?? '';
  const words = shellWords(firstLine).filter((w) => !w.startsWith('--') && !w.startsWith('<<'));
  return words[words.length - 1];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const normPath = (s: string) => (s.length > 1 ? s.replace(/\/+$/, '') : s).trim();
const shorten = (s: string | undefined) => {
  const t = norm(s ?? '');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
};
