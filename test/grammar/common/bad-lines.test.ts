/**
 * Bad lines are read one by one, and the same text fails the same way: what a bad line gave is
 * remembered by its text, and a repeated one is reported at its own line without being parsed again.
 */
import { describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../../src/grammar/prometheus/index.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';

const where = (ds: readonly { line: number; column: number; severity: string; message: string }[]) => ds.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

describe('repeated bad lines', () => {
  it('a parse error repeated: each at its own line, with the same column and message; a cut last line says so', () => {
    const { diagnostics } = parsePrometheus('up 1\nfoo{\nfoo{\nbar 1\nfoo{\r\nfoo{', 'm.txt');
    const labels = "expected '}' in the labels '{name=\"value\",…}', found the end of the line";
    expect(where(diagnostics)).toEqual([
      `2:5 error ${labels}`,
      `3:5 error ${labels}`,
      `5:5 error ${labels}`,
      `6:5 error the input ends in the middle of this line (truncated?): ${labels}`,
    ]);
  });

  it('a lexing error repeated, among good lines of a dump', () => {
    const { diagnostics } = parseHeapDump('heap profile: 0: 0 [0: 0] @ heap/1048576\n%%\n%%\n\n%%x\n');
    expect(where(diagnostics).slice(0, 3)).toEqual([
      '2:1 error unexpected characters "%%"',
      '3:1 error unexpected characters "%%"',
      '5:1 error unexpected characters "%%"', // x is where a token starts again
    ]);
  });
});
