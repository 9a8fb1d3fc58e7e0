import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, lowVariety } from '../secrets/detector.js';

// PyPI API tokens are macaroons: "pypi-" then base64 that always starts with the encoded
// location, "pypi.org" (AgEIcHlwaS5vcmc) or "test.pypi.org" (AgENdGVzdC5weXBpLm9yZw).
const detectors: Detector[] = [
  ['AgEIcHlwaS5vcmc', 'pypi-api-token', 'PyPI API token', 10],
  ['AgENdGVzdC5weXBpLm9yZw', 'testpypi-api-token', 'TestPyPI API token', 8],
].map(
  ([location, kind, label, bigramAt]): Detector => ({
    kind: kind as string,
    label: label as string,
    anchor: `pypi-${location}`,
    bigramAt: bigramAt as number,
    re: new RegExp(`(?<![A-Za-z0-9_-])pypi-${location}[A-Za-z0-9_-]{50,}`, 'g'),
    after: 1024,
    confirm: (m) => (lowVariety(m[0].slice(20), 12) ? undefined : { evidence: `pypi-${location}****` }),
  }),
);

/** PyPI and TestPyPI API tokens in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-pypi',
  description: 'PyPI API tokens (pypi-AgEIcHlwaS5vcmc...) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
