import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import { expandVars, globalArgs } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * FROM an image without a tag or with `latest` (after ARG expansion), not pinned by digest.
 * `scratch` and earlier stage names are fine. A FROM whose image depends on an ARG without a
 * default cannot be judged and is skipped.
 *
 * data: instructionIndex, image (expanded reference), written (as written), reason ('no-tag' | 'latest').
 */
export const rule: Rule<{ allowLatest?: boolean }> = {
  id: 'unpinned-base-image',
  meta: {
    description: 'Base image without a version tag (or :latest): builds are not reproducible and change under you',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/unpinned-base-image.md',
    aliases: ['DL3006', 'DL3007', 'DS001'],
    schema: {
      type: 'object',
      properties: { allowLatest: { type: 'boolean', description: 'accept an explicit :latest tag' } },
      additionalProperties: false,
    },
    defaultOptions: { allowLatest: false },
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const args = globalArgs(df);
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      const written = stage.baseImage;
      if (!written || unresolvable(written, args)) continue;
      const image = expandVars(written, args);
      if (image.toLowerCase() === 'scratch' || image.includes('@')) continue;
      if (isEarlierStage(df, stage.index, image)) continue;
      const tag = tagOf(image);
      let reason: 'no-tag' | 'latest' | undefined;
      if (tag === undefined) reason = 'no-tag';
      else if (tag === 'latest' && !ctx.options.allowLatest) reason = 'latest';
      if (!reason) continue;
      const from = stage.from;
      const at = df.text.indexOf(written, from.argsStart);
      const span: [number, number] = at >= 0 && at < from.end ? [at, at + written.length] : [from.start, from.end];
      const name = image.replace(/:[^/:]*$/, '');
      out.push({
        ...dockerFinding(
          df,
          from,
          reason === 'no-tag'
            ? `base image "${image}" has no tag: it means :latest and changes without notice`
            : `base image "${image}" uses the :latest tag: it changes without notice`,
          { image, written, reason },
          span,
        ),
        suggestion: `pin a version tag, and for reproducible builds a digest: FROM ${name}:<version>@sha256:<digest>`,
      });
    }
    return out;
  },
};
export default rule;

function unresolvable(image: string, args: Record<string, string | undefined>): boolean {
  const names = [...image.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
  return names.some((n) => !args[n] && !new RegExp(`\\$\\{${n}:-[^}]+\\}`).test(image));
}

function isEarlierStage(df: DockerfileModel, index: number, image: string): boolean {
  return df.stages.some((s) => s.index < index && s.name?.toLowerCase() === image.toLowerCase());
}

/** Tag of an image reference: after the last ':' that follows the last '/'. */
export function tagOf(image: string): string | undefined {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : undefined;
}
