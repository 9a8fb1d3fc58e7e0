import { Box, Text } from 'ink';
import type { ExploreModel } from '../model/explore-model.js';
import { isCollapsed, KEEP_OPEN } from '../model/rows.js';
import { shownVersion, type TreeView } from '../model/view.js';
import { treeRowsOf } from '../state/tree-reducer.js';
import type { TreeState } from '../state/types.js';
import { Title } from './Title.js';
import { fitWidth, humanBytes, modeString, padLeft } from './text.js';
import { type Tone, useTone } from './theme.js';

export interface TreePaneProps {
  model: ExploreModel;
  layer: number;
  tree: TreeState;
  rows: number;
  width: number;
  focused: boolean;
  caption?: string; // shown in the status line instead of the file under the cursor (another pane has the focus)
}

const SYMBOL = [' ', '+', '~', '-'];
const WORD = ['unchanged', 'added', 'modified', 'removed'];
const TONE: (Tone | undefined)[] = [undefined, 'added', 'modified', 'removed'];
const SIZE = 7;

function title(layer: number, t: TreeState, count: number): string {
  const parts = [t.mode === 'layer' ? `Files · layer ${layer} changes` : `Files · image at layer ${layer}`];
  if (t.sort === 'size') parts.push('by size');
  if (t.onlyChanges) parts.push('changes only');
  const hidden = WORD.filter((_, change) => t.hidden & (1 << change));
  if (hidden.length > 0) parts.push(`hiding ${hidden.join(', ')}`);
  if (t.filter) parts.push(`filter "${t.filter}"`);
  parts.push(`${count} rows`);
  return parts.join(' · ');
}

function status(model: ExploreModel, view: TreeView, t: TreeState, node: number): string {
  if (t.editingFilter) {
    const m = model.filter(t.filter);
    return `/${t.filter}▏ ${m ? `${m.matches} match${m.matches === 1 ? '' : 'es'}` : ''} — Enter keep · Esc clear`;
  }
  if (node < 0) return t.filter ? `nothing matches "${t.filter}"` : 'no files in this view';
  const e = shownVersion(model.tree, view, node)?.entry;
  const kind = model.tree.isDir[node] ? 'dir' : (e?.kind ?? 'file');
  const meta = e ? ` ${(e.mode & 0o7777).toString(8).padStart(4, '0')} ${e.uid}:${e.gid}` : '';
  return `${model.tree.paths[node]}${linkText(model, view, node)}  ${WORD[view.change[node]]} ${kind} ${humanBytes(view.size[node])}${meta}`;
}

/** " → target" for a symlink, " ⇒ target" for a hard link. */
function linkText(model: ExploreModel, view: TreeView, node: number): string {
  const e = shownVersion(model.tree, view, node)?.entry;
  if (!e?.linkTarget) return '';
  return `${e.kind === 'hardlink' ? ' ⇒ ' : ' → '}${e.linkTarget}`;
}

const UID_GID = 11;

/** dive's attribute columns: "drwxr-xr-x    0:0" (blank for a directory no layer lists). */
function attributes(model: ExploreModel, view: TreeView, node: number): string {
  const e = shownVersion(model.tree, view, node)?.entry;
  if (!e) return ' '.repeat(10 + 1 + UID_GID);
  const kind = model.tree.isDir[node] ? 'dir' : e.kind;
  return `${modeString(kind, e.mode)} ${padLeft(`${e.uid}:${e.gid}`, UID_GID)}`;
}

/** The file tree of the selected layer: only the visible slice of rows is rendered. */
export function TreePane({ model, layer, tree: t, rows, width, focused, caption }: TreePaneProps) {
  const tone = useTone();
  const list = treeRowsOf(model, layer, t);
  const view = model.view(layer, t.mode);
  const keep = model.filter(t.filter)?.keep;
  const { names, depth, isDir } = model.tree;
  const shown = Array.from(list.subarray(t.top, t.top + rows));
  const node = t.cursor < list.length ? list[t.cursor] : -1;
  return (
    <Box flexDirection="column" width={width}>
      <Title text={title(layer, t, list.length)} width={width} focused={focused} />
      {shown.map((n, i) => {
        const at = t.top + i;
        const selected = at === t.cursor;
        const change = view.change[n];
        const open = keep?.[n] === KEEP_OPEN || !isCollapsed(t.collapse, n);
        const twisty = isDir[n] ? (open ? '▾ ' : '▸ ') : '  ';
        const name = `${names[n]}${isDir[n] ? '/' : ''}${linkText(model, view, n)}`;
        const mark = selected ? '>' : t.highlight.has(n) ? '*' : ' ';
        const line = `${mark}${SYMBOL[change]} ${t.attributes ? `${attributes(model, view, n)} ` : ''}${padLeft(humanBytes(view.size[n]), SIZE)} ${'  '.repeat(depth[n] - 1)}${twisty}${name}`;
        return (
          <Text
            key={n}
            color={tone(TONE[change])}
            inverse={selected && focused}
            bold={t.highlight.has(n)}
            wrap="truncate"
          >
            {fitWidth(line, width)}
          </Text>
        );
      })}
      <Box height={Math.max(0, rows - shown.length)} />
      <Text dimColor={!t.editingFilter} wrap="truncate">
        {fitWidth(` ${caption !== undefined && !t.editingFilter ? caption : status(model, view, t, node)}`, width)}
      </Text>
    </Box>
  );
}
