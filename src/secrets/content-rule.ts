// The shape every content secret rule shares (src/rules/secret-<provider>.ts): the rule lists its
// credential formats (detectors, run by the walk's content scanner) and reports what the walk
// found for them, once per file content and secret, on the first layer that shipped it.

import type { FileEntry, ImageAnalysis, Layer, RawFinding, Rule, SecretHit, StackedImage } from '../model/types.js';
import type { Detector } from './detector.js';

export interface ContentSecretRule extends Rule {
  detectors: readonly Detector[];
}

export interface ContentRuleSpec {
  id: string;
  description: string;
  securitySeverity: number;
  detectors: Detector[];
  /** names of kinds a detector's confirm() may report besides its own */
  labels?: Record<string, string>;
  defaultSeverity?: 'error' | 'warning' | 'note';
}

export const ROTATE_SUGGESTION =
  'Rotate the secret, then keep it out of every layer: pass it with RUN --mount=type=secret (BuildKit), add the file to .dockerignore, and rebuild.';

/** The later layer that deleted or replaced a file's content, if one did. */
export function hiddenLater(
  stack: StackedImage,
  layer: number,
  entry: FileEntry,
): { deletedIn: number } | { replacedIn: number } | undefined {
  const later = stack.history
    .get(entry.path)
    ?.find((v) => v.layer > layer && (v.change === 'removed' || v.entry.digest !== entry.digest));
  if (!later) return undefined;
  return later.change === 'removed' ? { deletedIn: later.layer } : { replacedIn: later.layer };
}

/** "; deleted in layer 3, but still extractable from layer 2" */
export function hiddenTail(hidden: ReturnType<typeof hiddenLater>, layer: number): string {
  if (!hidden) return '';
  const [verb, at] = 'deletedIn' in hidden ? ['deleted', hidden.deletedIn] : ['replaced', hidden.replacedIn];
  return `; ${verb} in layer ${at}, but still extractable from layer ${layer}`;
}

/** gitleaks' fingerprint shape: where the secret is, never the secret (for allowlists). */
export function fingerprintOf(ruleId: string, path: string, line: number): string {
  return `${ruleId}:${path}:${line}`;
}

/** The file entries the walk found secrets in, layer by layer: found once per analysis, not per rule. */
const withSecrets = new WeakMap<ImageAnalysis, { layer: Layer; entry: FileEntry }[]>();
function entriesWithSecrets(analysis: ImageAnalysis): { layer: Layer; entry: FileEntry }[] {
  let list = withSecrets.get(analysis);
  if (!list) {
    list = [];
    for (const layer of analysis.image.layers)
      for (const entry of layer.entries) if (entry.secrets && entry.kind === 'file') list.push({ layer, entry });
    withSecrets.set(analysis, list);
  }
  return list;
}

export function contentSecretRule(spec: ContentRuleSpec): ContentSecretRule {
  const labels = new Map([
    ...spec.detectors.map((d) => [d.kind, d.label] as const),
    ...Object.entries(spec.labels ?? {}),
  ]);
  return {
    id: spec.id,
    detectors: spec.detectors,
    meta: {
      description: spec.description,
      category: 'security',
      defaultSeverity: spec.defaultSeverity ?? 'error',
      fixable: false,
      requires: 'image',
      docs: `docs/rules/${spec.id}.md`,
      schema: { type: 'object', properties: {}, additionalProperties: false },
      defaultOptions: {},
      securitySeverity: spec.securitySeverity,
    },
    check(ctx) {
      const analysis = ctx.analysis;
      if (!analysis) return [];
      const seen = new Map<string, number[]>();
      const out: RawFinding[] = [];
      for (const { layer, entry } of entriesWithSecrets(analysis)) {
        for (const hit of entry.secrets ?? []) {
          if (hit.rule !== spec.id) continue;
          const key = `${entry.path}\0${entry.digest ?? ''}\0${hit.kind}\0${hit.line}\0${hit.evidence}`;
          const layers = seen.get(key);
          if (layers) {
            layers.push(layer.index);
            continue;
          }
          const finding = hitFinding(spec.id, analysis.stack, layer, entry, hit, labels.get(hit.kind) ?? hit.kind);
          seen.set(key, finding.data?.layers as number[]);
          out.push(finding);
        }
      }
      return out;
    },
  };
}

function hitFinding(
  ruleId: string,
  stack: StackedImage,
  layer: Layer,
  entry: FileEntry,
  hit: SecretHit,
  label: string,
): RawFinding {
  const hidden = hiddenLater(stack, layer.index, entry);
  const file = entry.credentialFile ? ` (a ${entry.credentialFile.kind} credential file)` : '';
  return {
    message: `${entry.path}:${hit.line}: ${label} (${hit.evidence})${file}${hiddenTail(hidden, layer.index)}`,
    layer: layer.index,
    paths: [entry.path],
    bytes: entry.size,
    data: {
      kind: hit.kind,
      evidence: hit.evidence,
      line: hit.line,
      fingerprint: fingerprintOf(ruleId, entry.path, hit.line),
      layers: [layer.index],
      ...(entry.credentialFile ? { credentialFile: entry.credentialFile.kind } : {}),
      ...hidden,
    },
    suggestion: ROTATE_SUGGESTION,
  };
}
