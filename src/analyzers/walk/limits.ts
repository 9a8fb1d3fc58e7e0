/** Explicit bounds on what one image may make layerlint do (decompression bombs, entry floods). */
export interface Limits {
  /** Uncompressed bytes one layer may expand to. */
  maxLayerBytes: number;
  /** Tar entries one layer may hold. */
  maxLayerEntries: number;
  /** Largest zstd window (memory one zstd frame may ask for). */
  maxZstdWindow: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxLayerBytes: 64 * 1024 ** 3,
  maxLayerEntries: 2_000_000,
  maxZstdWindow: 128 * 1024 ** 2,
};
