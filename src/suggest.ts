/**
 * Edit distance between two short names (argument or function names) where swapping two neighbouring letters
 * counts as one edit, since `nmae` for `name` is a typo of one slip, not two.
 */
function distance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i letters of a and the first j of b (row 0 and column 0 count up).
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i || j));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      rows[i]![j] = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), swapped ? rows[i - 2]![j - 2]! + 1 : Infinity);
    }
  }
  return rows[a.length]![b.length]!;
}

/** Names longer than this are never compared (and never suggested). */
const MAX_COMPARED_LENGTH = 64;

/**
 * The candidates closest to `name`, best first, for "did you mean" hints. A candidate counts as close when
 * at most a third of its letters differ, or when one name contains the other (`customer` → `customer_id`).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<[string, number]> = [];
  // The distance is O(n·m): a name longer than any real one is no typo of it, and is not compared at all.
  if (name.length > MAX_COMPARED_LENGTH) return [];
  for (const candidate of candidates) {
    if (candidate.length > MAX_COMPARED_LENGTH) continue;
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    const contained = candidate.includes(name) || name.includes(candidate);
    if (score <= Math.max(1, Math.floor(candidate.length / 3)) || contained) scored.push([candidate, score]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([candidate]) => candidate);
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const [best] = closestNames(name, candidates, 1);
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}
