// Where every pane goes for a terminal size: a pure function, so resizing is one action.

export interface Layout {
  readonly width: number;
  readonly height: number; // frame height: one less than the terminal, so Ink never scrolls it
  readonly tooSmall: boolean;
  readonly leftWidth: number; // includes the separator column
  readonly rightWidth: number;
  readonly layerRows: number; // list rows below the layers pane title and header
  readonly imageLines: number;
  readonly findingRows: number;
  readonly treeRows: number; // rows between the tree title and its status line
}

export const MIN_COLS = 50;
export const MIN_ROWS = 12;
export const IMAGE_LINES = 4;

export function computeLayout(cols: number, rows: number, layerCount: number, findingCount: number): Layout {
  const width = Math.max(1, cols);
  const height = Math.max(1, rows - 1);
  const tooSmall = cols < MIN_COLS || rows < MIN_ROWS;
  const panes = Math.max(0, height - 1); // help bar below
  // left: layers (title + header + rows), image (title + lines), findings (title + rows)
  const lists = Math.max(2, panes - 2 - (1 + IMAGE_LINES) - 1);
  const findingsWanted = Math.min(Math.max(findingCount, 1), Math.max(1, Math.floor(lists * 0.4)));
  const layerRows = Math.max(1, Math.min(layerCount, lists - findingsWanted));
  const leftWidth = Math.min(70, Math.floor(width / 2));
  return {
    width,
    height,
    tooSmall,
    leftWidth,
    rightWidth: width - leftWidth,
    layerRows,
    imageLines: IMAGE_LINES,
    findingRows: Math.max(1, lists - layerRows),
    treeRows: Math.max(1, panes - 2),
  };
}
