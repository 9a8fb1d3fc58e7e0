/** Human sizes in SI units like dive and docker ("1.2 MB"); exact bytes below 1 kB. */
export function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

export function percent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return Number.isNaN(ratio) ? 'NaN (0/0)' : '+Inf (x/0)'; // dive's user-wasted ratio
  return `${(ratio * 100).toFixed(digits)}%`;
}
