import { Box, Text } from 'ink';
import type { PackageUsage } from '../../analyzers/packages/index.js';
import { humanBytes } from '../../report/format.js';
import type { ListState } from '../state/types.js';
import { Title } from './Title.js';
import { fitWidth } from './text.js';

export interface PackagesPaneProps {
  packages: readonly PackageUsage[];
  list: ListState;
  rows: number;
  width: number;
  focused: boolean;
}

/** "  69.8 MB deb gcc-12 12.2.0-14"; a removed package shows the bytes its removed copies still ship. */
export function packageRow(p: PackageUsage): string {
  const bytes = p.removedIn !== undefined ? `${humanBytes(p.wastedBytes)} removed` : humanBytes(p.bytes);
  return `${bytes.padStart(8)} ${p.ecosystem} ${p.name}${p.version ? ` ${p.version}` : ''}`;
}

/** The image's packages, largest first; the selected one's files are revealed in the tree. */
export function PackagesPane({ packages, list, rows, width, focused }: PackagesPaneProps) {
  const shown = packages.slice(list.top, list.top + rows);
  return (
    <Box flexDirection="column" width={width}>
      <Title text={`Packages (${packages.length}) · p: findings`} width={width} focused={focused} />
      {packages.length === 0 ? (
        <Text dimColor>{fitWidth('  no package database in the image', width)}</Text>
      ) : (
        shown.map((p, i) => {
          const at = list.top + i;
          const selected = at === list.cursor;
          return (
            <Text key={at} inverse={selected && focused} wrap="truncate">
              {selected ? '>' : ' '}
              {fitWidth(packageRow(p), width - 1)}
            </Text>
          );
        })
      )}
      <Box height={Math.max(0, rows - Math.max(1, shown.length))} />
    </Box>
  );
}
