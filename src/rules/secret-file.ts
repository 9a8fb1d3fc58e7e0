import type { FileEntry, Layer, RawFinding, Rule, StackedImage } from '../model/types.js';
import { mask } from './image-kit.js';

interface Detection {
  kind: string;
  evidence: string; // redacted
}

type Detector = (entry: FileEntry) => Detection | undefined;

const lineWith = (text: string | undefined, re: RegExp) => text?.split('\n').find((l) => re.test(l));

/** "key = value" or "key: value" with the value masked. */
function redactLine(line: string): string {
  const text = line.trim();
  const m = (text.includes('=') ? /^([^=]*=\s*)(.*)$/ : /^([^:]*:\s*)(.*)$/).exec(text);
  return m ? `${m[1]}${mask((m[2] ?? '').trim())}` : mask(text);
}

const NAMED: { re: RegExp; detect: Detector }[] = [
  {
    re: /\/id_(?:rsa|dsa|ecdsa|ed25519)$/,
    detect: (e) =>
      e.size > 0 ? { kind: 'ssh-private-key', evidence: 'SSH private key (content redacted)' } : undefined,
  },
  {
    re: /\/\.npmrc$/,
    detect: (e) => {
      const line = lineWith(e.content, /(?:_authToken|_auth|_password)\s*=\s*(?!\$\{)\S/);
      return line ? { kind: 'npm-token', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/\.pypirc$/,
    detect: (e) => {
      const line = lineWith(e.content, /^\s*password\s*[=:]\s*\S/);
      return line ? { kind: 'pypi-password', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/\.netrc$/,
    detect: (e) => {
      const line = lineWith(e.content, /\bpassword\s+\S/);
      return line
        ? {
            kind: 'netrc-password',
            evidence: line.replace(/(\bpassword\s+)(\S+)/, (_, k: string, v: string) => `${k}${mask(v)}`).trim(),
          }
        : undefined;
    },
  },
  {
    re: /\/\.docker\/config\.json$/,
    detect: (e) =>
      e.content && /"(?:auth|identitytoken)"\s*:\s*"[^"]+"/.test(e.content)
        ? { kind: 'docker-auth', evidence: '"auths": { ... "auth": "****" }' }
        : undefined,
  },
  {
    re: /\/\.git-credentials$/,
    detect: (e) => {
      const line = lineWith(e.content, /:\/\/[^\s/:@]+:[^\s/@]+@/);
      return line || (e.size > 0 && e.content === undefined)
        ? {
            kind: 'git-credentials',
            evidence: (line ?? '').replace(/(:\/\/[^\s/:@]+:)[^\s/@]+@/, '$1****@').trim() || '(redacted)',
          }
        : undefined;
    },
  },
  {
    re: /\/\.aws\/credentials$/,
    detect: (e) => {
      const line = lineWith(e.content, /aws_secret_access_key\s*=\s*\S/);
      return line ? { kind: 'aws-credentials', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/credentials\.json$/,
    detect: (e) =>
      e.size > 0 &&
      (e.content === undefined || /"(?:private_key|client_secret|refresh_token|password|token)"\s*:/.test(e.content))
        ? { kind: 'credentials-json', evidence: 'credentials file (content redacted)' }
        : undefined,
  },
  {
    re: /\/\.env$/,
    detect: (e) => {
      const line = lineWith(e.content, /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*\S/);
      return line ? { kind: 'dotenv', evidence: redactLine(line.replace(/^\s*export\s+/, '')) } : undefined;
    },
  },
];

function detect(entry: FileEntry): Detection | undefined {
  if (entry.secretHint === 'private-key')
    return { kind: 'private-key', evidence: '-----BEGIN ... PRIVATE KEY----- (content redacted)' };
  for (const n of NAMED) if (n.re.test(entry.path)) return n.detect(entry);
  return undefined;
}

/**
 * Secrets shipped as files, in any layer: private keys by content (PEM header, found by the layer
 * walk), SSH keys, .npmrc/.pypirc/.netrc with credentials, .docker/config.json with auths,
 * .git-credentials, .aws/credentials, credentials.json, .env. A secret deleted or replaced in a
 * later layer can still be extracted from the layer that shipped it: the finding says so.
 * One finding per path and content, on the first layer that shipped it. Evidence is redacted.
 *
 * data: kind, evidence (redacted), layers (every layer shipping this content), deletedIn /
 * replacedIn (the layer that hid it, when it is not in the final filesystem).
 */
export const rule: Rule = {
  id: 'secret-file',
  meta: {
    description:
      'private keys and credential files (.npmrc token, .docker/config.json auths, .aws/credentials, .env ...) in any layer',
    category: 'security',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/secret-file.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    securitySeverity: 9.0,
  },
  check(ctx) {
    const analysis = ctx.analysis;
    if (!analysis) return [];
    const seen = new Map<string, { layers: number[]; finding: RawFinding }>();
    const out: RawFinding[] = [];
    for (const layer of analysis.image.layers) {
      for (const entry of layer.entries) {
        if (entry.kind !== 'file') continue;
        const found = detect(entry);
        if (!found) continue;
        const key = `${entry.path}\0${entry.digest ?? ''}`;
        const prior = seen.get(key);
        if (prior) {
          prior.layers.push(layer.index);
          continue;
        }
        const finding = secretFinding(analysis.stack, layer, entry, found);
        seen.set(key, { layers: finding.data?.layers as number[], finding });
        out.push(finding);
      }
    }
    return out;
  },
};
export default rule;

function secretFinding(stack: StackedImage, layer: Layer, entry: FileEntry, found: Detection): RawFinding {
  const later = stack.history
    .get(entry.path)
    ?.find((v) => v.layer > layer.index && (v.change === 'removed' || v.entry.digest !== entry.digest));
  const hidden = later ? (later.change === 'removed' ? { deletedIn: later.layer } : { replacedIn: later.layer }) : {};
  const tail = later
    ? `; ${later.change === 'removed' ? 'deleted' : 'replaced'} in layer ${later.layer}, but still extractable from layer ${layer.index}`
    : '';
  return {
    message: `${entry.path}: ${describe(found.kind)} (${found.evidence})${tail}`,
    layer: layer.index,
    paths: [entry.path],
    bytes: entry.size,
    data: { kind: found.kind, evidence: found.evidence, layers: [layer.index], ...hidden },
    suggestion:
      'Rotate the secret, then keep it out of every layer: pass it with RUN --mount=type=secret (BuildKit), add the file to .dockerignore, and rebuild.',
  };
}

function describe(kind: string): string {
  return (
    {
      'private-key': 'private key',
      'ssh-private-key': 'SSH private key',
      'npm-token': 'npm auth token',
      'pypi-password': 'PyPI password',
      'netrc-password': '.netrc password',
      'docker-auth': 'registry credentials',
      'git-credentials': 'git credentials',
      'aws-credentials': 'AWS secret access key',
      'credentials-json': 'credentials file',
      dotenv: '.env file with values',
    }[kind] ?? kind
  );
}
