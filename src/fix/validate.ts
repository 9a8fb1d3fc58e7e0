import { INSTRUCTION_KEYWORDS as KEYWORDS } from '../analyzers/dockerfile/keywords.js';
import { parseDockerfile } from '../analyzers/dockerfile/parse.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';

/**
 * Checks a fixed text against the original: it parses with the same escape character, has no
 * unknown instruction, and every instruction no applied edit touched is still there, byte for
 * byte, as an instruction of the same kind. Returns the first problem, or undefined.
 */
export function verifyFixed(
  original: DockerfileModel,
  applied: readonly TextEdit[],
  fixedText: string,
): string | undefined {
  let fixed: DockerfileModel;
  try {
    fixed = parseDockerfile(fixedText, original.path);
  } catch (e) {
    return `the fixed Dockerfile does not parse: ${(e as Error).message}`;
  }
  if (fixed.escapeChar !== original.escapeChar) return 'the fix changed the escape character';
  const unknown = fixed.instructions.find(
    (i) => !KEYWORDS.has(i.keyword) && original.instructions.every((o) => o.keyword !== i.keyword),
  );
  if (unknown)
    return `the fixed Dockerfile has an unknown instruction ${unknown.keyword} on line ${unknown.range.line}`;
  const byStart = new Map(fixed.instructions.map((i) => [i.start, i]));
  for (const ins of original.instructions) {
    const touched = applied.some(
      (e) =>
        (e.range[0] < ins.end && e.range[1] > ins.start) ||
        (e.range[0] === e.range[1] && ins.start < e.range[0] && e.range[0] <= ins.end),
    );
    if (touched) continue;
    let shift = 0;
    for (const e of applied) if (e.range[1] <= ins.start) shift += e.text.length - (e.range[1] - e.range[0]);
    const moved = byStart.get(ins.start + shift);
    const same =
      moved &&
      moved.keyword === ins.keyword &&
      fixedText.slice(moved.start, moved.end) === original.text.slice(ins.start, ins.end);
    if (!same) return `the fix would change ${ins.keyword} on line ${ins.range.line}, which it did not mean to edit`;
  }
  return undefined;
}
