/**
 * The problems of one input are bounded: the first MAX_KEPT_DIAGNOSTICS are kept, the rest counted
 * in one closing note whose severity is the worst left out (so an error left out still fails).
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticList, MAX_KEPT_DIAGNOSTICS, hasErrors, type Diagnostic } from '../../../src/grammar/common/diagnostic.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readCorpus } from '../../helpers/fixtures.js';

const at = (line: number, severity: Diagnostic['severity']): Diagnostic => ({ source: 's', line, column: 1, severity, message: `m${line}` });

describe('DiagnosticList', () => {
  it('keeps the first `max`, counts the rest, and closes with one note of the worst left out', () => {
    const list = new DiagnosticList('s', [], 3);
    for (let line = 1; line <= 7; line++) list.add(at(line, line === 6 ? 'error' : 'warning'));
    expect([list.count, list.dropped, list.items.length]).toEqual([7, 4, 3]);
    list.close();
    expect(list.items.map((d) => [d.line, d.severity])).toEqual([[1, 'warning'], [2, 'warning'], [3, 'warning'], [0, 'error']]);
    expect(list.items[3]?.message).toBe('4 more problems not listed (the first 3 are)');
    expect(hasErrors(list.items)).toBe(true);
    list.close(); // once only
    expect(list.items).toHaveLength(4);
  });

  it('adds nothing when nothing was left out', () => {
    const list = new DiagnosticList('s', [], 3);
    list.add(at(1, 'info'));
    list.close();
    expect(list.items).toEqual([at(1, 'info')]);
  });
});

describe('a grammar keeps at most MAX_KEPT_DIAGNOSTICS problems of one input', () => {
  it(`a heap dump with 200,000 bad lines: ${MAX_KEPT_DIAGNOSTICS} errors and one note, the dump still read`, () => {
    const dump = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
    const cut = dump.indexOf('\n# runtime.MemStats');
    const { dump: read, diagnostics } = parseHeapDump(`${dump.slice(0, cut)}${'\n!'.repeat(200_000)}${dump.slice(cut)}`);
    expect(diagnostics).toHaveLength(MAX_KEPT_DIAGNOSTICS + 1);
    const firstBad = dump.slice(0, cut).split('\n').length + 1;
    expect(diagnostics[0]).toMatchObject({ line: firstBad, column: 1, severity: 'error' });
    expect(diagnostics[MAX_KEPT_DIAGNOSTICS - 1]).toMatchObject({ line: firstBad + MAX_KEPT_DIAGNOSTICS - 1 });
    expect(diagnostics[MAX_KEPT_DIAGNOSTICS]).toMatchObject({ line: 0, severity: 'error', message: '199,000 more problems not listed (the first 1,000 are)' });
    expect(read.memStats?.fields.get('HeapAlloc')).toBe(4898176n);
  });

  it('compiler output keeps its own 200, with the same closing note', () => {
    const { diagnostics } = parseGcflags(`# example.com/p\n${'what is this\n'.repeat(500)}`);
    expect(diagnostics).toHaveLength(201);
    expect(diagnostics[200]).toMatchObject({ line: 0, severity: 'warning', message: '300 more problems not listed (the first 200 are)' });
  });
});
