/**
 * Hand-made inputs: the forms a real dump can take after copy/paste, editing or truncation,
 * and the exact diagnostic (line:column) for each kind of damage.
 */
import { describe, expect, it } from 'vitest';
import { HeapDumpReader, parseHeapDump } from '../../../src/grammar/heap/index.js';
import { readCorpus, readFixture } from '../../helpers/fixtures.js';

const SMALL = [
  'heap profile: 1: 96 [2: 192] @ heap/1048576',
  '1: 96 [2: 192] @ 0x47553b 0x696fd8',
  '#\t0x47553a\tmain.f+0x3a\t\t/src/main.go:10',
  '#\t0x696fd7\tmain.main+0x17\t/src/main.go:20',
  '',
  '',
  '# runtime.MemStats',
  '# Alloc = 5096360',
  '# Stack = 524288 / 524288',
  '# PauseNs = [130067 67694]',
  '# GCCPUFraction = 1.2e-05',
  '# DebugGC = false',
  '',
].join('\n');

/** Errors only: SMALL's two-entry PauseNs also (rightly) draws a warning. */
function diagnosticsOf(text: string): string[] {
  return parseHeapDump(text, 't').diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('valid forms', () => {
  it('reads every part of a small dump with positions', () => {
    const { dump, diagnostics } = parseHeapDump(SMALL);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '10:13 PauseNs has 2 values; the runtime always prints its 256-entry ring buffer (truncated?)',
    ]);
    expect(dump.header).toEqual({ inuseObjects: 1, inuseBytes: 96, allocObjects: 2, allocBytes: 192, format: 'heap', rate: 1048576, position: { line: 1, column: 1 } });
    expect(dump.stacks).toHaveLength(1);
    const stack = dump.stacks[0];
    expect(stack?.pcs).toEqual(['0x47553b', '0x696fd8']);
    expect(stack?.position).toEqual({ line: 2, column: 1 });
    expect(stack?.frames.map((f) => [f.function, f.offset, f.file, f.line, f.position.line])).toEqual([
      ['main.f', '0x3a', '/src/main.go', 10, 3],
      ['main.main', '0x17', '/src/main.go', 20, 4],
    ]);
    const fields = dump.memStats?.fields;
    expect(dump.memStats?.position).toEqual({ line: 7, column: 1 });
    expect(fields?.get('Alloc')).toBe(5096360n);
    expect(fields?.get('StackInuse')).toBe(524288n);
    expect(fields?.get('StackSys')).toBe(524288n);
    expect(fields?.get('PauseNs')).toEqual([130067n, 67694n]);
    expect(fields?.get('GCCPUFraction')).toBe(1.2e-5);
    expect(fields?.get('DebugGC')).toBe(false);
    expect(dump.memStats?.lines.find((l) => l.name === 'GCCPUFraction')?.position).toEqual({ line: 11, column: 3 });
    expect(dump.lineCount).toBe(12);
  });

  it('reads CRLF line ends, a BOM and a missing final newline the same way', () => {
    const plain = parseHeapDump(SMALL);
    const variants = ['\uFEFF' + SMALL, SMALL.replace(/\n/g, '\r\n'), SMALL.trimEnd(), SMALL.trimEnd().replace(/\n/g, '\r\n')];
    for (const text of variants) {
      const { dump, diagnostics } = parseHeapDump(text);
      expect(dump.stacks).toEqual(plain.dump.stacks);
      if (/\n$/.test(text)) {
        expect([...(dump.memStats?.fields ?? [])]).toEqual([...(plain.dump.memStats?.fields ?? [])]);
        expect(diagnostics).toEqual(plain.diagnostics);
        continue;
      }
      // Go ends every line with one: without it, the last line may be cut (`# HeapInuse = 512000` of 5120000),
      // so its field (here `# DebugGC = false`) is left out (audit 41).
      expect([...(dump.memStats?.fields ?? [])]).toEqual([...(plain.dump.memStats?.fields ?? [])].filter(([name]) => name !== 'DebugGC'));
      const lines = text.split(/\r?\n/);
      expect(diagnosticsOf(text)).toEqual([`${lines.length}:${(lines[lines.length - 1] ?? '').length + 1} error the input ends without a line end, so this line may be cut short (truncated?); its value is left out`]);
    }
  });

  it('reads frame lines padded with one or more tabs, and frames with no symbol', () => {
    const text = 'heap profile: 1: 8 [1: 8] @ heap/2\n1: 8 [1: 8] @ 0x2 0x3\n#\t0x1\n#\t0x2\tmain.g+0x1\t\t\t/x.go:1\n';
    const { dump, diagnostics } = parseHeapDump(text);
    expect(diagnostics).toEqual([]);
    expect(dump.stacks[0]?.frames.map((f) => [f.address, f.function, f.file, f.line])).toEqual([
      ['0x1', undefined, undefined, undefined],
      ['0x2', 'main.g', '/x.go', 1],
    ]);
  });

  it('keeps LastGC and PauseEnd exact beyond 2^53', () => {
    const { dump } = parseHeapDump('# runtime.MemStats\n# LastGC = 1795723990459880767\n# PauseEnd = [1795723989248463095 0]\n');
    expect(dump.memStats?.fields.get('LastGC')).toBe(1795723990459880767n);
    expect(dump.memStats?.fields.get('PauseEnd')).toEqual([1795723989248463095n, 0n]);
  });

  it('keeps an unknown # Name = value line under its printed name', () => {
    const { dump, diagnostics } = parseHeapDump('# runtime.MemStats\n# Alloc = 1\n# FutureField = 42\n# FutureFlag = yes\n');
    expect(diagnostics).toEqual([]);
    expect(dump.memStats?.fields.get('FutureField')).toBe(42n);
    expect(dump.memStats?.fields.get('FutureFlag')).toBe('yes');
  });

  it('reads the Go 1.8 MemStats block quoted in the seed article (no LastGC, PauseEnd, NumForcedGC, GCCPUFraction)', () => {
    const { dump, diagnostics } = parseHeapDump(readFixture('handmade/go1.8-article.memstats.txt'));
    expect(diagnostics).toEqual([]);
    const f = dump.memStats?.fields;
    expect(f?.get('HeapAlloc')).toBe(5096360n);
    expect(f?.get('HeapSys')).toBe(49807360n);
    expect(f?.get('HeapIdle')).toBe(44023808n);
    expect(f?.get('HeapReleased')).toBe(44023808n);
    expect(f?.get('Lookups')).toBe(5n);
    expect(f?.get('NumGC')).toBe(5n);
    expect((f?.get('PauseNs') as bigint[]).slice(0, 5)).toEqual([130067n, 67694n, 123189n, 1952067n, 1685557n]);
    expect(f?.has('LastGC')).toBe(false);
    expect(f?.has('GCCPUFraction')).toBe(false);
    expect(f?.size).toBe(25); // 22 '# Name = value' lines, three of them pairs
  });

  it('folds records with the same stack into one stack with a bucket per size', () => {
    const { dump } = parseHeapDump(readCorpus('go1.23/memrate/rate-1.heap-debug1.txt'));
    const keepMedium = dump.stacks.filter((s) => s.frames[0]?.function === 'main.keepMedium');
    expect(keepMedium.length).toBeGreaterThan(0);
    const buckets = keepMedium.reduce((n, s) => n + s.buckets.length, 0);
    expect(buckets).toBeGreaterThan(keepMedium.length); // several sizes per stack
  });

  it('gives the same model whatever the chunk size (records straddling chunks)', () => {
    const text = readCorpus('go1.21/leak/snap5.heap-debug1.txt');
    const whole = parseHeapDump(text).dump;
    const reader = new HeapDumpReader('t', 4096);
    for (let i = 0; i < text.length; i += 777) reader.push(text.slice(i, i + 777));
    const { dump, diagnostics } = reader.end();
    expect(diagnostics).toEqual([]);
    expect(dump.stacks).toEqual(whole.stacks);
    expect(dump.recordCount).toBe(whole.recordCount);
  });

  it('takes an indented frame line seen before from the frame cache whatever the chunk size', () => {
    const frame = '#\t0x1\tmain.f+0x1\t/x.go:1\n';
    const text = `heap profile: 3: 24 [3: 24] @ heap/1048576\n1: 8 [1: 8] @ 0x1\n${frame}\n2: 16 [2: 16] @ 0x2 0x1\n${frame}   ${frame}`;
    for (const chunkChars of [8, 1 << 20]) {
      const { dump, diagnostics } = new HeapDumpReader('t', chunkChars).parse(text);
      expect(diagnostics).toEqual([]);
      expect(dump.stacks.map((s) => s.frames.map((f) => `${f.function} ${f.position.line}:${f.position.column}`))).toEqual([
        ['main.f 3:1'],
        ['main.f 3:1', 'main.f 3:1'],
      ]);
    }
  });
});

describe('damaged input: one diagnostic per bad line, the rest still read', () => {
  it('a dump cut at a line boundary among its records: its records do not add up to the header\'s in-use totals', () => {
    // A real dump's first 10 lines: two records of 33 objects, 2,103,296 bytes in use; the third
    // record (1 object, 416 bytes) and the MemStats block are gone, and every line reads.
    const cut = readFixture('scenarios/churn/01-t1.heap-debug1.txt').split('\n').slice(0, 10).join('\n') + '\n';
    const { diagnostics } = parseHeapDump(cut, 'cut.txt');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '1:1 error the records add up to 33 objects and 2,103,296 bytes in use, where this header says 34 and 2,103,712: records are missing (the dump was cut short or edited)',
    ]);
    // Whole, the same dump adds up (and so does every dump of the corpus: corpus.test.ts).
    expect(parseHeapDump(readFixture('scenarios/churn/01-t1.heap-debug1.txt')).diagnostics).toEqual([]);
    // Each of several dumps joined is checked on its own: the second one's header is off.
    const one = '1: 8 [1: 8] @ 0x1\n#\t0x1\tmain.f+0x1\t/x.go:1\n\n';
    const joined = `heap profile: 1: 8 [1: 8] @ heap/2\n${one}heap profile: 2: 8 [2: 8] @ heap/2\n${one}`;
    expect(parseHeapDump(joined).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '5:1 the records add up to 1 object and 8 bytes in use, where this header says 2 and 8: records are missing (the dump was cut short or edited)',
    ]);
  });

  it('a bad number in a record', () => {
    const text = SMALL.replace('1: 96 [2: 192] @ 0x47553b', '1: 9x6 [2: 192] @ 0x47553b');
    expect(diagnosticsOf(text)).toEqual([`2:5 error expected '[' in the counts 'N: N [N: N]', found "x6"`]);
    expect(parseHeapDump(text).dump.memStats?.fields.get('Alloc')).toBe(5096360n);
  });

  it('a bad MemStats value', () => {
    expect(diagnosticsOf(SMALL.replace('# Alloc = 5096360', '# Alloc = lots'))).toEqual([
      "8:11 error MemStats Alloc must be an integer, found the word 'lots'",
    ]);
  });

  it('a pair printed as one number', () => {
    expect(diagnosticsOf(SMALL.replace('# Stack = 524288 / 524288', '# Stack = 524288'))).toEqual([
      "9:11 error MemStats Stack must be 'inuse / sys' (two integers), found the integer 524288",
    ]);
  });

  it('truncated in the middle of a record', () => {
    const text = SMALL.slice(0, SMALL.indexOf('main.main') + 4);
    expect(diagnosticsOf(text)).toEqual([
      '4:12 error the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "main"',
    ]);
    expect(parseHeapDump(text).dump.stacks[0]?.frames).toHaveLength(1);
  });

  it('truncated in the middle of the PauseNs array', () => {
    const text = SMALL.slice(0, SMALL.indexOf('67694'));
    expect(diagnosticsOf(text)).toEqual([
      "10:21 error the input ends in the middle of this line (truncated?): expected ']' in a MemStats value, found the end of the line",
    ]);
  });

  it('truncated inside a number of the MemStats block, where the rest still reads (audit: exit 0, no word; audit 41: the cut value was used)', () => {
    const text = SMALL.slice(0, SMALL.indexOf('5096360') + 4); // `# Alloc = 5096`
    expect(diagnosticsOf(text)).toEqual(['8:15 error the input ends without a line end, so this line may be cut short (truncated?); its value is left out']);
    const { memStats } = parseHeapDump(text).dump;
    expect(memStats?.fields.has('Alloc')).toBe(false);
    expect(memStats?.lines).toEqual([]);
  });

  it('a paired MemStats line cut in its second number (`# Stack = 524288 / 52`): both its fields are left out', () => {
    const text = SMALL.slice(0, SMALL.indexOf('/ 524288') + 4);
    expect(diagnosticsOf(text)).toEqual(['9:22 error the input ends without a line end, so this line may be cut short (truncated?); its value is left out']);
    const { memStats } = parseHeapDump(text).dump;
    expect([...(memStats?.fields.keys() ?? [])]).toEqual(['Alloc']);
  });

  it('a record line cut at the end of the input is still used as it reads (only a MemStats value is left out)', () => {
    const text = 'heap profile: 1: 96 [2: 192] @ heap/1048576\n1: 96 [2: 192] @ 0x47553b 0x69';
    expect(diagnosticsOf(text)).toEqual(['2:31 error the input ends without a line end, so this line may be cut short (truncated?); its value is used as it reads']);
  });

  it('counts and rates the runtime never prints: negative, past 2^53, a fraction printed as a huge integer (audit: exit 0, -498.1 KiB in use, null in JSON)', () => {
    const head = 'heap profile: 1: 96 [2: 192] @ heap/1048576';
    expect(diagnosticsOf(SMALL.replace('1: 96 [2: 192] @ 0x47553b', '-1: 96 [2: -192] @ 0x47553b'))).toEqual(['2:1 error a record whose counts are negative']);
    expect(parseHeapDump(SMALL.replace('1: 96 [2: 192] @ 0x47553b', '-1: 96 [2: -192] @ 0x47553b')).dump.stacks).toEqual([]);
    expect(diagnosticsOf(SMALL.replace('1: 96 [2: 192] @ 0x47553b', `${'9'.repeat(400)}: 96 [2: 192] @ 0x47553b`))).toEqual(['2:1 error a record whose counts are past 2^53 (9,007,199,254,740,991), more than any heap holds']);
    expect(diagnosticsOf(SMALL.replace(head, head.replace('heap/1048576', 'heap/-1')))).toEqual(['1:37 error a sampling rate of -1: the runtime prints MemProfileRate × 2, a whole number from 0']);
    expect(diagnosticsOf(SMALL.replace('# GCCPUFraction = 1.2e-05', '# GCCPUFraction = 18446744073709551616'))).toEqual(['11:19 error MemStats GCCPUFraction is 18446744073709551616, but it is a fraction of CPU time, between 0 and 1']);
    expect(diagnosticsOf(SMALL.replace('# GCCPUFraction = 1.2e-05', '# GCCPUFraction = 0'))).toEqual([]);
  });

  it('a stray character', () => {
    expect(diagnosticsOf(SMALL.replace('# DebugGC = false', '# DebugGC = false $'))).toEqual(['12:19 error unexpected character "$"']);
  });

  it('a MemStats block cut at a line end: an error marked cut only when the runtime\'s fields in order end the input', () => {
    const block = '# runtime.MemStats\n# Alloc = 1\n# TotalAlloc = 2\n# Sys = 3\n';
    const cut = parseHeapDump(block, 't').diagnostics;
    expect(cut.map((d) => [`${d.line}:${d.column} ${d.severity} ${d.message}`, d.cut])).toEqual([['4:1 error the dump ends inside the runtime.MemStats block (after Sys): its fields from Lookups on are missing', true]]);
    // A blank line after it, or a block that skips the runtime's fields (a hand-made snippet), did not end there.
    expect(diagnosticsOf(`${block}\n`)).toEqual([]);
    expect(diagnosticsOf('# runtime.MemStats\n# Alloc = 1\n# Sys = 3\n')).toEqual([]);
    // A whole block ends with DebugGC (then MaxRSS): every corpus dump reads with no diagnostic (corpus.test.ts).
  });

  it('a frame line with no record above it', () => {
    expect(diagnosticsOf('heap profile: 0: 0 [0: 0] @ heap/1048576\n#\t0x1\tmain.f+0x1\t/x.go:1\n')).toEqual([
      '2:1 error a frame line outside a record',
    ]);
  });

  it('a bad frame line is one diagnostic: its record stays open, and the frames after it are read', () => {
    const text = ['heap profile: 0: 0 [0: 0] @ heap/1048576', '1: 8 [1: 8] @ 0x2 0x3 0x4',
      '#\t0x1\tmain.f+0x1\t/x.go:1', '#\t0xZZ\tmain.g+0x1\t/x.go:2', '#\t0x3\tmain.h+0x1\t/x.go:3', '', ''].join('\n');
    expect(diagnosticsOf(text)).toEqual(['4:3 error expected a hex address (0x…) in a frame line, found "0xZZ"']);
    expect(parseHeapDump(text).dump.stacks[0]?.frames.map((f) => f.function)).toEqual(['main.f', 'main.h']);
  });

  it('so is any damaged line among the frames (`#garbage`, a 1 MiB line); a damaged MemStats line ends the record', () => {
    const frames = (bad: string): string => ['heap profile: 1: 8 [1: 8] @ heap/1048576', '1: 8 [1: 8] @ 0x1 0x3',
      '#\t0x1\tmain.f+0x1\t/x.go:1', bad, '#\t0x3\tmain.h+0x1\t/x.go:3', '', ''].join('\n');
    // Was two: the bad line, then "5:1 a frame line outside a record", and main.h was lost.
    expect(diagnosticsOf(frames('#garbage'))).toEqual(['4:1 error unexpected character "#"']);
    expect(parseHeapDump(frames('#garbage')).dump.stacks[0]?.frames.map((f) => f.function)).toEqual(['main.f', 'main.h']);
    const long = frames(`x${'y'.repeat(1 << 20)}`);
    expect(diagnosticsOf(long)).toHaveLength(1);
    expect(parseHeapDump(long).dump.stacks[0]?.frames.map((f) => f.function)).toEqual(['main.f', 'main.h']);
    expect(diagnosticsOf(frames('# HeapAlloc = x'))[1]).toBe('5:1 error a frame line outside a record');
  });

  it('a chunk of mostly blank lines is read without lexing them (a gigabyte of newlines took minutes): the same dump, line numbers kept', () => {
    const blanks = '\n'.repeat(200_000);
    const text = SMALL.replace('\n\n# runtime.MemStats', `\n${blanks}\n# runtime.MemStats`);
    const { dump, diagnostics } = parseHeapDump(text);
    expect(diagnostics.map((d) => ({ ...d, line: d.line - 200_000 }))).toEqual(parseHeapDump(SMALL).diagnostics);
    expect(dump.stacks.map((st) => st.frames.map((f) => f.function))).toEqual([['main.f', 'main.main']]);
    expect(dump.memStats?.position?.line).toBe(7 + 200_000); // line 7 in SMALL
    expect(dump.lineCount).toBe(SMALL.split('\n').length - 1 + 200_000);
  });

  it('a blank line ends a record, with LF or CRLF (blank lines are memoized, not lexed)', () => {
    const frame = '#\t0x1\tmain.f+0x1\t/x.go:1';
    for (const eol of ['\n', '\r\n']) {
      const text = ['heap profile: 1: 8 [1: 8] @ heap/1048576', '1: 8 [1: 8] @ 0x2', frame, '', frame, '#\t0x3', ''].join(eol);
      expect(diagnosticsOf(text)).toEqual(['5:1 error a frame line outside a record', '6:1 error a frame line outside a record']);
      expect(parseHeapDump(text).dump.stacks[0]?.frames.map((f) => f.address)).toEqual(['0x1']);
    }
  });

  it('keys stacks and frames by their text as printed: upper case, leading zeros and extra spaces are kept apart and printed back', () => {
    const text = [
      'heap profile: 0: 0 [0: 0] @ heap/2',
      '1: 8 [1: 8] @ 0x1a 0x2',
      '#\t0x19\tmain.f+0x1\t/x.go:1',
      '',
      '1: 8 [1: 8] @ 0x1A 0x2',
      '#\t0x019\tmain.f+0x01\t/x.go:1',
      '',
      '1: 8 [1: 8] @ 0x1a  0x2',
      '',
      '2: 16 [2: 16] @ 0x1a 0x2',
      '#\t0x19\tmain.f+0x1\t/x.go:1',
      '',
      '1: 8 [1: 8] @ 0x1fffffffffffff 0x2',
      '#\t0xABCDEF0123456789\tmain.g+0xA\t/x.go:2',
      '#\t0x0\tmain.h+0x0\t:3',
      '',
    ].join('\n');
    const { dump } = parseHeapDump(text);
    expect(dump.stacks.map((s) => [s.pcs, s.buckets.map((b) => b.records), s.frames.map((f) => [f.address, f.offset, f.file])])).toEqual([
      [['0x1a', '0x2'], [2], [['0x19', '0x1', '/x.go']]],
      [['0x1A', '0x2'], [1], [['0x019', '0x01', '/x.go']]],
      [['0x1a', '0x2'], [1], []],
      [['0x1fffffffffffff', '0x2'], [1], [['0xABCDEF0123456789', '0xA', '/x.go'], ['0x0', '0x0', '']]],
    ]);
  });

  it('a frame line is served from the cache only when its text is the same to the letter, whichever line came before it', () => {
    const a = '#\t0x10\tmain.a+0x1\t/x.go:1';
    const b = '#\t0x20\tmain.b+0x1\t/x.go:2';
    const c = '#\t0x20\tmain.c+0x1\t/x.go:2'; // as long as b, and b followed a last time
    const text = ['heap profile: 0: 0 [0: 0] @ heap/2', '1: 8 [1: 8] @ 0x11 0x21', a, b, '', '1: 8 [1: 8] @ 0x11 0x22', a, c, '',
      '1: 8 [1: 8] @ 0x11 0x23', a, b, ''].join('\n');
    expect(parseHeapDump(text).dump.stacks.map((s) => s.frames.map((f) => f.function))).toEqual([
      ['main.a', 'main.b'], ['main.a', 'main.c'], ['main.a', 'main.b'],
    ]);
  });

  it('two dumps concatenated: two dumps, each whole, with the lines of the whole input', () => {
    const second = SMALL.replace('# Alloc = 5096360', '# Alloc = 7000000');
    expect(diagnosticsOf(SMALL + second)).toEqual([]);
    const { dump, dumps } = parseHeapDump(SMALL + second);
    expect(dumps).toHaveLength(2);
    expect(dumps?.[0]).toBe(dump);
    expect(dumps?.map((d) => [d.header?.position.line, d.recordCount, d.stacks[0]?.position.line, d.stacks[0]?.frames.length, d.memStats?.position?.line, d.memStats?.fields.get('Alloc'), d.lineCount]))
      .toEqual([[1, 1, 2, 2, 7, 5096360n, 12], [13, 1, 14, 2, 19, 7000000n, 24]]);
    // One dump is not a list of one.
    expect(parseHeapDump(SMALL).dumps).toBeUndefined();
  });

  it('a second MemStats block without a new header is one error, not one warning per line', () => {
    const all = parseHeapDump(SMALL + SMALL.slice(SMALL.indexOf('# runtime.MemStats')), 't').diagnostics;
    expect(all.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '10:13 warning PauseNs has 2 values; the runtime always prints its 256-entry ring buffer (truncated?)',
      "13:1 error a second '# runtime.MemStats' block (the first starts on line 7); its lines are not read",
    ]);
  });

  it('something that is not a heap dump at all', () => {
    expect(diagnosticsOf('')).toEqual(["1:1 error no heap profile here: expected 'heap profile: …' or a '# runtime.MemStats' block"]);
  });
});

describe('a dump cut in the middle of a line: every cut point says the input ends there, not that the line is malformed', () => {
  // A real go1.19 dump (2,091 bytes), cut in the test at each kind of place a download stops.
  const text = readCorpus('go1.19/seed/routine1.after-wait.heap-debug1.txt');
  const CUT = 'the dump was cut short; capture it again and make sure the whole response was saved';
  const cutAt = (at: number) => {
    const { dump, diagnostics } = parseHeapDump(text.slice(0, at), 'cut.txt');
    return { records: dump.recordCount, fields: dump.memStats?.lines.length ?? 0, diagnostics: diagnostics.map((d) => [`${d.line}:${d.column} ${d.severity} ${d.message}`, d.hint, d.cut]) };
  };

  it('inside a record\'s counts (`1: 96 [1: `): the records before it are read', () => {
    expect(cutAt(text.indexOf('1: 96 [1: ') + 10)).toEqual({ records: 1, fields: 0, diagnostics: [[
      "8:11 error the input ends in the middle of this line (truncated?): expected an integer in the counts 'N: N [N: N]', found the end of the line", CUT, true]] });
  });

  it('inside a stack: a frame cut in its function name, and in its file', () => {
    expect(cutAt(text.indexOf('runtime.malg+0x27') + 8).diagnostics).toEqual([[
      '3:12 error the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "runtime."', CUT, true]]);
    expect(cutAt(text.indexOf('proc.go:4076') + 6).diagnostics).toEqual([[
      '3:31 error the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "/usr/lib/go-1.19/src/runtime/proc.g"', CUT, true]]);
  });

  it('in the MemStats block (`# Stack = 1179` of `11796480 / 11796480`): the cut, not "fix the value" (audit 39)', () => {
    expect(cutAt(text.indexOf('# Stack = ') + 14)).toEqual({ records: 2, fields: 12, diagnostics: [[
      "25:11 error the input ends in the middle of this line (truncated?): MemStats Stack must be 'inuse / sys' (two integers), found the integer 1179", CUT, true]] });
  });

  it('in the middle of a number at the end, no line end (`# Sys = 2724` of 27243784): it reads, and may be cut', () => {
    expect(cutAt(text.indexOf('# Sys = ') + 12)).toEqual({ records: 2, fields: 2, diagnostics: [[
      '15:13 error the input ends without a line end, so this line may be cut short (truncated?); its value is left out', CUT, true]] });
  });
});
