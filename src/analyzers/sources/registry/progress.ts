// One progress line per image on stderr, only when it is a terminal; throttled to 10 redraws a second.

export interface Progress {
  start(totalBytes: number, layers: number, cached: number): void;
  bytes(n: number): void;
  layerDone(): void;
  end(): void;
}

const NOOP: Progress = { start() {}, bytes() {}, layerDone() {}, end() {} };

function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function progressBar(stream: NodeJS.WriteStream | undefined, label: string): Progress {
  if (!stream?.isTTY) return NOOP;
  let total = 0;
  let done = 0;
  let layers = 0;
  let layersDone = 0;
  let cached = 0;
  let last = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const width = 24;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    const bar = `${'='.repeat(filled)}${' '.repeat(width - filled)}`;
    const cachedText = cached > 0 ? `, ${cached} cached` : '';
    const line = `${label} [${bar}] ${Math.round(ratio * 100)}% ${mb(done)}/${mb(total)} ${layersDone}/${layers} layers${cachedText}`;
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  return {
    start(t, l, c) {
      total = t;
      layers = l;
      cached = c;
      layersDone = c;
      draw(true);
    },
    bytes(n) {
      done += n;
      draw();
    },
    layerDone() {
      layersDone++;
      draw();
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}
