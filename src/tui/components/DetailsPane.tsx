import { Box, Text } from 'ink';
import { visibleLength, wrap } from '../../reporters/text.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';

/** The details of the selected finding or layer, in place of the tree, until d or Esc. */
export function DetailsPane({
  title,
  lines,
  rows,
  width,
}: {
  title: string;
  lines: string[];
  rows: number;
  width: number;
}) {
  const wrapped = lines.flatMap((l) => (visibleLength(l) < width ? [` ${l}`] : wrap(l, width - 1, ' ')));
  const room = rows + 1; // the tree's rows and its status line
  const shown =
    wrapped.length > room ? [...wrapped.slice(0, room - 1), ` … ${wrapped.length - room + 1} more lines`] : wrapped;
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`${title} (d or Esc to close)`} width={width} focused />
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines repeat (blank ones); their place is their identity
        <Text key={i} wrap="truncate">
          {fitWidth(line, width)}
        </Text>
      ))}
      <Box height={Math.max(0, room - shown.length)} />
    </Box>
  );
}
