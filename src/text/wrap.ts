/** Word-wraps text to `width` columns, indenting continuation lines by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A hanging indent: `prefix` (kept exactly, padding included) then `text` wrapped so that
 * continuation lines start under the text.
 */
export function hang(prefix: string, text: string, width: number): string {
  const body = wrap(text, Math.max(20, width - prefix.length), 0, 0).split('\n');
  return body.map((line, i) => (i === 0 ? prefix : ' '.repeat(prefix.length)) + line).join('\n');
}
