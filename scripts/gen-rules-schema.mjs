#!/usr/bin/env node
// Writes rules.schema.json (the config file's JSON Schema) from the built rule catalog.
// Run after changing a rule's id or options: npm run build && node scripts/gen-rules-schema.mjs
// (test/config/rules-schema.test.ts fails while the file is out of date.)
import { writeFileSync } from 'node:fs';

const { buildRulesSchema } = await import('../dist/config/rules-schema.js');
const { allRules } = await import('../dist/rules/index.js');
const out = new URL('../rules.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(buildRulesSchema(allRules), null, 2)}\n`);
process.stdout.write(`wrote ${out.pathname} (${allRules.length} rules)\n`);
