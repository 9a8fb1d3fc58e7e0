import { Text } from 'ink';
import { visibleLength } from '../../reporters/text.js';
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
  // the focused pane's own keys first, then the ones that work everywhere, as many as fit
  const own = KEY_HELP.filter((h) => !ALWAYS.includes(h.keys) && h.pane === focus);
  const everywhere = KEY_HELP.filter((h) => !ALWAYS.includes(h.keys) && h.pane === 'all');
  const items = [...own, ...everywhere].map(item);
  let line = '';
  for (const it of items) {
    const next = line ? `${line}  ${it}` : it;
    if (visibleLength(next) + 2 + visibleLength(tail) + 1 > width) continue;
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
