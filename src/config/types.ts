import type { Severity, SeverityOrOff, Thresholds } from '../model/types.js';

export type FailOn = Severity | 'none';

/** A rule's setting in the config file: a severity, or [severity, options], or an object. */
export type RuleSetting =
  | SeverityOrOff
  | [SeverityOrOff, Record<string, unknown>]
  | { severity?: SeverityOrOff; options?: Record<string, unknown> };

/** The config file as written (.layerlint.yaml / .layerlint.json), validated by rules.schema.json. */
/**
 * One allowlist entry: drops the findings it matches. `rule` alone is a rule id (or an id's
 * prefix ending in "*": secret-*); with `paths`, only there; `fingerprint` is a finding's
 * data.fingerprint (the content secret rules': "secret-github:/app/config.js:12").
 */
export interface IgnoreEntry {
  rule?: string;
  paths?: string[];
  fingerprint?: string;
}

export interface ConfigFile {
  rules?: Record<string, RuleSetting>;
  ignorePaths?: string[];
  ignore?: IgnoreEntry[];
  failOn?: FailOn;
  thresholds?: { lowestEfficiency?: number; highestWastedBytes?: number | string; highestUserWastedPercent?: number };
  budgets?: BudgetSettings;
}

/** `layerlint diff`'s budgets (config `budgets:`, or --max-growth, --max-size, --max-new-waste, --fail-on-new). */
export interface BudgetSettings {
  maxGrowth?: string | number;
  maxSize?: string | number;
  maxNewWaste?: string | number;
  failOnNew?: FailOn;
}

/** What the engine needs, after defaults, files and flags are merged. */
export interface ResolvedConfig {
  severities: Record<string, SeverityOrOff>;
  options: Record<string, Record<string, unknown>>;
  ignorePaths: string[];
  ignore: IgnoreEntry[];
  failOn: FailOn;
  thresholds: Thresholds;
  budgets: BudgetSettings;
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
    ignore: [],
    failOn: 'error',
    thresholds: { ...DIVE_DEFAULT_THRESHOLDS },
    budgets: {},
    ignoreIds: [],
  };
}
