// Helpers shared by the reporters: what a report is about (scopes), where findings point, doc links.
import type { Finding, Severity } from '../model/types.js';
import { imageLabel } from '../report/origin.js';
import type { DockerfileSummary, ImageReport, InstructionSummary, RunResult } from '../report/result.js';
import { ruleById } from '../rules/index.js';

/** The project repository; rule doc pages live under docs/rules/ on its main branch. */
export const REPO_URL = 'https://github.com/layerlint/layerlint';
export const DOCS_BASE_URL = `${REPO_URL}/blob/main/`;

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** One thing a report talks about: an image (with its Dockerfile, if any) or a Dockerfile alone. */
export interface Scope {
  label: string; // image reference, or the Dockerfile path
  image?: ImageReport;
  dockerfile?: DockerfileSummary;
  findings: Finding[];
}

export function scopesOf(result: RunResult): Scope[] {
  const scopes: Scope[] = result.images.map((image) => ({
    label: imageLabel(image),
    image,
    dockerfile: image.dockerfile,
    findings: image.findings,
  }));
  if (result.dockerfileFindings) {
    const df = result.dockerfile;
    const path = df?.path ?? result.dockerfileFindings.find((f) => f.location)?.location?.file;
    scopes.push({
      label: path ?? 'Dockerfile',
      dockerfile: df ?? (path ? { path, targetStage: 0, unmappedLayers: [] } : undefined),
      findings: result.dockerfileFindings,
    });
  }
  return scopes;
}

export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleById(ruleId)?.meta.docs ?? `docs/rules/${ruleId}.md`}`;
}

/**
 * A path as a URI relative to the repository root: forward slashes, no "./", "." and ".."
 * segments resolved. Absolute paths stay absolute (`absolute: true`): a pure reporter cannot know
 * the repository root, so the caller says so (or the user passes --sarif-uri).
 */
export function normalisePath(path: string): { path: string; absolute: boolean } {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const absolute = drive || slashed.startsWith('/');
  const parts: string[] = [];
  for (const seg of slashed.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (seg === '..' && absolute) continue;
    else parts.push(seg);
  }
  const joined = parts.join('/');
  return { path: absolute && !drive ? `/${joined}` : joined || '.', absolute };
}

/** The instruction that contains a line (multi-line instructions included). */
export function instructionAt(df: DockerfileSummary | undefined, line: number): InstructionSummary | undefined {
  return df?.instructions?.find((i) => i.line <= line && line <= i.endLine);
}

/** The FROM line of the target stage: where findings without a line of their own are shown. */
export function targetFrom(df: DockerfileSummary | undefined): InstructionSummary | undefined {
  const froms = df?.instructions?.filter((i) => i.keyword === 'FROM') ?? [];
  return froms.find((i) => i.stage === df?.targetStage) ?? froms[froms.length - 1];
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The finding's paths its message does not already quote. */
export function unquotedPaths(f: Finding): string[] {
  return (f.paths ?? []).filter((p) => !f.message.includes(p));
}

/** Where a finding points, in the one notation every output uses: "line 9 · layer 4". */
export function whereOf(f: Pick<Finding, 'location' | 'layer'>, lineMark = ''): string {
  const parts: string[] = [];
  if (f.location) parts.push(`line ${f.location.line}${lineMark}`);
  if (f.layer !== undefined) parts.push(`layer ${f.layer}`);
  return parts.join(' · ');
}
