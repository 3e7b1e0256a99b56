/**
 * Hand-made traceback dumps: Go 1.27 labels and GOTRACEBACK=system headers, truncation by the
 * runtime's 64 MiB cut, CRLF, streaming, and the exact diagnostic (line:column) for damage.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseHeaderText, parseTraceback, TracebackReader } from '../../../src/grammar/traceback/index.js';
import { FIXTURES, readCorpus, readFixture, ROOT } from '../../helpers/fixtures.js';

const SMALL = [
  'goroutine 1 [running]:', //                        1
  'main.main()', //                                   2
  '\t/src/leak/main.go:125 +0xc5', //                 3
  '', //                                              4
  'goroutine 22 [chan receive]:', //                  5
  'main.waitForReply(0x0?)', //                       6
  '\t/src/leak/main.go:68 +0x3c', //                  7
  'created by main.main in goroutine 1', //           8
  '\t/src/leak/main.go:114 +0x113', //                9
  '', //                                              10
  'goroutine 23 [select]:', //                        11
  'main.waitForShutdown(0xc0000162d0?)', //           12
  '\t/src/leak/main.go:74 +0x5f', //                  13
  'created by main.main in goroutine 1', //           14
  '\t/src/leak/main.go:115 +0x145', //                15
  '',
].join('\n');

/** Every goroutine?debug=2 dump or crash output in test/fixtures and samples (by its first line) of at most `maxBytes`. */
function fixtureDumps(maxBytes: number): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      let bytes = readFileSync(path);
      if (name.endsWith('.gz')) {
        try {
          bytes = gunzipSync(bytes);
        } catch {
          continue; // a binary profile, or a damaged gzip a test reads on purpose
        }
      }
      if (bytes.length > maxBytes) continue;
      const text = bytes.toString('utf8');
      const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
      // A crash then GC lines (captured/go1.19-crash-then-gctrace) is a GC log's stderr, not a dump: its GC lines are no dump's.
      if (/^gc \d+ @/m.test(text)) continue;
      if (/^goroutine \d+ .*\[/.test(first) || /^(?:panic: |fatal error: |SIG[A-Z]+: )/.test(first)) out.push({ name: relative(ROOT, path), text });
    }
  };
  walk(FIXTURES);
  walk(join(ROOT, 'samples'));
  return out;
}

function messages(text: string): string[] {
  return parseTraceback(text, 't').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('headers', () => {
  it('reads every form of the bracket', () => {
    expect(parseHeaderText('goroutine 18 [chan receive, 10 minutes, locked to thread]:')).toEqual({
      id: 18, state: 'chan receive', flags: [], waitMinutes: 10, locked: true, labels: undefined,
    });
    expect(parseHeaderText('goroutine 7 gp=0xc000007a40 m=nil [GC worker (idle) (scan), 1 minutes, synctest bubble 5]:')).toEqual({
      id: 7, state: 'GC worker (idle)', flags: ['scan', 'synctest bubble 5'], waitMinutes: 1, locked: false, labels: undefined,
    });
    expect(parseHeaderText('goroutine 9 gp=0x1 m=0 mp=0x835ae0 [running] {test.iter: "0_f7", test.name: FuzzX}:')).toMatchObject({
      id: 9, state: 'running', labels: { text: '{test.iter: "0_f7", test.name: FuzzX}', offset: 45 },
    });
    // The first proposal's form, labels inside the bracket (CL 694119).
    expect(parseHeaderText('goroutine 8 [running labels:{"foobar": "baz"}]:')).toMatchObject({
      id: 8, state: 'running', labels: { text: '{"foobar": "baz"}', offset: 28 },
    });
    expect(parseHeaderText('goroutine 8 [running]')).toBeUndefined();
  });

  it('Go 1.27 labels, minutes, locked to thread and GOTRACEBACK=system fields (fixture)', () => {
    const { dump, diagnostics } = parseTraceback(readFixture('goroutine/go1.27-labels.goroutine-debug2.txt'));
    expect(diagnostics).toEqual([]);
    expect(dump.goroutineCount).toBe(4);
    expect(dump.stacks.map((s) => [s.ids, s.state, s.flags, s.labels, s.waitMinutes, s.lockedToThread, s.count])).toEqual([
      [[1], 'running', [], { handler: 'fetch', 'req id': 'a b' }, undefined, 0, 1],
      // Goroutines 18 and 20 fold: same state, labels, frames and creator; the longest wait, one locked.
      [[18, 20], 'chan receive', [], { handler: 'fetch' }, 12, 1, 2],
      [[19], 'select', ['scan'], { 'test.iter': '0_seed#0', 'test.name': 'FuzzX' }, undefined, 0, 1],
    ]);
    expect(dump.stacks[2]?.frames[0]).toMatchObject({ function: 'main.waitForShutdown', line: 74, offset: '0x5f' });
  });

  it('a label set with a bad escape: the exact column', () => {
    expect(messages('goroutine 1 [running] {k: "a\\qb"}:\nmain.main()\n\t/a.go:1\n')).toEqual([
      "1:29 error an unknown escape '\\q' in a quoted label, in the goroutine's labels",
    ]);
  });
});

describe('valid forms', () => {
  it('reads a small dump with positions', () => {
    const { dump, diagnostics } = parseTraceback(SMALL);
    expect(diagnostics).toEqual([]);
    expect(dump.goroutineCount).toBe(3);
    expect(dump.stacks.map((s) => [s.ids, s.state, s.position, s.frames.map((f) => [f.function, f.line, f.position.line])])).toEqual([
      [[1], 'running', { line: 1, column: 1 }, [['main.main', 125, 2]]],
      [[22], 'chan receive', { line: 5, column: 1 }, [['main.waitForReply', 68, 6]]],
      [[23], 'select', { line: 11, column: 1 }, [['main.waitForShutdown', 74, 12]]],
    ]);
    expect(dump.stacks[1]?.createdBy).toEqual({ function: 'main.main', goroutine: 1, file: '/src/leak/main.go', line: 114, offset: '0x113' });
    expect(dump.lineCount).toBe(15);
  });

  it('reads CRLF line ends, a BOM and a missing final newline the same way', () => {
    const plain = parseTraceback(SMALL).dump.stacks;
    for (const text of ['\uFEFF' + SMALL, SMALL.replace(/\n/g, '\r\n'), SMALL.trimEnd()]) {
      const { dump, diagnostics } = parseTraceback(text);
      expect(diagnostics).toEqual([]);
      expect(dump.truncated).toBe(false);
      expect(dump.stacks).toEqual(plain);
    }
  });

  it('reads a real dump the same in CRLF form and in chunks of any size (records straddle chunks)', () => {
    const text = readCorpus('go1.21/leak/snap5.goroutine-debug2.txt');
    const plain = parseTraceback(text).dump;
    const crlf = parseTraceback(text.replace(/\n/g, '\r\n'));
    expect(crlf.diagnostics).toEqual([]);
    expect(crlf.dump.stacks).toEqual(plain.stacks);
    for (const size of [5, 333, 4096]) {
      const reader = new TracebackReader('t', 512);
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      const { dump, diagnostics } = reader.end();
      expect(diagnostics).toEqual([]);
      expect(dump.stacks).toEqual(plain.stacks);
    }
  });

  it('GOTRACEBACK=system: runtime frames, fp/sp/pc fields, goexit({}) and _testmain.go (fixture)', () => {
    const { dump, diagnostics } = parseTraceback(readFixture('goroutine/system.goroutine-debug2.txt'));
    expect(diagnostics).toEqual([]);
    expect(dump.stacks.map((s) => [s.ids[0], s.state, s.frames.length, s.createdBy?.function])).toEqual([
      [1, 'chan receive', 11, undefined],
      [2, 'force gc (idle)', 4, 'runtime.init.7'],
      [3, 'GC sweep wait', 5, 'runtime.gcenable'],
      [7, 'syscall', 4, 'os/signal.Notify.func1.1'],
      [8, 'chan receive', 7, 'testing.(*T).Run'],
    ]);
    expect(dump.stacks[0]?.frames[8]).toMatchObject({ function: 'main.main', file: '_testmain.go', line: 45, offset: '0x9b' });
  });

  it('ancestors (GODEBUG=tracebackancestors) are read but not kept as frames', () => {
    const text = 'goroutine 5 [chan receive]:\nmain.f()\n\t/a.go:3 +0x1\ncreated by main.main in goroutine 1\n\t/a.go:9 +0x2\n'
      + '[originating from goroutine 1]:\nmain.main(...)\n\t/a.go:9\n';
    const { dump, diagnostics } = parseTraceback(text);
    expect(diagnostics).toEqual([]);
    expect(dump.stacks[0]?.frames.map((f) => f.function)).toEqual(['main.f']);
    expect(dump.stacks[0]?.createdBy?.function).toBe('main.main');
  });
});

describe("each folded goroutine's wait, beside its id", () => {
  it('the idle pool (go1.19): 2,000 workers in one stack; at dump 3, 993 printed `1 minutes`, the others none; at dump 1, none did', () => {
    const third = parseTraceback(readFixture('captured/go1.19-audit28-idlepool/run/goroutine/03.goroutine-debug2.txt.gz'), 't').dump;
    const workers = third.stacks.find((st) => st.frames[0]?.function === 'main.worker');
    expect([workers?.count, workers?.ids.length, workers?.minutes?.length, workers?.waitMinutes]).toEqual([2000, 2000, 2000, 1]);
    expect(workers?.minutes?.filter((m) => m === 1).length).toBe(993);
    expect(workers?.minutes?.filter((m) => m === 0).length).toBe(1007);
    // `goroutine 19 [chan receive, 1 minutes]:` (line 47), `goroutine 500 [chan receive]:`.
    const at = (id: number): number | undefined => workers?.minutes?.[workers.ids.indexOf(id)];
    expect([at(19), at(500)]).toEqual([1, 0]);
    const first = parseTraceback(readFixture('captured/go1.19-audit28-idlepool/run/goroutine/01.goroutine-debug2.txt.gz'), 't').dump;
    expect(first.stacks.find((st) => st.frames[0]?.function === 'main.worker')?.minutes).toBeUndefined();
  });
});

describe('a cut dump: one diagnostic on the last goroutine, marked truncated — a warning for the runtime\'s 64 MiB cut, an error for a shorter file cut mid-line', () => {
  it('cut in the middle of a line (fixture, 1 KiB: cut after it was written, an error that says to capture it again)', () => {
    const { dump, diagnostics } = parseTraceback(readFixture('goroutine/truncated.goroutine-debug2.txt'), 't');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '11:1 error goroutine 23 is cut short: the dump ends inside its record (it ends in the middle of line 14); its stack is incomplete',
    ]);
    expect(diagnostics[0]?.hint).toMatch(/^the file is [\d,]+ bytes, not the 64 MiB the runtime's own cut leaves: it was cut after it was written \(a download or a copy that stopped\); capture it again and make sure the whole response was saved$/);
    expect(dump.truncated).toBe(true);
    expect(dump.goroutineCount).toBe(3);
    const last = dump.stacks.at(-1);
    expect([last?.ids, last?.state, last?.truncated, last?.frames.map((f) => f.function), last?.createdBy]).toEqual([
      [23], 'select', true, ['main.waitForShutdown'], undefined, // the cut 'created by main.ma' is dropped
    ]);
    expect(dump.stacks.slice(0, 2).map((s) => s.truncated)).toEqual([false, false]);
  });

  it('cut in the middle of a function line, a header, or right after a function line', () => {
    const at = (marker: string, extra = 0): string => SMALL.slice(0, SMALL.indexOf(marker) + extra);
    expect(messages(at('(0xc0000162d0?)', 5))).toEqual([
      '11:1 error goroutine 23 is cut short: the dump ends inside its record (it ends in the middle of line 12); its stack is incomplete',
    ]);
    const header = parseTraceback(at('[select]', 4));
    expect(header.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '11:1 goroutine 23 is cut short: the dump ends inside its record (it ends in the middle of line 11); its stack is incomplete',
    ]);
    expect(header.dump.goroutineCount).toBe(3);
    expect(header.dump.stacks.at(-1)).toMatchObject({ ids: [23], state: '', truncated: true, frames: [] });
    expect(messages(at('\t/src/leak/main.go:74'))).toEqual([
      '11:1 warning goroutine 23 is cut short: the dump ends inside its record (its last function line has no file line); its stack is incomplete',
    ]);
    expect(messages(at('goroutine 23', 5))).toEqual(['11:1 error the dump ends in the middle of this line (truncated?)']);
    // `cut: true` where the input ends mid-line (JSON diagnostics, as a heap dump's); not on a record
    // that ends at a line's end (the runtime's 64 MiB stop may end it there: no new capture undoes it).
    expect(parseTraceback(at('(0xc0000162d0?)', 5)).diagnostics.map((d) => d.cut)).toEqual([true]);
    expect(parseTraceback(at('goroutine 23', 5)).diagnostics.map((d) => d.cut)).toEqual([true]);
    expect(parseTraceback(at('\t/src/leak/main.go:74')).diagnostics.map((d) => d.cut)).toEqual([undefined]);
  });

  it('cut right after a file line\'s number, before its +0x offset (a real go1.19 dump cut at 20,000 bytes): the line reads, but no whole line ends a record without it', () => {
    // go1.19-audit31-reqleak-cut: `head -c 20000` of a 490 KB goroutine?debug=2 dump, ending
    // `\t…/net/http/server.go:1991` (of `:1991 +0x607`) without a line end; goroutine 333's record
    // then lacked its creator and read as a group of its own, with no diagnostic.
    const text = readFixture('captured/go1.19-audit31-reqleak-cut/t5.goroutine2.txt');
    expect([text.length, text.endsWith('/src/net/http/server.go:1991')]).toEqual([20000, true]);
    const { dump, diagnostics } = parseTraceback(text, 't');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} ${d.cut === true ? 'cut' : ''}`)).toEqual([
      '369:1 error goroutine 333 is cut short: the dump ends inside its record (it ends in the middle of line 379); its stack is incomplete cut',
    ]);
    expect(dump.truncated).toBe(true);
    const last = dump.stacks.find((s) => s.ids.includes(333));
    expect([last?.count, last?.truncated, last?.frames.length, last?.createdBy]).toEqual([1, true, 5, undefined]);
    // Cut after the offset instead (`+0x607` of goroutine 561 at line 85, no line end): its frames
    // read whole, but it has no 'created by' line, which every goroutine but goroutine 1 has.
    const lines = text.split('\n');
    expect([lines[74], lines[84]]).toEqual(['goroutine 561 [chan receive, 1 minutes]:', '\t/usr/lib/go-1.19/src/net/http/server.go:1991 +0x607']);
    expect(messages(lines.slice(0, 85).join('\n'))).toEqual([
      '75:1 error goroutine 561 is cut short: the dump ends inside its record (it ends in the middle of line 85); its stack is incomplete',
    ]);
    // Not flagged: a cut at that line's end (the record may be whole), goroutine 1 (no creator)
    // ending without a line end, and a cut inside the creator's offset (its function is whole).
    expect(messages(`${lines.slice(0, 85).join('\n')}\n`)).toEqual([]);
    expect(lines[24]).toBe('\t/tmp/audit31/progs/reqleak/main.go:31 +0x110');
    expect(messages(lines.slice(0, 25).join('\n'))).toEqual([]);
    expect(messages(lines.slice(0, 87).join('\n').slice(0, -1))).toEqual([]);
  });

  it('a complete dump without its final line end stays clean: every goroutine?debug=2 dump of test/fixtures and samples up to 2 MiB', () => {
    // 357 (fixthreads48 added idlethreads' goroutine2-t08.txt; 356 before: audit48 added the debug=2 dumps of its huge, shrink, sparse, threads and tiny captures, two each; 346 before: audit47 added the debug=2 dumps of its bigcache, bigstable, deferloop, gogc10, gogc400, jsonpeak, ratechange and syncmap captures, two each; 330 before: captures47 added movedframes' two goroutine2 dumps; 328 before: audit46 added the debug=2 dumps of its appendmap, closureleak, freeosleak, phasechurn, unigeneric and workerpool captures, two each, and goro100k's first 1,000 goroutines; 315 before: audit45 added the debug=2 dumps of its generics, halfprune, mmapgrow, observers and setlimit captures, two each; 305 before: audit44 added the debug=2 dumps of its restart, sawtooth, twoleaks, bigframes, gcphase and intern captures, two each; 293 before: pairing43's burstlayout added its five gor2/ dumps; 288 before: audit43 added the debug=2 dumps of its cardinality, concpeak, gorobuf, gorobuf-deadbuf, madvfree and workermap captures, two each; 276 before: audit42 added deeprec's two goroutine2 dumps; 274 before; 256 after audit40 added the debug=2 dumps of its connleak, timers, timers-gc1, ringbuf, bufpool, limitthrash and limitnear captures; 249 before: audit39 added the debug=2 dumps of its goroleak, bodyleak, ctxleak, ttlcache, offheap and chanpeak captures, two each); the 11 larger ones (the deep stacks, the burst and gorleak captures: 95 of
    // the 109 MB, half a minute) were checked the same way once, by hand, and stay clean too.
    const dumps = fixtureDumps(2 << 20);
    expect(dumps.length).toBe(357);
    const changed = dumps.filter(({ text }) => {
      const whole = messages(text);
      return JSON.stringify(messages(text.replace(/\n+$/, ''))) !== JSON.stringify(whole);
    }).map(({ name }) => name);
    expect(changed).toEqual([]);
  });

  it('the runtime\'s own cut (exactly 64 MiB, mid-line): a warning that goroutines after it are missing, no error', () => {
    const record = SMALL.slice(SMALL.indexOf('goroutine 22'), SMALL.indexOf('goroutine 23'));
    const head = SMALL.slice(0, SMALL.indexOf('goroutine 22'));
    const text = `${head}${record.repeat(Math.ceil((64 << 20) / record.length))}`.slice(0, 64 << 20);
    const lines = text.split('\n').length;
    const { dump, diagnostics } = parseTraceback(text, 't');
    expect(dump.truncated).toBe(true);
    expect(diagnostics.map((d) => `${d.line} ${d.severity} ${d.cut === true ? 'cut' : ''} ${d.hint}`)).toEqual([
      expect.stringMatching(new RegExp(`^\\d+ warning cut the runtime stops goroutine\\?debug=2 output at 64 MiB, so goroutines after this one are missing too; goroutine\\?debug=1 folds identical stacks and stays small$`)),
    ]);
    expect(diagnostics[0]?.message).toMatch(new RegExp(`ends in the middle of (this line|line ${lines})`));
  });

  it('a cut at any byte of a small dump: at most one diagnostic, an error only where it ends mid-line, and never loses a complete goroutine', () => {
    for (let cut = SMALL.indexOf('\n') + 1; cut < SMALL.length; cut++) {
      const text = SMALL.slice(0, cut);
      const { dump, diagnostics } = parseTraceback(text);
      expect(diagnostics.filter((d) => d.severity === 'error' && d.cut !== true)).toEqual([]);
      expect(diagnostics.length).toBeLessThanOrEqual(1);
      expect(dump.goroutineCount).toBeGreaterThanOrEqual((text.match(/^goroutine \d+ \[/gm) ?? []).length);
      const complete = dump.stacks.filter((s) => !s.truncated).reduce((n, s) => n + s.count, 0);
      expect(complete).toBeGreaterThanOrEqual(text.split('\n\n').length - 1);
    }
  });
});

describe('damaged input: one diagnostic per bad line, at its exact line:column', () => {
  it('junk after a file line', () => {
    expect(messages(SMALL.replace('main.go:68 +0x3c', 'main.go:68 +0x3c junk'))).toEqual([
      `7:${'\t/src/leak/main.go:68 +0x3c'.length + 1} error unexpected characters " junk"`,
    ]);
  });

  it('a header that is not a header: the bad id, a missing colon', () => {
    expect(messages(SMALL.replace('goroutine 22 [', 'goroutine x2 ['))).toEqual(['5:11 error unexpected character "x"']);
    expect(messages(SMALL.replace('goroutine 22 [chan receive]:', 'goroutine 22 [chan receive]'))).toEqual([
      "5:28 error expected ':' in a goroutine header 'goroutine N [state]:', found the end of the line",
    ]);
  });

  it('a line that is nothing a dump holds', () => {
    expect(messages(SMALL.replace('main.waitForReply(0x0?)', 'hello world'))).toEqual([
      "6:1 error unexpected characters \"hello world\": expected a goroutine header 'goroutine N [state]:', a function line 'f(…)', "
      + "a '\\tfile:line' line, 'created by F', a crash's 'panic: …' or register line, or a blank line",
    ]);
  });

  it('lines outside a goroutine: one error for the run', () => {
    expect(messages(`main.f()\n\t/a.go:1\nmain.g()\n\t/a.go:2\n\n${SMALL}`)).toEqual([
      "1:1 error a function line outside a goroutine (no 'goroutine N [state]:' header above it)",
    ]);
  });

  it('a function line without its file line, and a file line without a function line', () => {
    expect(messages(SMALL.replace('\t/src/leak/main.go:68 +0x3c\n', ''))).toEqual([
      '6:1 warning the function line of main.waitForReply has no file line under it',
    ]);
    expect(messages(SMALL.replace('main.waitForReply(0x0?)\n', ''))).toEqual(['6:1 error a file line with no function line above it']);
  });

  it('not a goroutine dump at all', () => {
    expect(messages('')).toEqual(["1:1 error no goroutine dump here: expected 'goroutine N [state]:' lines"]);
  });
});

describe('memoized lines', () => {
  it('a function line served from the cache reads as the grammar read it, inside and outside a goroutine', () => {
    const text = ['goroutine 1 [running]:', 'main.f(0x1)', '\t/x.go:1 +0x1', 'main.g(...)', '\t/x.go:2', '',
      'goroutine 2 [running]:', 'main.f(0x1)', '\t/x.go:1 +0x1', 'main.g(...)', '\t/x.go:2', '',
      'main.f(0x1)', '\t/x.go:1 +0x1', ''].join('\n');
    const { dump } = parseTraceback(text, 't');
    expect(messages(text)).toEqual(["13:1 error a function line outside a goroutine (no 'goroutine N [state]:' header above it)"]);
    expect(dump.stacks.map((s) => [s.count, s.frames.map((f) => [f.function, f.inlined, f.file, f.line])]))
      .toEqual([[2, [['main.f', false, '/x.go', 1], ['main.g', true, '/x.go', 2]]]]);
  });
  it("a 'created by' line served from the cache reads as the grammar read it, inside and outside a goroutine", () => {
    const record = (id: number): string[] => [`goroutine ${id} [chan receive]:`, 'main.wait()', '\t/x.go:1 +0x1', 'created by main.main in goroutine 1', '\t/x.go:9 +0x2', ''];
    const text = [...record(2), ...record(3), 'created by main.main in goroutine 1', '\t/x.go:9 +0x2', '', ...record(4)].join('\n');
    const { dump } = parseTraceback(text, 't');
    expect(messages(text)).toEqual(["13:1 error a 'created by' line outside a goroutine (no 'goroutine N [state]:' header above it)"]);
    expect(dump.stacks.map((s) => [s.count, s.ids, s.createdBy])).toEqual([[3, [2, 3, 4], { function: 'main.main', goroutine: 1, file: '/x.go', line: 9, offset: '0x2' }]]);
  });
});
