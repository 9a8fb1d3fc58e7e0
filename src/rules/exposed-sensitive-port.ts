import type { RawFinding, Rule } from '../model/types.js';
import { exposedPorts, exposeLocation } from './image-kit.js';

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
 * Telnet, the Docker API, RDP, VNC, ...). Option `ports` replaces the list.
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
    requires: 'image',
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
    for (const p of exposedPorts(ctx)) {
      if (Number.isNaN(p.port)) continue;
      const service = SENSITIVE_PORTS[p.port];
      if (wanted ? !wanted.has(p.port) : service === undefined) continue;
      const { instructionIndex, ...where } = exposeLocation(ctx, p);
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
