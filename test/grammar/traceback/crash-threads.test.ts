/**
 * GOTRACEBACK=crash prints every thread after the goroutines: `-----`, the thread's `goroutine 0
 * [idle]:` system stack and its registers. Real go1.19 captures on amd64 and arm64 (qemu-user).
 */
import { describe, expect, it } from 'vitest';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { readFixture } from '../../helpers/fixtures.js';

function read(name: string): ReturnType<typeof parseTraceback> {
  return parseTraceback(readFixture(`captured/go1.19-crash-threads/${name}`), name);
}

const ids = (r: ReturnType<typeof parseTraceback>): number[] => r.dump.stacks.flatMap((s) => s.ids).sort((a, b) => a - b);

describe('a crash with every thread (GOTRACEBACK=crash), amd64 and arm64', () => {
  it.each([
    ['amd64-sigquit-crash.txt', 314],
    ['arm64-sigquit-crash.txt', 372],
  ])("%s: the four 'goroutine 0' thread stacks are not goroutines; the ten goroutines are 1–10", (name, lines) => {
    const r = read(name);
    expect(r.diagnostics).toEqual([]);
    expect(r.dump.crash).toEqual({ kind: 'signal', message: 'SIGQUIT: quit', signal: 'SIGQUIT', line: 1, registers: true });
    expect([r.dump.goroutineCount, r.dump.threadStacks, r.dump.lineCount]).toEqual([10, 4, lines]);
    expect(ids(r)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The system stack's frames (runtime.sysmon, runtime.futex…) joined no goroutine's stack.
    expect(r.dump.stacks.flatMap((s) => s.frames.map((f) => f.function))).not.toContain('runtime.sysmon');
  });

  it('arm64 register names (r0 … r29, lr, sp, pc, fault) end the default SIGQUIT dump without a diagnostic', () => {
    const r = read('arm64-sigquit.txt');
    expect(r.diagnostics).toEqual([]);
    expect(r.dump.crash?.registers).toBe(true);
    expect([r.dump.goroutineCount, r.dump.threadStacks, r.dump.lineCount]).toEqual([10, 0, 175]);
    expect(ids(r)).toEqual([1, 2, 3, 4, 17, 18, 19, 20, 21, 22]);
  });

  it.each([
    ['amd64-crash.txt', 1594],
    ['arm64-crash.txt', 1172],
  ])('%s: a panic under GOTRACEBACK=crash (fp= sp= pc= on every frame line)', (name, goexitLine) => {
    const r = read(name);
    expect(r.diagnostics).toEqual([]);
    expect(r.dump.crash).toEqual({ kind: 'panic', message: 'assignment to entry in nil map', signal: undefined, line: 1, registers: false });
    expect([r.dump.goroutineCount, r.dump.threadStacks, r.dump.lineCount]).toEqual([10, 0, 143]);
    const main = r.dump.stacks.find((s) => s.state === 'running');
    expect(main?.frames.map((f) => `${f.function} ${f.line}`)).toEqual([
      'panic 987', 'runtime.mapassign_faststr 205', 'main.main 39', 'runtime.main 250', `runtime.goexit ${goexitLine}`,
    ]);
  });

  it("go run's 'signal: aborted' under a GOTRACEBACK=crash panic (the program died of SIGABRT) is a line of the grammar", () => {
    const r = read('gorun-crash.txt');
    expect(r.diagnostics).toEqual([]);
    expect([r.dump.crash?.message, r.dump.goroutineCount, r.dump.lineCount]).toEqual(['assignment to entry in nil map', 10, 144]);
    // The same line with a core dump, and other signals' words (os.ProcessState.String).
    for (const tail of ['signal: aborted (core dumped)', 'signal: killed', 'signal: segmentation fault (core dumped)']) {
      const text = readFixture('captured/go1.19-crash-threads/gorun-crash.txt').replace('signal: aborted\n', `${tail}\n`);
      expect(parseTraceback(text, 'x').diagnostics, tail).toEqual([]);
    }
  });
});
