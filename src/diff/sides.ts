// The two sides of a comparison: an image analysed in this run, or a saved JSON (an `analyze
// --format json` result, or a baseline file). A saved side costs no image walk.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { LayerlintError } from '../errors.js';
import type { ImageAnalysis } from '../model/types.js';
import { type BaselineFile, isBaselineFile } from '../report/baseline.js';
import { fileRowsOf } from '../report/files.js';
import { withFingerprints } from '../report/fingerprint.js';
import type { ImageReport, RunResult } from '../report/result.js';
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
  if (!Array.isArray(file.findings)) throw new LayerlintError(`${shown}: not a layerlint baseline (no findings list)`);
  return {
    ref: file.image ?? shown,
    source: 'baseline',
    from: 'baseline',
    findings: file.findings.map((f) => ({ ...f })),
    walkedLayers: 0,
  };
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

export function readSavedSide(path: string): DiffSide {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new LayerlintError(`${path}: not a readable layerlint JSON result: ${(err as Error).message.split('\n')[0]}`);
  }
  if (isBaselineFile(value)) return sideOfBaseline(value, path);
  const result = value as Partial<RunResult>;
  if (typeof result.schemaVersion !== 'string' || !Array.isArray(result.images))
    throw new LayerlintError(`${path}: not a layerlint result (no schemaVersion and images)`);
  if (!/^1\./.test(result.schemaVersion))
    throw new LayerlintError(`${path}: result schema ${result.schemaVersion} is not one this layerlint reads (1.x)`);
  const image = result.images[0];
  if (!image) throw new LayerlintError(`${path}: the saved result holds no image`);
  if (result.images.length > 1)
    throw new LayerlintError(`${path}: the saved result holds ${result.images.length} images; save one per file`);
  if (!image.metrics || !Array.isArray(image.layers) || !Array.isArray(image.findings))
    throw new LayerlintError(`${path}: the saved image result is incomplete (metrics, layers or findings missing)`);
  return sideOfReport(image, 'result', 0);
}
