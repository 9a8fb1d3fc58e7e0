// Findings of one scope (image or Dockerfile) as SARIF results: location, fingerprint, evidence, fixes.

import { createHash } from 'node:crypto';
import { compareStrings } from '../compare.js';
import type { Finding, SourceRange } from '../model/types.js';
import { humanBytes } from '../report/format.js';
import type { DockerfileSummary } from '../report/result.js';
import { instructionAt, normalisePath, type Scope, targetFrom } from './common.js';
import type { SarifLocation, SarifNotification, SarifRegion, SarifResult } from './sarif-types.js';

const MAX_PATHS = 100;
const MAX_RELATED = 100;

/** Where a scope's results point, and what the run should say about it. */
export interface Artifact {
  uri: string;
  isDockerfile: boolean; // the Dockerfile that was analysed (fixes apply to it)
  notifications: SarifNotification[];
}

export function artifactFor(scope: Scope, sarifUri: string | undefined): Artifact {
  const notifications: SarifNotification[] = [];
  const given = sarifUri ?? scope.dockerfile?.path;
  if (!given) {
    notifications.push({
      level: 'warning',
      descriptor: { id: 'no-dockerfile' },
      message: {
        text: 'No Dockerfile was given (--dockerfile): every result is reported on line 1 of "Dockerfile". Pass --dockerfile (and --sarif-uri if it is not at the repository root) to place results on their lines.',
      },
    });
    return { uri: 'Dockerfile', isDockerfile: false, notifications };
  }
  const norm = normalisePath(given);
  if (!norm.absolute) return { uri: norm.path, isDockerfile: Boolean(scope.dockerfile), notifications };
  notifications.push({
    level: 'warning',
    descriptor: { id: 'absolute-artifact-path' },
    message: {
      text: `The Dockerfile path ${norm.path} is absolute: GitHub code scanning needs a path relative to the repository root. Pass --sarif-uri <path in the repository>.`,
    },
  });
  const uri = /^[A-Za-z]:/.test(norm.path) ? `file:///${norm.path}` : `file://${norm.path}`;
  return { uri: encodeURI(uri), isDockerfile: Boolean(scope.dockerfile), notifications };
}

function sha16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function regionOf(range: SourceRange): SarifRegion {
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

const LINE_ONE: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

interface Placed {
  finding: Finding;
  range: SourceRange;
  note?: string; // why the result is on this line, when it is not the finding's own line
}

function place(finding: Finding, df: DockerfileSummary | undefined, artifact: Artifact): Placed {
  if (finding.location) return { finding, range: finding.location, note: finding.locationNote };
  if (!artifact.isDockerfile)
    return { finding, range: LINE_ONE, note: `no Dockerfile given, reported on line 1 of ${artifact.uri}` };
  const from = targetFrom(df);
  if (from) return { finding, range: from, note: 'no Dockerfile line for this finding, reported on the final FROM' };
  return { finding, range: LINE_ONE, note: 'no Dockerfile line for this finding, reported on line 1' };
}

function messageOf({ finding, range, note }: Placed): string {
  let text = finding.message;
  if (finding.bytes && !text.includes(humanBytes(finding.bytes))) text += ` (${humanBytes(finding.bytes)})`;
  if (note) text += ` [line ${range.line}: ${note}]`;
  return text;
}

/**
 * primaryLocationLineHash: hash of rule id + the instruction's text (not its line number), then
 * ":n" for the n-th such finding (ordered by position, then message), so inserting or moving
 * unrelated lines keeps every fingerprint.
 */
function fingerprints(placed: Placed[], df: DockerfileSummary | undefined): string[] {
  const keys = placed.map((p) => {
    const instruction = instructionAt(df, p.range.line);
    return sha16(`${p.finding.ruleId}\0${instruction?.textHash ?? `message:${p.finding.message}`}`);
  });
  const order = placed
    .map((_p, i) => i)
    .sort((a, b) => {
      const pa = placed[a];
      const pb = placed[b];
      return (
        (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0) ||
        pa.range.line - pb.range.line ||
        pa.range.column - pb.range.column ||
        compareStrings(pa.finding.message, pb.finding.message) ||
        compareStrings(pa.finding.paths?.[0] ?? '', pb.finding.paths?.[0] ?? '') ||
        a - b
      );
    });
  const out = new Array<string>(placed.length);
  let prev = '';
  let n = 0;
  for (const i of order) {
    n = keys[i] === prev ? n + 1 : 1;
    prev = keys[i];
    out[i] = `${keys[i]}:${n}`;
  }
  return out;
}

/** What a layer named in a finding's data did, as a related location says it. */
const RELATED_LAYER_ROLES: Record<string, string> = {
  createdLayers: 'created the files deleted later',
  replacedLayers: 'shipped the version replaced later',
  layers: 'ships a copy',
};

/**
 * Other instructions a finding names in its data: the instructions themselves
 * (`...InstructionIndex(es)`, e.g. the RUNs a cleanup belongs with) and, when the image maps to
 * the Dockerfile, the layers (e.g. the RUN or COPY that created what a later RUN deletes).
 */
function relatedLocations(finding: Finding, scope: Scope, uri: string, primaryLine: number): SarifLocation[] {
  const df = scope.dockerfile;
  if (!df?.instructions || !finding.data) return [];
  const lines = new Map<number, string>(); // line -> why
  for (const [key, value] of Object.entries(finding.data)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');
    if (key !== 'instructionIndex' && /InstructionIndex(es)?$/.test(key)) {
      for (const v of values) {
        const ins = df.instructions.find((i) => i.index === v);
        if (ins && !lines.has(ins.line)) lines.set(ins.line, '');
      }
    }
    const role = RELATED_LAYER_ROLES[key];
    if (!role || !scope.image) continue;
    for (const v of values) {
      const line = scope.image.layers[v]?.dockerfileLine;
      if (line !== undefined && !lines.has(line)) lines.set(line, `layer ${v} ${role}`);
    }
  }
  const out: SarifLocation[] = [];
  for (const [line, why] of [...lines].sort((a, b) => a[0] - b[0])) {
    const ins = instructionAt(df, line);
    if (!ins || ins.line === primaryLine || out.length >= MAX_RELATED) continue;
    const text = ins.text.length > 120 ? `${ins.text.slice(0, 119)}…` : ins.text;
    out.push({
      id: out.length + 1,
      physicalLocation: { artifactLocation: { uri }, region: regionOf(ins) },
      message: { text: `line ${ins.line}: ${text}${why ? ` (${why})` : ''}` },
    });
  }
  return out;
}

function evidence(finding: Finding, scope: Scope, note: string | undefined): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  if (scope.image) props.image = scope.image.ref;
  if (finding.layer !== undefined) {
    props.layerIndex = finding.layer;
    const layer = scope.image?.layers[finding.layer];
    const digest = finding.layerDigest ?? layer?.digest ?? layer?.diffId;
    if (digest) props.layerDigest = digest;
    if (layer?.createdBy) props.layerCreatedBy = layer.createdBy.slice(0, 500);
  }
  if (finding.bytes !== undefined) props.bytes = finding.bytes;
  if (finding.paths && finding.paths.length > 0) {
    props.paths = finding.paths.slice(0, MAX_PATHS);
    props.pathCount = finding.paths.length;
  }
  if (note) props.locationNote = note;
  if (finding.suggestion) props.suggestion = finding.suggestion;
  if (finding.related && finding.related.length > 0) props.related = finding.related;
  return props;
}

export function sarifResults(scope: Scope, artifact: Artifact): SarifResult[] {
  const placed = scope.findings.map((f) => place(f, scope.dockerfile, artifact));
  const prints = fingerprints(placed, scope.dockerfile);
  return placed.map((p, i) => {
    const { finding } = p;
    const result: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: -1, // set once the run's rule list is known
      level: finding.severity,
      message: { text: messageOf(p) },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifact.uri }, region: regionOf(p.range) } }],
      partialFingerprints: {
        primaryLocationLineHash: prints[i],
        ...(finding.fingerprint ? { 'layerlint/v1': finding.fingerprint } : {}),
      },
    };
    if (finding.baselineState) result.baselineState = finding.baselineState;
    const related = relatedLocations(finding, scope, artifact.uri, p.range.line);
    if (related.length > 0) result.relatedLocations = related;
    if (finding.fix && finding.fix.length > 0 && artifact.isDockerfile) {
      result.fixes = [
        {
          description: {
            text: finding.suggestion?.split('\n')[0] ?? `Apply the ${finding.ruleId} fix (layerlint fix)`,
          },
          artifactChanges: [
            {
              artifactLocation: { uri: artifact.uri },
              replacements: finding.fix.map((e) => ({
                deletedRegion: { charOffset: e.range[0], charLength: e.range[1] - e.range[0] },
                insertedContent: { text: e.text },
              })),
            },
          ],
        },
      ];
    }
    result.properties = evidence(finding, scope, p.note);
    return result;
  });
}
