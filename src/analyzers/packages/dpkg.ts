// dpkg: /var/lib/dpkg/status (every package, no file lists), /var/lib/dpkg/info/<pkg>[:<arch>].list
// (one package's paths), and distroless's /var/lib/dpkg/status.d/<pkg> (one stanza a file) with
// status.d/<pkg>.md5sums (its files, relative, after an md5).
import { parseStanzas } from './control.js';
import type { PackageRecord } from './types.js';

/** Packages dpkg considers installed ("install ok installed", also half-configured/unpacked ones). */
export function parseDpkgStatus(text: string, requireStatus = true): PackageRecord[] {
  const out: PackageRecord[] = [];
  for (const s of parseStanzas(text)) {
    const name = s.get('package');
    if (!name) continue;
    const status = s.get('status');
    // "deinstall ok config-files": removed, only its conffiles are left; "not-installed": gone
    if (status !== undefined || requireStatus) {
      const state = status?.split(/\s+/)[2];
      if (!state || state === 'not-installed' || state === 'config-files') continue;
    }
    const kib = Number(s.get('installed-size'));
    const arch = s.get('architecture');
    out.push({
      ecosystem: 'deb',
      // dpkg names a multi-arch package's list file "<name>:<arch>.list"; the record keeps both forms joinable
      name: arch && s.get('multi-arch') === 'same' ? `${name}:${arch}` : name,
      version: s.get('version') ?? '',
      files: [],
      ...(Number.isFinite(kib) && kib > 0 ? { declaredSize: kib * 1024 } : {}),
      ...(s.get('section') ? { section: s.get('section') } : {}),
    });
  }
  return out;
}

/** `info/<pkg>.list`: absolute paths, "/." first. */
export function parseDpkgList(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const p = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (p.startsWith('/') && p !== '/.') files.push(p);
  }
  return files;
}

/** distroless `status.d/<pkg>.md5sums`: "<md5>  <relative path>" lines. */
export function parseMd5sums(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^[0-9a-f]{32} [ *]?(.+?)\r?$/.exec(line);
    if (m) files.push(`/${m[1].replace(/^\.?\/+/, '')}`);
  }
  return files;
}

/** The package a list file names: "libc6:amd64.list" -> "libc6:amd64"; "base-files.list" -> "base-files". */
export function packageOfListFile(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(?:list|md5sums)$/, '');
}
