// The terminal report: per image a summary, the layer table with size bars, waste no finding
// explains, findings grouped by severity (line, bytes, top paths, fix); then one verdict line.
// Layout happens on plain text (widths without ANSI codes), colour is added last.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Severity, ThresholdResult } from '../model/types.js';
import { figureLines, figuresOf } from '../report/figures.js';
import { humanBytes, percent } from '../report/format.js';
import { dockerfileLabel, originOf } from '../report/origin.js';
import type { ImageReport, LayerSummary, RunResult } from '../report/result.js';
import { FIXABLE } from '../report/wording.js';
import { countBySeverity, plural, type Scope, SEVERITIES, scopesOf, unquotedPaths, whereOf } from './common.js';
import { packageTextLines } from './packages-section.js';
import { packParts, truncate, truncateStart, wrap } from './text.js';
import { renderSharedLayers } from './tty-shared-layers.js';
import type { Reporter } from './types.js';

const TOP_PATHS = 3;
const TOP_WASTE = 5;
const DETAIL = '      '; // indent of a finding's details
const GLYPH: Record<Severity, string> = { error: '✖', warning: '▲', note: '●' };
const TITLE: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', note: 'Notes' };

interface Ctx {
  c: ChalkInstance;
  width: number;
}

export const ttyReporter: Reporter = (result, opts) => {
  const ctx: Ctx = { c: new Chalk({ level: opts.color ? 1 : 0 }), width: Math.max(40, Math.floor(opts.width) || 80) };
  const out: string[] = [];
  for (const scope of scopesOf(result)) out.push(...scopeSection(scope, ctx), '');
  const shared = renderSharedLayers(result, opts);
  if (shared) out.push(...shared.replace(/^\n/, '').trimEnd().split('\n'), '');
  out.push(...verdict(result, ctx));
  return `${out.join('\n')}\n`;
};

function scopeSection(scope: Scope, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const out = [c.bold(truncate(scope.image ? `Image ${scope.label}` : dockerfileLabel(scope.label), width))];
  if (scope.image) out.push(...summary(scope.image, scope.dockerfile?.path, ctx), '', ...layerTable(scope.image, ctx));
  if (scope.image) out.push(...unexplainedWaste(scope.image, ctx), ...packages(scope.image, ctx));
  out.push(...findingGroups(scope.findings, ctx));
  return out;
}

function thresholdValue(t: ThresholdResult, v: number): string {
  return t.name === 'highestWastedBytes' ? humanBytes(v) : percent(v, 2);
}

const THRESHOLD_LABEL: Record<ThresholdResult['name'], string> = {
  lowestEfficiency: 'dive efficiency ≥',
  highestWastedBytes: 'dive wasted ≤',
  highestUserWastedPercent: 'dive wasted / user size ≤',
};

function summary(image: ImageReport, dockerfile: string | undefined, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const out = [
    ...packParts(
      [humanBytes(image.metrics.dive.imageSize), plural(image.layers.length, 'layer'), image.platform, originOf(image)],
      width,
      '  ',
    ),
    ...figureLines(figuresOf(image)).flatMap((line) => wrap(line, width, '  ')),
  ];
  if (image.thresholds.length > 0) {
    const parts = image.thresholds.map(
      (t) => `${t.passed ? '✓' : '✗'} ${THRESHOLD_LABEL[t.name]} ${thresholdValue(t, t.limit)}`,
    );
    for (const line of packParts(['thresholds', ...parts], width, '  ')) {
      out.push(line.replace(/\u2717[^\u00b7]*/g, (m) => c.red(m)).replace(/\u2713[^\u00b7]*/g, (m) => c.green(m)));
    }
  }
  if (dockerfile) out.push(...wrap(`built from ${dockerfileLabel(dockerfile)}`, width, '  '));
  for (const n of image.notices) out.push(...wrap(`note: ${n}`, width, '  ').map((l) => c.yellow(l)));
  return out;
}

function layerLabel(l: LayerSummary): string {
  if (l.instruction) return `line ${l.dockerfileLine} ${l.instruction}`;
  const created = (l.createdBy ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')
    .trim();
  return created || (l.emptyLayer ? '(empty layer)' : '(no history)');
}

function layerTable(image: ImageReport, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const barWidth = Math.min(30, Math.max(4, Math.floor((width - 40) / 4)));
  const idxWidth = Math.max(2, String(image.layers.length - 1).length);
  const max = Math.max(1, ...image.layers.map((l) => l.size));
  const fixed = 2 + idxWidth + 2 + 8 + 2 + 8 + 2 + barWidth + 2; // "  ii  ssssssss  wwwwwwww  bar  "
  const room = Math.max(8, width - fixed);
  const out = [
    c.bold(
      truncate(
        `  ${'#'.padStart(idxWidth)}  ${'size'.padStart(8)}  ${'wasted'.padStart(8)}  ${''.padEnd(barWidth)}  Dockerfile line / created by`,
        width,
      ).trimEnd(),
    ),
  ];
  for (const l of image.layers) {
    const filled = l.size === 0 ? 0 : Math.max(1, Math.round((l.size / max) * barWidth));
    const bar = c.cyan('█'.repeat(filled)) + c.dim('░'.repeat(barWidth - filled));
    const label = truncate(layerLabel(l), room);
    out.push(
      `  ${String(l.index).padStart(idxWidth)}  ${humanBytes(l.size).padStart(8)}  ${(l.wastedBytes ? humanBytes(l.wastedBytes) : '').padStart(8)}  ${bar}  ${l.instruction ? label : c.dim(label)}`,
    );
  }
  // the columns' sums: size and wasted, as the summary above names them
  const { size, wasted } = figuresOf(image);
  out.push(
    c.bold(`  ${''.padStart(idxWidth)}  ${humanBytes(size).padStart(8)}  ${humanBytes(wasted).padStart(8)}  total`),
  );
  return out;
}

function packages(image: ImageReport, ctx: Ctx): string[] {
  const lines = packageTextLines(image.packages, (layer) => image.layers[layer]?.dockerfileLine);
  if (lines.length === 0) return [];
  // table rows are cut to the width; sentences (what no package owns, removed packages) wrap
  const fitted = lines.flatMap((l) =>
    /^ +\d[\d.]* k?M?G?T?B {2}/.test(l) ? [truncate(l, ctx.width)] : wrap(l.trim(), ctx.width, '  '),
  );
  return ['', ctx.c.bold('Packages'), ...fitted];
}

/** The largest hidden bytes that no finding already names (findings carry their own paths). */
function unexplainedWaste(image: ImageReport, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const named = new Set(image.findings.flatMap((f) => f.paths ?? []));
  const rest = image.waste.filter((w) => !named.has(w.path));
  if (rest.length === 0) return [];
  const out = ['', c.bold(`Largest hidden bytes (${plural(rest.length, 'path')})`)];
  for (const w of rest.slice(0, TOP_WASTE)) {
    const how = w.how === 'metadata-only' ? 'metadata change' : w.how === 'overwritten' ? 'overwritten' : 'deleted';
    const tail = `  layer ${w.layer}, ${how} in ${w.byLayer}`;
    const head = `  ${humanBytes(w.bytes).padStart(8)}  `;
    const room = width - head.length - tail.length;
    if (room >= 12) out.push(head + truncateStart(w.path, room) + c.dim(tail));
    else out.push(...wrap(`${humanBytes(w.bytes)} ${w.path}${tail}`, width, '  '));
  }
  if (rest.length > TOP_WASTE) out.push(c.dim(`  … ${rest.length - TOP_WASTE} more`));
  return out;
}

function findingHead(f: Finding): string {
  const parts: string[] = [];
  const where = whereOf(f);
  if (where) parts.push(where);
  parts.push(f.related?.length ? `${f.ruleId} (+${f.related.join(', ')})` : f.ruleId);
  if (f.bytes) parts.push(humanBytes(f.bytes));
  return parts.join(' · ');
}

function findingLines(f: Finding, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const paint = { error: c.red, warning: c.yellow, note: c.blue }[f.severity];
  const out = wrap(findingHead(f), width, `  ${GLYPH[f.severity]} `.padEnd(DETAIL.length - 2)).map((l, i) =>
    i === 0 ? `  ${paint(GLYPH[f.severity])}${l.slice(3)}` : l,
  );
  out[0] = out[0].replace(f.ruleId, c.bold(f.ruleId));
  out.push(...wrap(f.message, width, DETAIL));
  if (f.locationNote) out.push(...wrap(`(${f.locationNote})`, width, DETAIL).map((l) => c.dim(l)));
  const paths = unquotedPaths(f); // the message already names some: not twice
  for (const p of paths.slice(0, TOP_PATHS)) out.push(DETAIL + c.cyan(truncateStart(p, width - DETAIL.length)));
  if (paths.length > TOP_PATHS) out.push(c.dim(`${DETAIL}… ${paths.length - TOP_PATHS} more paths`));
  if (f.suggestion || f.fix) {
    // what the fix takes out of the image, when the image shows it (src/fix/savings.ts)
    const bytes = f.data?.expectedSavingsBytes;
    const fixable = typeof bytes === 'number' && bytes > 0 ? `${FIXABLE} (saves ${humanBytes(bytes)})` : FIXABLE;
    const label = f.fix ? (f.suggestion ? `${fixable}:` : fixable) : 'fix:';
    const lines = wrap(f.suggestion ? `${label} ${f.suggestion}` : label, width, DETAIL);
    lines[0] = lines[0].replace(label, c.green(label));
    out.push(...lines);
  }
  return out;
}

function findingGroups(findings: Finding[], ctx: Ctx): string[] {
  const out: string[] = [];
  if (findings.length === 0) return ['', ctx.c.green('  No findings.')];
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    const paint = { error: ctx.c.red, warning: ctx.c.yellow, note: ctx.c.blue }[sev];
    out.push('', paint.bold(`${TITLE[sev]} (${group.length})`));
    for (const f of group) out.push(...findingLines(f, ctx));
  }
  return out;
}

function verdict(result: RunResult, ctx: Ctx): string[] {
  const { c, width } = ctx;
  const findings = scopesOf(result).flatMap((s) => s.findings);
  const n = countBySeverity(findings);
  const failedThresholds = result.images.reduce((k, i) => k + i.thresholds.filter((t) => !t.passed).length, 0);
  const failedImages = result.images.filter((i) => !i.passed).length;
  const pass = result.exitCode === 0;
  const parts = [
    pass ? 'PASS' : 'FAIL',
    findings.length === 0
      ? 'no findings'
      : `${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')}`,
  ];
  if (failedThresholds > 0) parts.push(`${plural(failedThresholds, 'threshold')} failed`);
  if (result.images.length > 1) parts.push(`${failedImages} of ${result.images.length} images failed`);
  const unreadable = result.unreadable ?? [];
  if (unreadable.length > 0)
    parts.push(`not read: ${unreadable.map((u) => u.ref).join(', ')} (${plural(unreadable.length, 'image')})`);
  parts.push(`fail on ${result.failOn}`);
  const lines = packParts(parts, width - 2);
  const mark = pass ? c.green.bold('✓ ') : c.red.bold('✗ ');
  return lines.map((l, i) => {
    const text = i === 0 ? l.replace(/^(PASS|FAIL)/, (m) => (pass ? c.green.bold(m) : c.red.bold(m))) : l;
    return (i === 0 ? mark : '  ') + text;
  });
}
