// Golden outputs of the text reporters on fixture images. Regenerate with UPDATE_GOLDEN=1 and
// review the diff by eye.
import type { RunResult } from '../../src/report/result.js';
import { githubReporter } from '../../src/reporters/github.js';
import { markdownReporter } from '../../src/reporters/markdown.js';
import { stripAnsi, visibleLength } from '../../src/reporters/text.js';
import { ttyReporter } from '../../src/reporters/tty.js';
import { scenarios } from './fixtures.js';
import { expectGolden } from './helpers.js';

let all: Record<string, RunResult>;
beforeAll(async () => {
  all = await scenarios();
});

const NAMES = ['dive', 'app', 'app-no-dockerfile', 'dockerfile-only', 'two-images'];

describe.each(NAMES)('%s', (name) => {
  test('tty, no colour, 80 columns', () => {
    const text = ttyReporter(all[name], { color: false, width: 80 });
    expect(text.includes('\u001b[')).toBe(false);
    expectGolden(`${name}.tty.txt`, text);
  });

  test('tty, colour, 100 columns', () => {
    const text = ttyReporter(all[name], { color: true, width: 100 });
    expect(text.includes('\u001b[')).toBe(true);
    expectGolden(`${name}.tty-color.txt`, text);
    // colour changes nothing but the escape codes
    expect(stripAnsi(text)).toBe(ttyReporter(all[name], { color: false, width: 100 }));
  });

  test('github', () => expectGolden(`${name}.github.txt`, githubReporter(all[name], { color: false, width: 80 })));

  test('markdown', () => expectGolden(`${name}.md`, markdownReporter(all[name], { color: false, width: 80 })));
});

describe('terminal width', () => {
  test.each(NAMES)('%s: no line wider than 80 columns (ANSI stripped)', (name) => {
    const text = ttyReporter(all[name], { color: true, width: 80 });
    const wide = text.split('\n').filter((l) => visibleLength(l) > 80);
    expect(wide).toEqual([]);
  });

  test.each([60, 72, 100, 132, 200])('every scenario fits %i columns', (width) => {
    for (const name of NAMES) {
      const lines = ttyReporter(all[name], { color: true, width }).split('\n');
      expect(lines.filter((l) => visibleLength(l) > width)).toEqual([]);
    }
  });

  test('uses the width it has: a wider terminal shows more of long lines', () => {
    const narrow = ttyReporter(all.app, { color: false, width: 60 });
    const wide = ttyReporter(all.app, { color: false, width: 160 });
    expect(Math.max(...wide.split('\n').map(visibleLength))).toBeGreaterThan(
      Math.max(...narrow.split('\n').map(visibleLength)),
    );
    expect(wide.split('\n').length).toBeLessThan(narrow.split('\n').length);
  });

  test('long references, paths and messages are wrapped or shortened, never overflow', () => {
    const base = all.app;
    const image = base.images[0];
    const long = 'x'.repeat(150);
    const stretched: RunResult = {
      ...base,
      images: [
        {
          ...image,
          ref: `registry.example.com/${long}/app:1.0`,
          notices: [`a notice ${long}`],
          findings: image.findings.map((f) => ({
            ...f,
            message: `${f.message} ${long}`,
            paths: f.paths?.map((p) => `/${long}${p}`),
            suggestion: f.suggestion && `${f.suggestion}${long}`,
          })),
          waste: image.waste.map((w) => ({ ...w, path: `/${long}${w.path}` })),
          layers: image.layers.map((l) => ({ ...l, instruction: l.instruction && `${l.instruction} ${long}` })),
        },
      ],
    };
    for (const width of [60, 80, 120]) {
      const lines = ttyReporter(stretched, { color: true, width }).split('\n');
      expect(lines.filter((l) => visibleLength(l) > width)).toEqual([]);
    }
  });
});

describe('tty content', () => {
  test('findings grouped by severity, with line, bytes and top paths; nothing printed twice', () => {
    const text = ttyReporter(all.app, { color: false, width: 100 });
    expect(text.indexOf('Errors (')).toBeLessThan(text.indexOf('Warnings ('));
    expect(text).toMatch(/✖ line 2 · layer 1 · test-shipped-then-deleted · 8\.99 MB/);
    expect(text).toContain('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease');
    // each finding's message appears once (wide enough not to wrap)
    const wide = ttyReporter(all.app, { color: false, width: 400 });
    for (const f of all.app.images[0].findings) expect(wide.split(f.message).length - 1).toBe(1);
    // paths a finding names are not listed again as hidden bytes
    expect(text).not.toContain('Largest hidden bytes');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^✗ FAIL · 3 errors, \d+ warnings/);
  });

  test('paths the message already quotes are not listed again', () => {
    const image = all.app.images[0];
    const f = image.findings.find((x) => (x.paths?.length ?? 0) >= 3);
    if (!f?.paths) throw new Error('fixture finding with paths missing');
    const quoted = { ...f, message: `removes ${f.paths[0]} and more` };
    const result: RunResult = { ...all.app, images: [{ ...image, findings: [quoted] }] };
    const full = ttyReporter(result, { color: false, width: 200 });
    const text = full.slice(full.indexOf('Errors (')); // the layer table quotes the RUN line too
    expect(text.split(f.paths[0]).length - 1).toBe(1);
    expect(text).toContain(f.paths[1]);
  });

  test('the verdict passes when nothing fails', () => {
    const passing: RunResult = { ...all['dockerfile-only'], dockerfileFindings: [], exitCode: 0 };
    expect(ttyReporter(passing, { color: false, width: 80 })).toMatch(
      /No findings\.\n\n✓ PASS · no findings · fail on error\n$/,
    );
  });
});
