// GitLab Code Quality (codeclimate), JUnit XML and checkstyle: golden outputs on the fixture
// scenarios (regenerate with UPDATE_GOLDEN=1 and review the diff), and the shape each consumer needs.
import type { RunResult } from '../../src/report/result.js';
import { checkstyleReporter } from '../../src/reporters/checkstyle.js';
import { codeclimateReporter } from '../../src/reporters/codeclimate.js';
import { junitReporter } from '../../src/reporters/junit.js';
import { scenarios } from './fixtures.js';
import { expectGolden } from './helpers.js';

let all: Record<string, RunResult>;
beforeAll(async () => {
  all = await scenarios();
});

const NAMES = ['dive', 'app', 'app-no-dockerfile', 'dockerfile-only', 'two-images'];
const OPTS = { color: false, width: 80 };

describe.each(NAMES)('%s', (name) => {
  test('codeclimate', () => {
    const text = codeclimateReporter(all[name], OPTS);
    expectGolden(`${name}.codeclimate.json`, text);
    // what GitLab requires of every issue: description, check_name, fingerprint (unique), severity, location.path, lines.begin
    const issues = JSON.parse(text) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    const findings = all[name].images.reduce(
      (n, i) => n + i.findings.length,
      all[name].dockerfileFindings?.length ?? 0,
    );
    expect(issues).toHaveLength(findings);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    for (const i of issues) {
      expect(i.description.length).toBeGreaterThan(0);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.path.length).toBeGreaterThan(0);
      expect(Number.isInteger(i.location.lines.begin)).toBe(true);
    }
  });

  test('junit', () => {
    const text = junitReporter(all[name], OPTS);
    expectGolden(`${name}.junit.xml`, text);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="layerlint"')).toBe(true);
    expect(text.match(/<testcase /g)?.length).toBe(Number(/<testsuites [^>]*tests="(\d+)"/.exec(text)?.[1]));
    expect(text.match(/<failure /g)?.length ?? 0).toBe(Number(/<testsuites [^>]*failures="(\d+)"/.exec(text)?.[1]));
  });

  test('checkstyle', () => {
    const text = checkstyleReporter(all[name], OPTS);
    expectGolden(`${name}.checkstyle.xml`, text);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<checkstyle version="4.3">/);
    for (const e of text.match(/<error [^>]*\/>/g) ?? [])
      expect(e).toMatch(
        /^<error line="\d+"( column="\d+")? severity="(error|warning|info)" message="[^"<]*" source="layerlint\.[a-z-]+"\/>$/,
      );
  });
});

test('XML reporters escape markup and drop characters XML cannot hold', () => {
  const result = structuredClone(all.dive);
  const f = result.images[0]?.findings[0];
  if (!f) throw new Error('fixture has no finding');
  f.message = 'a <b> & "c" \u0001 end';
  expect(checkstyleReporter(result, OPTS)).toContain('message="a &lt;b&gt; &amp; &quot;c&quot;  end"');
  expect(junitReporter(result, OPTS)).toContain('message="a &lt;b&gt; &amp; &quot;c&quot;  end"');
});
