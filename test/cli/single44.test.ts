/**
 * One dump's verdict on the captured go1.19-audit44-sawtooth (a batch every 20 s holds 64 MiB for
 * 6 s and keeps 4 MiB forever; audit 44 F11, F12).
 * F11: its last ?gc=1 dump (live 12.2 MiB, 64.6 MiB idle) is "Not a leak of reachable data" — the
 * held memory is not live data (reasoning.md §2) — but the 12.2 MiB live is the leak: the verdict
 * says that one dump cannot tell whether it grows.
 * F12: its plain heap-t46 (NumGC 11, the last GC during batch 2, read 10 s later after the batch
 * ended) was "Live objects are most of what Go holds: live 72.2 MiB …" while the ?gc=1 dump 0.3 s
 * later has 8.2 MiB: a dump not read right after a GC knows the live heap as of its last GC only.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const S = 'test/fixtures/captured/go1.19-audit44-sawtooth';
const NOT_NOW = 'What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now.';
const TAKE_GC_ONE = 'One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.';
const AGREE = 'as HeapAlloc, the heap goal (NextGC 144.6 MiB: about 72.1 MiB marked if GOGC is 100) and the heap profile (75.6 MiB in use) agree.';

interface Json { verdict: { leak: string; summary: string; readBetweenGCs?: boolean } }

describe('one ?gc=1 dump of a leaking program: not a leak of reachable data, and whether the live part grows one dump cannot tell (audit 44 F11)', () => {
  it('gc1/heap-t68: live 12.2 MiB beside 64.6 MiB idle', async () => {
    const lines = await reportLines([`${S}/gc1/heap-t68.txt`]);
    expect(lines.slice(0, 3)).toEqual([
      "Not a leak of reachable data: live 12.2 MiB of 92.4 MiB mapped (Go holds 90.3 MiB); 64.6 MiB idle, retained by the runtime for reuse; the heap's address space (HeapSys) reached 79.6 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept.",
      'Most of the memory is idle heap retained by the runtime.',
      'One dump cannot tell whether the live 12.2 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.',
    ]);
    const json = await reportJson<Json>([`${S}/gc1/heap-t68.txt`, '--format', 'json']);
    expect(json.verdict.leak).toBe('not-suspected');
  });

  it('gc1/heap-t46, read 0.3 s after plain/heap-t46: live 8.2 MiB', async () => {
    expect((await reportLines([`${S}/gc1/heap-t46.txt`]))[2]).toBe('One dump cannot tell whether the live 8.2 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.');
  });
});

describe('one dump not read right after a GC says its live heap as of its last GC (audit 44 F12)', () => {
  it('plain/heap-t46: about 72.2 MiB live as of cycle 11, not now', async () => {
    const lines = await reportLines([`${S}/plain/heap-t46.txt`]);
    expect(lines.slice(0, 3)).toEqual([
      `As of the last GC (cycle 11), live objects were most of what Go holds: about 72.2 MiB, 84.2% of the 85.8 MiB Go holds (88.4 MiB mapped), ${AGREE}`,
      NOT_NOW,
      TAKE_GC_ONE,
    ]);
    const json = await reportJson<Json>([`${S}/plain/heap-t46.txt`, '--format', 'json']);
    expect(json.verdict.leak).toBe('unknown');
    expect(json.verdict.readBetweenGCs).toBeUndefined();
  });

  it('its binary profile with the /debug/vars of its moment says how long after the GC: 10.20 s', async () => {
    const lines = await reportLines([`${S}/heap-t46.pb.gz`, `${S}/vars/vars-t46.json`]);
    expect(lines.slice(0, 3)).toEqual([
      `As of the last GC (cycle 11, 10.20 s before the capture), live objects were most of what Go holds: about 72.3 MiB, 84.2% of the 85.8 MiB Go holds (88.4 MiB mapped), ${AGREE}`,
      NOT_NOW,
      TAKE_GC_ONE,
    ]);
  });

  it('plain/heap-t16: the goal says it where the profile lags (markedWords), so the opening names neither', async () => {
    const lines = await reportLines([`${S}/plain/heap-t16.txt`]);
    expect(lines.slice(0, 3)).toEqual([
      'As of the last GC (cycle 5), live objects were most of what Go holds: about 68.2 MiB, 83.1% of the 82.1 MiB Go holds (84.4 MiB mapped).',
      "The heap goal (NextGC 136.6 MiB) says the last GC marked about 68.1 MiB live if GOGC is 100 (the dump does not carry GOGC), most of HeapAlloc: the heap profile's 18.3 MiB in use is of an earlier GC (it may be up to two GC cycles old), not a sign that HeapAlloc is garbage.",
      NOT_NOW,
    ]);
  });

  it('neither the goal (the GC off) nor the profile puts the marked heap at HeapAlloc: at most (go1.19-audit38-gcmanual plain t02)', async () => {
    const lines = await reportLines(['test/fixtures/captured/go1.19-audit38-gcmanual/plain/t02.heap-debug1.txt']);
    expect(lines.slice(0, 3)).toEqual([
      "As of the last GC (cycle 1), live objects were too large a part of what Go holds to rule a leak out: at most 17.7 MiB, 46.0% of the 38.5 MiB Go holds (42.3 MiB mapped) (HeapAlloc: that GC's live heap and what was allocated since).",
      NOT_NOW,
      'One dump cannot tell a leak from a peak — take another later with ?gc=1 (no GC runs by itself) and compare both with heapdoc analyze A B.',
    ]);
  });

  it('a dump whose name says ?gc=1 keeps the present tense: it was read right after its GC (gc1/heap-t56, batch 3 live)', async () => {
    expect((await reportLines([`${S}/gc1/heap-t56.txt`])).slice(0, 2)).toEqual([
      'Live objects are most of what Go holds: live 76.2 MiB is 83.4% of the 91.4 MiB Go holds (92.4 MiB mapped).',
      'One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.',
    ]);
  });
});
