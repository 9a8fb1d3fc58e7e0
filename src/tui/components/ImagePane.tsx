import { Box, Text } from 'ink';
import { figureLines, figuresOf } from '../../report/figures.js';
import type { ImageReport } from '../../report/result.js';
import { IMAGE_LINES } from '../state/layout.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';

/** Image totals: the same figure lines as the terminal report (src/report/figures.ts). */
export function ImagePane({ report, width }: { report: ImageReport; width: number }) {
  const lines = figureLines(figuresOf(report)).slice(0, IMAGE_LINES);
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`Image ${report.ref} · ${report.layers.length} layers`} width={width} focused={false} />
      {lines.map((line) => (
        <Text key={line} wrap="truncate">
          {fitWidth(` ${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
