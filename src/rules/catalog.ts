import type { Rule } from '../model/types.js';

/** The rule catalog as text: `layerlint rules` and docs/rules/README.md. */
export function renderRuleCatalog(rules: Rule[], format: 'tty' | 'json' | 'markdown'): string {
  if (format === 'json') {
    return `${JSON.stringify(
      rules.map((r) => ({ id: r.id, ...r.meta })),
      null,
      2,
    )}\n`;
  }
  if (format === 'markdown') {
    const rows = rules.map(
      (r) =>
        `| [${r.id}](${r.id}.md) | ${r.meta.category} | ${r.meta.defaultSeverity} | ${r.meta.requires} | ${r.meta.fixable ? 'yes' : 'no'} | ${r.meta.description.replace(/\|/g, '\\|')} | ${(r.meta.aliases ?? []).join(', ')} |`,
    );
    return `| rule | category | severity | needs | fix | what it finds | peer checks |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 4);
  const lines = rules.map(
    (r) =>
      `${r.id.padEnd(width)}  ${r.meta.category.padEnd(8)} ${r.meta.defaultSeverity.padEnd(7)} ${r.meta.fixable ? 'fix' : '   '}  ${r.meta.description}${r.meta.aliases?.length ? ` [${r.meta.aliases.join(', ')}]` : ''}`,
  );
  return `${'rule'.padEnd(width)}  category severity fix  description\n${lines.join('\n')}\n`;
}
