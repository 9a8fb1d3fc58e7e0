import type { SourceRange } from '../../model/types.js';

/** One Dockerfile instruction as written (continuations and heredocs included in its range). */
export interface DockerInstruction {
  index: number; // position among all instructions of the file
  keyword: string; // upper-case: RUN, COPY, FROM, ...
  /**
   * Argument text as the builder sees it: line continuations removed (escape char, trailing
   * blanks and the line break dropped, leading blanks of the next line kept, comment and empty
   * lines inside a continuation skipped); heredoc bodies follow after "\n" verbatim.
   */
  args: string;
  range: SourceRange; // 1-based lines/columns of the whole instruction
  start: number; // offset of the instruction's first character in the file text
  end: number; // offset just past its last character (before the line terminator)
  argsStart: number; // offset of the first argument character (== end when there are none)
  stage: number; // index of the stage it belongs to (-1 for ARG before the first FROM)
}

export interface DockerStage {
  index: number;
  name?: string; // FROM ... AS name
  baseImage: string; // FROM argument as written (variables not expanded)
  from: DockerInstruction;
  instructions: DockerInstruction[]; // FROM first
}

export interface DockerfileModel {
  path: string; // as given by the user
  text: string; // the exact bytes as read (decoded as UTF-8, BOM kept)
  instructions: DockerInstruction[];
  stages: DockerStage[];
  escapeChar: string; // "\\" or "`"
  /** rule ids ignored for the whole file (`# layerlint global ignore=...`) */
  globalIgnores: string[];
  /** rule ids ignored per instruction start line (`# layerlint ignore=...` on the line(s) above) */
  lineIgnores: Map<number, string[]>;
}

export type MappingConfidence = 'exact' | 'base' | 'ambiguous' | 'unmapped';

/** How one history entry of the image maps to the Dockerfile. */
export interface LayerMappingEntry {
  historyIndex: number;
  layer?: number; // layer index when the history entry made a layer
  instruction?: DockerInstruction; // the matched instruction ('exact'), or the final stage FROM ('base')
  confidence: MappingConfidence;
  note?: string; // why ambiguous/unmapped
}

export interface LayerMapping {
  targetStage: number;
  entries: LayerMappingEntry[];
  /** line for each layer index (undefined when not mapped) */
  layerLines: (number | undefined)[];
}
