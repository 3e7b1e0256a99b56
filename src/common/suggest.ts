/** "Did you mean …?": the known names closest to what was typed (edit distance, case-insensitive). */

export function closeMatches(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const scored = candidates
    .map((c) => {
      const lower = c.toLowerCase();
      const distance = editDistance(needle, lower);
      // A candidate containing the input (or contained in it) is close whatever its length.
      const contains = needle.length >= 3 && (lower.includes(needle) || needle.includes(lower));
      // Every word of the input in the candidate: max-heap → max-live-heap.
      const words = needle.split(/[-_\s]+/).filter((w) => w.length > 0);
      const allWords = words.length > 1 && words.every((w) => lower.split('-').includes(w));
      return { c, score: contains || allWords ? Math.min(distance, 1) : distance };
    })
    .filter(({ c, score }) => score <= Math.max(2, Math.floor(Math.max(c.length, input.length) / 3)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, max).map(({ c }) => c);
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
