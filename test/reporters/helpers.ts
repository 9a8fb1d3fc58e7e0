// Shared by the reporter tests: RunResults from fixture images through the real pipeline, the
// official SARIF schema, golden files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ajv04 from 'ajv-draft-04';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { mapHistoryToDockerfile } from '../../src/analyzers/dockerfile/mapping.js';
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import type { DockerfileModel } from '../../src/analyzers/dockerfile/types.js';
import { openImage } from '../../src/analyzers/sources/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import type { FailOn, ResolvedConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';
import { gateOf } from '../../src/engine/thresholds.js';
import { attachFixes } from '../../src/fix/attach.js';
import type { ImageModel, Rule } from '../../src/model/types.js';
import {
  buildImageReport,
  failsGate,
  type ImageReport,
  RESULT_SCHEMA_VERSION,
  type RunResult,
  summarizeDockerfile,
} from '../../src/report/result.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** CI clones the repository with shared/ beside it. */
export const SHARED = resolve(REPO_ROOT, '../shared');
export const DIVE_DIR = join(SHARED, 'peers/dive');
export const SARIF_SCHEMA_PATH = join(SHARED, 'peers/sarif/sarif-schema-2.1.0.json');
export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

export interface Pipeline {
  dockerfileText?: string;
  dockerfilePath?: string;
  rules?: Rule[];
  config?: ResolvedConfig;
}

/** Everything `layerlint analyze` does up to presentation, with a chosen rule set. */
export function imageReport(model: ImageModel, p: Pipeline = {}): ImageReport {
  const config = p.config ?? defaultConfig();
  const analysis = analyzeImage(model);
  const dockerfile: DockerfileModel | undefined =
    p.dockerfileText !== undefined ? parseDockerfile(p.dockerfileText, p.dockerfilePath ?? 'Dockerfile') : undefined;
  const mapping = dockerfile
    ? mapHistoryToDockerfile(model.history, model.layers.length, dockerfile, { buildArgs: {} })
    : undefined;
  const thresholds = gateOf(analysis.efficiency, config, dockerfile?.globalIgnores);
  let findings = runRules({ analysis, dockerfile, mapping, config, rules: p.rules, gate: thresholds });
  if (dockerfile) findings = attachFixes(findings, dockerfile, { analysis, mapping });
  return buildImageReport(analysis, findings, thresholds, config.failOn, dockerfile, mapping);
}

export function runResult(images: ImageReport[], failOn: FailOn = 'error'): RunResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'layerlint', version: '0.1.0' },
    failOn,
    images,
    exitCode: images.some((i) => !i.passed) ? 1 : 0,
  };
}

/** A run over a Dockerfile alone (no image), as `layerlint analyze --dockerfile F` makes it. */
export function dockerfileRunResult(text: string, path: string, p: Pipeline = {}): RunResult {
  const config = p.config ?? defaultConfig();
  const dockerfile = parseDockerfile(text, path);
  const findings = attachFixes(runRules({ dockerfile, config, rules: p.rules }), dockerfile, {});
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'layerlint', version: '0.1.0' },
    failOn: config.failOn,
    images: [],
    dockerfileFindings: findings,
    dockerfile: summarizeDockerfile(dockerfile),
    exitCode: failsGate(findings, config.failOn) ? 1 : 0,
  };
}

export async function openArchive(path: string, ref = path): Promise<ImageModel> {
  const pool = new WalkPool(0);
  try {
    const model = await openImage(path, { limits: DEFAULT_LIMITS, pool });
    return { ...model, ref };
  } finally {
    await pool.close();
  }
}

export const DIVE_TAR = join(DIVE_DIR, 'test-docker-image.tar');
export const DIVE_DOCKERFILE_TEXT = (): string => readFileSync(join(DIVE_DIR, 'Dockerfile.test-image'), 'utf8');

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
type AjvClass = new (opts: Record<string, unknown>) => { compile(schema: object): Validate };

/** The Ajv class of a CommonJS ajv module, however the ESM interop presents it. */
export function ajvClass(mod: unknown): AjvClass {
  let m = mod as { default?: unknown };
  while (typeof m !== 'function' && m?.default) m = m.default as { default?: unknown };
  return m as unknown as AjvClass;
}
let sarifValidate: Validate | undefined;

/** The official SARIF 2.1.0 schema (draft-04), compiled once. */
export function validateSarif(log: unknown): void {
  if (!sarifValidate) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8'));
    const Ajv = ajvClass(ajv04);
    sarifValidate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  }
  if (!sarifValidate(log))
    throw new Error(`SARIF does not match the 2.1.0 schema:\n${JSON.stringify(sarifValidate.errors, null, 2)}`);
}

/** Compare with test/reporters/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if ((process.env.CI || process.env.LAYERLINT_TEST_CI) && !existsSync(file))
      throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
