import { Chalk } from 'chalk';
import type { Finding } from '../model/types.js';
import { humanBytes, percent } from '../report/format.js';
import type { ImageReport } from '../report/result.js';
import type { Reporter } from './types.js';

/** The terminal report: summary, layers with size bars, largest waste, findings, verdict. */
export const ttyReporter: Reporter = (result, opts) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const width = Math.max(40, opts.width);
  const out: string[] = [];
  for (const image of result.images) out.push(...imageSection(image, c, width));
  if (result.dockerfileFindings) out.push(...findingsSection(result.dockerfileFindings, c, width));
  const failed = result.exitCode !== 0;
  out.push(failed ? c.red.bold('✗ FAIL') + ' ' + verdictText(result.images) : c.green.bold('✓ PASS') + ' ' + verdictText(result.images));
  return `${out.join('\n')}\n`;
};

function verdictText(images: ImageReport[]): string {
  const findings = images.reduce((n, i) => n + i.findings.length, 0);
  const failedThresholds = images.flatMap((i) => i.thresholds.filter((t) => !t.passed).map((t) => t.name));
  return `${findings} finding${findings === 1 ? '' : 's'}${failedThresholds.length ? `; thresholds failed: ${failedThresholds.join(', ')}` : ''}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function imageSection(image: ImageReport, c: InstanceType<typeof Chalk>, width: number): string[] {
  const { dive, corrected } = image.metrics;
  const out: string[] = [];
  out.push(c.bold(truncate(`Image ${image.ref}`, width)));
  out.push(truncate(`  ${image.platform} · ${image.layers.length} layers · ${humanBytes(dive.imageSize)} · format ${image.format}`, width));
  for (const n of image.notices) out.push(c.yellow(truncate(`  note: ${n}`, width)));
  out.push(truncate(`  efficiency ${percent(dive.efficiency, 4)} (dive) · ${percent(corrected.efficiency, 2)} (corrected)`, width));
  out.push(truncate(`  wasted ${humanBytes(dive.wastedBytes)} (dive, ${percent(dive.userWastedPercent)} of user size) · reclaimable ${humanBytes(corrected.reclaimableBytes)}`, width));
  out.push(truncate(`  deleted-but-shipped ${humanBytes(corrected.deletedButShippedBytes)} · overwritten ${humanBytes(corrected.overwrittenBytes)} · duplicates ${humanBytes(corrected.duplicateBytes)}`, width));
  out.push('');
  out.push(c.bold('Layers'));
  const max = Math.max(1, ...image.layers.map((l) => l.size));
  const barWidth = 10;
  for (const l of image.layers) {
    const filled = l.size === 0 ? 0 : Math.max(1, Math.round((l.size / max) * barWidth));
    const bar = c.cyan('█'.repeat(filled)) + c.dim('░'.repeat(barWidth - filled));
    const label = l.instruction ?? l.createdBy ?? '';
    const line = l.dockerfileLine ? `L${l.dockerfileLine} ` : '';
    const head = `  ${String(l.index).padStart(2)} ${bar} ${humanBytes(l.size).padStart(8)} `;
    const visible = head.length - (bar.length - barWidth);
    out.push(head + truncate(`${line}${oneLine(label)}`, Math.max(10, width - visible)));
  }
  if (image.waste.length > 0) {
    out.push('');
    out.push(c.bold('Largest wasted paths'));
    for (const w of image.waste.slice(0, 10)) {
      const how = w.how === 'metadata-only' ? 'metadata-only change' : w.how === 'overwritten' ? 'overwritten' : 'deleted';
      out.push(truncate(`  ${humanBytes(w.bytes).padStart(8)}  ${w.path}  (layer ${w.layer}, ${how} in layer ${w.byLayer})`, width));
    }
  }
  out.push(...findingsSection(image.findings, c, width));
  for (const t of image.thresholds.filter((t) => !t.passed)) {
    out.push(c.red(truncate(`  threshold ${t.name}: ${formatThreshold(t.name, t.actual)} (limit ${formatThreshold(t.name, t.limit)})`, width)));
  }
  out.push('');
  return out;
}

function formatThreshold(name: string, value: number): string {
  return name === 'highestWastedBytes' ? humanBytes(value) : percent(value, 2);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '').trim();
}

function findingsSection(findings: Finding[], c: InstanceType<typeof Chalk>, width: number): string[] {
  if (findings.length === 0) return [];
  const out: string[] = ['', c.bold('Findings')];
  const paint = { error: c.red, warning: c.yellow, note: c.blue } as const;
  for (const f of findings) {
    const where = f.location ? `${f.location.file}:${f.location.line} ` : f.layer !== undefined ? `layer ${f.layer} ` : '';
    const bytes = f.bytes ? ` (${humanBytes(f.bytes)})` : '';
    out.push(truncate(`  ${paint[f.severity](f.severity.padEnd(7))} ${where}${c.dim(f.ruleId)} ${f.message}${bytes}`, width + 20));
  }
  return out;
}
