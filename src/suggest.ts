/** Edit distance between two short names (argument or function names); small inputs only. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates closest to `name`, best first, for "did you mean" hints. A candidate counts as close when
 * at most a third of its letters differ, or when one name contains the other (`customer` → `customer_id`).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
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
