/**
 * `heapdoc watch` of polls read between GCs (audit 44 F7): its line said "live" of HeapAlloc at
 * every poll, and "leak suspected" with nothing to check it by. The captured
 * go1.19-audit44-sawtooth-watch (heap?debug=1 without gc=1 every 2 s: a 64 MiB batch every 20 s, 4 MiB
 * kept per batch) said "live 152.7 MiB" for 16 polls of one GC cycle; go1.19-audit44-gcphase-watch
 * (/debug/vars every 3 s of a program that turns its GC off for 20 s) "live 167.7 MiB" with the GC off.
 * The saved polls are served again in order by a loopback server, through watch's own code path.
 */
import { describe, expect, it } from 'vitest';
import { watch } from '../helpers/replay.js';

const SAWTOOTH = 'test/fixtures/captured/go1.19-audit44-sawtooth-watch/saved';
const GCPHASE = 'test/fixtures/captured/go1.19-audit44-gcphase-watch/saved';

describe('watch of polls read between GCs (audit 44 F7)', () => {
  it('heap?debug=1 without gc=1: HeapAlloc, not live; the polls of one GC cycle say since which poll', { timeout: 60_000 }, async () => {
    const polls = (await watch(SAWTOOTH, '.heap-debug1.txt', '/debug/pprof/heap?debug=1', 25)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(25);
    expect(polls.filter((l) => l.includes(' live '))).toEqual([]);
    expect(polls[6]).toBe('#7 Sys 174.7 MiB · HeapAlloc 152.7 MiB · frag 788.7 KiB · idle 2.2 MiB · released 4.0 MiB · stacks 416.0 KiB · runtime 14.7 MiB · ΔHeapAlloc +68.1 MiB · 13 sites · goroutines 6 · no GC since #1');
    expect(polls.map((l) => / · no GC since #(\d+)/.exec(l)?.[1])).toEqual([undefined, ...Array(15).fill('1'), undefined, ...Array(8).fill('17')]);
    expect(polls.filter((l) => l.includes('leak suspected'))).toEqual([]);
  });

  it('/debug/vars with the GC turned off for a phase: HeapAlloc, GC off at those polls, never "live 167.7 MiB"', { timeout: 60_000 }, async () => {
    const polls = (await watch(GCPHASE, '.vars.json', '/debug/vars', 23)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(23);
    expect(polls.filter((l) => l.includes(' live '))).toEqual([]);
    const off = polls.filter((l) => l.includes('GC off (NextGC ≈ 2^63)')).map((l) => /^#(\d+)/.exec(l)?.[1]);
    expect(off).toEqual(['8', '9', '10', '11', '12', '13', '14']);
    expect(polls[13]).toMatch(/^#14 Sys [\d.]+ MiB · HeapAlloc 167\.7 MiB · .* · GC off \(NextGC ≈ 2\^63\) · no GC since #\d+$/);
  });

  it('--format json: readBetweenGCs, gcOff and noGcSince per poll', { timeout: 60_000 }, async () => {
    const docs = (await watch(GCPHASE, '.vars.json', '/debug/vars', 23, ['--format', 'json'])).map((l) => JSON.parse(l) as { seq: number; readBetweenGCs: boolean; gcOff?: boolean; noGcSince?: number; leakSuspected: boolean });
    expect(docs.every((d) => d.readBetweenGCs)).toBe(true);
    expect(docs.filter((d) => d.gcOff).map((d) => d.seq)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(docs.filter((d) => d.leakSuspected)).toEqual([]);
  });

  it('a leak read after each GC: "live", and what "leak suspected" rests on', { timeout: 60_000 }, async () => {
    const polls = (await watch('test/fixtures/captured/go1.19-slowleak-gc1/slowleak-1', '.heap-debug1.txt', '/debug/pprof/heap?debug=1&gc=1', 6)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(6);
    expect(polls.every((l) => l.includes(' · live '))).toBe(true);
    expect(polls.filter((l) => l.includes('no GC since'))).toEqual([]);
    expect(polls[5]).toMatch(/ · Δlive \+[\d.]+ KiB · \d+ sites · leak suspected: main\.newSession \+1\.5 MiB$/);
  });
});
