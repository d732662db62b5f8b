/** Small statistics over samples in milliseconds (or bytes): nearest-rank percentiles, no interpolation. */

export function percentile(samples: ArrayLike<number>, fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: ArrayLike<number>): number => percentile(samples, 0.5);

/** `ours / theirs` as `0.42×`, or `—` when either side is missing. */
export function ratio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return '—';
  const value = ours / theirs;
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3)}×`;
}
