// The validators of image-schemas.ts's SCHEMAS, compiled ahead of time: scripts/bundle.mjs
// replaces this module with ajv's standalone code for them, so the CLI neither loads ajv nor
// compiles a schema on every run (~100 ms of CPU). Run from source (tests), it is empty and the
// schemas are compiled on first use.
import type { ValidateFunction } from 'ajv';

export const PRECOMPILED: Record<string, ValidateFunction> | undefined = undefined;
