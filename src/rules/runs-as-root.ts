import type { Rule } from '../model/types.js';
import { atInstruction, configInstruction, configuredUser, NO_OPTIONS } from './image-kit.js';

/**
 * The image config runs the container as root: User empty, root, 0, 0:0, or a name that
 * /etc/passwd maps to uid 0. On the USER instruction when the Dockerfile set it, else image-wide.
 *
 * data: user (as configured, "" when unset), uid.
 */
export const rule: Rule = {
  id: 'runs-as-root',
  meta: {
    description: 'the image runs as root (no USER, or USER root / 0)',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/runs-as-root.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
    securitySeverity: 6.5,
  },
  check(ctx) {
    const config = ctx.analysis?.image.config;
    if (!config || config.os === 'windows') return [];
    const u = configuredUser(ctx);
    if (u.uid !== 0) return [];
    const { instructionIndex, ...where } = u.spec ? atInstruction(ctx, configInstruction(ctx, 'USER')) : {};
    return [
      {
        message: u.spec
          ? `the image runs as root (USER ${u.spec}${u.user !== 'root' && u.user !== '0' ? `, uid 0 in /etc/passwd` : ''})`
          : 'the image sets no USER: the container runs as root',
        ...where,
        data: { user: u.spec, uid: 0, ...(instructionIndex !== undefined ? { instructionIndex } : {}) },
        suggestion:
          'Create an unprivileged user and end the final stage with USER <uid> (numeric, so Kubernetes runAsNonRoot can verify it).',
      },
    ];
  },
};
export default rule;
