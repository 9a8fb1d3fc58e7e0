// Table runner for image rules: each case is a fixture recipe (built in memory), optionally with a
// Dockerfile (then the engine runs the rule, so `line` is where the finding is reported).
import { analysisFromRecipe, type ImageRecipe } from '../../fixtures/builder/index.js';
import { mapHistoryToDockerfile } from '../../src/analyzers/dockerfile/mapping.js';
import { parseDockerfile } from '../../src/analyzers/dockerfile/parse.js';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/run-rules.js';
import { evaluateThresholds } from '../../src/engine/thresholds.js';
import type { Finding, RawFinding, Rule, Severity, Thresholds } from '../../src/model/types.js';

export interface ImageCase {
  name: string;
  recipe: ImageRecipe;
  options?: Record<string, unknown>;
  thresholds?: Thresholds;
  dockerfile?: string;
}

export interface ExpectedImageFinding {
  layer?: number; // compared exactly (undefined = image-wide)
  paths?: string[];
  bytes?: number;
  severity?: Severity; // a per-finding severity set by the rule
  line?: number; // only with a Dockerfile
  message?: string; // fragment
  data?: Record<string, unknown>; // toMatchObject
}

export interface InvalidImageCase extends ImageCase {
  findings: ExpectedImageFinding[];
}

export async function runImageRule(rule: Rule, c: ImageCase): Promise<(RawFinding | Finding)[]> {
  const analysis = await analysisFromRecipe(c.recipe);
  const thresholds = c.thresholds ?? {};
  if (c.dockerfile === undefined) {
    const gate = evaluateThresholds(analysis.efficiency, thresholds);
    return rule.check({ analysis, options: { ...(rule.meta.defaultOptions ?? {}), ...(c.options ?? {}) }, gate });
  }
  const dockerfile = parseDockerfile(c.dockerfile, 'Dockerfile');
  const mapping = mapHistoryToDockerfile(analysis.image.history, analysis.image.layers.length, dockerfile);
  const config = defaultConfig();
  config.thresholds = thresholds;
  if (c.options) config.options[rule.id] = c.options;
  return runRules({ analysis, dockerfile, mapping, config, rules: [rule] });
}

export function imageRuleTable(rule: Rule, table: { valid: ImageCase[]; invalid: InvalidImageCase[] }): void {
  describe(rule.id, () => {
    it('has consistent metadata', () => {
      expect(rule.meta.docs).toBe(`docs/rules/${rule.id}.md`);
      expect(['image', 'either']).toContain(rule.meta.requires);
      expect(rule.meta.schema).toMatchObject({ type: 'object', additionalProperties: false });
      if (rule.meta.category === 'security') expect(rule.meta.securitySeverity).toEqual(expect.any(Number));
    });

    it('reports nothing without an image', () => {
      expect(rule.check({ options: { ...(rule.meta.defaultOptions ?? {}) }, gate: [] })).toEqual([]);
    });

    describe('valid', () => {
      for (const c of table.valid) {
        it(c.name, async () => {
          expect(await runImageRule(rule, c)).toEqual([]);
        });
      }
    });

    describe('invalid', () => {
      for (const c of table.invalid) {
        it(c.name, async () => {
          const got = await runImageRule(rule, c);
          expect(got.map((g, i) => shape(g, c.findings[i]))).toEqual(c.findings.map((f) => shape(f, f)));
          got.forEach((g, i) => {
            const want = c.findings[i] as ExpectedImageFinding;
            if (want.message) expect(g.message).toContain(want.message);
            if (want.data) expect(g.data).toMatchObject(want.data);
          });
        });
      }
    });
  });
}

function shape(
  g: (RawFinding | Finding | ExpectedImageFinding) & { location?: { line: number } },
  want: ExpectedImageFinding | undefined,
) {
  const line = 'line' in g ? g.line : g.location?.line;
  return {
    layer: g.layer,
    ...(want?.paths !== undefined ? { paths: g.paths } : {}),
    ...(want?.bytes !== undefined ? { bytes: g.bytes } : {}),
    ...(want?.severity !== undefined ? { severity: g.severity } : {}),
    ...(want?.line !== undefined ? { line } : {}),
  };
}
