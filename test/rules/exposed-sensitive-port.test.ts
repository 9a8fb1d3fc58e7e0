import rule from '../../src/rules/exposed-sensitive-port.js';
import { runRule } from './dockerfile-table.js';
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

// Dockerfile-only mode (`--dockerfile F`, no image): the EXPOSE instructions of the stages that
// ship, as Trivy's DS004 reads them ("Port 22 exposed").
describe('exposed-sensitive-port without an image', () => {
  const lint = (code: string) =>
    runRule(rule, code).map((f) => ({ line: f.location?.line, port: f.data?.port, at: f.data?.instructionIndex }));

  it('reports EXPOSE 22 (Trivy DS004 bad example) on its line, with the instruction for the fixer', () => {
    expect(lint('FROM alpine:3.20\nRUN apk add --no-cache openssh\nEXPOSE 22')).toEqual([{ line: 3, port: 22, at: 2 }]);
  });

  it('a range covering sensitive ports, each once; web ports and build stages are fine', () => {
    expect(lint('FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 80 443/tcp 20-23/udp')).toEqual([
      { line: 4, port: 21, at: 3 },
      { line: 4, port: 22, at: 3 },
      { line: 4, port: 23, at: 3 },
    ]);
    expect(lint('FROM alpine:3.20\nEXPOSE 80 8080')).toEqual([]);
  });
});
