import { Box, Text } from 'ink';
import type { ImageReport } from '../../report/result.js';
import { Title } from './Title.js';
import { fitWidth, humanBytes } from './text.js';

const pct = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

/** Image totals: size, efficiency (dive-compatible and corrected), wasted bytes. */
export function ImagePane({ report, width }: { report: ImageReport; width: number }) {
  const { dive, corrected } = report.metrics;
  const lines = [
    `size ${humanBytes(dive.imageSize)} · ${report.layers.length} layers · user ${humanBytes(dive.userSize)}`,
    `efficiency ${pct(dive.efficiency)} dive · ${pct(corrected.efficiency)} corrected`,
    `wasted ${humanBytes(dive.wastedBytes)} dive · ${humanBytes(corrected.reclaimableBytes)} reclaimable`,
  ];
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`Image ${report.ref}`} width={width} focused={false} />
      {lines.map((line) => (
        <Text key={line} wrap="truncate">
          {fitWidth(` ${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
