// The packages section of the tty and markdown reports: the largest packages, bytes by ecosystem,
// what no package owns, and packages removed whose bytes still ship. Pure; the full list is in JSON.
import type { PackageReport, PackageUsage } from '../analyzers/packages/index.js';
import { humanBytes } from '../report/format.js';
import { plural } from './common.js';

export const TOP_PACKAGES = 8;

export function packageName(p: PackageUsage): string {
  return p.version ? `${p.name} ${p.version}` : p.name;
}

/** "166 deb packages 375 MB · 40 npm packages 2.1 MB · unowned 237 MB" */
export function ecosystemSummary(report: PackageReport): string {
  const parts = Object.entries(report.byEcosystem)
    .sort((a, b) => (b[1]?.bytes ?? 0) - (a[1]?.bytes ?? 0))
    .map(([eco, e]) => `${plural(e?.packages ?? 0, `${eco} package`)} ${humanBytes(e?.bytes ?? 0)}`);
  parts.push(`unowned ${humanBytes(report.unowned.bytes)}`);
  return parts.join(' · ');
}

/** Packages a later layer removed (or replaced) whose copies still ship, largest first. */
export function shippedAfterRemoval(report: PackageReport): PackageUsage[] {
  return report.packages
    .filter((p) => p.wastedBytes > 0)
    .sort((a, b) => b.wastedBytes - a.wastedBytes || (a.name < b.name ? -1 : 1));
}

/** The Dockerfile line of a layer, when the report has a Dockerfile. */
export type LineOfLayer = (layer: number) => number | undefined;

function at(layer: number, lineOf: LineOfLayer): string {
  const line = lineOf(layer);
  return line === undefined ? `layer ${layer}` : `layer ${layer} (line ${line})`;
}

function history(p: PackageUsage, lineOf: LineOfLayer): string {
  const parts = [at(p.installedIn, lineOf)];
  if (p.upgradedIn.length > 0) parts.push(`upgraded in ${p.upgradedIn.map((l) => at(l, lineOf)).join(', ')}`);
  if (p.removedIn !== undefined) parts.push(`removed in ${at(p.removedIn, lineOf)}`);
  return parts.join(', ');
}

/** Plain-text lines (no colour, no heading) for the tty report; empty when the image has no packages. */
export function packageTextLines(report: PackageReport | undefined, lineOf: LineOfLayer = () => undefined): string[] {
  if (!report || report.packages.length === 0) return [];
  const live = report.packages.filter((p) => p.bytes > 0 || p.removedIn === undefined);
  const out = [`  ${ecosystemSummary(report)}`];
  for (const p of live.slice(0, TOP_PACKAGES))
    out.push(
      `  ${humanBytes(p.bytes).padStart(8)}  ${p.ecosystem.padEnd(6)} ${packageName(p)}  (${history(p, lineOf)})`,
    );
  if (live.length > TOP_PACKAGES)
    out.push(`  … ${plural(live.length - TOP_PACKAGES, 'more package')} (--format json lists all)`);
  const largest = report.unowned.largest.slice(0, 3).filter((d) => d.bytes > 0);
  if (largest.length > 0)
    out.push(`  unowned: ${largest.map((d) => `${d.directory} ${humanBytes(d.bytes)}`).join(', ')}`);
  for (const p of shippedAfterRemoval(report).slice(0, 3))
    out.push(
      `  ${packageName(p)}: ${humanBytes(p.wastedBytes)} shipped in copies a later layer removed (${history(p, lineOf)})`,
    );
  return out;
}

/** A collapsible markdown table for the markdown report; empty when the image has no packages. */
export function packageMarkdown(
  report: PackageReport | undefined,
  cell: (s: string) => string,
  lineOf: LineOfLayer = () => undefined,
): string[] {
  if (!report || report.packages.length === 0) return [];
  const rows = report.packages
    .filter((p) => p.bytes > 0 || p.wastedBytes > 0)
    .slice(0, 20)
    .map(
      (p) =>
        `| ${cell(p.name)} | ${cell(p.version)} | ${p.ecosystem} | ${humanBytes(p.bytes)} | ${p.wastedBytes ? humanBytes(p.wastedBytes) : ''} | ${cell(history(p, lineOf))} |`,
    );
  return [
    '',
    `<details><summary>${plural(report.packages.length, 'package')}: ${ecosystemSummary(report)}</summary>`,
    '',
    '| package | version | kind | bytes | shipped after removal | layer |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ];
}
