import { Box, Text } from 'ink';
import { KEY_HELP } from '../state/keys.js';
import { fit } from './text.js';
import { Title } from './Title.js';

/** Every key, in place of the tree pane, until ? or Esc. */
export function HelpScreen({ rows, width }: { rows: number; width: number }) {
  const keyWidth = Math.max(...KEY_HELP.map((h) => h.keys.length)) + 2;
  const lines = KEY_HELP.map((h) => ` ${h.keys.padEnd(keyWidth)}${h.what}`);
  return (
    <Box flexDirection="column" width={width}>
      <Title text="Keys (? or Esc to close)" width={width} focused />
      {Array.from({ length: rows + 1 }, (_, i) => (
        <Text key={i} wrap="truncate">
          {fit(lines[i] ?? '', width)}
        </Text>
      ))}
    </Box>
  );
}
