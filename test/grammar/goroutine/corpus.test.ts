/**
 * Every real count profile of the corpus (goroutine?debug=1, go1.26's goroutineleak?debug=1,
 * pprof's threadcreate sample) parses with zero diagnostics, and what it reads matches counts
 * taken from the text independently.
 */
import { describe, expect, it } from 'vitest';
import { parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { corpusFiles, readCorpus, VERSIONS } from '../../helpers/fixtures.js';

const profiles = corpusFiles((f) => /\.goroutine(leak)?-debug1\.txt$/.test(f) || f.endsWith('/go.godoc.thread'));

/** The blocks of a count profile (a record line, its labels and frame lines), by blank lines. */
function blocks(text: string): string[][] {
  return text.split('\n\n')
    .map((b) => b.split('\n').filter((l) => l !== '' && !/ profile: total /.test(l)))
    .filter((b) => /^\d+ @/.test(b[0] ?? ''));
}

describe('count profile grammar on the real corpus', () => {
  it('finds every count profile of the corpus', () => {
    // 4 versions × (5 leak + 1 deep) goroutine dumps, go1.26's 2 gleak goroutine + 2 goroutineleak dumps, threadcreate.
    expect(profiles.length).toBe(29);
  });

  it.each(profiles)('%s parses with zero diagnostics', (file) => {
    const text = readCorpus(file);
    const { profile, diagnostics } = parseGoroutineProfile(text, file);
    expect(diagnostics).toEqual([]);
    const header = /^(\w+) profile: total (\d+)$/m.exec(text);
    expect(profile.kind).toBe(header?.[1]);
    expect(profile.header?.total).toBe(Number(header?.[2]));
    expect(profile.header?.position).toEqual({ line: 1, column: 1 });
    const recordLines = text.split('\n').filter((l) => /^\d+ @/.test(l));
    expect(profile.records.map((r) => r.count)).toEqual(recordLines.map((l) => Number(l.split(' ')[0])));
    expect(profile.records.map((r) => r.pcs.join(' '))).toEqual(recordLines.map((l) => l.replace(/^\d+ @ ?/, '')));
    expect(profile.recordTotal).toBe(Number(header?.[2]));
    expect(profile.records.reduce((n, r) => n + r.frames.length, 0)).toBe(text.split('\n').filter((l) => l.startsWith('#\t')).length);
    expect(profile.records.filter((r) => r.labels).length).toBe(text.split('\n').filter((l) => l.startsWith('# labels: ')).length);
    expect(profile.lineCount).toBe(text.split('\n').length - 1);
  });

  it.each(VERSIONS)('%s leak/snap5: the records of each leak function, with their counts, labels and frames', (version) => {
    const text = readCorpus(`${version}/leak/snap5.goroutine-debug1.txt`);
    const { profile } = parseGoroutineProfile(text);
    const lines = { 'main.waitForReply': 68, 'main.waitForShutdown': 74, 'main.waitForLock': 82, 'main.fetchWithTimeout.func1': 92 };
    for (const [fn, line] of Object.entries(lines)) {
      const fromText = blocks(text).filter((b) => b.some((l) => l.includes(`\t${fn}+0x`)));
      const records = profile.records.filter((r) => r.frames.some((f) => f.function === fn));
      expect(records.map((r) => r.count)).toEqual(fromText.map((b) => Number(b[0]?.split(' ')[0])));
      // The blocked goroutines are the biggest record of each function; its frame is the leak's line.
      const blocked = records[0];
      expect(blocked?.count).toBeGreaterThan(150);
      expect(blocked?.labels).toEqual(fn === 'main.fetchWithTimeout.func1' ? { handler: 'fetch' } : undefined);
      const frame = blocked?.frames.find((f) => f.function === fn);
      expect(frame?.file).toBe(`/build/run-${version}/src/leak/main.go`);
      expect(frame?.line).toBe(line);
    }
  });

  it('go1.21 snap5: the exact first records, positions and frames', () => {
    const { profile } = parseGoroutineProfile(readCorpus('go1.21/leak/snap5.goroutine-debug1.txt'));
    expect(profile.records.slice(0, 4).map((r) => [r.count, r.position.line, r.frames.map((f) => f.function)])).toEqual([
      [190, 2, ['main.waitForReply']],
      [190, 5, ['main.waitForShutdown']],
      [190, 8, ['sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.waitForLock']],
      [189, 14, ['main.fetchWithTimeout.func1']],
    ]);
    expect(profile.records[2]?.frames[1]).toEqual({
      address: '0x48459c', function: 'sync.(*Mutex).lockSlow', offset: '0x15c', file: '/build/go-1.21.13/src/sync/mutex.go', line: 171,
      position: { line: 10, column: 1 },
    });
    // `1 @ 0x46d8c1`: a goroutine whose only PC is runtime.goexit (not started yet): no frame lines.
    expect(profile.records.find((r) => r.pcs.join(' ') === '0x46d8c1')?.frames).toEqual([]);
  });

  it.each(VERSIONS)('%s stacks/deep: 32 PCs per record up to go1.22, 128 from go1.23 (profstackdepth)', (version) => {
    const { profile } = parseGoroutineProfile(readCorpus(`${version}/stacks/deep.goroutine-debug1.txt`));
    const deep = profile.records[0];
    expect(deep?.count).toBe(1000);
    expect(deep?.pcs).toHaveLength(version === 'go1.19' || version === 'go1.21' ? 32 : 128);
    expect(new Set(deep?.frames.map((f) => f.function))).toEqual(new Set(['main.descend']));
  });

  it('go1.26 goroutineleak: the leaked senders, with their labels', () => {
    for (const [snap, total] of [['gleak-snap1', 31], ['gleak-snap2', 71]] as const) {
      const { profile, diagnostics } = parseGoroutineProfile(readCorpus(`go1.26-devel/leak/${snap}.goroutineleak-debug1.txt`));
      expect(diagnostics).toEqual([]);
      expect(profile.kind).toBe('goroutineleak');
      expect(profile.header?.total).toBe(total);
      expect(profile.records.map((r) => [r.count, r.labels, r.frames.map((f) => f.function)])).toEqual([
        [total, { handler: 'fetch' }, ['main.fetchWithTimeout.func1']],
      ]);
    }
  });

  it('pprof threadcreate sample: the kind is the header name, records have no frames', () => {
    const { profile, diagnostics } = parseGoroutineProfile(readCorpus('fetched/google-pprof/profile/testdata/go.godoc.thread'));
    expect(diagnostics).toEqual([]);
    expect(profile.kind).toBe('threadcreate');
    expect(profile.header?.total).toBe(7);
    expect(profile.records.map((r) => [r.count, r.pcs.length, r.frames.length])).toEqual([
      [1, 9, 0], [1, 7, 0], [1, 7, 0], [1, 7, 0], [1, 4, 0], [1, 4, 0], [1, 2, 0],
    ]);
  });
});
