/** Let Ink read the input and render (input is flushed on setImmediate, renders follow). */
export const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

/** The frame's lines, trailing spaces trimmed. */
export function lines(frame: string | undefined): string[] {
  return (frame ?? '').split('\n').map((l) => l.replace(/\s+$/, ''));
}

/** Right-hand column of a two-pane frame (after the first "│"). */
export function rightPane(frame: string | undefined): string[] {
  return lines(frame).map((l) => (l.includes('│') ? l.slice(l.indexOf('│') + 1) : ''));
}

export const ARROW = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  tab: '\t',
  enter: '\r',
  esc: '\x1b',
  backspace: '\x7f',
};

/** Wait until Ink has drawn everything pending: no new frame for 30 ms (at most 2 s). */
export async function settle(frames: { length: number }): Promise<void> {
  let seen = frames.length;
  let quiet = 0;
  for (let waited = 0; waited < 2000 && quiet < 3; waited += 10) {
    await tick(10);
    if (frames.length === seen) quiet++;
    else {
      seen = frames.length;
      quiet = 0;
    }
  }
}
