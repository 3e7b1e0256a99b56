/**
 * Audit 48 #1 (test/fixtures/captured/go1.19-audit48-hostile/heap-delta-5s.pb.gz): net/http/pprof's
 * heap?seconds=5, the profile at the end less the one at the start (duration_nanos 5,005,258,731).
 * Its negative int64s (main.go:30: −2 objects, −719,991 B, its slice's old backing array freed) were
 * read as unsigned: "16.0 EiB in use, 18,446,744,073,709,552,000 objects". They are read signed now,
 * and the reports say the numbers are changes over the window, not totals; beside other inputs
 * (a folder, diff) the delta is refused in one line.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DELTA = 'test/fixtures/captured/go1.19-audit48-hostile/heap-delta-5s.pb.gz';
const TINY = 'test/fixtures/captured/go1.19-audit48-tiny';
const WORDS = 'a delta profile over 5.0 s (heap?seconds=5): in-use and allocated are changes in that window, not totals';

interface Json {
  snapshots: { profile: { delta?: { durationMs: number }; inuseBytes: number; inuseObjects: number; allocBytes: number; sites: { line: number; inuseBytes: number; inuseObjects: number; allocBytes: number }[] } }[];
  verdict: { leak: string; summary: string };
}

describe('a delta heap profile (heap?seconds=5)', () => {
  const made: string[] = [];
  afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

  it('text: signed changes per site, the window said first and above the table, no "as of a recent GC"', async () => {
    const r = await runCli(['analyze', DELTA]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`A delta profile over 5.0 s (heap?seconds=5): in-use and allocated are changes in that window, not totals: in use +4.1 MiB net, 7.4 MiB allocated.`);
    expect(r.stdout).not.toContain('EiB');
    expect(r.stdout).not.toContain('as of a recent GC');
    const at = lines.indexOf('Allocation sites');
    expect(lines.slice(at + 2, at + 13)).toEqual([
      '  A delta profile over 5.0 s (heap?seconds=5): in-use and allocated are changes in that window, not totals; a negative in-use was freed in the window.',
      '    Δ in use  Δ objects   allocated  site',
      '    +1.6 MiB         ±0     3.1 MiB  main.leak',
      '                                     …/captures/tiny/main.go:30',
      '                                     in the window: freed −703.1 KiB in 2 objects, kept +2.2 MiB in 2',
      '    +1.0 MiB         +1     1.9 MiB  main.leak',
      '                                     …/captures/tiny/main.go:32',
      '    +1.0 MiB    +65,537     1.0 MiB  main.leak',
      '                                     …/captures/tiny/main.go:28',
      '  +512.2 KiB     +1,489   512.2 KiB  internal/profile.(*Profile).postDecode (the profiler\'s own)',
      '                                     …/internal/profile/encode.go:258',
    ]);
  });

  it('JSON: signed numbers and profile.delta with the window', async () => {
    const r = await runCli(['analyze', DELTA, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    const p = json.snapshots[0]?.profile;
    expect(p?.delta).toEqual({ durationMs: 5005.258731 });
    expect([p?.inuseBytes, p?.inuseObjects, p?.allocBytes]).toEqual([4289366, 67027, 7737997]);
    // main.go:30: −719,991 + 1,265,221 + 1,085,540 in use; −2 + 1 + 1 objects.
    expect(p?.sites.filter((s) => s.line === 30).map((s) => [s.inuseBytes, s.inuseObjects, s.allocBytes])).toEqual([[1630770, 0, 3201995]]);
    expect(json.verdict.leak).toBe('unknown');
    expect(json.verdict.summary).toContain(WORDS.replace('a delta', 'A delta'));
  });

  it('markdown: the window above the table and signed columns', async () => {
    const r = await runCli(['analyze', DELTA, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| Δ in use | Δ objects | allocated | site | file:line |');
    expect(r.stdout).toContain('| +1.6 MiB | ±0 | 3.1 MiB | <code>main.leak</code> (in the window: freed −703.1 KiB in 2 objects, kept +2.2 MiB in 2) | …/captures/tiny/main.go:30 |');
  });

  it('lint: no-memstats names the window and asks for the whole profile', async () => {
    const r = await runCli(['lint', DELTA, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { files: { messages: { ruleId: string; message: string; fix?: string }[] }[] } | { ruleId: string; message: string }[];
    const text = JSON.stringify(json);
    expect(text).toContain('A delta heap profile over 5.0 s (heap?seconds=5) carries no runtime.MemStats: only what changed at its allocation sites in that window can be read, not totals.');
    expect(text).not.toContain('heap.pb.gz vars.json');
  });

  it('refused in one line beside other inputs: diff, and a folder of whole dumps', async () => {
    const refusal = `${DELTA} is a delta profile over 5.0 s (heap?seconds=5), not a snapshot: its in-use and allocated are changes in that window, not totals, so it has no place beside the other inputs`;
    const hint = `analyze it alone (heapdoc ${DELTA}); for a series, capture whole profiles (heap?debug=1, without seconds=) and leave it out`;
    for (const separately of [[], ['--separately']]) {
      const diff = await runCli(['diff', ...separately, `${TINY}/heap-t46.pb.gz`, DELTA]);
      expect(diff.code).toBe(2);
      expect(diff.stdout).toBe('');
      expect(diff.stderr.trim()).toBe(`heapdoc: error: ${refusal} — ${hint}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-delta-'));
    made.push(dir);
    for (const name of ['heap-t16.txt', 'heap-t26.txt']) cpSync(`${TINY}/gc1/${name}`, join(dir, name));
    cpSync(DELTA, join(dir, 'heap-delta-5s.pb.gz'));
    const folder = await runCli(['analyze', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stdout).toBe('');
    expect(folder.stderr.trim()).toBe(`heapdoc: error: ${join(dir, 'heap-delta-5s.pb.gz')} is a delta profile over 5.0 s (heap?seconds=5), not a snapshot: its in-use and allocated are changes in that window, not totals, so it has no place beside the other inputs — analyze it alone (heapdoc ${join(dir, 'heap-delta-5s.pb.gz')}); for a series, capture whole profiles (heap?debug=1, without seconds=) and leave it out`);
  });
});
