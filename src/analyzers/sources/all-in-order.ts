/**
 * Like Promise.all for layer walks that run in parallel, but the error reported is the one of the
 * lowest index (the first bad layer), so that what a user sees does not depend on timing. Only
 * earlier walks are waited for; later failures are absorbed into the first.
 */
export async function allInOrder<T>(promises: Promise<T>[]): Promise<T[]> {
  for (const p of promises) p.catch(() => {});
  const out: T[] = [];
  for (const p of promises) out.push(await p);
  return out;
}
