// `layerlint diff` for a person at a terminal: the verdict and the few numbers that matter first
// (five seconds), then layers, files, findings and budgets in detail.

import { Chalk } from 'chalk';
import { packageChangeLabel } from '../../diff/packages.js';
import type { DiffResult, LayerRow } from '../../diff/types.js';
import type { Finding } from '../../model/types.js';
import { humanBytes } from '../../report/format.js';
import type { DiffReporter } from './index.js';
import { changeCounts, groupWhat, shortDiffId, signedBytes, TOTAL_LABEL, totalDelta, totalValue } from './text.js';

const TOP_PACKAGES = 10;
const SUMMARY_TOTALS = new Set(['size', 'compressedSize', 'finalSize', 'files', 'layers', 'efficiency', 'waste']);

function clip(text: string, width: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > width ? `${one.slice(0, Math.max(1, width - 1))}…` : one;
}

function side(s: DiffResult['base']): string {
  const walked = s.from === 'image' ? `, ${s.walkedLayers} layer${s.walkedLayers === 1 ? '' : 's'} walked` : '';
  return `${s.ref} (${s.from === 'image' ? s.source : `saved ${s.from}`}${walked})`;
}

export const diffTtyReporter: DiffReporter = (r, _head, opts) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const width = Math.max(60, opts.width || 80);
  const out: string[] = [];
  out.push(
    r.verdict.passed
      ? `${c.green.bold('✔ layerlint diff passed')}: ${r.verdict.text.replace(/^passed: /, '')}`
      : `${c.red.bold('✖ layerlint diff failed')}: ${r.verdict.text.replace(/^failed: /, '')}`,
  );
  out.push(`  base ${side(r.base)}`, `  head ${side(r.head)}`, '');
  if (r.totals) {
    const rows = r.totals.filter((t) => SUMMARY_TOTALS.has(t.name));
    const w = Math.max(...rows.map((t) => TOTAL_LABEL[t.name].length));
    out.push(`  ${''.padEnd(w)}  ${'base'.padStart(10)}  ${'head'.padStart(10)}  delta`);
    for (const t of rows) {
      const d = totalDelta(t);
      const colored = t.delta > 0 && t.name !== 'efficiency' ? c.yellow(d) : t.delta < 0 ? c.green(d) : d;
      out.push(
        `  ${TOTAL_LABEL[t.name].padEnd(w)}  ${totalValue(t.name, t.base).padStart(10)}  ${totalValue(t.name, t.head).padStart(10)}  ${colored}`,
      );
    }
  }
  const f = r.findings;
  out.push(
    `  findings: ${c.bold(`${f.new.length} new`)}, ${f.fixed.length} fixed, ${f.unchanged.length} unchanged, ${f.updated.length} updated`,
  );
  for (const n of r.notes) out.push(`  note: ${n}`);

  if (r.layers) {
    const l = r.layers;
    out.push('', c.bold(`Layers: ${l.shared.length} shared, ${l.added.length} added, ${l.removed.length} removed`));
    const row = (mark: string, x: LayerRow) =>
      `  ${mark} ${shortDiffId(x.diffId)} ${humanBytes(x.size).padStart(9)}  ${clip(x.instruction ?? '', width - 30)}`;
    for (const x of l.added) out.push(c.yellow(row('+', x)));
    for (const x of l.removed) out.push(c.green(row('-', x)));
  }
  if (r.files) {
    out.push('', c.bold(`Files: ${changeCounts(r.files.counts)} (${signedBytes(r.files.delta)})`));
    for (const g of r.files.groups)
      out.push(`  ${signedBytes(g.delta).padStart(10)}  ${clip(`${g.path}  ${groupWhat(g)}`, width - 14)}`);
    if (r.files.paths) {
      out.push('', c.bold('Paths'));
      for (const p of r.files.paths)
        out.push(
          `  ${signedBytes(p.delta).padStart(10)}  ${clip(`${p.path}  ${p.change}${p.detail ? ` (${p.detail})` : ''}`, width - 14)}`,
        );
    }
  }
  if (r.packages && r.packages.changes.length > 0) {
    const p = r.packages;
    out.push(
      '',
      c.bold(`Packages: ${p.added} added, ${p.removed} removed, ${p.upgraded} upgraded (${signedBytes(p.delta)})`),
    );
    for (const x of p.changes.slice(0, TOP_PACKAGES))
      out.push(
        `  ${signedBytes(x.delta).padStart(10)}  ${clip(`${x.change.padEnd(8)} ${x.ecosystem} ${packageChangeLabel(x)}`, width - 14)}`,
      );
    if (p.changes.length > TOP_PACKAGES)
      out.push(`  … ${p.changes.length - TOP_PACKAGES} more (--format json lists all)`);
  }
  const list = (title: string, items: Finding[], paint: (s: string) => string) => {
    if (items.length === 0) return;
    out.push('', c.bold(`${title} (${items.length})`));
    for (const x of items) {
      const where = x.location ? `:${x.location.line}` : x.layer !== undefined ? ` layer ${x.layer}` : '';
      out.push(paint(`  ${x.severity.padEnd(7)} ${x.ruleId}${where}  ${clip(x.message, width - 40)}`));
    }
  };
  list('New findings', f.new, c.red);
  list('Fixed findings', f.fixed, c.green);
  list('Updated findings (same problem, another instruction)', f.updated, (s) => s);
  if (r.budgets.length > 0) {
    out.push('', c.bold('Budgets'));
    for (const b of r.budgets)
      out.push(b.passed ? c.green(`  ✔ ${b.name}: ${b.message}`) : c.red(`  ✖ ${b.name}: ${b.message}`));
  }
  return `${out.join('\n')}\n`;
};
