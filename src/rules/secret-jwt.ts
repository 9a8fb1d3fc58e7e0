import { contentSecretRule } from '../secrets/content-rule.js';
import type { Detector } from '../secrets/detector.js';

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const detectors: Detector[] = [
  {
    kind: 'jwt',
    label: 'signed JSON Web Token',
    anchor: 'eyJ',
    bigramAt: 1,
    after: 4096,
    re: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.(eyJ[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    confirm: (m) => {
      const header = jsonPart(m[1] as string);
      const alg = header?.alg;
      // a token is a credential only with a real signature; "none" signs nothing
      if (typeof alg !== 'string' || alg.toLowerCase() === 'none' || !jsonPart(m[2] as string)) return undefined;
      return { evidence: `eyJ**** (alg ${alg.replace(/[^A-Za-z0-9]/g, '').slice(0, 10)})` };
    },
  },
];

/** JSON Web Tokens with a signature (a bearer credential until it expires) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-jwt',
  description: 'signed JSON Web Tokens in the content of any file of any layer',
  securitySeverity: 7.0,
  defaultSeverity: 'warning',
  detectors,
});
export default rule;
