// One problem, one finding: when a Dockerfile rule and an image rule see the same problem on the
// same instruction, the engine reports one finding carrying both (line, fix, bytes, paths) with the
// image rule's id in `related`, and ignoring either id suppresses it.
import { analysisFromRecipe, type ImageRecipe } from '../../fixtures/builder/index.js';
import { mapHistoryToDockerfile } from '../../src/analyzers/dockerfile/mapping.js';
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { defaultConfig, type ResolvedConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';
import { gateOf } from '../../src/engine/thresholds.js';
import type { Finding } from '../../src/model/types.js';

async function lint(recipe: ImageRecipe, dockerfileText: string, config: ResolvedConfig = defaultConfig()) {
  const analysis = await analysisFromRecipe(recipe);
  const dockerfile = parseDockerfile(dockerfileText, 'Dockerfile');
  const mapping = mapHistoryToDockerfile(analysis.image.history, analysis.image.layers.length, dockerfile);
  return runRules({ analysis, dockerfile, mapping, config });
}

const pick = (findings: Finding[], ...ids: string[]) =>
  findings
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, line: f.location?.line, layer: f.layer, bytes: f.bytes, related: f.related }));

const base = { files: [{ path: 'bin/sh', size: 100 }], createdBy: '/bin/sh -c #(nop) ADD file:base in / ' };

const APT = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
const aptImage: ImageRecipe = {
  config: { User: '1000' },
  layers: [
    base,
    {
      files: [
        { path: 'var/lib/apt/lists/deb_Packages', size: 9000 },
        { path: 'var/cache/apt/archives/curl.deb', size: 4000 },
        { path: 'usr/bin/curl', size: 500 },
      ],
      createdBy: '/bin/sh -c apt-get update && apt-get install -y curl',
    },
  ],
};

describe('apt-lists-not-removed and the apt part of package-manager-cache', () => {
  it('are one finding on the RUN: the line and fix of the Dockerfile rule, the bytes of both apt caches', async () => {
    const findings = await lint(aptImage, APT);
    expect(pick(findings, 'apt-lists-not-removed', 'package-manager-cache')).toEqual([
      { ruleId: 'apt-lists-not-removed', line: 2, layer: 1, bytes: 13000, related: ['package-manager-cache'] },
    ]);
    const f = findings.find((x) => x.ruleId === 'apt-lists-not-removed') as Finding;
    expect(f.paths).toEqual(['/var/cache/apt', '/var/lib/apt/lists']);
    expect(f.message).toContain('apt-get update leaves the package lists in /var/lib/apt/lists');
    expect(f.message).toContain('in the image: apt-archives cache: 1 file (4.00 kB)');
    expect(f.message).toContain('apt-lists cache: 1 file (9.00 kB)');
    expect(f.location).toMatchObject({ line: 2, column: 5 });
  });

  it.each([
    ['package-manager-cache: off', { 'package-manager-cache': 'off' }, APT],
    ['apt-lists-not-removed: off', { 'apt-lists-not-removed': 'off' }, APT],
    [
      'an ignore comment naming the image rule',
      {},
      APT.replace('RUN', '# layerlint ignore=package-manager-cache\nRUN'),
    ],
    [
      'an ignore comment naming the Dockerfile rule',
      {},
      APT.replace('RUN', '# layerlint ignore=apt-lists-not-removed\nRUN'),
    ],
    ['a global ignore of the image rule', {}, `# layerlint global ignore=package-manager-cache\n${APT}`],
  ])('ignoring either id suppresses it: %s', async (_name, severities, text) => {
    const config = defaultConfig();
    Object.assign(config.severities, severities);
    expect(pick(await lint(aptImage, text, config), 'apt-lists-not-removed', 'package-manager-cache')).toEqual([]);
  });

  it('an image cache of another kind on the same line stays its own finding', async () => {
    const recipe: ImageRecipe = {
      config: { User: '1000' },
      layers: [
        base,
        {
          files: [
            { path: 'var/lib/apt/lists/deb_Packages', size: 9000 },
            { path: 'root/.cache/pip/http/x', size: 3000 },
          ],
          createdBy: '/bin/sh -c apt-get update && apt-get install -y python3-pip && pip install flask',
        },
      ],
    };
    const findings = await lint(
      recipe,
      'FROM debian:12\nRUN apt-get update && apt-get install -y python3-pip && pip install flask\n',
    );
    expect(pick(findings, 'apt-lists-not-removed', 'package-manager-cache')).toEqual([
      { ruleId: 'apt-lists-not-removed', line: 2, layer: 1, bytes: 9000, related: ['package-manager-cache'] },
      { ruleId: 'package-manager-cache', line: 2, layer: 1, bytes: 3000, related: undefined },
    ]);
  });
});

describe('missing-user and runs-as-root', () => {
  const recipe = (config: ImageRecipe['config']): ImageRecipe => ({
    config,
    layers: [base, { files: [{ path: 'app', size: 10 }], createdBy: '/bin/sh -c #(nop) COPY file:a in /app ' }],
  });
  const text = 'FROM debian:12\nCOPY app /app\nCMD ["/app"]\n';

  it('no USER anywhere: one finding on the FROM, related runs-as-root', async () => {
    expect(pick(await lint(recipe({}), text), 'missing-user', 'runs-as-root')).toEqual([
      { ruleId: 'missing-user', line: 1, layer: undefined, bytes: undefined, related: ['runs-as-root'] },
    ]);
  });

  it('no USER in the Dockerfile but the base image sets a non-root user: the image decides, no finding', async () => {
    expect(pick(await lint(recipe({ User: 'nobody' }), text), 'missing-user', 'runs-as-root')).toEqual([]);
  });

  it('USER root: one finding on the USER line', async () => {
    const findings = await lint(recipe({ User: 'root' }), 'FROM debian:12\nCOPY app /app\nUSER root\nCMD ["/app"]\n');
    expect(pick(findings, 'missing-user', 'runs-as-root')).toEqual([
      { ruleId: 'missing-user', line: 3, layer: undefined, bytes: undefined, related: ['runs-as-root'] },
    ]);
  });
});

describe('cleanup-in-separate-layer and deleted-but-shipped', () => {
  it('are one finding on the deleting RUN, with the bytes that still ship', async () => {
    const recipe: ImageRecipe = {
      config: { User: '1000' },
      layers: [
        base,
        { files: [{ path: 'data/big.bin', size: 3000 }], createdBy: '/bin/sh -c curl -o /data/big.bin http://x' },
        { files: [{ path: 'data/big.bin', type: 'whiteout' }], createdBy: '/bin/sh -c rm /data/big.bin' },
      ],
    };
    const text = 'FROM debian:12\nRUN curl -o /data/big.bin http://x\nRUN rm /data/big.bin\n';
    const findings = await lint(recipe, text);
    expect(pick(findings, 'cleanup-in-separate-layer', 'deleted-but-shipped')).toEqual([
      { ruleId: 'cleanup-in-separate-layer', line: 3, layer: 2, bytes: 3000, related: ['deleted-but-shipped'] },
    ]);
    expect(findings.find((f) => f.ruleId === 'cleanup-in-separate-layer')?.paths).toEqual(['/data/big.bin']);
  });
});

describe('image-efficiency: the gate evaluated once, the finding its presentation', () => {
  const wasteful: ImageRecipe = {
    config: { User: '1000' },
    layers: [
      base,
      { files: [{ path: 'f', size: 400 }], createdBy: '/bin/sh -c make f' },
      { files: [{ path: 'f', size: 400, mode: 0o755 }], createdBy: '/bin/sh -c chmod 755 f' },
    ],
  };

  it('off means off: no finding and no gate', async () => {
    const config = defaultConfig();
    config.thresholds = { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 };
    config.severities['image-efficiency'] = 'off';
    const analysis = await analysisFromRecipe(wasteful);
    expect(gateOf(analysis.efficiency, config)).toEqual([]);
    expect(runRules({ analysis, config }).filter((f) => f.ruleId === 'image-efficiency')).toEqual([]);
  });

  it('on: the failed thresholds of the gate are one finding', async () => {
    const config = defaultConfig();
    config.thresholds = { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 };
    const analysis = await analysisFromRecipe(wasteful);
    const gate = gateOf(analysis.efficiency, config);
    expect(gate.map((t) => [t.name, t.passed])).toEqual([
      ['lowestEfficiency', false],
      ['highestUserWastedPercent', false],
    ]);
    expect(runRules({ analysis, config, gate }).filter((f) => f.ruleId === 'image-efficiency')).toHaveLength(1);
  });
});
