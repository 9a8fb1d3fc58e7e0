// `layerlint diff` as a pull-request comment: a hidden marker line (so a workflow finds and updates
// its own comment instead of adding one per push), a one-line verdict, a small table, and the
// detail folded in <details>.
import { packageChangeLabel } from '../../diff/packages.js';
import type { DiffResult } from '../../diff/types.js';
import type { Finding } from '../../model/types.js';
import { humanBytes } from '../../report/format.js';
import { ruleDocUrl } from '../common.js';
import { cell } from '../markdown.js';
import type { DiffReporter } from './index.js';
import { changeCounts, groupWhat, shortDiffId, signedBytes, TOTAL_LABEL, totalDelta, totalValue } from './text.js';

/** The first line of every comment this reporter writes: what a workflow searches for. */
export const COMMENT_MARKER = '<!-- layerlint-diff -->';

const TABLE_TOTALS = new Set(['size', 'compressedSize', 'finalSize', 'files', 'layers', 'efficiency', 'waste']);
const MAX_ROWS = 30;

const code = (text: string) => `\`${cell(text, 120).replace(/`/g, "'")}\``;

function details(summary: string, body: string[]): string[] {
  return ['', `<details><summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function findingRows(items: Finding[]): string[] {
  return [
    '| | severity | rule | where | message |',
    '|---|---|---|---|---|',
    ...items.slice(0, MAX_ROWS).map((f) => {
      const where = f.location ? `line ${f.location.line}` : f.layer !== undefined ? `layer ${f.layer}` : '';
      const mark = f.baselineState === 'absent' ? '✅ fixed' : f.baselineState === 'updated' ? '🔁 updated' : '🆕 new';
      return `| ${mark} | ${f.severity} | [${f.ruleId}](${ruleDocUrl(f.ruleId)}) | ${where} | ${cell(f.message)} |`;
    }),
    ...(items.length > MAX_ROWS ? ['', `…and ${items.length - MAX_ROWS} more (see the JSON or SARIF report).`] : []),
  ];
}

export function diffMarkdown(r: DiffResult): string {
  const out = [COMMENT_MARKER];
  out.push(`### ${r.verdict.passed ? '✅' : '❌'} layerlint: ${cell(r.verdict.text, 400)}`, '');
  out.push(`${code(r.base.ref)} → ${code(r.head.ref)}`, '');
  if (r.totals) {
    out.push('| | base | head | change |', '|---|---:|---:|---:|');
    for (const t of r.totals.filter((x) => TABLE_TOTALS.has(x.name)))
      out.push(
        `| ${TOTAL_LABEL[t.name]} | ${totalValue(t.name, t.base)} | ${totalValue(t.name, t.head)} | ${totalDelta(t)} |`,
      );
  }
  const f = r.findings;
  out.push(
    '',
    `Findings: **${f.new.length} new**, ${f.fixed.length} fixed, ${f.unchanged.length} unchanged, ${f.updated.length} updated`,
  );
  for (const n of r.notes) out.push('', `> ${cell(n, 300)}`);
  if (r.budgets.length > 0) {
    out.push(
      ...details(
        `Budgets: ${r.budgets.filter((b) => !b.passed).length} of ${r.budgets.length} failed`,
        ['| budget | limit | actual | |', '|---|---|---|---|'].concat(
          r.budgets.map(
            (b) =>
              `| ${b.name} | ${cell(b.limit)} | ${cell(b.actual)} | ${b.passed ? '✅' : `❌ ${cell(b.message)}`} |`,
          ),
        ),
      ),
    );
  }
  const changed = [...f.new, ...f.updated, ...f.fixed];
  if (changed.length > 0) out.push(...details(`Findings that changed (${changed.length})`, findingRows(changed)));
  if (r.layers) {
    const l = r.layers;
    const rows = [
      ...l.added.map((x) => ({ mark: '➕ added', x })),
      ...l.removed.map((x) => ({ mark: '➖ removed', x })),
    ];
    out.push(
      ...details(
        `Layers: ${l.shared.length} shared, ${l.added.length} added, ${l.removed.length} removed`,
        rows.length === 0
          ? ['No layer changed.']
          : ['| | layer | size | instruction |', '|---|---|---:|---|'].concat(
              rows.map(
                ({ mark, x }) =>
                  `| ${mark} | ${shortDiffId(x.diffId)} | ${humanBytes(x.size)} | ${x.instruction ? code(x.instruction) : ''} |`,
              ),
            ),
      ),
    );
  }
  if (r.packages && r.packages.changes.length > 0) {
    const p = r.packages;
    out.push(
      ...details(
        `Packages: ${p.added} added, ${p.removed} removed, ${p.upgraded} upgraded (${signedBytes(p.delta)})`,
        ['| change | | package | kind |', '|---:|---|---|---|'].concat(
          p.changes
            .slice(0, 30)
            .map((x) => `| ${signedBytes(x.delta)} | ${x.change} | ${cell(packageChangeLabel(x))} | ${x.ecosystem} |`),
        ),
      ),
    );
  }
  if (r.files) {
    out.push(
      ...details(
        `Files: ${changeCounts(r.files.counts)} (${signedBytes(r.files.delta)})`,
        r.files.groups.length === 0
          ? ['No file changed.']
          : ['| change | path | what |', '|---:|---|---|'].concat(
              r.files.groups.map((g) => `| ${signedBytes(g.delta)} | ${code(g.path)} | ${groupWhat(g)} |`),
            ),
      ),
    );
  }
  out.push('', `<sub>layerlint ${r.tool.version} · \`layerlint diff\`</sub>`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

export const diffMarkdownReporter: DiffReporter = (r) => diffMarkdown(r);
