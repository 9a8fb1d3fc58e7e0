import rule from '../../src/rules/invalid-expose.js';
import { imageRuleTable } from './image-table.js';

const layers = [{ files: [{ path: 'bin/app', size: 10 }] }];
const ports = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, {}]));

imageRuleTable(rule, {
  valid: [
    {
      name: 'valid ports and protocols',
      recipe: { layers, config: { ExposedPorts: ports('1/tcp', '53/udp', '3868/sctp', '65535/tcp', '8080') } },
    },
    { name: 'no ports', recipe: { layers, config: {} } },
  ],
  invalid: [
    {
      name: 'port 0, above 65535, a name and an unknown protocol',
      recipe: { layers, config: { ExposedPorts: ports('0/tcp', '70000/tcp', 'http/tcp', '80/icmp') } },
      findings: [
        { layer: undefined, message: 'EXPOSE 0/tcp: port 0 cannot be published', data: { port: 0, reason: 'zero' } },
        { message: 'ports end at 65535', data: { port: 70000, reason: 'out-of-range' } },
        { data: { key: 'http/tcp', port: null, reason: 'not-a-number' } },
        {
          message: 'protocol "icmp" is not tcp, udp or sctp',
          data: { port: 80, protocol: 'icmp', reason: 'protocol' },
        },
      ],
    },
  ],
});
