import { Box, Text } from 'ink';
import type { Finding } from '../../model/types.js';
import type { ListState } from '../state/types.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';
import { useTone } from './theme.js';

const LETTER = { error: 'E', warning: 'W', note: 'N' } as const;

export interface FindingsPaneProps {
  findings: Finding[];
  list: ListState;
  rows: number;
  width: number;
  focused: boolean;
}

export function findingLabel(f: Finding): string {
  const where = f.layer !== undefined ? ` layer ${f.layer}` : '';
  return `${f.ruleId}${where}: ${f.message}`;
}

/** Findings of every rule; the selected one drives the layers and tree panes. */
export function FindingsPane({ findings, list, rows, width, focused }: FindingsPaneProps) {
  const tone = useTone();
  const shown = findings.slice(list.top, list.top + rows);
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`Findings (${findings.length})`} width={width} focused={focused} />
      {findings.length === 0 ? (
        <Text dimColor>{fitWidth('  no findings', width)}</Text>
      ) : (
        shown.map((f, i) => {
          const at = list.top + i;
          const selected = at === list.cursor;
          return (
            <Text key={at} inverse={selected && focused} wrap="truncate">
              {selected ? '>' : ' '}
              <Text color={tone(f.severity)} bold>
                {LETTER[f.severity]}
              </Text>{' '}
              {fitWidth(findingLabel(f), width - 3)}
            </Text>
          );
        })
      )}
      <Box height={Math.max(0, rows - Math.max(1, shown.length))} />
    </Box>
  );
}
