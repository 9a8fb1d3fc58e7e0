import { readFileSync } from 'node:fs';
import * as ajv from 'ajv';
import { RESULT_SCHEMA_VERSION, type RunResult, sharedLayersOf } from '../../src/report/result.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { scenarios } from './fixtures.js';
import { ajvClass, REPO_ROOT } from './helpers.js';

const schema = JSON.parse(readFileSync(`${REPO_ROOT}schemas/result.schema.json`, 'utf8'));
const validate = new (ajvClass(ajv))({ allErrors: true, strict: true }).compile(schema);

function check(result: RunResult): void {
  const parsed = JSON.parse(jsonReporter(result, { color: false, width: 80 }));
  if (!validate(parsed)) throw new Error(JSON.stringify(validate.errors, null, 2));
}

describe('schemas/result.schema.json', () => {
  let all: Record<string, RunResult>;
  beforeAll(async () => {
    all = await scenarios();
  });

  test('is versioned like the result', () => {
    expect(schema.properties.schemaVersion.pattern).toBe(`^${RESULT_SCHEMA_VERSION.split('.')[0]}\\.\\d+$`);
  });

  test.each(['dive', 'app', 'app-no-dockerfile', 'dockerfile-only', 'two-images'])(
    'the JSON output of %s validates',
    (name) => {
      check(all[name]);
    },
  );

  test('with shared layers across images', () => {
    const two = all['two-images'];
    check({ ...two, ...sharedLayersOf([...two.images, { ...two.images[1], ref: 'copy' }]) });
  });

  test('rejects what it does not describe', () => {
    const bad = JSON.parse(jsonReporter(all.app, { color: false, width: 80 }));
    bad.images[0].surprise = true;
    expect(validate(bad)).toBe(false);
    const bad2 = JSON.parse(jsonReporter(all.app, { color: false, width: 80 }));
    bad2.images[0].findings[0].severity = 'fatal';
    expect(validate(bad2)).toBe(false);
  });
});
