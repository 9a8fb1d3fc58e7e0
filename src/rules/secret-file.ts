import type { CredentialFile, FileEntry, Layer, RawFinding, Rule, StackedImage } from '../model/types.js';
import { hiddenLater, hiddenTail, ROTATE_SUGGESTION } from '../secrets/content-rule.js';

/**
 * Credential files shipped in any layer, recognised by name and confirmed by content in the walk
 * (src/secrets/credential-files.ts): SSH keys, .npmrc/.pypirc/.netrc with credentials,
 * .docker/config.json with auths, .git-credentials, .aws/credentials, credentials.json, .env.
 * A file whose content also holds a known credential format is reported once, by that format's
 * rule (secret-aws, secret-private-key, ...), which names the credential file: one finding per
 * problem. A secret deleted or replaced in a later layer can still be extracted from the layer
 * that shipped it: the finding says so. One finding per path and content, on the first layer
 * that shipped it. Evidence is redacted.
 *
 * data: kind, evidence (redacted), layers (every layer shipping this content), deletedIn /
 * replacedIn (the layer that hid it, when it is not in the final filesystem).
 */
export const rule: Rule = {
  id: 'secret-file',
  meta: {
    description:
      'credential files (.npmrc token, .docker/config.json auths, .aws/credentials, .env, id_rsa ...) in any layer',
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
        const found = entry.credentialFile;
        if (!found || entry.secrets) continue; // a content rule reports it, naming the file
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

function secretFinding(stack: StackedImage, layer: Layer, entry: FileEntry, found: CredentialFile): RawFinding {
  const hidden = hiddenLater(stack, layer.index, entry);
  return {
    message: `${entry.path}: ${describe(found.kind)} (${found.evidence})${hiddenTail(hidden, layer.index)}`,
    layer: layer.index,
    paths: [entry.path],
    bytes: entry.size,
    data: { kind: found.kind, evidence: found.evidence, layers: [layer.index], ...hidden },
    suggestion: ROTATE_SUGGESTION,
  };
}

function describe(kind: string): string {
  return (
    {
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
