/**
 * MemStats lists (`# PauseNs = [79439 0 0 …]`) are one coarse token, IntegerList: PauseNs and
 * PauseEnd are 512 integers a dump, half of what reading a small dump cost as fine tokens. These
 * pin that the coarse token reads the same values as the fine ones, that a list it cannot take
 * falls back to the fine tokens with the same diagnostic at the same column, and that it never
 * takes a record's brackets.
 */
import { describe, expect, it } from 'vitest';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { heapLexer } from '../../../src/grammar/heap/lexer.js';
import { readCorpus } from '../../helpers/fixtures.js';

const BLOCK = '# runtime.MemStats\n# Alloc = 1\n';

function tokenNames(line: string): string[] {
  return heapLexer.tokenize(`${line}\n`).tokens.map((t) => t.tokenType.name);
}

function read(list: string): { values: string | undefined; diagnostics: string[] } {
  const { dump, diagnostics } = parseHeapDump(`${BLOCK}# PauseNs = ${list}\n`, 't');
  const values = dump.memStats?.fields.get('PauseNs') as bigint[] | undefined;
  return { values: values?.join(' '), diagnostics: diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`) };
}

describe('the IntegerList token', () => {
  it('takes a whole list after =, and nothing else', () => {
    expect(tokenNames('# PauseNs = [130067 0 67694]')).toEqual(['MemStatMarker', 'Identifier', 'Equals', 'IntegerList', 'Newline']);
    expect(tokenNames('# PauseEnd = []')).toEqual(['MemStatMarker', 'Identifier', 'Equals', 'IntegerList', 'Newline']);
    // A record's counts in the fine tokens (RecordCounts did not match: a list-like bracket) keep LBracket.
    expect(tokenNames('1: 8 [3] @ 0x1')).toEqual(['Integer', 'Colon', 'Integer', 'LBracket', 'Integer', 'RBracket', 'StackPcs', 'Newline']);
    // A letter, a tab or no closing bracket: the fine tokens.
    expect(tokenNames('# PauseNs = [1 x]')).toEqual(['MemStatMarker', 'Identifier', 'Equals', 'LBracket', 'Integer', 'Identifier', 'RBracket', 'Newline']);
    expect(tokenNames('# PauseNs = [1\t2]')).toEqual(['MemStatMarker', 'Identifier', 'Equals', 'LBracket', 'Integer', 'Integer', 'RBracket', 'Newline']);
    expect(tokenNames('# PauseNs = [1 2')).toEqual(['MemStatMarker', 'Identifier', 'Equals', 'LBracket', 'Integer', 'Integer', 'Newline']);
  });

  it('reads every value exactly, beyond 2^53 too', () => {
    expect(read('[0 18446744073709551615 -0 7]').values).toBe('0 18446744073709551615 0 7');
    expect(read('[ 1  2 ]').values).toBe('1 2');
    expect(read('[1\t2]').values).toBe('1 2'); // the fine tokens' reading
    expect(read('[]').values).toBe('');
  });

  it('reads the corpus rings as the fine tokens do: 256 values each, the last GC first', () => {
    const text = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
    const fields = parseHeapDump(text).dump.memStats?.fields;
    const line = (name: string): string => (text.match(new RegExp(`^# ${name} = \\[(.*)\\]$`, 'm'))?.[1] ?? '');
    for (const name of ['PauseNs', 'PauseEnd']) {
      const values = fields?.get(name) as bigint[];
      expect(values).toHaveLength(256);
      expect(values.join(' ')).toBe(line(name));
    }
    // The tabbed copy goes through the fine tokens: the same values.
    const tabbed = text.replace(/^(# PauseNs = \[\d+) /m, '$1\t');
    expect((parseHeapDump(tabbed).dump.memStats?.fields.get('PauseNs') as bigint[]).join(' ')).toBe(line('PauseNs'));
  });

  it('diagnoses a list element at its own column, whichever token read the list', () => {
    expect(read('[1 123456789012345678901 3]').diagnostics).toEqual(['3:16 error MemStats PauseNs is 123456789012345678901, more than a uint64 holds (18446744073709551615)']);
    expect(read('[18446744073709551615 18446744073709551616]').diagnostics).toEqual(['3:35 error MemStats PauseNs is 18446744073709551616, more than a uint64 holds (18446744073709551615)']);
    expect(read('[1 -0 -5]').diagnostics).toEqual(['3:19 error MemStats PauseNs is -5, but it is an unsigned integer (0 to 18446744073709551615)']);
    expect(read('[1 x 3]').diagnostics).toEqual(['3:16 error expected \']\' in a MemStats value, found "x"']);
    expect(read('[1 2').diagnostics).toEqual(["3:17 error expected ']' in a MemStats value, found the end of the line"]);
    expect(read('[1 2]').diagnostics).toEqual(['3:13 warning PauseNs has 2 values; the runtime always prints its 256-entry ring buffer (truncated?)']);
  });

  it('stays linear on a long list with no closing bracket (one diagnostic, no backtracking blow-up)', () => {
    const { diagnostics } = read(`[${'1 '.repeat(400_000)}`);
    expect(diagnostics).toEqual(["3:800014 error expected ']' in a MemStats value, found the end of the line"]);
    expect(read(`[${'7'.repeat(900_000)}`).diagnostics).toEqual(["3:900014 error expected ']' in a MemStats value, found the end of the line"]);
  });
});
