// What the layer walk keeps of a file's content, by path: a list of captured kinds, each with the
// path globs it covers (matched by the one path matcher, engine/glob.ts: a name holding a newline
// cannot slip past it) and what it keeps of the first bytes. Raw bytes are kept only where a rule
// needs them and they are no secret (account databases); a credential file is reduced in the walk
// to its masked evidence, so neither the model nor the layer cache ever holds the secret.
// A new captured kind (a package database, say) is one more row of CAPTURE_KINDS.

import { globMatcher } from '../../engine/glob.js';
import type { FileEntry } from '../../model/types.js';
import { detectCredentialFile } from '../../secrets/credential-files.js';

/** Bytes of a captured file the walk looks at (and keeps, for kinds that keep content). */
export const CAPTURE_MAX_BYTES = 64 * 1024;

export interface CaptureKind {
  id: string;
  /** absolute path globs (`**` across segments, `*` within one) */
  paths: readonly string[];
  /** what the entry keeps of the captured text (its first CAPTURE_MAX_BYTES, as UTF-8) */
  keep(entry: FileEntry, text: string): void;
}

export const CAPTURE_KINDS: readonly CaptureKind[] = [
  {
    id: 'accounts',
    paths: ['/etc/passwd', '/etc/group'],
    keep: (entry, text) => {
      entry.content = text;
    },
  },
  {
    id: 'credential-file',
    paths: [
      '**/.npmrc',
      '**/.pypirc',
      '**/.netrc',
      '**/.git-credentials',
      '**/.aws/credentials',
      '**/.docker/config.json',
      '**/.env',
      '**/credentials.json',
      '**/id_rsa',
      '**/id_dsa',
      '**/id_ecdsa',
      '**/id_ed25519',
    ],
    keep: (entry, text) => {
      const found = detectCredentialFile(entry.path, entry.size, text);
      if (found) entry.credentialFile = found;
    },
  },
];

/** Every captured path glob (documentation and tests). */
export const CAPTURED_PATHS: readonly string[] = CAPTURE_KINDS.flatMap((k) => k.paths);

const kindMatchers = CAPTURE_KINDS.map((k) => globMatcher(k.paths, { below: false }));

/** The captured kind of a path, if any. */
export function captureKindOf(path: string): CaptureKind | undefined {
  const i = kindMatchers.findIndex((matches) => matches(path));
  return i < 0 ? undefined : CAPTURE_KINDS[i];
}

export function isCapturedPath(path: string): boolean {
  return captureKindOf(path) !== undefined;
}
