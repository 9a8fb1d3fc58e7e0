import { render } from 'ink-testing-library';
import { FindingsPane } from '../../../src/tui/components/FindingsPane.js';
import { lines } from '../helpers/ink.js';
import { FINDINGS } from '../helpers/model.js';

test('one row per finding: severity letter, rule, layer, message; cursor mark', () => {
  const { lastFrame } = render(
    <FindingsPane findings={FINDINGS} list={{ cursor: 1, top: 0 }} rows={3} width={70} focused />,
  );
  const out = lines(lastFrame());
  expect(out[0]).toContain('▶ Findings (3)');
  expect(out[1]).toBe(' W deleted-but-shipped layer 4: removes 2 files shipped earlier');
  expect(out[2]).toBe('>W runs-as-root: the image sets no USER');
  expect(out[3]).toBe(' N large-file layer 2: a big file');
});

test('scrolls to the window and pads to its height', () => {
  const { lastFrame } = render(
    <FindingsPane findings={FINDINGS} list={{ cursor: 2, top: 2 }} rows={2} width={40} focused={false} />,
  );
  const out = lines(lastFrame());
  expect(out[1]).toMatch(/^>N large-file/);
  expect(out).toHaveLength(3);
});

test('no findings says so', () => {
  const { lastFrame } = render(
    <FindingsPane findings={[]} list={{ cursor: 0, top: 0 }} rows={2} width={40} focused={false} />,
  );
  expect(lines(lastFrame())[1]).toBe('  no findings');
});
