/**
 * Text from a dump (function names, paths, compiler messages) is printed to a terminal only
 * after control characters are replaced: a crafted dump must not be able to move the cursor,
 * change colours or set the window title. Tabs become spaces; everything else becomes '?'.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(/\t/g, ' ').replace(/\r?\n/g, ' ').replace(CONTROL, '?');
}
