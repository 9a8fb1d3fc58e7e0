// Go binaries carry their module list (what `go version -m` prints): the .go.buildinfo section
// starts with "\xff Go buildinf:", and since Go 1.18 (flag 2) it holds two varint-prefixed
// strings, the Go version and the module info ("path", "mod", "dep" and "=>" lines between two
// 16-byte sentinels). Older binaries point into the data segment instead: reported, not read.
// Hand-written: the format is a few lines, and no npm package reads it.
import type { PackageRecord } from './types.js';

export const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
const FLAG_INLINE_STRINGS = 2;

export interface GoBuildInfo {
  goVersion: string;
  /** the main package's import path */
  path: string;
  main?: GoModule;
  deps: GoModule[];
}

export interface GoModule {
  path: string;
  version: string;
  /** a `replace` directive's target: "./greet", "example.org/fork v1.2.0" */
  replacedBy?: string;
}

function uvarint(buf: Buffer, at: number): [value: number, next: number] | undefined {
  let value = 0;
  for (let shift = 0, i = at; i < buf.length && shift < 35; i++, shift += 7) {
    const b = buf[i] as number;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, i + 1];
  }
  return undefined;
}

function str(buf: Buffer, at: number): [text: string, next: number] | undefined {
  const n = uvarint(buf, at);
  if (!n || n[1] + n[0] > buf.length) return undefined;
  return [buf.toString('utf8', n[1], n[1] + n[0]), n[1] + n[0]];
}

/** `buf` starts at the magic; undefined when it is not a build info block this reader knows. */
export function parseGoBuildInfo(buf: Buffer): GoBuildInfo | 'pre-1.18' | undefined {
  if (buf.length < HEADER || !buf.subarray(0, GO_BUILDINFO_MAGIC.length).equals(GO_BUILDINFO_MAGIC)) return undefined;
  const flags = buf[15] as number;
  if ((flags & FLAG_INLINE_STRINGS) === 0) return 'pre-1.18';
  const version = str(buf, HEADER);
  const mod = version && str(buf, version[1]);
  if (!version || !mod) return undefined;
  let text = mod[0];
  if (text.length >= 33 && text[text.length - 17] === '\n') text = text.slice(16, -16);
  const info: GoBuildInfo = { goVersion: version[0], path: '', deps: [] };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, a = '', b = ''] = line.split('\t');
    if (kind === 'path') info.path = a;
    else if (kind === 'mod') last = info.main = { path: a, version: b };
    else if (kind === 'dep') {
      last = { path: a, version: b };
      info.deps.push(last);
    } else if (kind === '=>' && last) {
      last.replacedBy = b && b !== '(devel)' ? `${a} ${b}` : a;
    }
  }
  return info;
}

/** The binary as a package: the main module, its bytes the binary's, its dependencies listed. */
export function goBinaryPackage(path: string, info: GoBuildInfo): PackageRecord {
  return {
    ecosystem: 'go',
    name: info.main?.path || info.path || path.slice(path.lastIndexOf('/') + 1),
    version: info.main?.version ?? '',
    files: [path],
    section: `go${info.goVersion.replace(/^go/, '')}`,
    modules: info.deps.map((d) => `${d.path}@${d.version}${d.replacedBy ? ` => ${d.replacedBy}` : ''}`),
  };
}
