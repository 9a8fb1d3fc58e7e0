import type { RawFinding, Rule } from '../model/types.js';
import { configuredUser, exposedPorts, exposeLocation, NO_OPTIONS } from './image-kit.js';

/**
 * An image that runs as a non-root user EXPOSEs a port below 1024: binding it needs
 * CAP_NET_BIND_SERVICE or net.ipv4.ip_unprivileged_port_start (Docker 20.10+ sets it to 0,
 * Kubernetes and older runtimes do not), so the server may fail to start.
 *
 * data: port, protocol, user.
 */
export const rule: Rule = {
  id: 'privileged-port',
  meta: {
    description: 'a non-root image EXPOSEs a port below 1024, which it may not be allowed to bind',
    category: 'hygiene',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/privileged-port.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const config = ctx.analysis?.image.config;
    if (!config || config.os === 'windows') return [];
    const user = configuredUser(ctx);
    if (user.uid === 0) return [];
    const out: RawFinding[] = [];
    for (const p of exposedPorts(ctx)) {
      if (!(p.port >= 1 && p.port < 1024)) continue;
      const { instructionIndex, ...where } = exposeLocation(ctx, p);
      out.push({
        message: `EXPOSE ${p.key} while running as USER ${user.spec}: ports below 1024 need CAP_NET_BIND_SERVICE (or ip_unprivileged_port_start) to bind`,
        ...where,
        data: {
          port: p.port,
          protocol: p.protocol,
          user: user.spec,
          ...(instructionIndex !== undefined ? { instructionIndex } : {}),
        },
        suggestion: `Listen on an unprivileged port (e.g. ${p.port === 80 ? 8080 : p.port === 443 ? 8443 : p.port + 8000}) and map it at run time (-p ${p.port}:${p.port === 80 ? 8080 : p.port === 443 ? 8443 : p.port + 8000}).`,
      });
    }
    return out;
  },
};
export default rule;
