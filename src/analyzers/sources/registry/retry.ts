// When and how long to wait before asking a registry again (pure).

export const MAX_ATTEMPTS = 5;
const BASE_MS = 250;
const CAP_MS = 8000;

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

export function isRetryableError(err: unknown): boolean {
  const e = err as { code?: string; retryable?: boolean; message?: string };
  if (e?.retryable === true) return true;
  return (
    (typeof e?.code === 'string' && RETRYABLE_CODES.has(e.code)) ||
    e?.message === 'aborted' ||
    e?.message === 'socket hang up'
  );
}

/** Capped exponential backoff with full jitter: random in [0, min(cap, base * 2^attempt)). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v.trim()) * 1000;
  const when = Date.parse(v);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - now);
}
