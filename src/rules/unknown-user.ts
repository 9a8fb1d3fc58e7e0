import { CAPTURE_MAX_BYTES } from '../analyzers/walk/capture.js';
import type { RawFinding, Rule } from '../model/types.js';
import {
  atInstruction,
  capturedText,
  configInstruction,
  isNumericId,
  NO_OPTIONS,
  parseIdDatabase,
  parseUserSpec,
} from './image-kit.js';

/**
 * The configured USER (or its group) is a name that /etc/passwd (/etc/group) of the final
 * filesystem does not define: the runtime cannot resolve it and the container does not start
 * ("unable to find user app: no matching entries in passwd file"). Numeric ids need no entry.
 * Reads the files' content captured by the layer walk (walk/capture.ts).
 *
 * data: user, group, missing ('user' | 'group'), database (the file consulted), exists (false when
 * the file itself is absent).
 */
export const rule: Rule = {
  id: 'unknown-user',
  meta: {
    description: 'USER names a user or group that /etc/passwd or /etc/group does not define',
    category: 'hygiene',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/unknown-user.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const config = ctx.analysis?.image.config;
    if (!config || config.os === 'windows') return [];
    const spec = (config.config?.User ?? '').trim();
    const { user, group } = parseUserSpec(spec);
    const checks: { name: string | undefined; missing: 'user' | 'group'; database: string }[] = [
      { name: user, missing: 'user', database: '/etc/passwd' },
      { name: group, missing: 'group', database: '/etc/group' },
    ];
    const out: RawFinding[] = [];
    for (const c of checks) {
      if (!c.name || isNumericId(c.name) || (c.missing === 'user' && c.name === 'root')) continue;
      const entry = ctx.analysis?.stack.final.get(c.database);
      const text = capturedText(ctx, c.database);
      if (entry && text === undefined) continue; // not a regular file we could read: do not guess
      if (text !== undefined && parseIdDatabase(text).has(c.name)) continue;
      if (entry && entry.size > CAPTURE_MAX_BYTES) continue; // only its start was captured: the name may be further on
      const { instructionIndex, ...where } = atInstruction(ctx, configInstruction(ctx, 'USER'));
      out.push({
        message: entry
          ? `USER ${spec}: ${c.missing} "${c.name}" is not defined in ${c.database}; the container will not start`
          : `USER ${spec}: the image has no ${c.database}, so ${c.missing} "${c.name}" cannot be resolved; the container will not start`,
        ...where,
        data: {
          user,
          group,
          missing: c.missing,
          database: c.database,
          exists: Boolean(entry),
          ...(instructionIndex !== undefined ? { instructionIndex } : {}),
        },
        suggestion: `Create the ${c.missing} in a RUN before USER (e.g. ${c.missing === 'user' ? 'useradd -r -u 10001 ' : 'groupadd -r -g 10001 '}${c.name}), or use a numeric id.`,
      });
    }
    return out;
  },
};
export default rule;
