// JSON Schemas of the image metadata layerlint reads from untrusted archives, layouts and
// registries (docker save's manifest.json, OCI indexes and manifests, the image config), checked
// with ajv at the edge (compiled ahead of time in the bundle, see image-schema-validators.ts): a wrongly typed field is one clear line (exit 2) naming the document and
// the field, never an internal error further in. Only what layerlint reads is constrained.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LayerlintError } from '../../errors.js';
import { requireLater } from '../../require-later.js';
import { PRECOMPILED } from './image-schema-validators.js';

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const strings = { type: 'array', items: str };
const stringsOrNull = { type: ['array', 'null'], items: str };
const objOrNull = { type: ['object', 'null'] };
const digest = { type: 'string', pattern: '^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$' };

const descriptor = {
  type: 'object',
  required: ['digest'],
  properties: {
    mediaType: str,
    digest,
    size: { type: 'integer', minimum: 0 },
    platform: {
      type: 'object',
      properties: { os: str, architecture: str, variant: str },
    },
    annotations: { type: ['object', 'null'], additionalProperties: str },
  },
};

export const SCHEMAS = {
  'docker manifest.json': {
    type: 'array',
    items: {
      type: 'object',
      required: ['Config', 'Layers'],
      properties: { Config: str, Layers: strings, RepoTags: stringsOrNull },
    },
  },
  'docker repositories': {
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: str },
  },
  'docker v1 layer json': {
    type: 'object',
    properties: {
      id: str,
      parent: str,
      created: str,
      author: str,
      comment: str,
      architecture: str,
      os: str,
      config: { type: ['object', 'null'] },
      container_config: { type: ['object', 'null'], properties: { Cmd: stringsOrNull } },
    },
  },
  'image index': {
    type: 'object',
    properties: {
      mediaType: str,
      manifests: { type: ['array', 'null'], items: descriptor },
    },
  },
  'image manifest': {
    type: 'object',
    properties: {
      mediaType: str,
      config: descriptor,
      layers: { type: 'array', items: descriptor },
      manifests: { type: ['array', 'null'], items: descriptor },
    },
  },
  'image config': {
    type: 'object',
    properties: {
      architecture: str,
      os: str,
      variant: str,
      created: str,
      author: str,
      config: {
        type: ['object', 'null'],
        properties: {
          User: strOrNull,
          ExposedPorts: objOrNull,
          Env: stringsOrNull,
          Entrypoint: stringsOrNull,
          Cmd: stringsOrNull,
          Volumes: objOrNull,
          WorkingDir: strOrNull,
          Labels: { type: ['object', 'null'], additionalProperties: str },
          StopSignal: strOrNull,
          Healthcheck: { type: ['object', 'null'], properties: { Test: stringsOrNull } },
          OnBuild: stringsOrNull,
          Shell: stringsOrNull,
        },
      },
      rootfs: { type: 'object', properties: { type: str, diff_ids: { type: 'array', items: digest } } },
      history: {
        type: ['array', 'null'],
        items: {
          type: 'object',
          properties: { created: str, created_by: str, author: str, comment: str, empty_layer: { type: 'boolean' } },
        },
      },
    },
  },
} as const;

export type MetadataKind = keyof typeof SCHEMAS;

type AjvClass = new (opts: object) => { compile(schema: object): ValidateFunction };
const compiled = new Map<MetadataKind, ValidateFunction>();

function validatorFor(kind: MetadataKind): ValidateFunction {
  let v = compiled.get(kind) ?? PRECOMPILED?.[kind];
  if (!v) {
    // ajv (CommonJS) is loaded when the first document is checked, not on every start
    const mod = requireLater('ajv') as { default?: unknown };
    const Ajv = (typeof mod.default === 'function' ? mod.default : mod) as AjvClass;
    v = new Ajv({ allErrors: false, strict: false }).compile(SCHEMAS[kind]);
    compiled.set(kind, v);
  }
  return v;
}

/** Throws one line naming `what` (the document and where it came from) and the field. */
export function checkShape<T>(value: unknown, kind: MetadataKind, what: string): T {
  const validate = validatorFor(kind);
  if (!validate(value)) throw new LayerlintError(`${what} is not a valid ${kind}: ${describe(validate.errors?.[0])}`);
  return value as T;
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return 'unexpected shape';
  const where = e.instancePath === '' ? 'the document' : `field ${e.instancePath}`;
  if (e.keyword === 'pattern') return `${where} is not a digest`;
  return `${where} ${e.message ?? 'is invalid'}`;
}
