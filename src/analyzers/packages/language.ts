// Language package managers' own records, read from the files they leave beside the packages.
// A language package owns a directory prefix (everything below it that no deeper package owns),
// written as the directory path with a trailing "/".
import type { PackageRecord } from './types.js';

const NPM_MANIFEST = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/s;
const DIST_INFO_RECORD = /^(.*)\/([^/]+)\.dist-info\/RECORD$/s;
const EGG_INFO_FILES = /^(.*)\/([^/]+)\.egg-info\/installed-files\.txt$/s;
const GEMSPEC = /^(.*)\/specifications\/([^/]+)\.gemspec$/s;
const JAR = /\/([^/]+)\.(?:jar|war|ear)$/is;

/** "requests-2.31.0" -> ["requests", "2.31.0"]; the version is what follows the last "-<digit>". */
function splitNameVersion(stem: string): [string, string] {
  const m = /^(.+?)-(\d[^-]*)(?:-.*)?$/s.exec(stem);
  return m ? [m[1], m[2]] : [stem, ''];
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function parseNpmManifest(path: string, text: string): PackageRecord | undefined {
  const m = NPM_MANIFEST.exec(path);
  if (!m) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // a broken package.json still leaves the directory to the parent's owner
  }
  const o = (json ?? {}) as { name?: unknown; version?: unknown };
  const dirName = m[1].slice(m[1].indexOf('/node_modules/') >= 0 ? m[1].lastIndexOf('/node_modules/') + 14 : 0);
  return {
    ecosystem: 'npm',
    name: typeof o.name === 'string' && o.name ? o.name : dirName,
    version: typeof o.version === 'string' ? o.version : '',
    files: [`${m[1]}/`],
  };
}

export function parsePythonRecord(path: string, text: string): PackageRecord | undefined {
  const m = DIST_INFO_RECORD.exec(path);
  if (!m) return undefined;
  const [name, version] = splitNameVersion(m[2]);
  const files = new Set<string>([`${m[1]}/${m[2]}.dist-info/`]);
  for (const line of text.split('\n')) {
    const rel = csvFirstField(line.replace(/\r$/, ''));
    if (rel) files.add(rel.startsWith('/') ? normalize(rel) : normalize(`${m[1]}/${rel}`));
  }
  return { ecosystem: 'python', name, version, files: [...files] };
}

export function parseEggInstalledFiles(path: string, text: string): PackageRecord | undefined {
  const m = EGG_INFO_FILES.exec(path);
  if (!m) return undefined;
  const [name, version] = splitNameVersion(m[2].replace(/-py\d[\d.]*$/, ''));
  const eggDir = `${m[1]}/${m[2]}.egg-info`;
  const files = new Set<string>([`${eggDir}/`]);
  for (const line of text.split('\n')) {
    const rel = line.replace(/\r$/, '').trim();
    if (rel && rel !== './') files.add(rel.startsWith('/') ? normalize(rel) : normalize(`${eggDir}/${rel}`));
  }
  return { ecosystem: 'python', name, version, files: [...files] };
}

/** RECORD is CSV: a path with a comma is quoted. */
function csvFirstField(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0];
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else break;
    } else out += line[i];
  }
  return out;
}

export function gemFromSpec(path: string): PackageRecord | undefined {
  const m = GEMSPEC.exec(path);
  if (!m) return undefined;
  const [name, version] = splitNameVersion(m[2]);
  return { ecosystem: 'gem', name, version, files: [path, `${m[1]}/gems/${m[2]}/`] };
}

export function jarPackage(path: string): PackageRecord | undefined {
  const m = JAR.exec(path);
  if (!m) return undefined;
  const [name, version] = splitNameVersion(m[1]);
  return { ecosystem: 'jar', name, version, files: [path] };
}
