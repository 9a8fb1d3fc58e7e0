// SARIF reportingDescriptors for the rules that produced results, as GitHub code scanning wants them.
import type { Rule } from '../model/types.js';
import { ruleById } from '../rules/index.js';
import { ruleDocUrl } from './common.js';
import type { SarifRule } from './sarif-types.js';

/** "deleted-but-shipped" -> "DeletedButShipped" (SARIF's rule `name` is an identifier-like label). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** First clause of a description ("X: because Y" -> "X"), for shortDescription. */
function shortText(description: string): string {
  const cut = description.indexOf(': ');
  return cut > 0 ? description.slice(0, cut) : description;
}

export function sarifRule(id: string): SarifRule {
  const rule: Rule | undefined = ruleById(id);
  const helpUri = ruleDocUrl(id);
  if (!rule) {
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: id },
      fullDescription: { text: id },
      help: { text: `See ${helpUri}`, markdown: `See [${id}](${helpUri}).` },
      helpUri,
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['layerlint'], precision: 'medium' },
    };
  }
  const { meta } = rule;
  const security = meta.category === 'security' || meta.securitySeverity !== undefined;
  const tags = [meta.category, meta.requires === 'dockerfile' ? 'dockerfile' : 'container-image'];
  if (security && !tags.includes('security')) tags.push('security');
  const fix = meta.fixable
    ? '`layerlint fix` rewrites the Dockerfile for this rule.'
    : 'layerlint suggests a fix; it does not rewrite this automatically.';
  const properties: Record<string, unknown> = {
    tags,
    // image rules measure bytes in the image; Dockerfile rules read the text and can be fooled by scripts
    precision: meta.requires === 'dockerfile' ? 'high' : 'very-high',
    'problem.severity': meta.defaultSeverity === 'note' ? 'recommendation' : meta.defaultSeverity,
  };
  if (meta.securitySeverity !== undefined) properties['security-severity'] = meta.securitySeverity.toFixed(1);
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: shortText(meta.description) },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}\n\n${fix.replace(/`/g, '')}\nCategory: ${meta.category}. Details, examples and the fix: ${helpUri}`,
      markdown: `**${id}** · ${meta.category}\n\n${meta.description}\n\n${fix}\n\n[Why it matters, examples and the fix](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: meta.defaultSeverity },
    properties,
  };
}
