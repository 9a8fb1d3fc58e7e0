import { render } from 'ink-testing-library';
import { App } from '../../../src/tui/components/App.js';
import { ARROW, lines, rightPane, settle } from '../helpers/ink.js';
import { testModel } from '../helpers/model.js';

async function app(cols = 100, rows = 24) {
  const model = await testModel();
  const ui = render(<App model={model} cols={cols} rows={rows} color={false} />);
  await settle(ui.frames);
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await settle(ui.frames);
    }
  };
  return { ui, model, press, frame: () => lines(ui.lastFrame()), right: () => rightPane(ui.lastFrame()) };
}

test('fills the terminal less one line: panes, then the help bar', async () => {
  const { frame, ui } = await app(100, 24);
  const out = frame();
  expect(out).toHaveLength(23);
  expect(out[0]).toMatch(/^▶ Layers \(5\)/);
  expect(out.some((l) => l.includes('Image test-image.tar'))).toBe(true);
  expect(out.some((l) => l.includes('Findings (3)'))).toBe(true);
  expect(out[22]).toMatch(/^ Tab pane .*\? help {2}q quit$/);
  for (const l of out) expect(l.length).toBeLessThanOrEqual(100);
  ui.unmount();
});

test('j / ↓ select the next layer and the tree shows its changes; the status line shows the whole instruction', async () => {
  const { press, right, ui } = await app();
  await press('j', ARROW.down, 'j', 'j');
  expect(right()[0]).toContain('Files · layer 4 changes');
  expect(right().some((l) => /^ - 6\.00 kB {3}▾ example\/$/.test(l))).toBe(true);
  expect(right()[21]).toBe(' layer 4: rm -rf /root/example/');
  ui.unmount();
});

test('Tab to the tree, Space folds, / filters in place, Esc clears, ? shows help', async () => {
  const { press, right, ui } = await app();
  await press('jj', ARROW.tab);
  expect(right()[0]).toMatch(/^▶ Files/);
  await press(ARROW.down, ARROW.down, ' ');
  expect(right()[3]).toBe('>+ 6.00 kB   ▸ example/');
  await press('/', 's', 'o', 'm', 'e', 'f', 'i', 'l', 'e', '2');
  expect(right()[0]).toContain('filter "somefile2"');
  expect(right()[21]).toMatch(/^ \/somefile2▏ 1 match/);
  await press(ARROW.enter);
  expect(right()[21]).toMatch(/^ \/root\/example {2}added dir/); // the cursor stayed on its directory
  expect(right()[2]).toBe('>+ 6.00 kB   ▾ example/'); // folded, but open while a match is inside
  expect(right()[3]).toBe(' + 3.00 kB       somefile2.txt');
  await press(ARROW.esc);
  expect(right()[0]).not.toContain('filter');
  ui.unmount();
});

test('? covers the whole window with the keys; ? or Esc gives the panes back', async () => {
  const { press, frame, ui } = await app();
  await press('?');
  const out = frame();
  expect(out[0]).toMatch(/^▶ Keys \(\? or Esc to close\)/);
  expect(out.join('\n')).not.toMatch(/Layers \(|Findings \(|Image test-image/);
  expect(out).toHaveLength(23);
  expect(out.filter((l) => l.includes('show / hide added, removed, modified, unchanged'))).toHaveLength(1);
  await press(ARROW.esc);
  expect(frame()[0]).toMatch(/^▶ Layers \(5\)/);
  ui.unmount();
});

test('d: the details of the selected layer, then of the selected finding', async () => {
  const { press, right, ui } = await app(170, 30);
  await press('j', 'j', 'j', 'j', 'd');
  const layer = right();
  expect(layer[0]).toMatch(/^▶ Layer details \(d or Esc to close\)/);
  expect(layer[1]).toBe(' Layer 4 of 4');
  expect(layer).toContainEqual(expect.stringMatching(/^ diffID:? +sha256:[0-9a-f]{64} *$/));
  expect(layer).toContainEqual(expect.stringMatching(/^ created by:/));
  await press(ARROW.tab, ARROW.tab);
  const finding = right();
  expect(finding[0]).toMatch(/^▶ Finding details/);
  expect(finding[1]).toMatch(/^ Finding 1 of 3 · /);
  expect(finding).toContainEqual(expect.stringMatching(/^ Paths \(\d+\):/));
  await press(ARROW.esc);
  expect(right()[0]).toMatch(/Files/);
  ui.unmount();
});

test('m shows mode and uid:gid columns; + - ~ = hide and show each kind of change', async () => {
  const { press, right, ui } = await app(120, 24);
  await press('j', 'j', 'j', 'j', ARROW.tab);
  expect(right().some((l) => /^ - 6\.00 kB {3}▾ example\/$/.test(l))).toBe(true);
  await press('m');
  expect(right()).toContainEqual(expect.stringMatching(/^ - -rw-r--r-- {9}0:0 3\.00 kB {7}somefile2\.txt *$/));
  expect(right()).toContainEqual(expect.stringMatching(/^ - -r--r--r-- {9}0:0 3\.00 kB {7}somefile1\.txt *$/));
  await press('m', '-');
  expect(right()[0]).toContain('hiding removed');
  expect(right().some((l) => l.includes('example/'))).toBe(false);
  await press('-');
  expect(right().some((l) => l.includes('example/'))).toBe(true);
  ui.unmount();
});

test('a, s, o, b: aggregated view, sort by size, only changes, largest file', async () => {
  const { press, right, ui } = await app();
  await press('jj', 'a');
  expect(right()[0]).toContain('image at layer 2');
  expect(right().some((l) => l.includes('busybox'))).toBe(true);
  await press('o');
  expect(right().some((l) => l.includes('busybox'))).toBe(false);
  await press('o', 's');
  expect(right()[0]).toContain('by size');
  expect(right()[1]).toMatch(/▾ root\/$/);
  await press('b');
  expect(right().find((l) => l.startsWith('>'))).toMatch(/big\.bin$/);
  ui.unmount();
});

test("Tab to the findings: moving selects the finding's layer and reveals its paths", async () => {
  const { press, frame, right, ui } = await app();
  await press(ARROW.tab, ARROW.tab);
  expect(frame().find((l) => l.includes('Findings'))).toMatch(/▶ Findings/);
  await press('j', 'k');
  expect(right()[0]).toContain('layer 4 changes');
  expect(right().find((l) => l.startsWith('>'))).toMatch(/^>- 3\.00 kB +somefile1\.txt$/);
  expect(right().filter((l) => l.startsWith('*'))).toHaveLength(1);
  expect(right()[21]).toMatch(/^ deleted-but-shipped: removes 2 files/);
  await press(ARROW.enter);
  expect(right()[0]).toMatch(/^▶ Files/);
  ui.unmount();
});

test('re-lays out when the size changes, and says when the terminal is too small', async () => {
  const { ui, frame, model } = await app(100, 24);
  ui.rerender(<App model={model} cols={80} rows={30} color={false} />);
  await settle(ui.frames);
  expect(frame()).toHaveLength(29);
  for (const l of frame()) expect(l.length).toBeLessThanOrEqual(80);
  ui.rerender(<App model={model} cols={40} rows={10} color={false} />);
  await settle(ui.frames);
  expect(frame()[0]).toMatch(/terminal too small \(40x10\)/);
  ui.unmount();
});

test('q quits: the app unmounts and keys do nothing any more', async () => {
  const { press, ui } = await app();
  await press('q');
  const after = ui.frames.length;
  await press('j', 'j');
  expect(ui.frames.length).toBe(after);
});

test('in idle time it builds the neighbouring layers and the other mode; switching to them builds nothing', async () => {
  const { press, model, right, ui } = await app();
  // layer 0 shown: layers 1 and 2 and the aggregated view of layer 0 are ready
  expect(model.built.views).toBe(4);
  await press('j');
  expect(right()[0]).toContain('Files · layer 1 changes');
  // layer 1 came from the cache; the warm-up then added layer 3 and the aggregated view of layer 1
  expect(model.built.views).toBe(6);
  ui.unmount();
});

test('without warm-up only what is shown is built', async () => {
  const model = await testModel();
  const ui = render(<App model={model} cols={100} rows={24} color={false} warm={false} />);
  await settle(ui.frames);
  expect(model.built.views).toBe(1);
  ui.unmount();
});
