import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDiveCi, readDiveCi } from '../../src/config/dive-ci.js';
import { defaultConfig } from '../../src/config/types.js';
import { configFor } from '../../src/pipeline/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerlint-diveci-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('.dive-ci', () => {
  it('reads camelCase keys', () => {
    const p = file(
      '.dive-ci',
      'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n  highestUserWastedPercent: 0.15\n',
    );
    expect(readDiveCi(p)).toEqual({
      lowestEfficiency: 0.95,
      highestWastedBytes: 20_000_000,
      highestUserWastedPercent: 0.15,
    });
  });

  it('reads kebab-case keys (dive\'s own spelling) and "disabled"', () => {
    const p = file(
      '.dive-ci',
      'rules:\n  lowest-efficiency: 0.8\n  highest-wasted-bytes: 1GiB\n  highest-user-wasted-percent: disabled\n',
    );
    expect(readDiveCi(p)).toEqual({
      lowestEfficiency: 0.8,
      highestWastedBytes: 1024 ** 3,
      highestUserWastedPercent: 'disabled',
    });
    const config = defaultConfig();
    applyDiveCi(config, p);
    expect(config.thresholds).toEqual({ lowestEfficiency: 0.8, highestWastedBytes: 1024 ** 3 });
  });

  it('rejects unknown keys and non-numbers', () => {
    expect(() => readDiveCi(file('a', 'rules:\n  lowestEff: 0.9\n'))).toThrow('unknown rule "lowestEff"');
    expect(() => readDiveCi(file('b', 'rules:\n  lowestEfficiency: high\n'))).toThrow(
      'rules.lowestEfficiency must be a number or "disabled", got "high"',
    );
  });
});

describe('flags over files', () => {
  it('--ci-config over .layerlint.yaml, flags over both, --fail-on over failOn', async () => {
    file('.layerlint.yaml', 'failOn: note\nthresholds: { lowestEfficiency: 0.5, highestWastedBytes: 1MB }\n');
    const ci = file('.dive-ci', 'rules:\n  lowestEfficiency: 0.7\n');
    const fromFiles = await configFor({ ciConfig: ci }, dir);
    expect(fromFiles).toMatchObject({
      failOn: 'note',
      thresholds: { lowestEfficiency: 0.7, highestWastedBytes: 1_000_000, highestUserWastedPercent: 0.1 },
    });
    const withFlags = await configFor(
      { ciConfig: ci, failOn: 'warning', lowestEfficiency: '0.99', highestWastedBytes: '2MiB' },
      dir,
    );
    expect(withFlags).toMatchObject({
      failOn: 'warning',
      thresholds: { lowestEfficiency: 0.99, highestWastedBytes: 2 * 1024 ** 2 },
    });
  });
});
