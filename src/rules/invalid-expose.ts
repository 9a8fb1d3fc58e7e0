import type { RawFinding, Rule } from '../model/types.js';
import { exposedPorts, exposeLocation, NO_OPTIONS } from './image-kit.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/**
 * An exposed port the runtime cannot use: not a number, 0, above 65535, or a protocol other than
 * tcp, udp and sctp.
 *
 * data: key (as in the image config), port, protocol, reason ('not-a-number' | 'zero' |
 * 'out-of-range' | 'protocol').
 */
export const rule: Rule = {
  id: 'invalid-expose',
  meta: {
    description: 'EXPOSE of port 0, a port above 65535, a non-number or an unknown protocol',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/invalid-expose.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const p of exposedPorts(ctx)) {
      const reason = Number.isNaN(p.port)
        ? 'not-a-number'
        : p.port === 0
          ? 'zero'
          : p.port > 65535
            ? 'out-of-range'
            : !PROTOCOLS.has(p.protocol)
              ? 'protocol'
              : undefined;
      if (!reason) continue;
      const why = {
        'not-a-number': 'is not a port number',
        zero: 'port 0 cannot be published',
        'out-of-range': 'ports end at 65535',
        protocol: `protocol "${p.protocol}" is not tcp, udp or sctp`,
      }[reason];
      const { instructionIndex, ...where } = exposeLocation(ctx, p);
      out.push({
        message: `EXPOSE ${p.key}: ${why}`,
        ...where,
        data: {
          key: p.key,
          port: Number.isNaN(p.port) ? null : p.port,
          protocol: p.protocol,
          reason,
          ...(instructionIndex !== undefined ? { instructionIndex } : {}),
        },
        suggestion: 'EXPOSE a port between 1 and 65535, optionally with /tcp, /udp or /sctp.',
      });
    }
    return out;
  },
};
export default rule;
