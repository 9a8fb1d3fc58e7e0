// The JSON Schema (draft-07) of .layerlint.yaml / .layerlint.json, built from the rule catalog so
// each rule's options are checked against its own meta.schema. rules.schema.json at the repo root
// is this, written by scripts/gen-rules-schema.mjs; a test keeps the two equal.
import { compareStrings } from '../compare.js';
import type { Rule } from '../model/types.js';

export const SIZE_PATTERN = '^\\s*\\d+(?:\\.\\d+)?\\s*(?:[kKmMgGtT]i?[bB]?|[bB])?\\s*$';

const SEVERITY = { $ref: '#/definitions/severity' };

const SIZE = {
  description: 'bytes, or a size: 20MB, 1GiB (kB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)',
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: SIZE_PATTERN },
  ],
};

function ruleSetting(rule: Rule): object {
  const options = rule.meta.schema ?? { type: 'object' };
  return {
    description: `${rule.meta.description} (default: ${rule.meta.defaultSeverity}; docs/rules/${rule.id}.md)`,
    oneOf: [
      SEVERITY,
      { type: 'array', items: [SEVERITY, options], minItems: 1, maxItems: 2 },
      { type: 'object', properties: { severity: SEVERITY, options }, additionalProperties: false },
    ],
  };
}

export function buildRulesSchema(rules: readonly Rule[]): Record<string, unknown> {
  const sorted = [...rules].sort((a, b) => compareStrings(a.id, b.id));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'layerlint configuration (.layerlint.yaml, .layerlint.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'per rule: a severity (off, note, warning, error), [severity, options] or { severity, options }',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(sorted.map((r) => [r.id, ruleSetting(r)])),
      },
      ignorePaths: {
        description: 'path globs (* within a segment, ** across segments) whose findings are dropped',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      ignore: {
        description:
          'findings to drop: { rule } (an id, or a prefix ending in *: secret-*), { rule, paths } (only under these globs), { paths } (any rule), { fingerprint } (data.fingerprint of a finding)',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            rule: { type: 'string', minLength: 1 },
            paths: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            fingerprint: { type: 'string', minLength: 1 },
          },
        },
      },
      failOn: {
        description: 'lowest severity that fails the run (exit code 1); none never fails on findings',
        enum: ['error', 'warning', 'note', 'none'],
      },
      thresholds: {
        description: "dive's CI thresholds (defaults: lowestEfficiency 0.9, highestUserWastedPercent 0.1)",
        type: 'object',
        additionalProperties: false,
        properties: {
          lowestEfficiency: { type: 'number', minimum: 0, maximum: 1 },
          highestWastedBytes: {
            description: 'bytes, or a size: 20MB, 1GiB (kB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)',
            oneOf: [
              { type: 'integer', minimum: 0 },
              { type: 'string', pattern: SIZE_PATTERN },
            ],
          },
          highestUserWastedPercent: { description: 'a ratio: 0.1 is 10%', type: 'number', minimum: 0, maximum: 1 },
        },
      },
      budgets: {
        description: '`layerlint diff` budgets (the same as --max-growth, --max-size, --max-new-waste, --fail-on-new)',
        type: 'object',
        additionalProperties: false,
        properties: {
          maxGrowth: {
            description: 'growth of the image size against BASE: a percentage of it ("5%") or a size ("20MB")',
            oneOf: [
              { type: 'integer', minimum: 0 },
              { type: 'string', pattern: `${SIZE_PATTERN}|^\\s*\\d+(?:\\.\\d+)?\\s*%\\s*$` },
            ],
          },
          maxSize: { ...SIZE, description: `the head image's size at most this (${SIZE.description})` },
          maxNewWaste: {
            ...SIZE,
            description: 'growth of deleted-but-shipped + overwritten + duplicate bytes against BASE at most this',
          },
          failOnNew: {
            description: 'fail on findings new against BASE at or above this severity (none: never)',
            enum: ['error', 'warning', 'note', 'none'],
          },
        },
      },
    },
    definitions: { severity: { enum: ['off', 'note', 'warning', 'error'] } },
  };
}
