import type { CommandIO } from '../pipeline/index.js';
import { renderRuleCatalog } from '../rules/catalog.js';
import { allRules } from '../rules/index.js';

export async function runRulesCommand(args: { format: 'tty' | 'json' | 'markdown' }, io: CommandIO): Promise<number> {
  io.stdout.write(renderRuleCatalog(allRules, args.format));
  return 0;
}
