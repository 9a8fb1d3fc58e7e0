// .layerlint.yaml `ignore`: allowlists by rule id (or prefix), by path glob for a rule, and by a
// finding's fingerprint, applied by the engine to every rule's findings.
import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import { resolveConfig } from '../../src/config/load.js';
import type { ConfigFile } from '../../src/config/types.js';
import { validateConfig } from '../../src/config/validate.js';
import { runRules } from '../../src/engine/run-rules.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { fake } from '../rules/content-table.js';

const token = withBase62Checksum('ghp_', fake(30, 301));
const recipe = {
  layers: [
    {
      files: [
        { path: 'app/src/config.js', content: `x = "${token}"\n` },
        { path: 'app/test/fixture.js', content: `\n\nx = "${token}"\n` },
      ],
    },
  ],
};

async function secretPaths(file: ConfigFile): Promise<string[]> {
  const analysis = await analysisFromRecipe(recipe);
  return runRules({ analysis, config: resolveConfig(file) })
    .filter((f) => f.ruleId.startsWith('secret-'))
    .map((f) => `${f.ruleId} ${f.paths?.join(',')} ${f.data?.fingerprint}`);
}

describe('config ignore', () => {
  it('reports both copies without an allowlist', async () => {
    expect((await secretPaths({})).sort()).toEqual([
      'secret-github /app/src/config.js secret-github:/app/src/config.js:1',
      'secret-github /app/test/fixture.js secret-github:/app/test/fixture.js:3',
    ]);
  });

  it('drops by fingerprint, by rule and path glob, and by a rule prefix', async () => {
    expect(await secretPaths({ ignore: [{ fingerprint: 'secret-github:/app/test/fixture.js:3' }] })).toEqual([
      'secret-github /app/src/config.js secret-github:/app/src/config.js:1',
    ]);
    expect(await secretPaths({ ignore: [{ rule: 'secret-github', paths: ['/app/test/**'] }] })).toEqual([
      'secret-github /app/src/config.js secret-github:/app/src/config.js:1',
    ]);
    expect(await secretPaths({ ignore: [{ rule: 'secret-aws', paths: ['/app/**'] }] })).toHaveLength(2);
    expect(await secretPaths({ ignore: [{ rule: 'secret-*' }] })).toEqual([]);
  });

  it('is checked by the config schema', () => {
    expect(() =>
      validateConfig({ ignore: [{ fingerprint: 'x' }, { rule: 'secret-jwt', paths: ['/a/**'] }] }, 'c'),
    ).not.toThrow();
    expect(() => validateConfig({ ignore: [{}] }, 'c')).toThrow();
    expect(() => validateConfig({ ignore: [{ rules: 'x' }] }, 'c')).toThrow();
  });
});
