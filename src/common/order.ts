/**
 * Names in the order people number them: `snap2` before `snap10`, `team2` before `team10` (runs of
 * digits compare as numbers), the rest by code point, as a plain sort. By hand, not
 * localeCompare's `numeric`: that loads ICU's collation data (~100 ms on its first use) for a
 * list of file names.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const endA = digitsEnd(a, i);
      const endB = digitsEnd(b, j);
      // Leading zeros aside, a longer run is a larger number; runs of one length compare as text.
      const na = a.slice(i, endA).replace(/^0+(?=\d)/, '');
      const nb = b.slice(j, endB).replace(/^0+(?=\d)/, '');
      if (na.length !== nb.length) return na.length - nb.length;
      if (na !== nb) return na < nb ? -1 : 1;
      i = endA;
      j = endB;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  // One is a prefix of the other (or they differ only in leading zeros): the shorter first, then as text.
  return (a.length - i) - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}
