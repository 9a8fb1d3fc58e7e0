// Every rule has its parts: id = file name, a doc page, a table test, an option schema that
// compiles, a row in `layerlint rules`, and the catalog README lists it.
import { existsSync, readFileSync } from 'node:fs';
import * as ajvModule from 'ajv';
import { renderRuleCatalog } from '../../src/rules/catalog.js';
import { allRules } from '../../src/rules/index.js';

const root = new URL('../../', import.meta.url);
const at = (rel: string) => new URL(rel, root);
const Ajv = (() => {
  const mod = ajvModule as unknown as { default: unknown };
  return (typeof mod.default === 'function' ? mod.default : (mod.default as { default: unknown }).default) as new (
    o: object,
  ) => {
    compile(s: object): unknown;
  };
})();

describe('rule catalog', () => {
  it('is sorted by id, without duplicates', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a.localeCompare(b)));
  });

  it('names each peer check (hadolint DL, Trivy DS, BuildKit, ShellCheck ids) in at most one rule, and `layerlint rules` shows them', () => {
    const owner = new Map<string, string>();
    for (const r of allRules) {
      for (const a of r.meta.aliases ?? []) {
        expect(a).toMatch(/^(DL\d{4}|DS\d{3}|SC\d{4}|[A-Z][A-Za-z]+)$/);
        expect({ alias: a, rules: [owner.get(a), r.id].filter(Boolean) }).toEqual({ alias: a, rules: [r.id] });
        owner.set(a, r.id);
      }
    }
    expect(renderRuleCatalog(allRules, 'tty')).toMatch(
      /^unpinned-package .* \[DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041\]$/m,
    );
    expect(renderRuleCatalog(allRules, 'markdown')).toContain('| DL3020, DS005 |');
  });

  const tty = renderRuleCatalog(allRules, 'tty');
  const readme = readFileSync(at('docs/rules/README.md'), 'utf8');

  describe.each(allRules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('is defined in src/rules/<id>.ts, default and named export', async () => {
      const mod = (await import(`../../src/rules/${id}.js`)) as { default: unknown; rule: unknown };
      expect(mod.default).toBe(rule);
      expect(mod.rule).toBe(rule);
    });

    it('has a doc page that names it and says how to fix and ignore it', () => {
      expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
      const doc = readFileSync(at(rule.meta.docs), 'utf8');
      expect(doc.startsWith(`# ${id}\n`)).toBe(true);
      expect(doc).toMatch(/## How to fix/);
      expect(doc).toMatch(/## How to ignore/);
    });

    it('has a table test', () => {
      expect(existsSync(at(`test/rules/${id}.test.ts`))).toBe(true);
    });

    it('has an option schema that compiles (draft-07, strict) and accepts its defaults', () => {
      expect(rule.meta.schema).toMatchObject({ type: 'object', additionalProperties: false });
      const validate = new Ajv({ strict: true }).compile(rule.meta.schema as object) as (v: unknown) => boolean;
      expect(validate(rule.meta.defaultOptions ?? {})).toBe(true);
    });

    it('has a row in `layerlint rules` and in docs/rules/README.md', () => {
      expect(tty.split('\n').some((l) => l.startsWith(`${id} `))).toBe(true);
      expect(readme).toContain(`| [${id}](${id}.md) |`);
    });

    it('has a security severity exactly when it is a security rule', () => {
      if (rule.meta.category === 'security') {
        expect(rule.meta.securitySeverity).toBeGreaterThanOrEqual(0);
        expect(rule.meta.securitySeverity).toBeLessThanOrEqual(10);
      } else expect(rule.meta.securitySeverity).toBeUndefined();
    });
  });

  it('docs/rules/README.md is the current `layerlint rules --format markdown`', () => {
    expect(readme.slice(readme.indexOf('\n| rule |') + 1)).toBe(renderRuleCatalog(allRules, 'markdown'));
  });
});
