// `layerlint diff --format sarif`: HEAD's findings, each with SARIF's baselineState against BASE
// (new, unchanged, updated), and BASE's fixed ones as "absent".
import { sarifReporter } from '../sarif.js';
import { headRunResult } from './head-result.js';
import type { DiffReporter } from './index.js';

export const diffSarifReporter: DiffReporter = (r, head, opts) => sarifReporter(headRunResult(r, head), opts);
