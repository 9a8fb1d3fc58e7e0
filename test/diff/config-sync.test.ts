// The budget keys are the same in the config schema (rules.schema.json), the config type and the
// command line: a key added to one and not the others fails here.
import { readFileSync } from 'node:fs';
import { loadConfig, resolveConfig } from '../../src/config/load.js';
import { parseBudgets } from '../../src/diff/budgets.js';

const schema = JSON.parse(readFileSync(new URL('../../rules.schema.json', import.meta.url), 'utf8'));
const cli = readFileSync(new URL('../../src/cli.ts', import.meta.url), 'utf8');

test('every budget in rules.schema.json has its --flag and is read from the config', () => {
  const keys = Object.keys(schema.properties.budgets.properties).sort();
  expect(keys).toEqual(['failOnNew', 'maxGrowth', 'maxNewWaste', 'maxSize']);
  for (const k of keys) expect(cli).toContain(`'${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}'`);
  const config = resolveConfig({
    budgets: { maxGrowth: '5%', maxSize: '300MB', maxNewWaste: '10MB', failOnNew: 'warning' },
  });
  expect(parseBudgets(config.budgets)).toEqual({
    maxGrowth: { ratio: 0.05 },
    maxSize: 300_000_000,
    maxNewWaste: 10_000_000,
    failOnNew: 'warning',
  });
  expect(loadConfig).toBeDefined();
});
