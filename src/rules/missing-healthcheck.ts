import type { Rule } from '../model/types.js';
import { NO_OPTIONS } from './image-kit.js';

/**
 * The image runs something (it has a CMD or ENTRYPOINT) but defines no HEALTHCHECK, or disables the
 * base image's with HEALTHCHECK NONE: Docker and Swarm cannot tell a hung service from a healthy one.
 * (Kubernetes ignores HEALTHCHECK and uses probes: turn the rule off there.)
 *
 * data: reason ('none' | 'disabled').
 */
export const rule: Rule = {
  id: 'missing-healthcheck',
  meta: {
    description: 'the image defines no HEALTHCHECK (or disables it with HEALTHCHECK NONE)',
    category: 'hygiene',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/missing-healthcheck.md',
    aliases: ['DL3057', 'DS026'],
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const c = ctx.analysis?.image.config.config;
    if (!ctx.analysis || !(c?.Cmd?.length || c?.Entrypoint?.length)) return [];
    const test = c.Healthcheck?.Test;
    const reason = !test || test.length === 0 ? 'none' : test[0] === 'NONE' ? 'disabled' : undefined;
    if (!reason) return [];
    return [
      {
        message: reason === 'none' ? 'the image defines no HEALTHCHECK' : 'HEALTHCHECK NONE disables the health check',
        data: { reason },
        suggestion:
          'Add HEALTHCHECK CMD <a command that fails when the service is unhealthy>, e.g. HEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1.',
      },
    ];
  },
};
export default rule;
