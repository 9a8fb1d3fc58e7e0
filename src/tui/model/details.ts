// The details view's text: everything about the selected finding or layer, as plain lines (the
// pane wraps and cuts them). Pure, so the same words can be tested without a terminal.

import type { PackageUsage } from '../../analyzers/packages/index.js';
import { applyEdits } from '../../fix/apply.js';
import { unifiedDiff } from '../../fix/diff.js';
import type { Finding } from '../../model/types.js';
import { humanBytes } from '../../report/format.js';
import type { ImageReport, LayerSummary, WasteItem } from '../../report/result.js';
import { FIXABLE } from '../../report/wording.js';
import { whereOf } from '../../reporters/common.js';

export function findingDetails(report: ImageReport, index: number, dockerfileText?: string): string[] {
  const f: Finding | undefined = report.findings[index];
  if (!f) return ['no finding selected'];
  const out = [`Finding ${index + 1} of ${report.findings.length} · ${f.severity} · ${f.ruleId}`];
  const where = [whereOf(f), f.bytes ? humanBytes(f.bytes) : ''].filter(Boolean).join(' · ');
  if (where) out.push(where);
  out.push('', f.message);
  if (f.locationNote) out.push(`(${f.locationNote})`);
  const line = f.location?.line;
  const ins =
    line === undefined ? undefined : report.dockerfile?.instructions?.find((i) => i.line <= line && line <= i.endLine);
  if (ins) out.push('', `Dockerfile line ${ins.line}: ${ins.text}`);
  if (f.paths && f.paths.length > 0) out.push('', `Paths (${f.paths.length}):`, ...f.paths.map((p) => `  ${p}`));
  const evidence = Object.entries(f.data ?? {}).filter(([, v]) => v !== undefined);
  if (evidence.length > 0) out.push('', 'Evidence:', ...evidence.map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`));
  if (f.fix && f.fix.length > 0) {
    out.push('', `${FIXABLE}${f.suggestion ? `: ${f.suggestion}` : ''}`);
    if (dockerfileText !== undefined) {
      const diff = unifiedDiff(dockerfileText, applyEdits(dockerfileText, f.fix).text, report.dockerfile?.path);
      out.push(...diff.trimEnd().split('\n'));
    }
  } else if (f.suggestion) out.push('', `fix: ${f.suggestion}`);
  return out;
}

const HOW: Record<WasteItem['how'], string> = {
  whiteout: 'deleted later',
  parent: 'deleted with a parent directory',
  opaque: 'hidden by an opaque directory',
  overwritten: 'overwritten',
  'metadata-only': 'chmod/chown copy',
};

export function layerDetails(report: ImageReport, index: number): string[] {
  const l: LayerSummary | undefined = report.layers[index];
  if (!l) return ['no layer selected'];
  const out = [`Layer ${l.index} of ${report.layers.length - 1}`];
  if (l.digest) out.push(`digest  ${l.digest}`);
  out.push(`diffID  ${l.diffId}`);
  const stored = l.compression === 'none' ? 'uncompressed' : l.compression;
  const blob = l.blobSize !== undefined ? ` · ${humanBytes(l.blobSize)} as stored (${stored})` : '';
  out.push(`size    ${humanBytes(l.size)} of files · ${humanBytes(l.tarSize)} tar · ${l.fileCount} entries${blob}`);
  if (l.created) out.push(`created ${l.created}`);
  if (l.instruction) out.push('', `Dockerfile line ${l.dockerfileLine}: ${l.instruction}`);
  if (l.createdBy) out.push('', 'created by:', l.createdBy.replace(/\s+/g, ' ').trim());
  const byKind = new Map<string, number>();
  for (const w of report.waste) if (w.layer === index) byKind.set(HOW[w.how], (byKind.get(HOW[w.how]) ?? 0) + w.bytes);
  out.push('', `wasted ${humanBytes(l.wastedBytes)}${l.wastedBytes ? ':' : ''}`);
  for (const [kind, bytes] of [...byKind].sort((a, b) => b[1] - a[1]))
    out.push(`  ${humanBytes(bytes).padStart(8)}  ${kind}`);
  return out;
}

/** The details of the i-th package of the explorer's list: what it is, its bytes, its history. */
export function packageDetails(report: ImageReport, packages: readonly PackageUsage[], index: number): string[] {
  const p = packages[index];
  if (!p) return ['no package selected'];
  const at = (layer: number) => {
    const line = report.layers[layer]?.dockerfileLine;
    return line === undefined ? `layer ${layer}` : `layer ${layer} (Dockerfile line ${line})`;
  };
  const out = [`Package ${index + 1} of ${packages.length} · ${p.ecosystem} · ${p.name} ${p.version}`.trimEnd()];
  if (p.location) out.push(`installed at ${p.location}`);
  out.push(
    '',
    `${humanBytes(p.bytes)} in ${p.files} files of the final filesystem` +
      (p.declaredSize !== undefined ? ` (its database says ${humanBytes(p.declaredSize)})` : ''),
  );
  if (p.wastedBytes > 0) out.push(`${humanBytes(p.wastedBytes)} more in copies a later layer deleted or replaced`);
  if (p.section) out.push(`section ${p.section}`);
  out.push('', `installed in ${at(p.installedIn)}`);
  for (const l of p.upgradedIn) out.push(`changed in ${at(l)}`);
  if (p.removedIn !== undefined) out.push(`removed in ${at(p.removedIn)}`);
  if (p.modules && p.modules.length > 0)
    out.push('', `Modules (${p.modules.length}):`, ...p.modules.map((m) => `  ${m}`));
  return out;
}
