import type { DockerfileModel, DockerInstruction, LayerMapping } from '../analyzers/dockerfile/types.js';
import type { Finding, SourceLocation } from '../model/types.js';

/**
 * The Dockerfile line an image finding belongs to: the instruction that made its layer; base-image
 * layers and findings without a layer go to the final stage's FROM line, and say so.
 */
export function locateFinding(
  finding: Finding,
  dockerfile: DockerfileModel,
  mapping: LayerMapping | undefined,
): Pick<Finding, 'location' | 'locationNote'> {
  const finalStage = dockerfile.stages[mapping?.targetStage ?? dockerfile.stages.length - 1];
  const from = finalStage?.from;
  if (finding.layer !== undefined && mapping) {
    const entry = mapping.entries.find((e) => e.layer === finding.layer);
    if (entry?.instruction && entry.confidence === 'exact')
      return { location: locationOf(dockerfile, entry.instruction) };
    if (entry?.instruction && entry.confidence === 'base') {
      return { location: locationOf(dockerfile, entry.instruction), locationNote: 'layer comes from the base image' };
    }
    if (entry?.confidence === 'ambiguous' && from) {
      return {
        location: locationOf(dockerfile, from),
        locationNote: `layer could not be tied to one instruction${entry.note ? ` (${entry.note})` : ''}`,
      };
    }
  }
  if (from)
    return {
      location: locationOf(dockerfile, from),
      locationNote:
        finding.layer === undefined
          ? 'image-wide finding, shown on the final FROM'
          : 'layer not mapped to an instruction, shown on the final FROM',
    };
  return {
    location: { file: dockerfile.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
    locationNote: 'no FROM in the Dockerfile',
  };
}

export function locationOf(dockerfile: DockerfileModel, instruction: DockerInstruction): SourceLocation {
  return { file: dockerfile.path, ...instruction.range };
}
