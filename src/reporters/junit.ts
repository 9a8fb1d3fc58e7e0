// JUnit XML, the test-report format CI servers (GitLab, Jenkins, Azure DevOps, CircleCI) display:
// one test suite per image or Dockerfile, one failed test case per finding.
import { humanBytes } from '../report/format.js';
import { scopesOf } from './common.js';
import type { Reporter } from './types.js';
import { xmlEscape } from './xml.js';

/**
 * A finding is a `<testcase>` named after its rule, classname `<file>:<line>` (or the image), with
 * a `<failure>` whose type is the severity. A scope without findings has one passing test case,
 * so that CI shows the check ran.
 */
export const junitReporter: Reporter = (result) => {
  const scopes = scopesOf(result);
  const total = scopes.reduce((n, s) => n + Math.max(s.findings.length, 1), 0);
  const failures = scopes.reduce((n, s) => n + s.findings.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="layerlint" tests="${total}" failures="${failures}">`,
  ];
  for (const scope of scopes) {
    const tests = Math.max(scope.findings.length, 1);
    out.push(`  <testsuite name="${xmlEscape(scope.label)}" tests="${tests}" failures="${scope.findings.length}">`);
    if (scope.findings.length === 0) out.push(`    <testcase name="layerlint" classname="${xmlEscape(scope.label)}"/>`);
    for (const f of scope.findings) {
      const where = f.location ? `${f.location.file}:${f.location.line}` : scope.label;
      const details = [
        f.message,
        f.bytes ? `bytes: ${humanBytes(f.bytes)}` : '',
        f.layer !== undefined ? `layer: ${f.layer}` : '',
        f.paths?.length ? `paths: ${f.paths.slice(0, 10).join(', ')}` : '',
        f.related?.length ? `related: ${f.related.join(', ')}` : '',
        f.suggestion ? `fix: ${f.suggestion}` : '',
      ].filter(Boolean);
      out.push(
        `    <testcase name="${xmlEscape(f.ruleId)}" classname="${xmlEscape(where)}">`,
        `      <failure type="${f.severity}" message="${xmlEscape(f.message)}">${xmlEscape(details.join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
