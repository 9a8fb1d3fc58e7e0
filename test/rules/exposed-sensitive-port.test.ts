import rule from '../../src/rules/exposed-sensitive-port.js';
import { imageRuleTable } from './image-table.js';

const layers = [{ files: [{ path: 'bin/app', size: 10 }] }];
const ports = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, {}]));

imageRuleTable(rule, {
  valid: [
    { name: 'no ports', recipe: { layers, config: {} } },
    { name: 'web ports', recipe: { layers, config: { ExposedPorts: ports('80/tcp', '443/tcp', '8080/tcp') } } },
    {
      name: 'a custom list without 22',
      options: { ports: [9999] },
      recipe: { layers, config: { ExposedPorts: ports('22/tcp') } },
    },
  ],
  invalid: [
    {
      name: 'SSH and the Docker API',
      recipe: { layers, config: { ExposedPorts: ports('8080/tcp', '22/tcp', '2375/tcp') } },
      findings: [
        { layer: undefined, message: 'EXPOSE 22/tcp (SSH)', data: { port: 22, protocol: 'tcp', service: 'SSH' } },
        { message: 'EXPOSE 2375/tcp (Docker API (plain HTTP))', data: { port: 2375 } },
      ],
    },
    {
      name: 'Telnet, RDP and VNC over udp too',
      recipe: { layers, config: { ExposedPorts: ports('23/tcp', '3389/udp', '5900/tcp', '5901/tcp') } },
      findings: [
        { data: { port: 23 } },
        { data: { port: 3389, protocol: 'udp' } },
        { data: { port: 5900 } },
        { data: { port: 5901 } },
      ],
    },
    {
      name: 'option ports replaces the list',
      options: { ports: [8080] },
      recipe: { layers, config: { ExposedPorts: ports('22/tcp', '8080/tcp') } },
      findings: [{ data: { port: 8080, service: null } }],
    },
    {
      name: 'on the EXPOSE line, with instructionIndex for the fixer',
      dockerfile: 'FROM scratch\nCOPY app /bin/app\nEXPOSE 8080 22\n',
      recipe: {
        layers: [{ files: [{ path: 'bin/app', size: 10 }], createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/app ' }],
        emptyHistory: [{ before: 1, createdBy: '/bin/sh -c #(nop)  EXPOSE 22 8080' }],
        config: { ExposedPorts: ports('22/tcp', '8080/tcp') },
      },
      findings: [{ line: 3, data: { port: 22, instructionIndex: 2 } }],
    },
  ],
});
