// GitHub Actions workflow commands: one annotation per finding on its Dockerfile line.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Finding, ThresholdResult } from '../model/types.js';
import { humanBytes, percent } from '../report/format.js';
import { normalisePath, scopesOf, unquotedPaths } from './common.js';
import type { Reporter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** Escaping for the message (data) part. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for property values: data escaping plus ":" and ",". */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function command(name: string, props: [string, string | number | undefined][], message: string): string {
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${list.length ? ` ${list.join(',')}` : ''}::${escapeData(message)}`;
}

function messageOf(f: Finding, imageLabel: string | undefined): string {
  let text = f.message;
  if (f.bytes && !text.includes(humanBytes(f.bytes))) text += ` (${humanBytes(f.bytes)})`;
  if (f.locationNote) text += ` [${f.locationNote}]`;
  if (!f.location && f.layer !== undefined) text += ` [layer ${f.layer}]`;
  const paths = unquotedPaths(f);
  if (paths.length > 0)
    text += `\npaths: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}`;
  if (f.suggestion) text += `\nfix: ${f.suggestion}`;
  if (imageLabel) text += `\nimage: ${imageLabel}`;
  return text;
}

function annotation(f: Finding, file: string | undefined, imageLabel: string | undefined): string {
  const loc = f.location;
  const props: [string, string | number | undefined][] =
    loc && file
      ? [
          ['file', file],
          ['line', loc.line],
          ['col', loc.column],
          ['endLine', loc.endLine],
          ['endColumn', loc.endLine === loc.line ? loc.endColumn : undefined],
          ['title', f.related?.length ? `${f.ruleId} (+${f.related.join(', ')})` : f.ruleId],
        ]
      : [['title', f.related?.length ? `${f.ruleId} (+${f.related.join(', ')})` : f.ruleId]];
  return command(COMMAND[f.severity], props, messageOf(f, imageLabel));
}

function thresholdValue(t: ThresholdResult, v: number): string {
  return t.name === 'highestWastedBytes' ? humanBytes(v) : percent(v, 2);
}

export const githubReporter: Reporter = (result, opts) => {
  const scopes = scopesOf(result);
  const many = scopes.length > 1;
  const lines: string[] = [];
  for (const scope of scopes) {
    const fileOf = (f: Finding): string | undefined => {
      const given = opts.sarifUri ?? f.location?.file;
      return given ? normalisePath(given).path : undefined;
    };
    const label = many ? scope.label : undefined;
    for (const f of scope.findings) lines.push(annotation(f, fileOf(f), label));
    for (const t of scope.image?.thresholds.filter((t) => !t.passed) ?? []) {
      const what = `${t.name}: ${thresholdValue(t, t.actual)} (limit ${thresholdValue(t, t.limit)})${label ? `\nimage: ${label}` : ''}`;
      lines.push(command('error', [['title', 'layerlint threshold failed']], what));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
