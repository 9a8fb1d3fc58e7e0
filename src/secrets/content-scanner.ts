// Finds credentials in a file's content while the walk streams it (the bytes the walk hashes),
// with no second read: each piece is copied into the prefilter's input, the prefilter finds the
// anchors' rarest bigrams, and only there is an anchor compared and its detector's pattern run on
// a small window. A file split over pieces is scanned as one text: the last bytes of a piece are
// kept and scanned again with the next one, and a match is judged only once its whole window has
// arrived. A file with a NUL byte in its first 8000 bytes is binary (judged by content) and skipped.

import { globMatcher } from '../engine/glob.js';
import type { SecretHit } from '../model/types.js';
import { BigramFilter, INPUT_CAP } from './bigram-filter.js';
import type { Detector } from './detector.js';

/** Files bigger than this are not scanned (a secret sits in a config or a source file). */
export const SECRET_SCAN_MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Package-owned documentation, test data and toolchain sources: example keys and test
 * certificates by the hundred, none of them the image's secrets. Directories (globs,
 * engine/glob.ts) whose files are not scanned.
 */
export const NOT_SCANNED_PATHS: readonly string[] = [
  '/usr/share/doc',
  '/usr/share/man',
  '/usr/share/info',
  '/usr/share/locale',
  '/usr/share/**/examples',
  '/usr/lib/python3*/test',
  '/usr/lib/python3*/**/tests',
  '/usr/lib/python3*/**/test',
  '/usr/local/lib/python3*/test',
  '/usr/local/lib/python3*/**/tests',
  '/usr/local/lib/python3*/**/test',
  '**/node_modules/**/test',
  '**/node_modules/**/tests',
  '**/node_modules/**/__tests__',
  '**/node_modules/**/fixtures',
  '/usr/lib/go*/src',
  '/usr/local/go/src',
  '**/go/pkg/mod/**/testdata',
];

/**
 * Pattern runs allowed per file and per layer walk: a file made of anchors ("eyJeyJ...") costs a
 * pattern run per anchor; past the budget the file (or the layer) is not scanned further, so
 * hostile content cannot stall the walk (~25 µs a run at worst: ~50 ms a file, ~1.5 s a layer).
 */
export const ATTEMPTS_PER_FILE = 2000;
export const ATTEMPTS_PER_LAYER = 60000;
/** A NUL byte among a file's first this many bytes makes it binary (not scanned). */
const BINARY_SNIFF_BYTES = 8000;
/** Characters before an anchor a window keeps (the longest `before` of any detector). */
const BEFORE_MAX = 256;
/** Characters after an anchor's start a window keeps (the longest `after`). */
const AFTER_MAX = 4096;

interface Anchor {
  text: string;
  bytes: Buffer;
  detectors: { rule: string; detector: Detector }[];
}

/** An anchor as the prefilter sees it: found where this bigram starts, `at` bytes into the anchor. */
interface AnchorAt {
  anchor: Anchor;
  at: number;
}

const code = (text: string, at: number) => text.charCodeAt(at) | (text.charCodeAt(at + 1) << 8);

/** The anchors of every content rule, by bigram (little-endian code), built once. */
class AnchorTable {
  readonly byBigram = new Map<number, AnchorAt[]>();
  readonly bigrams: string[];
  readonly maxAt: number;
  /** kind -> the kinds it makes redundant in the same file */
  readonly supersedes = new Map<string, readonly string[]>();

  constructor(rules: readonly ContentRule[]) {
    const anchors = new Map<string, Anchor>();
    let maxAt = 0;
    const mark = (anchor: Anchor, at: number) => {
      const list = this.byBigram.get(code(anchor.text, at)) ?? [];
      list.push({ anchor, at });
      this.byBigram.set(code(anchor.text, at), list);
      maxAt = Math.max(maxAt, at);
    };
    for (const rule of rules) {
      for (const d of rule.detectors) {
        if (d.supersedes) this.supersedes.set(d.kind, d.supersedes);
        let a = anchors.get(d.anchor);
        if (!a) {
          if (d.anchor.length < 3) throw new Error(`anchor ${d.anchor} is shorter than 3 bytes`);
          a = { text: d.anchor, bytes: Buffer.from(d.anchor, 'latin1'), detectors: [] };
          anchors.set(d.anchor, a);
          // the prefilter looks at even positions only: mark the rare bigram and its neighbour
          mark(a, d.bigramAt);
          mark(a, d.bigramAt + 2 < d.anchor.length ? d.bigramAt + 1 : d.bigramAt - 1);
        }
        a.detectors.push({ rule: rule.id, detector: d });
      }
    }
    this.maxAt = maxAt;
    this.bigrams = [...this.byBigram.keys()].map((c) => String.fromCharCode(c & 0xff, c >> 8));
  }
}

export interface ContentRule {
  id: string;
  detectors: readonly Detector[];
}

/** Anchor tables by rule list, built once. */
const tables = new WeakMap<readonly ContentRule[], AnchorTable>();
const notScanned = globMatcher(NOT_SCANNED_PATHS);

// the last directory asked about: files come directory by directory in a layer
let lastDir = '';
let lastDirScanned = true;

/** Whether the walk scans this file's content at all. */
export function scansFile(path: string, size: number): boolean {
  if (size === 0 || size > SECRET_SCAN_MAX_FILE_BYTES) return false;
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir !== lastDir) {
    lastDir = dir;
    lastDirScanned = !notScanned(dir);
  }
  return lastDirScanned;
}

/**
 * The scan of one file at a time: `begin`, `write` every piece of its content in order, then
 * `end`. One instance serves file after file of one layer walk, with its own prefilter memory
 * (~400 KiB), so walks interleaved in one thread do not share it.
 */
export class ContentScan {
  private active = false;
  /** bytes in the prefilter's input: the kept end of the last piece, then the new bytes */
  private length = 0;
  /** the input starts with BEFORE_MAX kept bytes whose anchors were judged already */
  private judgedUpTo = 0;
  private linesBefore = 0;
  private sniffed = 0;
  private attempts = 0;
  private layerAttempts = 0;
  private hits: SecretHit[] = [];
  private readonly table: AnchorTable;
  private readonly filter: BigramFilter;
  private readonly view: Buffer;

  constructor(rules: readonly ContentRule[]) {
    let table = tables.get(rules);
    if (!table) {
      table = new AnchorTable(rules);
      tables.set(rules, table);
    }
    this.table = table;
    this.filter = new BigramFilter(table.bigrams);
    const input = this.filter.input(INPUT_CAP);
    this.view = Buffer.from(input.buffer, input.byteOffset, INPUT_CAP);
  }

  begin(): void {
    this.active = true;
    this.length = 0;
    this.judgedUpTo = 0;
    this.linesBefore = 0;
    this.sniffed = 0;
    this.attempts = 0;
    this.hits = [];
  }

  write(piece: Buffer): void {
    if (!this.active) return;
    if (this.sniffed < BINARY_SNIFF_BYTES) {
      // binary by content, as git and grep judge it: a NUL byte in the first 8000 bytes
      const look = piece.subarray(0, BINARY_SNIFF_BYTES - this.sniffed);
      this.sniffed += look.length;
      if (look.indexOf(0) >= 0) {
        this.active = false;
        return;
      }
    }
    let pos = 0;
    while (pos < piece.length) {
      const take = Math.min(INPUT_CAP - this.length, piece.length - pos);
      piece.copy(this.view, this.length, pos, pos + take);
      this.length += take;
      pos += take;
      if (this.length === INPUT_CAP) this.judge(false);
      if (!this.active) return;
    }
  }

  /** The secrets of the file (undefined: none), masked. */
  end(): SecretHit[] | undefined {
    if (this.active && this.length > 0) this.judge(true);
    this.active = false;
    if (this.hits.length === 0) return undefined;
    const superseded = new Set(this.hits.flatMap((h) => this.table.supersedes.get(h.kind) ?? []));
    const hits = superseded.size > 0 ? this.hits.filter((h) => !superseded.has(h.kind)) : this.hits;
    this.hits = [];
    return hits;
  }

  /** Judges the anchors whose window has arrived; keeps the input's end for the next piece. */
  private judge(final: boolean): void {
    const from = this.judgedUpTo;
    const to = final ? this.length : this.length - AFTER_MAX;
    if (to > from) {
      const scanTo = Math.min(this.length, to + this.table.maxAt + 1);
      this.filter.find(scanTo, (i) => this.onBigram(i, from, to));
    }
    if (final) return;
    const keepFrom = to - BEFORE_MAX;
    this.linesBefore += countLines(this.view, 0, keepFrom);
    this.view.copyWithin(0, keepFrom, this.length);
    this.length -= keepFrom;
    this.judgedUpTo = BEFORE_MAX;
  }

  private onBigram(i: number, from: number, to: number): void {
    const view = this.view;
    const anchors = this.table.byBigram.get((view[i] as number) | ((view[i + 1] as number) << 8));
    if (!anchors || !this.active) return;
    for (const { anchor: a, at } of anchors) {
      const start = i - at;
      const end = start + a.bytes.length;
      if (start < from || start >= to || end > this.length) continue;
      if (view[start] !== a.bytes[0] || view[end - 1] !== a.bytes[a.bytes.length - 1]) continue;
      if (view.compare(a.bytes, 0, a.bytes.length, start, start + a.bytes.length) !== 0) continue;
      for (const { rule, detector } of a.detectors) this.tryDetector(rule, detector, start);
    }
  }

  private tryDetector(rule: string, d: Detector, start: number): void {
    if (++this.attempts > ATTEMPTS_PER_FILE || ++this.layerAttempts > ATTEMPTS_PER_LAYER) {
      this.active = false; // over budget: what was found stays found
      return;
    }
    const winStart = Math.max(0, start - (d.before ?? 1));
    const winEnd = Math.min(this.length, start + (d.after ?? 256));
    const window = this.view.toString('latin1', winStart, winEnd);
    const anchorAt = start - winStart;
    d.re.lastIndex = 0;
    for (let m = d.re.exec(window); m; m = d.re.exec(window)) {
      if (m.index > anchorAt) return;
      if (m.index + m[0].length <= anchorAt) continue;
      const found = d.confirm(m, window);
      if (!found) return;
      const line = this.linesBefore + countLines(this.view, 0, winStart + m.index) + 1;
      const kind = found.kind ?? d.kind;
      if (!this.hits.some((h) => h.rule === rule && h.line === line && h.evidence === found.evidence))
        this.hits.push({ rule, kind, line, evidence: found.evidence });
      return;
    }
  }
}

function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

let textScan: ContentScan | undefined;

/** The secrets of a short text (a config value, a history line), by the same formats and checks. */
export function scanText(text: string, rules: readonly ContentRule[]): SecretHit[] {
  textScan ??= new ContentScan(rules);
  textScan.begin();
  textScan.write(Buffer.from(text, 'utf8'));
  return textScan.end() ?? [];
}
