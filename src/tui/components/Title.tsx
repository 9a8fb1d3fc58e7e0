import { Text } from 'ink';
import { fit } from './text.js';

/** A pane's title line: reversed with a "▶" when the pane has the focus, so it reads without colour. */
export function Title({ text, width, focused }: { text: string; width: number; focused: boolean }) {
  return (
    <Text bold inverse={focused} wrap="truncate">
      {fit(`${focused ? '▶' : ' '} ${text}`, width)}
    </Text>
  );
}
