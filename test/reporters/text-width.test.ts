// Text is measured as the terminal shows it (string-width, the measure Ink uses): CJK and emoji
// take two columns, and a cut never splits a character.
import stringWidth from 'string-width';
import { fitWidth, padStartColumns, truncate, truncateStart, visibleLength, wrap } from '../../src/reporters/text.js';
import { ttyReporter } from '../../src/reporters/tty.js';
import { fitWidth as paneFit } from '../../src/tui/components/text.js';
import { appResult } from './fixtures.js';

test('widths in columns: CJK and emoji are two, ANSI codes none', () => {
  expect(visibleLength('/app/資料/説明書.txt')).toBe(5 + 4 + 1 + 6 + 4);
  expect(visibleLength('\u001b[31m😀\u001b[39m')).toBe(2);
});

test('cuts and pads fit the columns exactly, whole characters only', () => {
  expect(truncate('/app/資料/説明書.txt', 10)).toBe('/app/資料…');
  expect(stringWidth(truncate('/app/資料/説明書.txt', 10))).toBe(10);
  expect(truncate('資料資料', 4)).toBe('資…'); // 資 + … = 3 columns: the next one would not fit
  expect(truncateStart('/app/資料/説明書.txt', 12)).toBe('…/説明書.txt');
  expect(fitWidth('説明書', 8)).toBe('説明書  ');
  expect(paneFit('日本語のパス', 8)).toBe('日本語… ');
  expect(stringWidth(paneFit('日本語のパス', 8))).toBe(8);
  expect(padStartColumns('説明', 6)).toBe('  説明');
  expect(truncate('👨‍👩‍👧 family', 3)).toBe('👨‍👩‍👧…');
  for (const line of wrap('説明書 '.repeat(12), 20, '  ')) expect(stringWidth(line)).toBeLessThanOrEqual(20);
});

test('the tty report with a CJK path and a narrow terminal: every line fits its columns', async () => {
  const result = await appResult();
  const image = result.images[0];
  const long = {
    ...result,
    images: [
      {
        ...image,
        findings: image.findings.map((f) => ({
          ...f,
          paths: f.paths?.map((p) => (p.includes('資料') ? `/app/${'資料'.repeat(40)}/説明書.txt` : p)),
        })),
      },
    ],
  };
  for (const width of [40, 60, 80]) {
    const text = ttyReporter(long, { color: false, width });
    expect(text).toContain('説明書.txt');
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(width);
  }
});
