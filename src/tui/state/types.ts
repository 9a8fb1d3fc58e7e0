// Navigation state of the explorer and the actions that change it. Reducers are pure.
import type { Collapse } from '../model/rows.js';
import type { SortKey, ViewMode } from '../model/view.js';

export type Pane = 'layers' | 'tree' | 'findings';
export const PANES: readonly Pane[] = ['layers', 'tree', 'findings'];

/** A cursor over a list and the first row shown. */
export interface ListState {
  readonly cursor: number;
  readonly top: number;
}

export interface TreeState extends ListState {
  readonly mode: ViewMode;
  readonly sort: SortKey;
  readonly onlyChanges: boolean;
  readonly filter: string;
  readonly editingFilter: boolean;
  readonly collapse: Collapse;
  readonly highlight: ReadonlySet<number>; // nodes revealed for the selected finding
  readonly biggest: number; // position in the largest-files list of the last jump; -1 before any
  readonly hidden: number; // change kinds hidden, bit 1 << change (0 unchanged, 1 added, 2 modified, 3 removed)
  readonly attributes: boolean; // rows show mode, uid:gid (dive's attribute columns)
}

export interface ExploreState {
  readonly cols: number;
  readonly rows: number;
  readonly focus: Pane;
  readonly layers: ListState; // cursor = selected layer
  readonly findings: ListState;
  /** what the lower-left pane lists (its focus is 'findings' either way) */
  readonly lower: 'findings' | 'packages';
  readonly packages: ListState;
  readonly tree: TreeState;
  readonly showHelp: boolean;
  readonly details: boolean; // the details of the selected finding or layer, in place of the tree
  readonly quit: boolean;
}

export type Action =
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'focus'; delta: 1 | -1 }
  | { type: 'move'; delta: number }
  | { type: 'page'; delta: 1 | -1 }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'toggle-collapse' }
  | { type: 'collapse' }
  | { type: 'expand' }
  | { type: 'collapse-all' }
  | { type: 'expand-all' }
  | { type: 'set-mode'; mode: ViewMode | 'toggle' }
  | { type: 'toggle-sort' }
  | { type: 'toggle-only-changes' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-accept' }
  | { type: 'filter-cancel' }
  | { type: 'biggest'; delta: 1 | -1 }
  | { type: 'select-finding' }
  | { type: 'toggle-packages' }
  | { type: 'select-package' }
  | { type: 'toggle-help' }
  | { type: 'toggle-details' }
  | { type: 'toggle-attributes' }
  | { type: 'toggle-kind'; change: number }
  | { type: 'quit' };
