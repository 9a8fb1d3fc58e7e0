// What the layer walk keeps of file content: the first bytes of a few well-known files whose
// meaning is in their content (account databases, credential files), and a private-key hint for
// small files. Rules and the EntryRecorder both read this module so they agree on the list.

/** Bytes of a captured file kept as FileEntry.content. */
export const CAPTURE_MAX_BYTES = 64 * 1024;
/** Files at least this big are not scanned for a PEM header (keys are a few KiB). */
export const PEM_SCAN_MAX_FILE_BYTES = 1024 * 1024;
/** How much of the start of a file is scanned for a PEM private-key header. */
export const PEM_SCAN_BYTES = 4096;

/** The captured paths, as globs (documentation and rule messages); CAPTURE_PATH_RE is the test. */
export const CAPTURED_PATHS = [
  '/etc/passwd',
  '/etc/group',
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
] as const;

export const CAPTURE_PATH_RE =
  /^(?:\/etc\/(?:passwd|group)|.*\/(?:\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.aws\/credentials|\.docker\/config\.json|\.env|credentials\.json|id_(?:rsa|dsa|ecdsa|ed25519)))$/;

export function isCapturedPath(path: string): boolean {
  return CAPTURE_PATH_RE.test(path);
}

const BEGIN = Buffer.from('-----BEGIN ');
const DASH = 0x2d;
const B = 0x42;

/**
 * The cheap test run on every small file: key files start with their PEM header ("-----BEGIN"),
 * with a certificate before the key (cert + key bundles), or with OpenSSL's "Bag Attributes"
 * (pkcs12 exports). Only those are scanned; a key after other text is not found.
 */
export function mayHoldPrivateKey(firstByte: number): boolean {
  return firstByte === DASH || firstByte === B;
}
const PRIVATE_KEY_RE = /^-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** True when a line of `head` starts with a PEM (or OpenSSH / PGP armored) private-key header. */
export function hasPrivateKeyHeader(head: Buffer): boolean {
  for (let i = head.indexOf(BEGIN); i >= 0; i = head.indexOf(BEGIN, i + 1)) {
    if (i > 0 && head[i - 1] !== 0x0a && head[i - 1] !== 0x0d) continue; // prose or a quoted string, not a key file
    if (PRIVATE_KEY_RE.test(head.toString('latin1', i, Math.min(head.length, i + 64)))) return true;
  }
  return false;
}
