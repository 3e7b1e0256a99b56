/**
 * `start_chars_hint` for a token whose pattern is a complement set such as `[^\t\r\n]+`:
 * Chevrotain cannot derive first characters from a complement, and without a hint the lexer's
 * first-char optimisation is disabled for the whole mode (`ensureOptimizations` makes that fatal).
 * Every UTF-16 code unit that can start such a token: tab, printable ASCII and everything above it.
 */
export function startCharsExcept(excluded: string): number[] {
  const skip = new Set([...excluded].map((c) => c.charCodeAt(0)));
  const codes: number[] = skip.has(9) ? [] : [9];
  for (let code = 0x20; code <= 0xffff; code++) if (!skip.has(code)) codes.push(code);
  return codes;
}
