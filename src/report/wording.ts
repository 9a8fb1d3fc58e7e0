// The words every output uses for what `layerlint fix` can do and for what it did.

/** A finding `layerlint fix` can rewrite (analyze, the explorer). */
export const FIXABLE = 'layerlint fix can do this';
/** What `layerlint fix --write` changed. */
export const FIXED = 'fixed';
