import { Box, Text } from 'ink';
import { KEY_HELP } from '../state/keys.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';

/** Every key, in place of the tree pane, until ? or Esc. */
export function HelpScreen({ rows, width }: { rows: number; width: number }) {
  const keyWidth = Math.max(...KEY_HELP.map((h) => h.keys.length)) + 2;
  const lines = KEY_HELP.slice(0, rows + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Title text="Keys (? or Esc to close)" width={width} focused />
      {lines.map((h) => (
        <Text key={h.keys} wrap="truncate">
          {fitWidth(` ${h.keys.padEnd(keyWidth)}${h.what}`, width)}
        </Text>
      ))}
      <Box height={rows + 1 - lines.length} />
    </Box>
  );
}
