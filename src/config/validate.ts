// Validates a parsed config file against the schema built from the rule catalog (ajv). A bad
// config is a LayerlintError (exit 2) naming the file, the JSON path and the problem.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { LayerlintError } from '../errors.js';
import type { Rule } from '../model/types.js';
import { requireLater } from '../require-later.js';
import { allRules } from '../rules/index.js';
import { buildRulesSchema } from './rules-schema.js';
import type { ConfigFile } from './types.js';

type AjvClass = new (opts: object) => { compile(schema: object): ValidateFunction };

// ajv (CommonJS) is loaded when a config file is validated, not on every start (~12 ms)
function ajvClass(): AjvClass {
  const mod = requireLater('ajv') as { default?: unknown };
  return (typeof mod.default === 'function' ? mod.default : mod) as AjvClass;
}

const compiled = new Map<readonly Rule[], ValidateFunction>();

function validatorFor(rules: readonly Rule[]): ValidateFunction {
  let v = compiled.get(rules);
  if (!v) {
    const Ajv = ajvClass();
    v = new Ajv({ allErrors: true, strict: false }).compile(buildRulesSchema(rules));
    compiled.set(rules, v);
  }
  return v;
}

/** Throws a LayerlintError for a config that does not match the schema; returns it typed otherwise. */
export function validateConfig(value: unknown, source: string, rules: readonly Rule[] = allRules): ConfigFile {
  const doc = value ?? {};
  const unknownRules = unknownRuleIds(doc, rules);
  if (unknownRules.length > 0) {
    throw new LayerlintError(
      `config ${source}: /rules/${unknownRules[0]}: unknown rule "${unknownRules[0]}" (known rules: ${rules.map((r) => r.id).join(', ')})`,
    );
  }
  const validate = validatorFor(rules);
  if (!validate(doc)) throw new LayerlintError(`config ${source}: ${describeError(pickError(validate.errors ?? []))}`);
  return doc as ConfigFile;
}

function unknownRuleIds(doc: unknown, rules: readonly Rule[]): string[] {
  const ruleMap = (doc as { rules?: unknown }).rules;
  if (!ruleMap || typeof ruleMap !== 'object' || Array.isArray(ruleMap)) return [];
  const known = new Set(rules.map((r) => r.id));
  return Object.keys(ruleMap).filter((id) => !known.has(id));
}

/**
 * The error to show: the deepest one. A setting like [warning, {minBytes: "x"}] fails every branch
 * of a oneOf; the branch that got furthest into the value says what is actually wrong. At equal
 * depth, a branch whose type matched (enum, pattern, range) beats a "must be <type>".
 */
export function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const pool = specific.length > 0 ? specific : errors;
  return pool.reduce<ErrorObject | undefined>((best, e) => (!best || rank(e) > rank(best) ? e : best), undefined);
}

const rank = (e: ErrorObject) =>
  2 * (e.instancePath === '' ? 0 : e.instancePath.split('/').length) + (e.keyword === 'type' ? 0 : 1);

export function describeError(e: ErrorObject | undefined): string {
  if (!e) return 'does not match rules.schema.json';
  const where = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown key "${String(p.additionalProperty)}"`;
    case 'enum':
      return `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${where} must be a size like 20MB or 1GiB`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}
