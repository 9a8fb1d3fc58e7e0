import { render } from 'ink-testing-library';
import { HelpBar, helpLine } from '../../../src/tui/components/HelpBar.js';
import { HelpScreen } from '../../../src/tui/components/HelpScreen.js';
import { KEY_HELP } from '../../../src/tui/state/keys.js';
import { lines } from '../helpers/ink.js';

test('the keys of the focused pane, "? help" and "q quit" always at the end', () => {
  expect(helpLine('tree', 200)).toContain('Space fold');
  expect(helpLine('layers', 200)).not.toContain('Space fold');
  expect(helpLine('findings', 200)).toContain('Enter show');
  for (const w of [40, 80, 120]) {
    const l = helpLine('tree', w);
    expect(l.length).toBeLessThanOrEqual(w);
    expect(l).toMatch(/\? help {2}q quit$/);
  }
  const { lastFrame } = render(<HelpBar focus="tree" width={80} />);
  // the tree's own keys come first, then the ones every pane has
  expect(lines(lastFrame())[0]).toMatch(/^ Space fold {2}←→ hl fold\/open .*Tab pane/);
  expect(helpLine('layers', 80)).toMatch(/^ Tab pane/);
  expect(helpLine('layers', 200)).not.toMatch(/kinds|attributes/);
  expect(helpLine('tree', 200)).toMatch(/\+ - ~ = kinds {2}m attributes/);
});

test('the help screen lists every key', () => {
  const { lastFrame } = render(<HelpScreen rows={KEY_HELP.length} width={120} />);
  const text = lastFrame() ?? '';
  for (const h of KEY_HELP) expect(text).toContain(h.what);
});
