// What a content rule tells the content scanner: credential formats, each found from a literal
// anchor (the keyword pre-filter) and confirmed by a precise pattern and, where the provider
// documents one, a checksum. Detections keep only masked evidence: never the secret's bytes.

import * as zlib from 'node:zlib';

export type { SecretHit } from '../model/types.js';

export interface Confirmed {
  evidence: string;
  kind?: string;
}

export interface Detector {
  kind: string;
  /** how a finding names it: "GitHub personal access token" */
  label: string;
  /** a literal every match contains (matched case-sensitively) */
  anchor: string;
  /** where in `anchor` its rarest two bytes are: the bigram the prefilter looks for */
  bigramAt: number;
  /** how many characters before the anchor a match may start (default: 1, for a boundary check) */
  before?: number;
  /** how many characters after the anchor's start a match may end (default 256) */
  after?: number;
  /** global regular expression of the whole format; a match must cover the anchor */
  re: RegExp;
  /** checks a match (checksum, placeholder, context) and masks it; undefined rejects it */
  confirm(match: RegExpExecArray, window: string): Confirmed | undefined;
  /** kinds this detection makes redundant in the same file (one finding per problem) */
  supersedes?: string[];
}

// ---- helpers the detectors share ----------------------------------------------------------

/** The documented example values (AWS's docs and SDKs) and obvious placeholders. */
export function isPlaceholderSecret(secret: string): boolean {
  return /EXAMPLE|example|XXXXXXXX|xxxxxxxx|(.)\1{7}|0123456789|abcdefgh|ABCDEFGH/.test(secret);
}

/** Fewer than `min` distinct characters: a made-up value ("aaaa1111..."), not a random token. */
export function lowVariety(secret: string, min = 8): boolean {
  return new Set(secret).size < min;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

// zlib.crc32 is Node >= 20.15; a table for older releases (the same IEEE polynomial).
let crcTable: Uint32Array | undefined;
function crc32(text: string): number {
  const native = (zlib as { crc32?: (data: string | Buffer) => number }).crc32;
  if (native) return native(Buffer.from(text, 'latin1'));
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (crcTable[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * GitHub's token format (2021), also npm's: prefix, 30 random base62 characters, then the CRC32 of
 * those 30 in base62, left-padded with zeros to 6 characters.
 */
export function hasBase62Checksum(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** Builds a token with a valid checksum (tests make their fake tokens with it). */
export function withBase62Checksum(prefix: string, random30: string): string {
  return `${prefix}${random30}${base62(crc32(random30), 6)}`;
}

/** Masks all of `token` after its first `keep` characters. */
export function keepPrefix(token: string, keep: number): string {
  return `${token.slice(0, keep)}****`;
}
