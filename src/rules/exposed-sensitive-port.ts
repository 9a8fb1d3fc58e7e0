import { dockerFinding, shippedStages } from '../analyzers/dockerfile/rule-kit.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';
import { type ExposedPort, exposedPorts, exposeLocation } from './image-kit.js';

/** Remote-administration and unauthenticated-by-default services nobody should publish by accident. */
export const SENSITIVE_PORTS: Record<number, string> = {
  21: 'FTP',
  22: 'SSH',
  23: 'Telnet',
  111: 'rpcbind',
  135: 'MS RPC',
  139: 'NetBIOS',
  445: 'SMB',
  512: 'rexec',
  513: 'rlogin',
  514: 'rsh',
  2049: 'NFS',
  2375: 'Docker API (plain HTTP)',
  2376: 'Docker API',
  2379: 'etcd',
  2380: 'etcd peer',
  3389: 'RDP',
  5900: 'VNC',
  5901: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM',
  6000: 'X11',
  10250: 'kubelet',
};

/**
 * The image EXPOSEs a port of a remote-administration or unauthenticated-by-default service (SSH,
 * Telnet, the Docker API, RDP, VNC, ...). Option `ports` replaces the list. With the image, the
 * image config's ports are read (base-image EXPOSEs included); with only a Dockerfile, the EXPOSE
 * instructions of the stages that ship.
 *
 * data: port (number), protocol, service, instructionIndex (the EXPOSE, when the Dockerfile has it).
 */
export const rule: Rule<{ ports?: number[] }> = {
  id: 'exposed-sensitive-port',
  meta: {
    description: 'EXPOSE of a remote-administration port (22 SSH, 23 Telnet, 2375 Docker API, 3389 RDP, 5900 VNC, ...)',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'either',
    docs: 'docs/rules/exposed-sensitive-port.md',
    aliases: ['DS004'],
    schema: {
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          items: { type: 'integer', minimum: 1, maximum: 65535 },
          uniqueItems: true,
          description: 'the ports to report (replaces the default list)',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: {},
    securitySeverity: 6.0,
  },
  check(ctx) {
    const wanted = ctx.options.ports ? new Set(ctx.options.ports) : undefined;
    const out: RawFinding[] = [];
    const df = ctx.dockerfile;
    const ports = ctx.analysis
      ? exposedPorts(ctx).map((p) => ({ p, at: exposeLocation(ctx, p) }))
      : df
        ? dockerfilePorts(df)
        : [];
    for (const { p, at } of ports) {
      if (Number.isNaN(p.port)) continue;
      const service = SENSITIVE_PORTS[p.port];
      if (wanted ? !wanted.has(p.port) : service === undefined) continue;
      const { instructionIndex, ...where } = at;
      out.push({
        message: `EXPOSE ${p.key}${service ? ` (${service})` : ''}: a remote-administration port should not be part of the image`,
        ...where,
        data: {
          port: p.port,
          protocol: p.protocol,
          service: service ?? null,
          ...(instructionIndex !== undefined ? { instructionIndex } : {}),
        },
        suggestion: `Remove ${p.port} from EXPOSE; use docker exec / kubectl exec for administration, and publish a port explicitly at run time if it is really needed.`,
      });
    }
    return out;
  },
};
export default rule;

/** The ports the shipped stages EXPOSE, each with the finding fields of its instruction (a range counts each of its ports). */
function dockerfilePorts(
  df: DockerfileModel,
): { p: ExposedPort; at: Partial<RawFinding> & { instructionIndex?: number } }[] {
  const shipped = shippedStages(df);
  const out: { p: ExposedPort; at: Partial<RawFinding> & { instructionIndex?: number } }[] = [];
  for (const ins of df.instructions) {
    if (ins.keyword !== 'EXPOSE' || !shipped.has(ins.stage)) continue;
    const { location } = dockerFinding(df, ins, '');
    for (const spec of shellWords(ins.args)) {
      const [range = '', protocol = 'tcp'] = spec.split('/');
      const m = /^(\d+)(?:-(\d+))?$/.exec(range);
      if (!m) continue;
      const from = Number(m[1]);
      const to = Math.min(Number(m[2] ?? m[1]), from + 65535);
      const ports =
        from === to
          ? [from]
          : Object.keys(SENSITIVE_PORTS)
              .map(Number)
              .filter((n) => n >= from && n <= to);
      for (const port of ports)
        out.push({
          p: { key: `${port}/${protocol.toLowerCase()}`, port, protocol: protocol.toLowerCase() },
          at: { location, instructionIndex: ins.index },
        });
    }
  }
  return out;
}
