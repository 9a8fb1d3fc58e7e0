// Table runner for the content secret rules (src/rules/secret-<provider>.ts): each case is a text
// put in a file of a one-layer image, walked by the real walk (so the content scanner runs);
// invalid cases list the findings, and their secret must appear in no finding (masked evidence).
import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import type { Rule } from '../../src/model/types.js';
import { CONTENT_SECRET_RULES } from '../../src/secrets/content-rules.js';
import { imageRuleTable } from './image-table.js';

export interface ContentCase {
  name: string;
  text: string;
  /** file path in the image (default /app/config.txt) */
  path?: string;
}

export interface InvalidContentCase extends ContentCase {
  /** the secret's bytes: they must appear in no finding */
  secret: string;
  findings: { kind: string; evidence: string; line: number }[];
}

const recipeOf = (c: ContentCase) => ({
  layers: [{ files: [{ path: (c.path ?? '/app/config.txt').slice(1), content: c.text }] }],
});

/** Deterministic fake token characters (never a real key): `n` characters of `alphabet`. */
export function fake(
  n: number,
  seed: number,
  alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((x / 2147483648) * alphabet.length)];
  }
  return out;
}

export function contentRuleTable(rule: Rule, table: { valid: ContentCase[]; invalid: InvalidContentCase[] }): void {
  imageRuleTable(rule, {
    valid: table.valid.map((c) => ({ name: c.name, recipe: recipeOf(c) })),
    invalid: table.invalid.map((c) => ({
      name: c.name,
      recipe: recipeOf(c),
      findings: c.findings.map((f) => ({
        layer: 0,
        paths: [c.path ?? '/app/config.txt'],
        data: { kind: f.kind, evidence: f.evidence, line: f.line },
      })),
    })),
  });

  describe(`${rule.id}: masked, and reported by this rule alone`, () => {
    for (const c of table.invalid) {
      it(c.name, async () => {
        const analysis = await analysisFromRecipe(recipeOf(c));
        const all = CONTENT_SECRET_RULES.flatMap((r) =>
          r.check({ analysis, options: {}, gate: [] }).map((f) => ({ rule: r.id, ...f })),
        );
        expect(all.map((f) => f.rule)).toEqual(c.findings.map(() => rule.id));
        expect(JSON.stringify(all)).not.toContain(c.secret);
        expect(JSON.stringify(analysis.image.layers)).not.toContain(c.secret);
      });
    }
  });
}
