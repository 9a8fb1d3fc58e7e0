import { render } from 'ink-testing-library';
import { Loading, progressLine } from '../../../src/tui/components/Loading.js';
import type { ExploreModel } from '../../../src/tui/model/explore-model.js';
import { lines, tick } from '../helpers/ink.js';
import { testModel } from '../helpers/model.js';

test('a loading line with progress first, then the explorer', async () => {
  const model = await testModel();
  let finish!: (m: ExploreModel) => void;
  let report!: (p: { phase: string; done?: number; total?: number }) => void;
  const load = (r: typeof report) => {
    report = r;
    return new Promise<ExploreModel>((res) => {
      finish = res;
    });
  };
  const ui = render(<Loading imageRef="img.tar" load={load} color={false} />);
  await tick();
  expect(lines(ui.lastFrame())[0]).toMatch(/^. reading img\.tar… \d\.\ds$/);
  report({ phase: 'reading', done: 3, total: 14 });
  await tick();
  expect(lines(ui.lastFrame())[0]).toMatch(/reading img\.tar… 3\/14 layers/);
  report({ phase: 'analysing' });
  await tick();
  expect(lines(ui.lastFrame())[0]).toMatch(/analysing img\.tar…/);
  finish(model);
  await tick(50);
  expect(ui.lastFrame()).toContain('Layers (5)');
  ui.unmount();
});

test('progress line format', () => {
  expect(progressLine('x', { phase: 'reading', done: 1, total: 2 }, 0, 1500)).toBe('⠋ reading x… 1/2 layers 1.5s');
});

test('a load error ends the app with that error', async () => {
  const ui = render(
    <Loading imageRef="img.tar" load={() => Promise.reject(new Error('layer is truncated'))} color={false} />,
  );
  await tick(50);
  expect(ui.lastFrame()).toBe('');
  ui.unmount();
});
