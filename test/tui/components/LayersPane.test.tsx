import { render } from 'ink-testing-library';
import type { LayerSummary } from '../../../src/report/result.js';
import { LayersPane } from '../../../src/tui/components/LayersPane.js';
import { bar, fitWidth, layerLabel } from '../../../src/tui/components/text.js';
import { lines } from '../helpers/ink.js';

const layer = (index: number, size: number, extra: Partial<LayerSummary> = {}): LayerSummary => ({
  index,
  diffId: `sha256:${index}`,
  compression: 'none',
  size,
  tarSize: size,
  fileCount: 1,
  wastedBytes: 0,
  ...extra,
});

const LAYERS = [
  layer(0, 1_150_000, { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' }),
  layer(1, 6410, { createdBy: '/bin/sh -c cp /somefile.txt /root/example/somefile1.txt', wastedBytes: 6410 }),
  layer(2, 0, {
    createdBy: '/bin/sh -c rm -rf /root/example/',
    dockerfileLine: 10,
    instruction: 'RUN rm -rf /root/example/',
  }),
];

test('a row per layer: index, size, bar, wasted bytes, instruction; a header', () => {
  const { lastFrame } = render(<LayersPane layers={LAYERS} list={{ cursor: 1, top: 0 }} rows={3} width={70} focused />);
  const out = lines(lastFrame());
  expect(out[0]).toContain('▶ Layers (3)');
  expect(out[1]).toMatch(/#\s+size\s+wasted instruction/);
  expect(out[2]).toMatch(/^ {2}0 1\.15 MB ████ +ADD file:abc in \/$/);
  expect(out[3]).toMatch(/^> 1 6\.41 kB ····? 6\.41 kB cp \/somefile\.txt/);
  expect(out[4]).toMatch(/^ {2}2 +0 B ···· +line 10 RUN rm -rf \/root\/example\/$/);
  // each header sits over its column: same right edge for "size" and "wasted", same start for the instruction
  const end = (line: string, text: string) => line.indexOf(text) + text.length;
  expect(end(out[1], 'size')).toBe(end(out[3], '6.41 kB'));
  expect(end(out[1], 'wasted')).toBe(out[3].lastIndexOf('6.41 kB') + '6.41 kB'.length);
  expect(out[1].indexOf('instruction')).toBe(out[3].indexOf('cp /somefile'));
});

test('only the window of rows from top is rendered, padded to the height', () => {
  const { lastFrame } = render(
    <LayersPane layers={LAYERS} list={{ cursor: 2, top: 1 }} rows={4} width={60} focused={false} />,
  );
  const out = lines(lastFrame());
  expect(out[0]).toContain('  Layers (3)');
  expect(out[2]).toMatch(/^ {2}1 /);
  expect(out[3]).toMatch(/^> 2 /);
  expect(out).toHaveLength(6);
});

test('narrow panes cut the instruction with an ellipsis', () => {
  const { lastFrame } = render(<LayersPane layers={LAYERS} list={{ cursor: 0, top: 0 }} rows={3} width={32} focused />);
  for (const l of lines(lastFrame())) expect(l.length).toBeLessThanOrEqual(32);
  expect(lines(lastFrame())[3]).toMatch(/…$/);
});

test('helpers: bars in eighths, labels, fitting', () => {
  expect(bar(1, 4)).toBe('████');
  expect(bar(0, 4)).toBe('····');
  expect(bar(0.5, 4)).toBe('██··');
  expect(bar(1 / 32, 4)).toBe('▏···');
  expect(layerLabel(LAYERS[0])).toBe('ADD file:abc in /');
  expect(layerLabel(LAYERS[2])).toBe('line 10 RUN rm -rf /root/example/');
  expect(layerLabel(layer(3, 0))).toBe('(no history)');
  expect(fitWidth('abcdef', 4)).toBe('abc…');
  expect(fitWidth('ab', 4)).toBe('ab  ');
});
