/**
 * A crash's output (panic, fatal error, SIGQUIT) read by the traceback grammar: the preamble and the
 * register dump are lines of the grammar, not errors; real junk still gets its diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const DIR = 'captured/go1.19-audit-gor';

function read(rel: string): ReturnType<typeof parseTraceback> {
  return parseTraceback(readFixture(`${DIR}/${rel}`), rel);
}

describe("a crash's output (go1.19 captures)", () => {
  it('panic with GOTRACEBACK=all and =system: the panic message, every goroutine, no diagnostic', () => {
    const all = read('gorsys/crash-all.txt.gz');
    expect(all.diagnostics).toEqual([]);
    expect(all.dump.crash).toEqual({ kind: 'panic', message: 'crash for traceback', signal: undefined, line: 1, registers: false });
    expect([all.dump.goroutineCount, all.dump.stacks.length, all.dump.lineCount]).toEqual([120, 12, 10619]);
    const system = read('gorsys/crash-system.txt.gz');
    expect(system.diagnostics).toEqual([]);
    expect(system.dump.crash?.message).toBe('crash for traceback');
    expect(system.dump.goroutineCount).toBe(127);
  });

  it("'fatal error: all goroutines are asleep' from go run, with its 'exit status 2' right under the last file line", () => {
    const { dump, diagnostics } = read('gorsys/deadlock.txt');
    expect(diagnostics).toEqual([]);
    expect(dump.crash).toEqual({ kind: 'fatal error', message: 'all goroutines are asleep - deadlock!', signal: undefined, line: 1, registers: false });
    expect(dump.stacks.map((s) => [s.state, s.count, s.frames.at(-1)?.function])).toEqual([
      ['semacquire', 1, 'main.main'],
      ['chan send', 3, 'main.main.func1'],
    ]);
  });

  it('SIGQUIT: the signal, PC= line and the register dump at the end', () => {
    const { dump, diagnostics } = read('gorleak/sigquit.txt.gz');
    expect(diagnostics).toEqual([]);
    expect(dump.crash).toEqual({ kind: 'signal', message: 'SIGQUIT: quit', signal: 'SIGQUIT', line: 1, registers: true });
    // Its `goroutine 0 [idle]:` (line 4) is the signalled thread's system stack, not a goroutine.
    expect([dump.goroutineCount, dump.threadStacks, dump.lineCount]).toEqual([410, 1, 10480]);
  });

  it('a nil dereference ([signal …]), a three-line panic message, a stack overflow (runtime stack:), a panic while panicking', () => {
    const nil = read('crashes/nil.txt');
    expect(nil.diagnostics).toEqual([]);
    expect(nil.dump.crash).toEqual({
      kind: 'panic', message: 'runtime error: invalid memory address or nil pointer dereference',
      signal: 'SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x460755', line: 1, registers: false,
    });
    const multi = read('crashes/multi.txt');
    // The whole message, its line ends kept (was 'first line' alone).
    expect([multi.diagnostics, multi.dump.crash?.message, multi.dump.goroutineCount]).toEqual([[], 'first line\nsecond line(x)\n\tthird: 12', 1]);
    const overflow = read('crashes/overflow.txt');
    expect(overflow.diagnostics).toEqual([]);
    expect(overflow.dump.crash).toMatchObject({ kind: 'fatal error', message: 'stack overflow', line: 3 });
    // The `runtime stack:` frames belong to no goroutine: the 5 goroutines are the headers'.
    expect([overflow.dump.goroutineCount, overflow.dump.stacks[0]?.frames[0]?.function]).toEqual([5, 'main.rec']);
    const recovered = read('crashes/recovered.txt');
    // `panic: first` then `\tpanic: second`: the runtime died of the second, raised while panicking with the first.
    expect([recovered.diagnostics, recovered.dump.crash?.message, recovered.dump.crash?.earlier, recovered.dump.crash?.line]).toEqual([[], 'second', ['first'], 2]);
  });
});

describe('a multi-line panic message', () => {
  it('keeps lines that read as frames, a file line or nothing, up to the blank line; [recovered] is not the message', () => {
    const text = 'panic: bad config\nmain.load(0x1)\n\t/etc/app.yaml:12\nkey: x [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:5 +0x1\n';
    const { dump, diagnostics } = parseTraceback(text, 't');
    expect(diagnostics).toEqual([]);
    expect(dump.crash).toMatchObject({ kind: 'panic', message: 'again', earlier: ['bad config\nmain.load(0x1)\n\t/etc/app.yaml:12\nkey: x'], line: 5 });
    expect([dump.goroutineCount, dump.stacks[0]?.frames[0]?.function]).toEqual([1, 'main.main']);
  });
});

describe('junk in a crash still gets its diagnostic', () => {
  it('a line after the records that is neither a register nor anything a dump holds', () => {
    const text = `${readFixture(`${DIR}/gorsys/deadlock.txt`)}junk line here\nrax 0xzz\n`;
    expect(parseTraceback(text, 't').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}`)).toEqual(['29:1 error', '30:1 error']);
  });

  it('a log line above the panic: an error on it, the rest read', () => {
    const text = `2026/12/05 server starting\n${readFixture(`${DIR}/crashes/nil.txt`)}`;
    const { dump, diagnostics } = parseTraceback(text, 't');
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['1:1']);
    expect([dump.crash?.line, dump.goroutineCount]).toEqual([2, 1]);
  });
});
