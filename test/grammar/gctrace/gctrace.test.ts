/** The GC log grammar: real logs, every era's line forms, and the exact diagnostic for damage. */
import { describe, expect, it } from 'vitest';
import { GcTraceReader, parseGcTrace } from '../../../src/grammar/gctrace/index.js';
import { gctraceLexer } from '../../../src/grammar/gctrace/lexer.js';
import { corpusFiles, readCorpus, readFixture } from '../../helpers/fixtures.js';

/** The scavenger's lines of every era: scvg (up to Go 1.13), scav (scavtrace, 1.14–1.17, 1.18–1.19, 1.20+). */
const SCAVENGER_LINES = [
  'scvg3: 2 MB released',
  'scvg3: inuse: 5, idle: 2, sys: 8, released: 2, consumed: 6 (MB)',
  'scvg-1: inuse: 1, idle: 7, sys: 8, released: 7, consumed: 1 (MB)',
  'scvg: 1024 KB released',
  'scav 3 1024 KiB work, 3280 KiB total, 97% util',
  'scav 0 KiB work, 3280 KiB total, 97% util [controller reset]',
  'scav 64 KiB work (bg), 128 KiB work (eager), 3280 KiB now, 97% util (forced)',
];

const LOGS = corpusFiles((rel) => /gctrace.*\.log$/.test(rel));

describe('real logs', () => {
  it.each(LOGS)('%s parses with zero diagnostics', (rel) => {
    const { log, diagnostics } = parseGcTrace(readCorpus(rel), rel);
    expect(diagnostics).toEqual([]);
    expect(log.otherLines).toBe(0);
    expect(log.cycles.toArray().map((c) => c.number)).toEqual(log.cycles.toArray().map((_c, i) => i + 1));
  });

  it('reads every field of a Go 1.18+ line', () => {
    const { log } = parseGcTrace(readCorpus('go1.19/exposition/burst/gctrace.log'));
    expect(log.cycles.at(1)).toEqual({
      number: 2, atSeconds: 0.122, cpuPercent: 6, clockMs: [0.15, 9.6, 0.089], cpuMs: [0.3, 4.6, 2.4, 2.8, 0.17],
      heapStartMB: 5, heapEndMB: 5, liveMB: 5, goalMB: 6, stacksMB: 19, globalsMB: 0, procs: 2, forced: false,
      position: { line: 2, column: 1 },
    });
  });

  it('reads the live heap series of the leak', () => {
    const { log } = parseGcTrace(readCorpus('go1.19/exposition/leak/gctrace.log'));
    expect(log.cycles.toArray().map((c) => [c.heapStartMB, c.liveMB, c.goalMB])).toEqual([[3, 2, 4], [5, 5, 6], [11, 11, 11], [22, 21, 22], [43, 42, 44]]);
  });

  it('skips and counts the program lines, reads forced GCs and Go 1.19 scav lines', () => {
    const { log, diagnostics } = parseGcTrace(readFixture('captured/go1.19-scavtrace/gctrace.log'));
    expect(diagnostics).toEqual([]);
    expect(log.cycles).toHaveLength(6);
    expect(log.cycles.toArray().every((c) => c.forced)).toBe(true);
    expect(log.otherLines).toBe(3);
    expect(log.scavenger).toHaveLength(7);
    expect(log.scavenger[5]).toEqual({ form: 'scav', releasedBytes: 1840 * 1024, releasedTotalBytes: 3424 * 1024, utilPercent: 100, forced: true, position: { line: 13, column: 1 } });
  });

  it('gives the same model whatever the chunk size', () => {
    const text = readCorpus('go1.19/exposition/leak/gctrace-gogc25.log');
    const reader = new GcTraceReader('<input>', 200);
    for (let i = 0; i < text.length; i += 53) reader.push(text.slice(i, i + 53));
    expect(reader.end().log).toEqual(parseGcTrace(text).log);
  });
});

describe('every era', () => {
  it('reads Go 1.5–1.6 lines (five clock phases) and 1.7–1.17 lines (no stacks/globals)', () => {
    const text = [
      'gc 1 @0.013s 2%: 0.063+0.44+0.11+0.35+0.12 ms clock, 0.12+0.44+0+0.11/0.20/0.01+0.24 ms cpu, 4->4->0 MB, 4 MB goal, 8 P',
      'gc 7 @1.100s 3%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 12->13->6 MB, 14 MB goal, 4 P (forced)',
      '',
    ].join('\n');
    const { log, diagnostics } = parseGcTrace(text);
    expect(diagnostics).toEqual([]);
    expect(log.cycles.toArray().map((c) => [c.clockMs.length, c.cpuMs.length, c.stacksMB, c.forced, c.procs])).toEqual([[5, 7, undefined, false, 8], [3, 5, undefined, true, 4]]);
  });

  it('reads the scavenger lines of every era', () => {
    const text = [
      ...SCAVENGER_LINES,
      'gc 1 @0.001s 0%: 0+0+0 ms clock, 0+0/0/0+0 ms cpu, 0->0->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P',
      '',
    ].join('\n');
    const { log, diagnostics } = parseGcTrace(text);
    expect(diagnostics).toEqual([]);
    expect(log.scavenger.map((s) => [s.form, s.releasedBytes, s.releasedTotalBytes, s.forced])).toEqual([
      ['scvg-released', 2 * 1048576, undefined, false],
      ['scvg-summary', undefined, 2 * 1048576, false],
      ['scvg-summary', undefined, 7 * 1048576, true],
      ['scvg-released', 1024 * 1024, undefined, false],
      ['scav', 1024 * 1024, 3280 * 1024, false],
      ['scav', 0, 3280 * 1024, false],
      ['scav', 192 * 1024, 3280 * 1024, true],
    ]);
    expect(log.scavenger[1]).toMatchObject({ inuseBytes: 5 * 1048576, idleBytes: 2 * 1048576, sysBytes: 8 * 1048576, consumedBytes: 6 * 1048576 });
  });

  it('counts a restart of the program in the same log', () => {
    const gc = (n: number): string => `gc ${n} @0.1s 0%: 0+0+0 ms clock, 0+0/0/0+0 ms cpu, 1->1->1 MB, 4 MB goal, 1 P`;
    const { log } = parseGcTrace([gc(1), gc(2), 'starting again', gc(1), ''].join('\n'));
    expect(log.restarts).toEqual([{ line: 4, column: 1 }]);
  });

  it('keeps other lines that only look like runtime lines', () => {
    const { log, diagnostics } = parseGcTrace('gcc -O2 main.c\nscavenger started\ngc 1 @0.1s 0%: 0+0+0 ms clock, 0+0/0/0+0 ms cpu, 1->1->1 MB, 4 MB goal, 1 P\n');
    expect(diagnostics).toEqual([]);
    expect(log.otherLines).toBe(2);
  });
});

describe('made-bad lines', () => {
  function errors(text: string): string[] {
    return parseGcTrace(text, 'gc.log').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
  }

  it('a gc line cut by another write', () => {
    expect(errors('gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4phase 2\n')).toEqual([
      '1:77 error a runtime line heapdoc cannot read: unexpected characters "phase"',
    ]);
  });

  it('a log cut in the middle of a line', () => {
    expect(errors('gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB go')).toEqual([
      '1:90 error the log ends in the middle of this line (truncated?): unexpected characters "go"',
    ]);
  });

  it('a heap size past what the runtime can print (bytes >> 20 of a uint64): an error at it, the line not used', () => {
    const ok = 'gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P\n';
    const max = ok.replace('3->4->2', '3->4->17592186044415');
    const live = ok.replace('3->4->2', '3->4->99999999999999999999999').replace('gc 1', 'gc 2');
    const goal = ok.replace('4 MB goal', '17592186044416 MB goal').replace('gc 1', 'gc 3');
    const { log, diagnostics } = parseGcTrace(max + live + goal, 'gc.log');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} — ${d.hint}`)).toEqual([
      '2:79 error the live heap after the GC (C) is 99999999999999999999999 MB, more than the runtime can print (it prints bytes >> 20 of a uint64: at most 17,592,186,044,415 MB); the line is not used — the log was edited or damaged; the other lines were read',
      '3:85 error the heap goal is 17592186044416 MB, more than the runtime can print (it prints bytes >> 20 of a uint64: at most 17,592,186,044,415 MB); the line is not used — the log was edited or damaged; the other lines were read',
    ]);
    expect(log.cycles.toArray().map((c) => [c.number, c.liveMB])).toEqual([[1, 17592186044415]]);
  });

  it('a heap size past the limit in a line read token by token (two spaces after `gc`)', () => {
    const line = 'gc  7 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, 99999999999999999 MB stacks, 0 MB globals, 4 P\n';
    expect(errors(line)).toEqual([
      '1:97 error the scannable stack size is 99999999999999999 MB, more than the runtime can print (it prints bytes >> 20 of a uint64: at most 17,592,186,044,415 MB); the line is not used',
    ]);
  });

  it('a scavenger size past what the runtime can print: an error at it, the line not used, as for a gc line', () => {
    const gc = 'gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, 4 P\n';
    const lines = [
      'scvg0: inuse: 5, idle: 2, sys: 8, released: 17592186044416, consumed: 6 (MB)',
      'scvg1: 99999999999999999 MB released',
      'scvg: 18014398509481984 KB released',
      'scav 3 18014398509481984 KiB work, 3280 KiB total, 97% util',
      'scav 64 KiB work (bg), 18014398509481984 KiB work (eager), 3280 KiB now, 97% util (forced)',
      'scav 0 KiB work, 99999999999999999999 KiB total, 96% util',
      // The largest each can print (a KiB count past 2^53, whose double is 2^54): read.
      'scvg2: inuse: 17592186044415, idle: 2, sys: 8, released: 2, consumed: 6 (MB)',
      'scvg: 18014398509481983 KB released',
      'scav 4294967295 18014398509481983 KiB work, 18014398509481983 KiB total, 97% util',
    ];
    const { log, diagnostics } = parseGcTrace(`${gc}${lines.join('\n')}\n`, 'gc.log');
    const limit = (unit: string, shift: number, max: string): string => `more than the runtime can print (it prints bytes >> ${shift} of a uint64: at most ${max} ${unit}); the line is not used`;
    const mb = limit('MB', 20, '17,592,186,044,415');
    const kib = limit('KiB', 10, '18,014,398,509,481,983');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} — ${d.hint}`)).toEqual([
      `2:45 error the heap released to the OS (released) is 17592186044416 MB, ${mb} — the log was edited or damaged; the other lines were read`,
      `3:8 error the memory this scavenger run released is 99999999999999999 MB, ${mb} — the log was edited or damaged; the other lines were read`,
      `4:7 error the memory this scavenger run released is 18014398509481984 KB, ${limit('KB', 10, '18,014,398,509,481,983')} — the log was edited or damaged; the other lines were read`,
      `5:8 error the memory this scavenger cycle released (work) is 18014398509481984 KiB, ${kib} — the log was edited or damaged; the other lines were read`,
      `6:24 error the memory released eagerly (the eager work) is 18014398509481984 KiB, ${kib} — the log was edited or damaged; the other lines were read`,
      `7:18 error the heap released to the OS in all (total, now) is 99999999999999999999 KiB, ${kib} — the log was edited or damaged; the other lines were read`,
    ]);
    expect(log.scavenger.map((s) => [s.form, s.position.line])).toEqual([['scvg-summary', 8], ['scvg-released', 9], ['scav', 10]]);
  });

  it('a scavenger size past the limit in lines read token by token (two spaces after the keyword)', () => {
    expect(errors('scvg0:  inuse: 5, idle: 2, sys: 8, released: 2, consumed: 17592186044416 (MB)\nscav  0 KiB work, 3280 KiB total, 97% util\nscav  18014398509481984 KiB work, 3280 KiB total, 97% util\n')).toEqual([
      '1:59 error the heap kept from the OS (consumed) is 17592186044416 MB, more than the runtime can print (it prints bytes >> 20 of a uint64: at most 17,592,186,044,415 MB); the line is not used',
      '3:7 error the memory this scavenger cycle released (work) is 18014398509481984 KiB, more than the runtime can print (it prints bytes >> 10 of a uint64: at most 18,014,398,509,481,983 KiB); the line is not used',
    ]);
  });

  it('no gc line at all', () => {
    expect(errors('hello\nworld\n')).toEqual(["1:1 error no 'gc N @…' line in 2 lines: not a GODEBUG=gctrace=1 log"]);
  });
});

describe('a gc line missing a field', () => {
  it('points at where the field should be', () => {
    const { diagnostics } = parseGcTrace('gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 2 P\n', 'gc.log');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:87 a runtime line heapdoc cannot read: expected 'MB' in a 'gc N @Ts P%: …' line, found \"P\"",
    ]);
  });
});

describe('a well-formed line (one coarse token) and the same line token by token', () => {
  it('give the same cycle', () => {
    const coarse = 'gc 7 @3.015s 4%: 0.062+0.84+0.004 ms clock, 0.12+0/0.44/0.19+0.009 ms cpu, 5->6->5 MB, 6 MB goal, 1 MB stacks, 2 MB globals, 2 P (forced)\n';
    const fine = coarse.replace('gc 7 @', 'gc  7 @'); // two spaces: not the coarse token's form
    const [a] = parseGcTrace(coarse, 'gc.log').log.cycles.toArray();
    const [b] = parseGcTrace(fine, 'gc.log').log.cycles.toArray();
    expect(a).toEqual({
      number: 7, atSeconds: 3.015, cpuPercent: 4, clockMs: [0.062, 0.84, 0.004], cpuMs: [0.12, 0, 0.44, 0.19, 0.009],
      heapStartMB: 5, heapEndMB: 6, liveMB: 5, goalMB: 6, stacksMB: 1, globalsMB: 2, procs: 2, forced: true, position: { line: 1, column: 1 },
    });
    expect(b).toEqual(a);
  });
});

describe('runtime lines of every era as one coarse token', () => {
  const lines = [
    'gc 1 @0.013s 2%: 0.063+0.44+0.11+0.35+0.12 ms clock, 0.12+0.44+0+0.11/0.20/0.01+0.24 ms cpu, 4->4->0 MB, 4 MB goal, 8 P',
    ...SCAVENGER_LINES,
  ];

  it('lexes each well-formed line (Go 1.5–1.6 gc, scvg, scav) as one token', () => {
    const { tokens, errors } = gctraceLexer.tokenize(`${lines.join('\n')}\n`);
    expect(errors).toEqual([]);
    expect(tokens.filter((t) => t.tokenType.name !== 'Newline').map((t) => t.tokenType.name)).toEqual([
      'GcLine', 'ScvgLine', 'ScvgLine', 'ScvgLine', 'ScvgLine', 'ScavLine', 'ScavLine', 'ScavLine',
    ]);
  });

  it('gives the same model as the same lines token by token', () => {
    // Two spaces after the keyword: not the coarse tokens' form, so the fine tokens read these.
    const fine = lines.map((l) => l.replace(/^(gc|scav|scvg-?\d*:) /, '$1  '));
    const a = parseGcTrace(`${lines.join('\n')}\n`, 'gc.log');
    const b = parseGcTrace(`${fine.join('\n')}\n`, 'gc.log');
    expect([a.diagnostics, b.diagnostics]).toEqual([[], []]);
    expect(b.log.scavenger).toEqual(a.log.scavenger);
    expect(b.log.cycles.toArray()).toEqual(a.log.cycles.toArray());
    expect(a.log.scavenger.map((s) => [s.form, s.releasedBytes, s.releasedTotalBytes, s.utilPercent, s.forced])).toEqual([
      ['scvg-released', 2 * 1048576, undefined, undefined, false],
      ['scvg-summary', undefined, 2 * 1048576, undefined, false],
      ['scvg-summary', undefined, 7 * 1048576, undefined, true],
      ['scvg-released', 1024 * 1024, undefined, undefined, false],
      ['scav', 1024 * 1024, 3280 * 1024, 97, false],
      ['scav', 0, 3280 * 1024, 97, false],
      ['scav', 192 * 1024, 3280 * 1024, 97, true],
    ]);
    expect(a.log.cycles.at(0)).toMatchObject({ clockMs: [0.063, 0.44, 0.11, 0.35, 0.12], cpuMs: [0.12, 0.44, 0, 0.11, 0.2, 0.01, 0.24] });
  });
});

describe('a profile inside the log', () => {
  it('is named once, at its header, as not read; the other lines stay the program\'s own', () => {
    const dump = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
    const text = `${readCorpus('go1.19/exposition/leak/gctrace-gogc25.log')}${dump}goroutine profile: total 4\n`;
    const { log, diagnostics } = parseGcTrace(text, 'gc.log');
    expect(diagnostics).toEqual([{
      source: 'gc.log', line: 18, column: 1, severity: 'warning',
      message: "a heap profile inside the GC log: it is not read (a GC log's other lines are the program's own output)",
      hint: 'save the profile to a file of its own and pass both files',
    }]);
    expect(log.cycles.length).toBe(17);
    expect(log.otherLines).toBe(dump.split('\n').filter((line) => line !== '').length + 1); // blank lines are not counted
  });
});

describe('lines behind a log collector\'s prefix', () => {
  const PLAIN = readFixture('captured/go1.19-auditF/gctrace.log');

  it.each([
    ['journald (journalctl -u)', 'captured/go1.19-auditF/journal-prefixed.log', 39],
    ['kubectl logs --timestamps', 'captured/go1.19-auditF/kubectl-timestamps.log', 32],
    ['journalctl -o short-precise', 'captured/go1.19-auditF/journal-precise.log', 46],
    ['docker compose logs', 'captured/go1.19-auditF/compose-logs.log', 10],
    ['a CRI log file (/var/log/pods)', 'captured/go1.19-auditF/cri-pod.log', 41],
  ])('%s: the same cycles and scavenger lines as the plain log, at columns past the prefix', (_name, rel, column) => {
    const plain = parseGcTrace(PLAIN).log;
    const { log, diagnostics } = parseGcTrace(readFixture(rel));
    expect(diagnostics).toEqual([]);
    expect(log.otherLines).toBe(0);
    expect(log.cycles.toArray().map((c) => ({ ...c, position: undefined }))).toEqual(plain.cycles.toArray().map((c) => ({ ...c, position: undefined })));
    expect(log.cycles.toArray().map((c) => c.position.column)).toEqual(Array(9).fill(column));
    expect(log.scavenger.map((x) => x.releasedTotalBytes)).toEqual(plain.scavenger.map((x) => x.releasedTotalBytes));
  });

  it('journalctl -o short-iso, a program line and a damaged gc line behind a prefix', () => {
    const text = [
      '2026-12-05T00:49:00+0000 host prog[7]: gc 1 @0.500s 0%: 0.011+0.94+0.002 ms clock, 0.023+0.75/0.24/0.026+0.005 ms cpu, 3->3->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      'Dec  5 00:49:01 host prog[7]: listening on :8080',
      'Dec  5 00:49:02 host prog[7]: gc 2 @0.813s 0%: 0.054+0.52+0.003 ms clockwork, 0.10+0.14/0.26/0+0.006 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      '',
    ].join('\n');
    const { log, diagnostics } = parseGcTrace(text, 'gc.log');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "3:73 a runtime line heapdoc cannot read: expected ',' in a 'gc N @Ts P%: …' line, found \"work\"",
    ]);
    expect([log.cycles.length, log.cycles.at(0)?.position, log.otherLines]).toEqual([1, { line: 1, column: 40 }, 1]);
  });
});
