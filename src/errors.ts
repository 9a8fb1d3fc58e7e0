/**
 * An error the user can act on: printed as one line, exit code 2, no stack trace unless --debug.
 * Everything else that escapes is a bug and is reported as such.
 */
export class LayerlintError extends Error {
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LayerlintError';
  }
}

export function isLayerlintError(err: unknown): err is LayerlintError {
  return err instanceof Error && err.name === 'LayerlintError';
}

export function shortDigest(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return `sha256:${hex.slice(0, 12)}`;
}
