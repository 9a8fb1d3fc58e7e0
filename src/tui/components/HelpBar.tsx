import { Text } from 'ink';
import { KEY_HELP } from '../state/keys.js';
import type { Pane } from '../state/types.js';
import { fitWidth } from './text.js';

const ALWAYS = ['?', 'q'];

/** One line of the keys that work in the focused pane; "? help" and "q quit" always fit. */
export function helpLine(focus: Pane, width: number): string {
  const item = (h: (typeof KEY_HELP)[number]) => `${h.keys} ${h.short}`;
  const tail = KEY_HELP.filter((h) => ALWAYS.includes(h.keys))
    .map(item)
    .join('  ');
  const items = KEY_HELP.filter((h) => !ALWAYS.includes(h.keys) && (h.pane === 'all' || h.pane === focus)).map(item);
  let line = '';
  for (const it of items) {
    const next = line ? `${line}  ${it}` : it;
    if (next.length + 2 + tail.length + 1 > width) break;
    line = next;
  }
  return ` ${line ? `${line}  ` : ''}${tail}`;
}

export function HelpBar({ focus, width }: { focus: Pane; width: number }) {
  return (
    <Text inverse wrap="truncate">
      {fitWidth(helpLine(focus, width), width)}
    </Text>
  );
}
