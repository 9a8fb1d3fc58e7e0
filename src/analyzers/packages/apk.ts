// apk: /lib/apk/db/installed, one block per package of "K:value" lines (P name, V version,
// I installed size in bytes, F a directory relative to /, R a file in the last F directory).
import type { PackageRecord } from './types.js';

export function parseApkInstalled(text: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  let pkg: PackageRecord | undefined;
  let dir = '';
  const finish = () => {
    if (pkg?.name) out.push(pkg);
    pkg = undefined;
    dir = '';
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      finish();
      continue;
    }
    if (line[1] !== ':') continue;
    pkg ??= { ecosystem: 'apk', name: '', version: '', files: [] };
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        pkg.name = value;
        break;
      case 'V':
        pkg.version = value;
        break;
      case 'I': {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) pkg.declaredSize = n;
        break;
      }
      case 'F':
        dir = value.replace(/^\/+|\/+$/g, '');
        pkg.files.push(`/${dir}`);
        break;
      case 'R':
        pkg.files.push(dir ? `/${dir}/${value}` : `/${value}`);
        break;
    }
  }
  finish();
  return out;
}
