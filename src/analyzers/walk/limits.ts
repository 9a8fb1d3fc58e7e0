/** Explicit bounds on what one image may make layerlint do (decompression bombs, entry floods). */
export interface Limits {
  /** Uncompressed bytes one layer may expand to. */
  maxLayerBytes: number;
  /**
   * Tar entries the whole image may hold, all layers together: what the model's memory is
   * proportional to. One layer alone is held to it too.
   */
  maxEntries: number;
  /** Largest zstd window (memory one zstd frame may ask for). */
  maxZstdWindow: number;
  /**
   * Entries recorded so far for this image, shared by every walk of it (worker threads included:
   * a SharedArrayBuffer is shared, not copied, when the limits are posted). Made by imageLimits.
   */
  entriesSeen?: Int32Array;
}

export const DEFAULT_LIMITS: Limits = {
  maxLayerBytes: 64 * 1024 ** 3,
  maxEntries: 4_000_000,
  maxZstdWindow: 128 * 1024 ** 2,
};

/** Limits for one image: `base` with a fresh image-wide entry count. */
export function imageLimits(base: Limits = DEFAULT_LIMITS): Limits {
  return { ...base, entriesSeen: new Int32Array(new SharedArrayBuffer(4)) };
}

export class EntryLimitError extends Error {}

export function entryLimitMessage(label: string, max: number): string {
  return `${label}: the image holds more than ${max} tar entries (raise --max-entries)`;
}

/**
 * Count `n` more entries against the image's budget; throws EntryLimitError past it. `ownCount`
 * is the caller's own tally (one layer), the bound when the limits carry no image-wide count.
 */
export function countEntries(limits: Limits, n: number, ownCount: number, label: string): void {
  const total = limits.entriesSeen ? Atomics.add(limits.entriesSeen, 0, n) + n : ownCount;
  if (total > limits.maxEntries) throw new EntryLimitError(entryLimitMessage(label, limits.maxEntries));
}
