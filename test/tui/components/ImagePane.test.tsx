import { render } from 'ink-testing-library';
import { figureLines, figuresOf } from '../../../src/report/figures.js';
import { ImagePane } from '../../../src/tui/components/ImagePane.js';
import { lines } from '../helpers/ink.js';
import { testModel } from '../helpers/model.js';

test('the figures of the terminal report, the same words and values, each total beside its parts', async () => {
  const { report } = await testModel();
  const { lastFrame } = render(<ImagePane report={report} width={90} />);
  const out = lines(lastFrame()).map((l) => l.trim());
  expect(out[0]).toContain('Image test-image.tar · 5 layers');
  expect(out.slice(1)).toEqual(figureLines(figuresOf(report)));
  expect(out[1]).toMatch(/^efficiency \d+\.\d\d% \(final [\d.]+ kB of 23\.0 kB\) · dive efficiency \d+\.\d\d%$/);
  expect(out[2]).toMatch(/^wasted ([\d.]+ kB) = deleted but shipped [\d.]+ k?B \+ overwritten [\d.]+ k?B$/);
  expect(out[3]).toMatch(/^reclaimable [\d.]+ k?B = wasted [\d.]+ k?B \+ duplicates [\d.]+ k?B$/);
  expect(out).toHaveLength(5);
});
