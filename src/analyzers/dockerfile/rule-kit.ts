import type { RawFinding } from '../../model/types.js';
import { rangeOf } from './positions.js';
import { program, type ShellCommand, type ShellWord, shellCommands } from './shell.js';
import type { DockerfileModel, DockerInstruction } from './types.js';
import { parentStage } from './vars.js';

/** Index of the stage the image is built from when no --target is given. */
export function finalStageIndex(model: DockerfileModel): number {
  return model.stages.length - 1;
}

/** Stages whose layers end up in the final image: the final stage and the stages it is built FROM. */
export function shippedStages(model: DockerfileModel): Set<number> {
  const out = new Set<number>();
  for (
    let s: number | undefined = finalStageIndex(model);
    s !== undefined && s >= 0 && !out.has(s);
    s = parentStage(model, s)
  ) {
    out.add(s);
  }
  return out;
}

/** A RUN's commands with its own flags (`--mount=...`, `--network=...`) split off. */
export interface RunScript {
  flags: string[];
  commands: ShellCommand[];
}

export function runScript(model: DockerfileModel, ins: DockerInstruction): RunScript {
  if (ins.keyword !== 'RUN') return { flags: [], commands: [] };
  const commands = shellCommands(model, ins);
  const flags: string[] = [];
  const first = commands[0];
  if (first) {
    while (first.words.length && /^--(mount|network|security)\b/.test((first.words[0] as ShellWord).value)) {
      flags.push((first.words.shift() as ShellWord).value);
    }
    if (first.words.length === 0) commands.shift();
    else first.start = (first.words[0] as ShellWord).start;
  }
  return { flags, commands };
}

/** Whether a RUN has a cache mount on (or above) the given directory. */
/** The RUN instructions of the stages that ship (see shippedStages), with their parsed scripts. */
export function* shippedRuns(model: DockerfileModel): Generator<{ ins: DockerInstruction; script: RunScript }> {
  const shipped = shippedStages(model);
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN' || !shipped.has(ins.stage)) continue;
    yield { ins, script: runScript(model, ins) };
  }
}

export function hasCacheMount(flags: string[], dir: string): boolean {
  return flags.some((f) => {
    if (!f.startsWith('--mount=') || !/type=cache/.test(f)) return false;
    const target = /(?:target|dst|destination)=([^,]+)/.exec(f)?.[1];
    return target !== undefined && (dir === target || dir.startsWith(`${target.replace(/\/$/, '')}/`));
  });
}

/** Commands of a script whose program is one of `names` (basename). */
export function commandsOf(
  script: RunScript,
  names: string[],
): { cmd: ShellCommand; name: string; args: ShellWord[]; word: ShellWord }[] {
  const out: { cmd: ShellCommand; name: string; args: ShellWord[]; word: ShellWord }[] = [];
  for (const cmd of script.commands) {
    const p = program(cmd);
    if (p && names.includes(p.name)) out.push({ cmd, ...p });
  }
  return out;
}

/** A finding located at text[start, end) of the Dockerfile (default: the whole instruction). */
export function dockerFinding(
  model: DockerfileModel,
  ins: DockerInstruction,
  message: string,
  data: Record<string, unknown> = {},
  span: [number, number] = [ins.start, ins.end],
): RawFinding {
  return {
    message,
    location: { file: model.path, ...rangeOf(model.text, span[0], span[1]) },
    data: { instructionIndex: ins.index, ...data },
  };
}

/** The span of a run of words (first start to last end). */
export function spanOf(words: ShellWord[]): [number, number] {
  return [(words[0] as ShellWord).start, (words[words.length - 1] as ShellWord).end];
}
