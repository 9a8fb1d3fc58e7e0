import type { RawFinding, Rule } from '../model/types.js';
import { humanBytes, NO_OPTIONS } from './image-kit.js';

const KEYWORDS =
  /^(?:RUN|COPY|ADD|WORKDIR|ENV|LABEL|USER|EXPOSE|VOLUME|ENTRYPOINT|CMD|ARG|SHELL|HEALTHCHECK|STOPSIGNAL|ONBUILD|MAINTAINER)\b/;

/**
 * Does a history created_by record a build instruction? Classic builder and buildah write
 * `/bin/sh -c <cmd>` and `/bin/sh -c #(nop) <INSTRUCTION>` (after `|N k=v ...` build args, and
 * with the SHELL in effect); BuildKit and kaniko write the instruction itself (`RUN ...`).
 */
export function isBuildInstruction(createdBy: string | undefined): boolean {
  const text = (createdBy ?? '').trim().replace(/^\|\d+\s+(?:\S+=\S*\s+)*/, '');
  if (text === '') return false;
  if (KEYWORDS.test(text)) return true;
  if (/^(?:\S*\/)?(?:sh|bash|ash|dash|zsh)\s+(?:\S+\s+)*?-[a-z]*c\s/.test(text)) return true;
  return /^(?:cmd(?:\.exe)?\s+\/S\s+\/C|powershell(?:\.exe)?\s+-Command|pwsh\s+-Command)\s/i.test(text);
}

/**
 * A layer whose history records no build instruction: made by `docker commit`, `docker import` or
 * a tool that writes no history, so nobody can tell from the image how its files got there.
 * One finding per such layer; one image-wide finding when the image has no history at all (or
 * history that does not match its layers).
 *
 * data: createdBy, comment, reason ('no-history' | 'history-mismatch' | 'not-an-instruction').
 */
export const rule: Rule = {
  id: 'unauditable-layer',
  meta: {
    description: 'a layer with no build instruction in its history (docker commit, import, no history)',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/unauditable-layer.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
    securitySeverity: 3.0,
  },
  check(ctx) {
    const image = ctx.analysis?.image;
    if (!image || image.layers.length === 0) return [];
    if (image.history.length === 0 || image.layers.some((l) => l.historyIndex === undefined)) {
      const reason = image.history.length === 0 ? 'no-history' : 'history-mismatch';
      return [
        {
          message:
            reason === 'no-history'
              ? `the image has no build history: none of its ${image.layers.length} layers can be traced to an instruction`
              : 'the image history does not match its layers: no layer can be traced to an instruction',
          data: { reason },
          suggestion:
            'Build the image from a Dockerfile (docker build, buildah, kaniko) so every layer records the instruction that made it.',
        },
      ];
    }
    const out: RawFinding[] = [];
    for (const layer of image.layers) {
      const h = image.history[layer.historyIndex as number];
      if (isBuildInstruction(h?.created_by)) continue;
      out.push({
        message: `layer ${layer.index} (${humanBytes(layer.size)}) records no build instruction (created_by ${h?.created_by ? `"${h.created_by.slice(0, 60)}"` : 'empty'}${h?.comment ? `, comment "${h.comment.slice(0, 60)}"` : ''}): docker commit or import?`,
        layer: layer.index,
        data: { createdBy: h?.created_by || null, comment: h?.comment || null, reason: 'not-an-instruction' },
        suggestion:
          'Rebuild the layer from a Dockerfile instruction instead of docker commit/import, so reviewers can see what it contains and why.',
      });
    }
    return out;
  },
};
export default rule;
