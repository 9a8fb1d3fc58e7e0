import type { RunResult } from '../report/result.js';

export interface ReportOptions {
  color: boolean;
  width: number; // terminal columns
  sarifUri?: string; // artifact URI for SARIF when the Dockerfile lives elsewhere
}

export type Reporter = (result: RunResult, opts: ReportOptions) => string;
