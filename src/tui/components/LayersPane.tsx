import { Box, Text } from 'ink';
import type { LayerSummary } from '../../report/result.js';
import type { ListState } from '../state/types.js';
import { Title } from './Title.js';
import { bar, fitWidth, humanBytes, layerLabel, padLeft } from './text.js';
import { useTone } from './theme.js';

export interface LayersPaneProps {
  layers: LayerSummary[];
  list: ListState; // cursor = selected layer
  rows: number;
  width: number;
  focused: boolean;
}

const SIZE = 7;
const BAR = 4;

/** Layers: index, size with a bar, wasted bytes, and the instruction that made the layer. */
export function LayersPane({ layers, list, rows, width, focused }: LayersPaneProps) {
  const tone = useTone();
  const idxWidth = Math.max(2, String(Math.max(0, layers.length - 1)).length);
  const max = Math.max(1, ...layers.map((l) => l.size));
  const fixed = 1 + idxWidth + 1 + SIZE + 1 + BAR + 1 + SIZE + 1;
  const header = `${' '.repeat(1 + idxWidth - 1)}# ${padLeft('size', SIZE)} ${' '.repeat(BAR)} ${padLeft('wasted', SIZE)} instruction`;
  const shown = layers.slice(list.top, list.top + rows);
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`Layers (${layers.length})`} width={width} focused={focused} />
      <Text dimColor wrap="truncate">
        {fitWidth(header, width)}
      </Text>
      {shown.map((l) => {
        const selected = l.index === list.cursor;
        const waste = l.wastedBytes > 0 ? humanBytes(l.wastedBytes) : '';
        return (
          <Text key={l.index} inverse={selected && focused} bold={selected} wrap="truncate">
            {selected ? '>' : ' '}
            {padLeft(String(l.index), idxWidth)} {padLeft(humanBytes(l.size), SIZE)}{' '}
            <Text color={tone('accent')}>{bar(l.size / max, BAR)}</Text>{' '}
            <Text color={tone(waste ? 'waste' : undefined)}>{padLeft(waste, SIZE)}</Text>{' '}
            {fitWidth(layerLabel(l), width - fixed)}
          </Text>
        );
      })}
      <Box height={Math.max(0, rows - shown.length)} />
    </Box>
  );
}
