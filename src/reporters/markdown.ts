// A compact Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment.

import type { Finding, ThresholdResult } from '../model/types.js';
import { figureLines, figuresOf } from '../report/figures.js';
import { humanBytes, percent } from '../report/format.js';
import { originOf } from '../report/origin.js';
import type { ImageReport } from '../report/result.js';
import { countBySeverity, plural, ruleDocUrl, type Scope, scopesOf, whereOf } from './common.js';
import { packageMarkdown } from './packages-section.js';
import type { Reporter } from './types.js';

const TOP_FINDINGS = 15;
const ICON = { error: '🔴 error', warning: '🟡 warning', note: '🔵 note' } as const;

/** Text safe inside a table cell: one line, pipes escaped, length capped. */
export function cell(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const short = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return short.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** Inline code inside a table cell: only pipes need escaping there. */
function code(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const short = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return `\`${short.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function thresholdValue(t: ThresholdResult, v: number): string {
  return t.name === 'highestWastedBytes' ? humanBytes(v) : percent(v, 2);
}

function metrics(image: ImageReport): string[] {
  const [efficiency, ...totals] = figureLines(figuresOf(image));
  return [
    '| | |',
    '|---|---|',
    `| Image | ${humanBytes(image.metrics.dive.imageSize)} · ${plural(image.layers.length, 'layer')} · ${cell(image.platform)} · ${originOf(image)} |`,
    `| Efficiency | ${cell(efficiency.replace(/^efficiency /, ''))} |`,
    ...totals.map((line) => {
      const [, name, rest] = /^(dive wasted|\w+) (.*)$/.exec(line) ?? ['', line, ''];
      return `| ${name[0].toUpperCase()}${name.slice(1)} | ${cell(rest)} |`;
    }),
  ];
}

function thresholds(image: ImageReport): string[] {
  if (image.thresholds.length === 0) return [];
  return [
    '',
    '| threshold | limit | actual | |',
    '|---|---|---|---|',
    ...image.thresholds.map(
      (t) =>
        `| ${t.name} | ${thresholdValue(t, t.limit)} | ${thresholdValue(t, t.actual)} | ${t.passed ? '✅' : '❌'} |`,
    ),
  ];
}

function findingRow(f: Finding): string {
  const line = whereOf(f, f.locationNote ? '*' : '');
  return `| ${ICON[f.severity]} | [${f.ruleId}](${ruleDocUrl(f.ruleId)})${f.related?.length ? ` (+${f.related.join(', ')})` : ''} | ${line} | ${f.bytes ? humanBytes(f.bytes) : ''} | ${cell(f.message)} |`;
}

function findings(list: Finding[]): string[] {
  if (list.length === 0) return ['', 'No findings.'];
  const n = countBySeverity(list);
  const out = [
    '',
    `**${plural(list.length, 'finding')}** (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')})`,
    '',
    '| severity | rule | where | bytes | message |',
    '|---|---|---|---|---|',
    ...list.slice(0, TOP_FINDINGS).map(findingRow),
  ];
  if (list.length > TOP_FINDINGS)
    out.push('', `…and ${list.length - TOP_FINDINGS} more (see the SARIF or JSON report).`);
  if (list.some((f) => f.locationNote)) out.push('', "\\* no line of its own: shown on the stage's `FROM`.");
  return out;
}

function layers(image: ImageReport): string[] {
  const rows = image.layers.map((l) => {
    const what = l.instruction ?? l.createdBy?.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '') ?? '';
    return `| ${l.index} | ${humanBytes(l.size)} | ${l.wastedBytes ? humanBytes(l.wastedBytes) : ''} | ${l.dockerfileLine ?? ''} | ${what ? code(what, 100) : ''} |`;
  });
  return [
    '',
    `<details><summary>${plural(image.layers.length, 'layer')}</summary>`,
    '',
    '| # | size | wasted | line | instruction |',
    '|---|---|---|---|---|',
    ...rows,
    `| total | ${humanBytes(figuresOf(image).size)} | ${humanBytes(figuresOf(image).wasted)} | | |`,
    '',
    '</details>',
  ];
}

function section(scope: Scope, failOn: string): string[] {
  const image = scope.image;
  const head = image ? `### ${image.passed ? '✅' : '❌'} ${code(scope.label)}` : `### ${code(scope.label)}`;
  const out = [head, ''];
  if (image && scope.dockerfile) out.push(`Dockerfile: ${code(scope.dockerfile.path)} · fail on: ${failOn}`, '');
  if (image) out.push(...metrics(image), ...thresholds(image));
  out.push(...findings(scope.findings));
  if (image)
    out.push(
      ...layers(image),
      ...packageMarkdown(
        image.packages,
        (t) => cell(t, 80),
        (layer) => image.layers[layer]?.dockerfileLine,
      ),
    );
  return out;
}

export const markdownReporter: Reporter = (result) => {
  const scopes = scopesOf(result);
  const total = scopes.reduce((n, s) => n + s.findings.length, 0);
  const verdict = result.exitCode === 0 ? '✅ passed' : '❌ failed';
  const out = [
    `## layerlint: ${verdict}`,
    '',
    `${plural(scopes.length, result.images.length ? 'image' : 'Dockerfile')}, ${plural(total, 'finding')} · layerlint ${result.tool.version}`,
    '',
  ];
  for (const u of result.unreadable ?? []) out.push(`❌ not read: ${code(u.ref)}: ${cell(u.error)}`, '');
  for (const scope of scopes) out.push(...section(scope, result.failOn), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
};
