import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import type { Finding, ImageAnalysis, TextEdit } from '../model/types.js';

/** What a fix generator may know besides the finding and the Dockerfile. All optional. */
export interface FixContext {
  analysis?: ImageAnalysis;
  mapping?: LayerMapping;
  /** Reads a file of the build context (relative path); undefined when absent or unknown. */
  readContextFile?: (relativePath: string) => string | undefined;
}

/** Edits are applied all-or-nothing; the suggestion is shown to the user either way. */
export interface FixOutcome {
  edits?: TextEdit[];
  suggestion?: string;
}

export type FixGenerator = (finding: Finding, dockerfile: DockerfileModel, ctx: FixContext) => FixOutcome;
