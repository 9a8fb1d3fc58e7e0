import { readFileSync } from 'node:fs';
import * as ajvModule from 'ajv';
import { buildRulesSchema } from '../../src/config/rules-schema.js';
import { allRules } from '../../src/rules/index.js';

const schemaFile = new URL('../../rules.schema.json', import.meta.url);

describe('rules.schema.json', () => {
  it('is up to date with the rule catalog (regenerate: npm run build && node scripts/gen-rules-schema.mjs)', () => {
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(buildRulesSchema(allRules));
  });

  it('lists every rule, sorted', () => {
    const ids = Object.keys(
      (buildRulesSchema(allRules).properties as { rules: { properties: object } }).rules.properties,
    );
    expect(ids).toEqual(allRules.map((r) => r.id).sort());
  });

  it('compiles as draft-07 in strict mode', () => {
    const mod = ajvModule as unknown as { default: new (o: object) => { compile(s: object): unknown } };
    const Ajv =
      typeof mod.default === 'function'
        ? mod.default
        : (mod.default as unknown as { default: typeof mod.default }).default;
    expect(() => new Ajv({ strict: true, strictTuples: false }).compile(buildRulesSchema(allRules))).not.toThrow();
  });
});
