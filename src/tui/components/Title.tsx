import { Text } from 'ink';
import { fitWidth } from './text.js';

/** A pane's title line: reversed with a "▶" when the pane has the focus, so it reads without colour. */
export function Title({ text, width, focused }: { text: string; width: number; focused: boolean }) {
  return (
    <Text bold inverse={focused} wrap="truncate">
      {fitWidth(`${focused ? '▶' : ' '} ${text}`, width)}
    </Text>
  );
}
