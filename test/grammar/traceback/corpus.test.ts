/**
 * Every real goroutine?debug=2 dump of the corpus (the leak snapshots and the gzipped deep
 * stacks) parses with zero diagnostics, and what it reads matches counts taken from the text
 * independently.
 */
import { describe, expect, it } from 'vitest';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import type { GoroutineStack } from '../../../src/grammar/traceback/model.js';
import { corpusFiles, readCorpus, VERSIONS } from '../../helpers/fixtures.js';

const dumps = corpusFiles((f) => /\.goroutine-debug2\.txt(\.gz)?$/.test(f));

/** Goroutine records of a dump's text: header line → the lines up to the blank line. */
function records(text: string): string[][] {
  return text.split('\n\n').map((r) => r.split('\n').filter((l) => l !== '')).filter((r) => r.length > 0);
}

function stackOf(stacks: GoroutineStack[], fn: string, state?: string): GoroutineStack[] {
  return stacks.filter((s) => s.frames.some((f) => f.function === fn) && (state === undefined || s.state === state));
}

describe('traceback grammar on the real corpus', () => {
  it('finds every debug=2 dump of the corpus', () => {
    expect(dumps.length).toBe(24); // 4 versions × (5 leak snapshots + the deep stacks)
  });

  it.each(dumps)('%s parses with zero diagnostics', (file) => {
    const text = readCorpus(file);
    const { dump, diagnostics } = parseTraceback(text, file);
    expect(diagnostics).toEqual([]);
    expect(dump.truncated).toBe(false);
    const headers = text.match(/^goroutine \d+ \[/gm) ?? [];
    expect(dump.goroutineCount).toBe(headers.length);
    expect(dump.stacks.reduce((n, s) => n + s.count, 0)).toBe(headers.length);
    expect(dump.stacks.flatMap((s) => s.ids).sort((a, b) => a - b))
      .toEqual(headers.map((h) => Number(/\d+/.exec(h)?.[0])).sort((a, b) => a - b));
    // Every function line is a frame of its goroutine: tab lines minus the 'created by' file lines.
    const lines = text.split('\n');
    const functionLines = lines.filter((l) => l.startsWith('\t')).length - lines.filter((l) => l.startsWith('created by ')).length;
    expect(dump.stacks.reduce((n, s) => n + s.count * s.frames.length, 0)).toBe(functionLines);
    expect(dump.stacks.filter((s) => s.createdBy).reduce((n, s) => n + s.count, 0)).toBe(lines.filter((l) => l.startsWith('created by ')).length);
    expect(dump.lineCount).toBe(lines.length - 1);
    expect(dump.byteCount).toBe(Buffer.byteLength(text));
  });

  it.each(VERSIONS)('%s leak/snap5: the four leak stacks, their states, counts and creators', (version) => {
    const text = readCorpus(`${version}/leak/snap5.goroutine-debug2.txt`);
    const { dump } = parseTraceback(text);
    const lockState = version === 'go1.19' ? 'semacquire' : 'sync.Mutex.Lock';
    const expected = [
      ['main.waitForReply', 'chan receive', 68, 'main.main', 114],
      ['main.waitForShutdown', 'select', 74, 'main.main', 115],
      ['main.waitForLock', lockState, 82, 'main.main', 116],
      ['main.fetchWithTimeout.func1', 'chan send', 92, 'main.fetchWithTimeout', 88],
    ] as const;
    for (const [fn, state, line, creator, createdAt] of expected) {
      const fromText = records(text).filter((r) => r[0]?.includes(`[${state}]`) && r.some((l) => l.startsWith(`${fn}(`)));
      const stacks = stackOf(dump.stacks, fn, state);
      expect(stacks).toHaveLength(1);
      const stack = stacks[0];
      expect(stack?.count).toBe(fromText.length);
      expect(stack?.ids).toEqual(fromText.map((r) => Number(/^goroutine (\d+)/.exec(r[0] ?? '')?.[1])));
      expect(stack?.frames.find((f) => f.function === fn)?.line).toBe(line);
      expect(stack?.labels).toBeUndefined(); // no Go version here prints labels in debug=2
      expect(stack?.createdBy?.function).toBe(creator);
      expect(stack?.createdBy?.line).toBe(createdAt);
      expect(stack?.createdBy?.file).toBe(`/build/run-${version}/src/leak/main.go`);
      // go1.21+: `created by F in goroutine N`; go1.19 prints no creating goroutine.
      if (version === 'go1.19') expect(stack?.createdBy?.goroutine).toBeUndefined();
      else expect(stack?.createdBy?.goroutine).toBe(creator === 'main.main' ? 1 : Number(/created by main\.fetchWithTimeout in goroutine (\d+)/.exec(text)?.[1]));
    }
  });

  it('go1.21 snap5: the exact first goroutines', () => {
    const { dump } = parseTraceback(readCorpus('go1.21/leak/snap5.goroutine-debug2.txt'));
    const [writer, main, accept] = dump.stacks;
    expect(writer?.state).toBe('running');
    expect(writer?.ids).toEqual([820]);
    expect(writer?.position).toEqual({ line: 1, column: 1 });
    expect(writer?.frames[0]).toEqual({
      function: 'runtime/pprof.writeGoroutineStacks', file: '/build/go-1.21.13/src/runtime/pprof/pprof.go', line: 703, offset: '0x6a',
      inlined: false, position: { line: 2, column: 1 },
    });
    expect(writer?.createdBy).toEqual({
      function: 'net/http.(*Server).Serve', goroutine: 19, file: '/build/go-1.21.13/src/net/http/server.go', line: 3091, offset: '0x5cb',
    });
    expect([main?.state, main?.ids, main?.frames.map((f) => f.function), main?.createdBy]).toEqual(['sleep', [1], ['time.Sleep', 'main.main'], undefined]);
    expect(accept?.state).toBe('IO wait');
    // `net/http.Serve(...)`: an inlined call, printed without arguments and without a PC offset.
    expect(accept?.frames.find((f) => f.function === 'net/http.Serve')).toMatchObject({ inlined: true, line: 2600, offset: undefined });
    expect(dump.stacks.find((s) => s.state === 'runnable')?.frames.map((f) => f.function))
      .toEqual(['net/http.(*connReader).startBackgroundRead.func2', 'runtime.goexit']);
  });

  it('go1.26-devel: heap pointer arguments without the 0xc0 prefix read like any other', () => {
    const { dump } = parseTraceback(readCorpus('go1.26-devel/leak/snap5.goroutine-debug2.txt'));
    expect(dump.stacks[0]?.frames[0]?.function).toBe('runtime/pprof.writeGoroutineStacks');
    expect(stackOf(dump.stacks, 'main.waitForLock')[0]?.frames.map((f) => f.function))
      .toEqual(['internal/sync.runtime_SemacquireMutex', 'internal/sync.(*Mutex).lockSlow', 'internal/sync.(*Mutex).Lock', 'sync.(*Mutex).Lock', 'main.waitForLock']);
  });

  it.each(VERSIONS)('%s stacks/deep: the 400-frame stacks, elided (go1.21+) or cut at 100 frames (go1.19)', (version) => {
    const text = readCorpus(`${version}/stacks/deep.goroutine-debug2.txt.gz`);
    const { dump } = parseTraceback(text);
    const deep = stackOf(dump.stacks, 'main.descend');
    expect(deep.reduce((n, s) => n + s.count, 0)).toBe(1000);
    // The records as printed: function lines per deep goroutine.
    const printed = records(text).filter((r) => r[1]?.startsWith('main.descend(')).map((r) => r.filter((l) => l.startsWith('\t')).length - 1);
    expect(new Set(printed)).toEqual(new Set([version === 'go1.19' ? 97 : 100]));
    for (const stack of deep) {
      expect(stack.state).toBe('chan receive');
      expect(stack.createdBy?.function).toBe('main.main');
      if (version === 'go1.19') {
        // go1.19 stops after 100 frames (runtime frames hidden at the top count too) and prints no marker.
        expect(stack.frames).toHaveLength(97);
        expect(stack.elided).toBeUndefined();
        expect(stack.frames.at(-1)?.function).toBe('main.descend'); // main.worker, the start, is cut off
      } else {
        expect(stack.frames).toHaveLength(100);
        expect(stack.elided).toEqual({ frames: 302, index: 50 });
        expect(stack.frames.at(-1)?.function).toBe('main.worker');
      }
    }
    if (version !== 'go1.19') expect(text.match(/^\.\.\.302 frames elided\.\.\.$/gm)).toHaveLength(1000);
  });
});
