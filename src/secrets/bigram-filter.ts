// The content scanner's prefilter: finds the even positions of a text where a two-byte sequence
// of a given set starts, in one pass over half the positions (a caller looking for a three-byte
// sequence ABC marks both AB and BC: wherever ABC starts, one of them starts at an even position). It is hand-written WebAssembly (a 60-byte function, built below)
// because it runs over every byte of every text file of every layer: a JavaScript loop, a
// regular expression of all the anchors or one Buffer.indexOf per anchor each ran at 50-250 MB/s
// on source text here, this loop at ~0.6-0.9 GB/s. No npm package does a multi-literal search
// over a Buffer at that speed without a native build.
//
// Memory layout: [0, 64 KiB) the bigram table (a non-zero byte per marked bigram, little-endian:
// first byte low), then HIT_CAP u32 hit positions, then the input (INPUT_CAP bytes + 1 pad byte).

const TABLE_BYTES = 65536;
const HIT_CAP = 16384;
const HITS_AT = TABLE_BYTES;
const INPUT_AT = HITS_AT + HIT_CAP * 4;
/** Bytes the filter takes in one call; longer texts are fed in pieces by the caller. */
export const INPUT_CAP = 256 * 1024;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/**
 * (func $scan (param $from i32) (param $to i32) (result i32) (local $n i32)
 *   loop: while from < to: if table[load16_u(INPUT_AT + from)] { hits[n++] = from; if n >= CAP return }; from += 2
 *   return n)
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const FROM = 0;
  const TO = 1;
  const N = 2;
  const body = [
    ...[1, 1, 0x7f], // one extra local: i32 $n
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...[0x20, FROM, 0x20, TO, 0x4f, 0x0d, 1], // from >= to (unsigned): br_if block
    ...[0x20, FROM, 0x2f, 0, ...uleb(INPUT_AT)], // i32.load16_u offset=INPUT_AT
    ...[0x2d, 0, 0], // i32.load8_u offset=0: table[bigram]
    ...[0x04, 0x40], // if
    ...[0x20, N, 0x41, 2, 0x74, 0x20, FROM, 0x36, 2, ...uleb(HITS_AT)], // hits[n] = from
    ...[0x20, N, 0x41, 1, 0x6a, 0x22, N, 0x41, ...sleb(HIT_CAP), 0x4f, 0x0d, 2], // ++n >= CAP: br_if block
    0x0b, // end if
    ...[0x20, FROM, 0x41, 2, 0x6a, 0x21, FROM, 0x0c, 0], // from += 2, br loop
    ...[0x0b, 0x0b, 0x20, N, 0x0b], // end loop, end block, n, end func
  ];
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (s: string) => [...uleb(s.length), ...Buffer.from(s)];
  const pages = Math.ceil((INPUT_AT + INPUT_CAP + 2) / 65536);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]), // type: (i32, i32) -> i32
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0, ...uleb(pages)]), // memory
    ...section(7, [2, ...name('scan'), 0, 0, ...name('mem'), 2, 0]), // exports
    ...section(10, [1, ...uleb(body.length), ...body]), // code
  ]);
}

let compiled: WebAssembly.Module | undefined;

export class BigramFilter {
  private readonly memory: Uint8Array;
  private readonly hits: Uint32Array;
  private readonly scan: (from: number, to: number) => number;

  /** `bigrams`: two-character strings (latin1), each marked in the table. */
  constructor(bigrams: Iterable<string>) {
    compiled ??= new WebAssembly.Module(moduleBytes());
    const instance = new WebAssembly.Instance(compiled);
    const exports = instance.exports as { scan: (from: number, to: number) => number; mem: WebAssembly.Memory };
    this.memory = new Uint8Array(exports.mem.buffer);
    this.hits = new Uint32Array(exports.mem.buffer, HITS_AT, HIT_CAP);
    this.scan = exports.scan;
    for (const b of bigrams) this.memory[b.charCodeAt(0) | (b.charCodeAt(1) << 8)] = 1;
  }

  /** The input area (INPUT_CAP bytes): copy the text here before calling `find`. */
  input(length: number): Uint8Array {
    return this.memory.subarray(INPUT_AT, INPUT_AT + length);
  }

  /** Calls `hit(i)` for every even i < length where input[i], input[i + 1] is a marked bigram, in order. */
  find(length: number, hit: (i: number) => void): void {
    this.memory[INPUT_AT + length] = 0; // the pad byte the last position's load reads
    let from = 0;
    for (;;) {
      const n = this.scan(from, length);
      for (let k = 0; k < n; k++) hit(this.hits[k] as number);
      if (n < HIT_CAP) return;
      from = (this.hits[n - 1] as number) + 2;
    }
  }
}
