/**
 * `start_chars_hint` for a token whose pattern is a complement set such as `[^\t\r\n]+`:
 * Chevrotain cannot derive first characters from a complement, and without a hint the lexer's
 * first-char optimisation is disabled for the whole mode (`ensureOptimizations` makes that fatal).
 * Every code unit that can start such a token: tab, printable ASCII, Latin-1, and one code per
 * 256-code bucket above it — Chevrotain files characters above 255 into buckets of 256
 * (lexer.js charCodeToOptimizedIndex), so 500 codes do the work of 65,000 and keep lexer
 * construction, paid at every start of the CLI, fast.
 */
export function startCharsExcept(excluded: string): number[] {
  const skip = new Set([...excluded].map((c) => c.charCodeAt(0)));
  const codes: number[] = skip.has(9) ? [] : [9];
  for (let code = 0x20; code <= 0xff; code++) if (!skip.has(code)) codes.push(code);
  for (let code = 0x100; code <= 0xffff; code += 0x100) codes.push(code);
  return codes;
}

/**
 * `start_chars_hint` for a character class: every character of the inclusive ranges, e.g.
 * `charRanges('AZ', '__', 'az')` for `[A-Za-z_]`. With a hint and `line_breaks` on every token,
 * Chevrotain builds a lexer without parsing its patterns (regexp-to-ast), paid at every start;
 * test/helpers/lexer-hints.ts checks each grammar's hints against its patterns.
 */
export function charRanges(...ranges: string[]): string[] {
  return ranges.flatMap((range) => {
    const chars: string[] = [];
    for (let code = range.charCodeAt(0); code <= range.charCodeAt(range.length - 1); code++) chars.push(String.fromCharCode(code));
    return chars;
  });
}

/** The first characters of `\d`. */
export const DIGITS = charRanges('09');
/** The first characters of `\r?\n`. */
export const LINE_END = ['\r', '\n'];
