import { KEY_HELP, keyPresses, keyToAction } from '../../src/tui/state/keys.js';
import { initialState } from '../../src/tui/state/reducer.js';
import type { Action, ExploreState, Pane } from '../../src/tui/state/types.js';
import { key } from './helpers/keys.js';

const state = (focus: Pane, extra: Partial<ExploreState> = {}): ExploreState => ({
  ...initialState(100, 30),
  focus,
  ...extra,
});
const editing = (filter = ''): ExploreState => {
  const s = state('tree');
  return { ...s, tree: { ...s.tree, editingFilter: true, filter } };
};

describe('keys in every pane', () => {
  const cases: [string, string, Parameters<typeof key>[0], Action][] = [
    ['Tab', '', { tab: true }, { type: 'focus', delta: 1 }],
    ['Shift+Tab', '', { tab: true, shift: true }, { type: 'focus', delta: -1 }],
    ['↑', '', { upArrow: true }, { type: 'move', delta: -1 }],
    ['k', 'k', {}, { type: 'move', delta: -1 }],
    ['↓', '', { downArrow: true }, { type: 'move', delta: 1 }],
    ['j', 'j', {}, { type: 'move', delta: 1 }],
    ['PgUp', '', { pageUp: true }, { type: 'page', delta: -1 }],
    ['PgDn', '', { pageDown: true }, { type: 'page', delta: 1 }],
    ['Home', '', { home: true }, { type: 'home' }],
    ['g', 'g', {}, { type: 'home' }],
    ['End', '', { end: true }, { type: 'end' }],
    ['G', 'G', { shift: true }, { type: 'end' }],
    ['c', 'c', {}, { type: 'collapse-all' }],
    ['Ctrl+Space', '`', { ctrl: true }, { type: 'collapse-all' }],
    ['e', 'e', {}, { type: 'expand-all' }],
    ['a', 'a', {}, { type: 'set-mode', mode: 'toggle' }],
    ['Ctrl+A', 'a', { ctrl: true }, { type: 'set-mode', mode: 'aggregated' }],
    ['Ctrl+L', 'l', { ctrl: true }, { type: 'set-mode', mode: 'layer' }],
    ['s', 's', {}, { type: 'toggle-sort' }],
    ['Ctrl+O', 'o', { ctrl: true }, { type: 'toggle-sort' }],
    ['o', 'o', {}, { type: 'toggle-only-changes' }],
    ['Ctrl+U', 'u', { ctrl: true }, { type: 'toggle-only-changes' }],
    ['/', '/', {}, { type: 'filter-start' }],
    ['Ctrl+F', 'f', { ctrl: true }, { type: 'filter-start' }],
    ['b', 'b', {}, { type: 'biggest', delta: 1 }],
    ['B', 'B', { shift: true }, { type: 'biggest', delta: -1 }],
    ['?', '?', {}, { type: 'toggle-help' }],
    ['q', 'q', {}, { type: 'quit' }],
    ['Ctrl+C', 'c', { ctrl: true }, { type: 'quit' }],
  ];
  for (const pane of ['layers', 'tree', 'findings'] as Pane[]) {
    test.each(cases)(`${pane}: %s`, (_name, input, flags, action) => {
      expect(keyToAction(input, key(flags), state(pane))).toEqual(action);
    });
  }
  test('unbound keys do nothing', () => {
    expect(keyToAction('z', key(), state('layers'))).toBeUndefined();
    expect(keyToAction('x', key({ ctrl: true }), state('layers'))).toBeUndefined();
    expect(keyToAction('', key({ escape: true }), state('layers'))).toBeUndefined();
  });
});

describe('pane keys', () => {
  test('tree: Space and Enter fold, ←/h and →/l fold or move', () => {
    expect(keyToAction(' ', key(), state('tree'))).toEqual({ type: 'toggle-collapse' });
    expect(keyToAction('', key({ return: true }), state('tree'))).toEqual({ type: 'toggle-collapse' });
    expect(keyToAction('', key({ leftArrow: true }), state('tree'))).toEqual({ type: 'collapse' });
    expect(keyToAction('h', key(), state('tree'))).toEqual({ type: 'collapse' });
    expect(keyToAction('', key({ rightArrow: true }), state('tree'))).toEqual({ type: 'expand' });
    expect(keyToAction('l', key(), state('tree'))).toEqual({ type: 'expand' });
  });
  test('layers: Enter goes to the tree; Space and arrows sideways do nothing', () => {
    expect(keyToAction('', key({ return: true }), state('layers'))).toEqual({ type: 'focus', delta: 1 });
    expect(keyToAction(' ', key(), state('layers'))).toBeUndefined();
    expect(keyToAction('', key({ leftArrow: true }), state('layers'))).toBeUndefined();
  });
  test('findings: Enter selects the finding', () => {
    expect(keyToAction('', key({ return: true }), state('findings'))).toEqual({ type: 'select-finding' });
  });
  test('Esc closes the help, else clears the filter', () => {
    expect(keyToAction('', key({ escape: true }), state('tree', { showHelp: true }))).toEqual({ type: 'toggle-help' });
    const s = state('tree');
    expect(keyToAction('', key({ escape: true }), { ...s, tree: { ...s.tree, filter: 'x' } })).toEqual({
      type: 'filter-cancel',
    });
  });
});

describe('while typing a filter', () => {
  test('letters go to the filter, even the ones bound to commands', () => {
    for (const c of ['q', 'j', 'a', '/', ' ', '?'])
      expect(keyToAction(c, key(), editing())).toEqual({ type: 'filter-input', text: c });
  });
  test('Enter and Tab keep it, Esc clears it, Backspace deletes, arrows still move', () => {
    expect(keyToAction('', key({ return: true }), editing('x'))).toEqual({ type: 'filter-accept' });
    expect(keyToAction('', key({ tab: true }), editing('x'))).toEqual({ type: 'filter-accept' });
    expect(keyToAction('', key({ escape: true }), editing('x'))).toEqual({ type: 'filter-cancel' });
    expect(keyToAction('', key({ backspace: true }), editing('x'))).toEqual({ type: 'filter-backspace' });
    expect(keyToAction('', key({ delete: true }), editing('x'))).toEqual({ type: 'filter-backspace' });
    expect(keyToAction('', key({ upArrow: true }), editing())).toEqual({ type: 'move', delta: -1 });
    expect(keyToAction('', key({ downArrow: true }), editing())).toEqual({ type: 'move', delta: 1 });
    expect(keyToAction('c', key({ ctrl: true }), editing())).toEqual({ type: 'quit' });
    expect(keyToAction('a', key({ ctrl: true }), editing())).toBeUndefined();
  });
});

describe('keys that arrive together', () => {
  test('are split into single presses with their own flags', () => {
    const presses = keyPresses('\tjG\r\x7f\x06', key());
    expect(presses.map(([i]) => i)).toEqual(['', 'j', 'G', '', '', 'f']);
    expect(presses[0][1].tab).toBe(true);
    expect(presses[2][1].shift).toBe(true);
    expect(presses[3][1].return).toBe(true);
    expect(presses[4][1].delete).toBe(true);
    expect(presses[5][1].ctrl).toBe(true);
  });
  test('a single key or one with a modifier stays whole', () => {
    expect(keyPresses('j', key())).toEqual([['j', key()]]);
    expect(keyPresses('ab', key({ meta: true }))).toHaveLength(1);
  });
});

test('every binding has help text', () => {
  for (const h of KEY_HELP) {
    expect(h.what.length).toBeGreaterThan(5);
    expect(h.short.length).toBeGreaterThan(0);
  }
});

test("dive's file-kind toggles, the attribute columns and the details view have keys", () => {
  const s = state('tree');
  const k = (input: string, flags: Parameters<typeof key>[0] = {}) => keyToAction(input, key(flags), s);
  expect([k('+'), k('-'), k('~'), k('=')]).toEqual([1, 3, 2, 0].map((change) => ({ type: 'toggle-kind', change })));
  expect(k('r', { ctrl: true })).toEqual({ type: 'toggle-kind', change: 3 });
  expect(k('m')).toEqual({ type: 'toggle-attributes' });
  expect(k('b', { ctrl: true })).toEqual({ type: 'toggle-attributes' });
  expect(k('d')).toEqual({ type: 'toggle-details' });
  expect(keyToAction('', key({ escape: true }), { ...s, details: true })).toEqual({ type: 'toggle-details' });
});
