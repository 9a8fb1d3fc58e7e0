import { Box, Text } from 'ink';
import { visibleLength } from '../../reporters/text.js';
import { KEY_HELP } from '../state/keys.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';

/** Every key, over the whole window, until ? or Esc. */
export function HelpScreen({ rows, width }: { rows: number; width: number }) {
  const keyWidth = Math.max(...KEY_HELP.map((h) => visibleLength(h.keys))) + 2;
  const lines = KEY_HELP.slice(0, rows + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Title text="Keys (? or Esc to close) · marks: + added  ~ modified  - removed" width={width} focused />
      {lines.map((h) => (
        <Text key={h.keys} wrap="truncate">
          {fitWidth(` ${fitWidth(h.keys, keyWidth)}${h.what}`, width)}
        </Text>
      ))}
      <Box height={rows + 1 - lines.length} />
    </Box>
  );
}
