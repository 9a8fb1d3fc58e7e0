// Key bindings: a pure map from a key press (as Ink reports it) to an action.
// dive's keys where dive has one (Tab, arrows, Space, Ctrl+A/L/F/U/O, Ctrl+Space, q); letters for the rest.
import type { Key } from 'ink';
import type { Action, ExploreState, Pane } from './types.js';

export interface KeyHelp {
  keys: string;
  short: string; // help bar label
  what: string; // help screen and docs
  pane: Pane | 'all';
}

export const KEY_HELP: readonly KeyHelp[] = [
  { keys: 'Tab', short: 'pane', what: 'next pane (Shift+Tab: previous): layers, files, findings', pane: 'all' },
  { keys: '↑↓ jk', short: 'move', what: 'move the cursor; in layers it selects the layer', pane: 'all' },
  { keys: 'PgUp PgDn', short: 'page', what: 'move by a page', pane: 'all' },
  { keys: 'Home End gG', short: 'ends', what: 'first / last row', pane: 'all' },
  { keys: 'Space', short: 'fold', what: 'collapse / expand the directory under the cursor (also Enter)', pane: 'tree' },
  { keys: '←→ hl', short: 'fold/open', what: 'collapse (or go to the parent) / expand (or step in)', pane: 'tree' },
  { keys: 'c e', short: 'all', what: 'collapse all / expand all directories (Ctrl+Space: collapse all)', pane: 'tree' },
  {
    keys: 'a',
    short: 'aggregated',
    what: "toggle this layer's changes / the filesystem up to this layer (Ctrl+A, Ctrl+L)",
    pane: 'all',
  },
  { keys: 's', short: 'sort', what: 'sort by name / by size (Ctrl+O)', pane: 'all' },
  { keys: 'o', short: 'changes', what: 'show only changed paths (Ctrl+U)', pane: 'all' },
  {
    keys: '/',
    short: 'filter',
    what: 'filter paths: type a substring or * ? pattern, Enter keeps it, Esc clears (Ctrl+F)',
    pane: 'all',
  },
  { keys: 'b B', short: 'biggest', what: 'jump to the next / previous largest file', pane: 'all' },
  {
    keys: '+ - ~ =',
    short: 'kinds',
    what: 'show / hide added, removed, modified, unchanged files (dive: Ctrl+A/R/M/U)',
    pane: 'tree',
  },
  { keys: 'm', short: 'attributes', what: 'show / hide mode, uid:gid columns (Ctrl+B)', pane: 'tree' },
  {
    keys: 'd',
    short: 'details',
    what: 'details of the selected finding, package or layer: evidence, fix diff; bytes, history; digest',
    pane: 'all',
  },
  {
    keys: 'Enter',
    short: 'show',
    what: 'a finding: select its layer, reveal its paths; a package: reveal its files',
    pane: 'findings',
  },
  {
    keys: 'p',
    short: 'packages',
    what: 'list the packages (largest first) instead of the findings, and back',
    pane: 'all',
  },
  { keys: '?', short: 'help', what: 'show / hide this help', pane: 'all' },
  { keys: 'q', short: 'quit', what: 'quit (also Ctrl+C)', pane: 'all' },
];

/** The key flags of one character read on its own (what Ink would have reported for it alone). */
function charKey(c: string, base: Key): [string, Key] {
  const none: Key = {
    ...base,
    tab: false,
    return: false,
    backspace: false,
    delete: false,
    escape: false,
    ctrl: false,
    meta: false,
  };
  if (c === '\t') return ['', { ...none, tab: true }];
  if (c === '\r' || c === '\n') return ['', { ...none, return: true }];
  if (c === '\x7f') return ['', { ...none, delete: true }];
  if (c === '\b') return ['', { ...none, backspace: true }];
  if (c < ' ') return [String.fromCharCode(c.charCodeAt(0) + 96), { ...none, ctrl: true }];
  return [c, { ...none, shift: c !== c.toLowerCase() }];
}

/** Split text that arrived in one read ("jjj", "\tj") into single presses; anything with a modifier stays whole. */
export function keyPresses(input: string, key: Key): [string, Key][] {
  const chars = Array.from(input);
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return chars.map((c) => charKey(c, key));
}

function filterKey(input: string, key: Key): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.return || key.tab) return { type: 'filter-accept' };
  if (key.escape) return { type: 'filter-cancel' };
  if (key.backspace || key.delete) return { type: 'filter-backspace' };
  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.ctrl || key.meta || input === '') return undefined;
  const text = Array.from(input)
    .filter((c) => c >= ' ' && c !== '\x7f')
    .join('');
  return text ? { type: 'filter-input', text } : undefined;
}

export function keyToAction(
  input: string,
  key: Key,
  s: Pick<ExploreState, 'focus' | 'showHelp' | 'tree'> & { details?: boolean; lower?: ExploreState['lower'] },
): Action | undefined {
  if (s.tree.editingFilter) return filterKey(input, key);
  if (key.ctrl) {
    switch (input) {
      case 'c':
        return { type: 'quit' };
      case 'a':
        return { type: 'set-mode', mode: 'aggregated' };
      case 'l':
        return { type: 'set-mode', mode: 'layer' };
      case 'f':
        return { type: 'filter-start' };
      case 'u':
        return { type: 'toggle-only-changes' };
      case 'o':
        return { type: 'toggle-sort' };
      case 'b':
        return { type: 'toggle-attributes' };
      case 'r':
        return { type: 'toggle-kind', change: 3 };
      case '`': // Ctrl+Space arrives as NUL
      case ' ':
        return { type: 'collapse-all' };
    }
    return undefined;
  }
  if (key.tab) return { type: 'focus', delta: key.shift ? -1 : 1 };
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'page', delta: -1 };
  if (key.pageDown) return { type: 'page', delta: 1 };
  if (key.home || input === 'g') return { type: 'home' };
  if (key.end || input === 'G') return { type: 'end' };
  if (key.escape) {
    if (s.showHelp) return { type: 'toggle-help' };
    if (s.details) return { type: 'toggle-details' };
    return s.tree.filter ? { type: 'filter-cancel' } : undefined;
  }
  if (key.return) {
    if (s.focus === 'findings') return { type: s.lower === 'packages' ? 'select-package' : 'select-finding' };
    if (s.focus === 'layers') return { type: 'focus', delta: 1 };
    return { type: 'toggle-collapse' };
  }
  if (s.focus === 'tree') {
    if (input === ' ') return { type: 'toggle-collapse' };
    if (key.leftArrow || input === 'h') return { type: 'collapse' };
    if (key.rightArrow || input === 'l') return { type: 'expand' };
  }
  switch (input) {
    case 'q':
      return { type: 'quit' };
    case '?':
      return { type: 'toggle-help' };
    case 'c':
      return { type: 'collapse-all' };
    case 'e':
      return { type: 'expand-all' };
    case 'a':
      return { type: 'set-mode', mode: 'toggle' };
    case 's':
      return { type: 'toggle-sort' };
    case 'o':
      return { type: 'toggle-only-changes' };
    case '/':
      return { type: 'filter-start' };
    case 'b':
      return { type: 'biggest', delta: 1 };
    case 'B':
      return { type: 'biggest', delta: -1 };
    case 'd':
      return { type: 'toggle-details' };
    case 'p':
      return { type: 'toggle-packages' };
    case 'm':
      return { type: 'toggle-attributes' };
    case '+':
      return { type: 'toggle-kind', change: 1 };
    case '~':
      return { type: 'toggle-kind', change: 2 };
    case '-':
      return { type: 'toggle-kind', change: 3 };
    case '=':
      return { type: 'toggle-kind', change: 0 };
  }
  return undefined;
}
