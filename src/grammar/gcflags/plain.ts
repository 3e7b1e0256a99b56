/**
 * Which stretches of a lexed chunk are plain: printable ASCII without `"` or `\`, the characters a
 * JSON string holds as they are. `heapdoc escape --format json` copies a plain message's text
 * with one native call instead of escaping it a character at a time (report/escape/json.ts,
 * CompilerMessage.plain). One regular-expression scan a chunk finds the few characters that are
 * not plain (in `go build -gcflags=all=-m std`, 3.6 % of the lines hold a quote); a message is
 * plain when none falls inside it, which a cursor over those offsets tells in a step or two.
 */

/**
 * Not plain: everything outside printable ASCII, and `"` and `\`. Except `\n`: no message holds
 * one, and a match a line would cost each line a call of the expression (a CR stays: a lone one can
 * be in an unrecognized line).
 */
const NOT_PLAIN = /[^\n\x20\x21\x23-\x5b\x5d-\x7e]/g;

export class PlainStretches {
  /** The chunk the offsets are of. */
  private text: string | undefined;
  /** Where its characters that are not plain are, in order (the first `count` entries). */
  private readonly offsets: number[] = [];
  private count = 0;
  /** The first offset at or after the last stretch asked about. */
  private next = 0;
  private lastStart = 0;

  /** Whether text[start, end) is plain. The lines of a chunk are asked about in order; a chunk's first line starts again. */
  isPlain(text: string, start: number, end: number): boolean {
    if (text !== this.text) this.scan(text);
    else if (start < this.lastStart) this.next = 0;
    this.lastStart = start;
    const offsets = this.offsets;
    const count = this.count;
    let next = this.next;
    while (next < count && (offsets[next] as number) < start) next++;
    this.next = next;
    return next === count || (offsets[next] as number) >= end;
  }

  private scan(text: string): void {
    this.text = text;
    this.next = 0;
    this.lastStart = 0;
    let count = 0;
    // `test` moves lastIndex past each match without making a match array; a match is one character.
    NOT_PLAIN.lastIndex = 0;
    while (NOT_PLAIN.test(text)) this.offsets[count++] = NOT_PLAIN.lastIndex - 1;
    this.count = count;
  }
}
