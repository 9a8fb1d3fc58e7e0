// Checkstyle XML (version 4.3), which hadolint writes with `-f checkstyle` and which reviewdog,
// Jenkins' warnings plugin and many CI tools read: findings grouped by file.
import type { Finding, Severity } from '../model/types.js';
import { scopesOf } from './common.js';
import type { Reporter } from './types.js';
import { xmlEscape } from './xml.js';

const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'info' };

/** A finding without a Dockerfile line is listed under the image reference, line 0. */
export const checkstyleReporter: Reporter = (result) => {
  const files = new Map<string, Finding[]>();
  for (const scope of scopesOf(result)) {
    for (const f of scope.findings) {
      const name = f.location?.file ?? scope.label;
      const list = files.get(name);
      if (list) list.push(f);
      else files.set(name, [f]);
    }
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [name, findings] of files) {
    out.push(`  <file name="${xmlEscape(name)}">`);
    for (const f of findings) {
      const column = f.location?.column !== undefined ? ` column="${f.location.column}"` : '';
      const message = f.related?.length ? `${f.message} (also ${f.related.join(', ')})` : f.message;
      out.push(
        `    <error line="${f.location?.line ?? 0}"${column} severity="${SEVERITY[f.severity]}" message="${xmlEscape(message)}" source="layerlint.${xmlEscape(f.ruleId)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};
