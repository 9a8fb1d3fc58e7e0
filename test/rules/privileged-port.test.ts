import rule from '../../src/rules/privileged-port.js';
import { imageRuleTable } from './image-table.js';

const layers = [{ files: [{ path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\nweb:x:101:101::/:/bin/sh\n' }] }];
const ports = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, {}]));

imageRuleTable(rule, {
  valid: [
    { name: 'root may bind port 80', recipe: { layers, config: { ExposedPorts: ports('80/tcp') } } },
    { name: 'USER 0 may bind port 80', recipe: { layers, config: { User: '0', ExposedPorts: ports('80/tcp') } } },
    {
      name: 'non-root on unprivileged ports',
      recipe: { layers, config: { User: '1000', ExposedPorts: ports('8080/tcp', '1024/tcp') } },
    },
  ],
  invalid: [
    {
      name: 'non-root user exposes 80 and 443',
      recipe: { layers, config: { User: 'web', ExposedPorts: ports('80/tcp', '443/tcp', '8080/tcp') } },
      findings: [
        {
          layer: undefined,
          message: 'EXPOSE 80/tcp while running as USER web',
          data: { port: 80, protocol: 'tcp', user: 'web' },
        },
        { data: { port: 443 } },
      ],
    },
    {
      name: 'numeric user, udp port 53',
      recipe: { layers, config: { User: '1000:1000', ExposedPorts: ports('53/udp') } },
      findings: [{ data: { port: 53, protocol: 'udp', user: '1000:1000' } }],
    },
  ],
});
