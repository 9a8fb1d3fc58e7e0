import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * EXPOSE with a host IP or host port mapping, a port outside 0-65535, or a protocol not in lower case.
 * Answers for DL3011, DS008, ExposeProtoCasing, ExposeInvalidFormat.
 */
export const rule: Rule = {
  id: 'expose-format',
  meta: {
    description: 'EXPOSE with a host IP or host port mapping, a port outside 0-65535, or a protocol not in lower case',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/expose-format.md',
    aliases: ['DL3011', 'DS008', 'ExposeProtoCasing', 'ExposeInvalidFormat'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const spec of shellWords(ins.args)) {
        if (spec.includes('$')) continue;
        const [portPart, proto] = spec.split('/') as [string, string | undefined];
        if (portPart.includes(':')) {
          out.push(
            dockerFinding(
              df,
              ins,
              `EXPOSE ${spec}: an IP address or host port does not belong in EXPOSE (publish with docker run -p)`,
              { spec, check: 'ExposeInvalidFormat' },
            ),
          );
          continue;
        }
        const ports = portPart.split('-').map(Number);
        if (ports.some((p) => !Number.isInteger(p) || p < 0 || p > 65535)) {
          out.push(
            dockerFinding(df, ins, `EXPOSE ${spec}: a port is a number from 0 to 65535`, { spec, check: 'port-range' }),
          );
          continue;
        }
        if (proto !== undefined && proto !== proto.toLowerCase())
          out.push(
            dockerFinding(df, ins, `EXPOSE ${spec}: write the protocol in lower case (${proto.toLowerCase()})`, {
              spec,
              check: 'ExposeProtoCasing',
            }),
          );
      }
    }
    return out;
  },
};
export default rule;
