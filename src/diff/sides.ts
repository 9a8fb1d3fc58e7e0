// The two sides of a comparison: an image analysed in this run, or a saved JSON (an `analyze
// --format json` result, or a baseline file). A saved side costs no image walk.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { describeError, pickError } from '../config/validate.js';
import { LayerlintError } from '../errors.js';
import type { ImageAnalysis } from '../model/types.js';
import { type BaselineFile, isBaselineFile } from '../report/baseline.js';
import { fileRowsOf } from '../report/files.js';
import { withFingerprints } from '../report/fingerprint.js';
import type { ImageReport, RunResult } from '../report/result.js';
import { requireLater } from '../require-later.js';
import { totalsOf } from './compare.js';
import type { DiffSide } from './types.js';

export function sideOfReport(
  report: ImageReport,
  from: 'image' | 'result',
  walkedLayers: number,
  analysis?: ImageAnalysis,
): DiffSide {
  return {
    ref: report.ref,
    source: report.source,
    from,
    platform: report.platform,
    configDigest: report.configDigest,
    totals: totalsOf(report),
    layers: report.layers,
    files: analysis ? fileRowsOf(analysis.stack) : report.files,
    ...(report.packages ? { packages: report.packages.packages } : {}),
    // a result of schema 1.0 has no fingerprints: they come from what it does carry
    findings: report.findings.some((f) => !f.fingerprint)
      ? withFingerprints(report.findings, { dockerfile: report.dockerfile, layers: report.layers })
      : report.findings,
    dockerfile: report.dockerfile,
    walkedLayers,
    report,
  };
}

function sideOfBaseline(file: BaselineFile, shown: string): DiffSide {
  checkSchema(file, shown);
  return {
    ref: file.image ?? shown,
    source: 'baseline',
    from: 'baseline',
    findings: file.findings.map((f) => ({ ...f })),
    walkedLayers: 0,
  };
}

type Validate = ((v: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = new Map<string, Validate>();

/**
 * Everything the diff reads from a saved file is checked against its published schema first
 * (schemas/result.schema.json or baseline.schema.json): a file edited by hand or cut short is one
 * clear line, never a crash deeper in.
 */
function checkSchema(value: unknown, shown: string): void {
  const name = isBaselineFile(value) ? 'baseline' : 'result';
  let validate = validators.get(name);
  if (!validate) {
    const mod = requireLater('ajv') as { default?: unknown };
    const Ajv = (typeof mod.default === 'function' ? mod.default : mod) as new (
      o: object,
    ) => {
      compile(s: object): Validate;
    };
    // dist/diff/ and dist/bundle/ are both two levels below the package root
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8'));
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validators.set(name, validate);
  }
  if (!validate(value))
    throw new LayerlintError(
      `${shown}: not a valid layerlint ${name}: ${describeError(pickError(validate.errors ?? []))}`,
    );
}

/** A saved JSON is a file whose first non-blank byte is "{" (no image archive starts so). */
export function isSavedJson(ref: string): boolean {
  let fd: number | undefined;
  try {
    if (!statSync(ref).isFile()) return false;
    fd = openSync(ref, 'r');
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\s*\{/.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A saved result of 40,000 files is ~5 MB; past this it is not one (and would not fit in memory). */
export const MAX_SAVED_BYTES = 512 * 1024 * 1024;

export function readSavedSide(path: string): DiffSide {
  let value: unknown;
  try {
    const size = statSync(path).size;
    if (size > MAX_SAVED_BYTES)
      throw new LayerlintError(
        `${path}: ${size} bytes is too big for a saved layerlint result (at most ${MAX_SAVED_BYTES})`,
      );
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof LayerlintError) throw err;
    throw new LayerlintError(`${path}: not a readable layerlint JSON result: ${(err as Error).message.split('\n')[0]}`);
  }
  if (isBaselineFile(value)) return sideOfBaseline(value, path);
  const result = value as Partial<RunResult>;
  if (typeof result.schemaVersion !== 'string' || !Array.isArray(result.images))
    throw new LayerlintError(`${path}: not a layerlint result (no schemaVersion and images)`);
  if (!/^1\./.test(result.schemaVersion))
    throw new LayerlintError(`${path}: result schema ${result.schemaVersion} is not one this layerlint reads (1.x)`);
  checkSchema(value, path);
  const image = result.images[0];
  if (!image) throw new LayerlintError(`${path}: the saved result holds no image`);
  if (result.images.length > 1)
    throw new LayerlintError(`${path}: the saved result holds ${result.images.length} images; save one per file`);
  return sideOfReport(image, 'result', 0);
}
