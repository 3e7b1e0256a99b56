/**
 * Text from a dump (function names, paths, compiler messages) is printed to a terminal only
 * after control characters are replaced: a crafted dump must not be able to move the cursor,
 * change colours or set the window title. Tabs become spaces; everything else becomes '?'.
 * Invisible format characters are replaced too: bidi overrides (which reorder what is shown), zero
 * widths (U+200B–U+200D, U+2060, U+FEFF: two names that look the same but differ, and columns
 * that no longer line up) and the line and paragraph separators U+2028/U+2029. No Go identifier
 * holds one.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

export function stripControl(text: string): string {
  return text.replace(/\t/g, ' ').replace(/\r?\n/g, ' ').replace(CONTROL, '?');
}

/** How a report names an input in a heading or a sentence: standard input for `-` (its name on the command line), else its name. */
export function inputTitle(name: string): string {
  return name === '-' ? 'standard input' : name;
}
