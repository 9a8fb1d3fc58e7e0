import type { Severity, SeverityOrOff, Thresholds } from '../model/types.js';

export type FailOn = Severity | 'none';

/** A rule's setting in the config file: a severity, or [severity, options], or an object. */
export type RuleSetting =
  | SeverityOrOff
  | [SeverityOrOff, Record<string, unknown>]
  | { severity?: SeverityOrOff; options?: Record<string, unknown> };

/** The config file as written (.layerlint.yaml / .layerlint.json), validated by rules.schema.json. */
export interface ConfigFile {
  rules?: Record<string, RuleSetting>;
  ignorePaths?: string[];
  failOn?: FailOn;
  thresholds?: { lowestEfficiency?: number; highestWastedBytes?: number | string; highestUserWastedPercent?: number };
}

/** What the engine needs, after defaults, files and flags are merged. */
export interface ResolvedConfig {
  severities: Record<string, SeverityOrOff>;
  options: Record<string, Record<string, unknown>>;
  ignorePaths: string[];
  failOn: FailOn;
  thresholds: Thresholds;
  source?: string; // path of the config file used
  /** rule ids or peer ids (DL3008, DS001...) ignored by a peer's config (.hadolint.yaml ignored, .trivyignore) */
  ignoreIds: string[];
  /** failOn was given by layerlint's config file or a flag (a peer's failure-threshold then does not apply) */
  failOnSet?: boolean;
}

/** dive's CI defaults: lowest-efficiency 0.9, highest-user-wasted-percent 0.1, wasted bytes disabled. */
export const DIVE_DEFAULT_THRESHOLDS: Thresholds = { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 };

export function defaultConfig(): ResolvedConfig {
  return {
    severities: {},
    options: {},
    ignorePaths: [],
    failOn: 'error',
    thresholds: { ...DIVE_DEFAULT_THRESHOLDS },
    ignoreIds: [],
  };
}
