import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CAPTURED = 'test/fixtures/captured';
const JSONPEAK = `${CAPTURED}/go1.19-audit47-jsonpeak`;
const BIGSTABLE = `${CAPTURED}/go1.19-audit47-bigstable`;

async function firstLine(dir: string): Promise<string> {
  const r = await runCli([dir]);
  expect(r.code).toBe(0);
  return r.stdout.split('\n')[0] ?? '';
}

interface RecurringJson {
  series: { verdict: { kind: string; recurringPeak?: { cycles: number; lowBytes: number; cycleHighBytes: number[]; fallSnapshots: number[]; periodSeconds?: number[]; fromGoal?: { gogc: number; snapshots: number[] } } } };
}

describe('audit 47 #16: one recurring peak read as one across the whole folder (jsonpeak)', () => {
  it('the whole folder: the ?gc=1 readings and, between them, what each plain dump\'s last GC marked (its goal): 6 cycles, as the GC log', async () => {
    const r = await runCli([JSONPEAK]);
    expect(r.code).toBe(0);
    const [head, detail] = r.stdout.split('\n');
    expect(head).toBe('Peak, not a leak: the live heap climbs to ~142.4 MiB and falls back to ~20.0 MiB at each cycle, 6 cycles ~10–20 s apart; the cost is the peak.');
    expect(detail).toBe("Across 14 GC-separated snapshots, 7 read right after a forced GC, 7 between GCs, each of those as what its last GC marked (NextGC ÷ 2: GOGC=100, the ratio every forced GC's goal shows): a fall every 3–6 snapshots (~10–20 s apart by LastGC), at snapshots 3, 6, 12, 15, 18 and 21; each cycle's highest reading 125.4 MiB, 141.6 MiB, 138.3 MiB, 135.0 MiB, 135.8 MiB and 142.4 MiB, wherever a snapshot caught its climb, under the high-water mark (HeapSys) the first set, 147.7 MiB (159.7 MiB at most since); the series ends at the floor.");
    const gcLog = await runCli([`${JSONPEAK}/gctrace.log`]);
    expect(gcLog.stdout.split('\n')[0]).toContain('Peak, not a leak: the live heap after GC climbs to ~147 MB and falls back to ~20 MB at each cycle, 6 cycles ~10–20 s apart');
  });

  it('JSON: recurringPeak names the readings taken from the goal (fromGoal) and the GOGC the forced GCs imply', async () => {
    const j = JSON.parse((await runCli([JSONPEAK, '--format', 'json'])).stdout) as RecurringJson;
    expect(j.series.verdict.kind).toBe('peak-retention');
    const p = j.series.verdict.recurringPeak;
    expect(p?.cycles).toBe(6);
    expect(p?.lowBytes).toBe(21_002_000);
    expect(p?.cycleHighBytes).toEqual([131_457_224, 148_460_252, 144_994_220, 141_601_080, 142_377_696, 149_309_752]);
    expect(p?.fallSnapshots).toEqual([3, 6, 12, 15, 18, 21]);
    expect(p?.periodSeconds).toEqual([9.9, 19.8]);
    expect(p?.fromGoal).toEqual({ gogc: 100, snapshots: [1, 4, 7, 10, 13, 16, 19] });
  });

  it('plain/ and gc1/ say what their readings caught, as before', async () => {
    expect(await firstLine(`${JSONPEAK}/plain`)).toBe("Peak, not a leak: the live heap, as the heap profiles say (each as of its dump's last GC, a sampled estimate), fell from 90.2 MiB at snapshot 2 to 41.8 MiB at snapshot 3 and rose again to 97.7 MiB at snapshot 4 (70.3 MiB at snapshot 7): the same peak again, not data kept, while HeapSys stays at its 159.7 MiB high-water mark (147.7 MiB at snapshot 1 already, beside 73.1 MiB live: an earlier peak): 8.5 MiB idle (held for reuse), 6.0 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0).");
    expect(await firstLine(`${JSONPEAK}/gc1`)).toBe('Peak, not a leak: the live heap rose from 20.0 MiB to 87.2 MiB at snapshot 3 (encoding/json.(*decodeState).objectInterface decode.go:1116: 38.0 MiB of it) and fell back to 20.0 MiB by snapshot 4, read right after a forced GC (?gc=1), while HeapSys stays at its 159.7 MiB high-water mark (147.7 MiB at snapshot 1 already, beside 20.0 MiB live: an earlier peak): 133.1 MiB idle (held for reuse), 5.7 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0).');
  });

  it('real peak retention across a whole folder stays peak retention (bigcache, concpeak, chanpeak)', async () => {
    expect(await firstLine(`${CAPTURED}/go1.19-audit47-bigcache`)).toBe('Peak retention, not a leak: live heap fell from 251.2 MiB at snapshot 9 to 149.2 MiB at snapshot 21, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 299.4 MiB at snapshot 11 to 149.3 MiB at snapshot 20) while HeapSys stays at its 303.7 MiB high-water mark, most of it address space only: 138.5 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 15.2 MiB idle (held for reuse).');
    expect(await firstLine(`${CAPTURED}/go1.19-audit43-concpeak`)).toBe('Peak retention, not a leak: live heap fell from 237.9 MiB at snapshot 12 to 1.7 MiB at snapshot 21, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, was 230.0 MiB at snapshot 20) while HeapSys stays at its 526.0 MiB high-water mark: 395.8 MiB idle (held for reuse), 127.7 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0).');
    expect(await firstLine(`${CAPTURED}/go1.19-audit39-chanpeak`)).toBe('Peak retention, not a leak: live heap fell from 22.0 MiB at snapshot 7 to 2.5 MiB at snapshot 14, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 52.4 MiB at snapshot 6 to 3.9 MiB at snapshot 13) while HeapSys stays at its 55.7 MiB high-water mark, most of it address space only: 49.4 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 3.1 MiB idle (held for reuse).');
  });
});

describe('a large stable heap read between GCs: HeapAlloc\'s rise within the room under a goal that held is the sawtooth (bigstable)', () => {
  it('plain/: "Stable" from the goal, the rise within its room, and the profile — not "A plateau … grew, then stopped"', async () => {
    expect(await firstLine(`${BIGSTABLE}/plain`)).toBe("Stable: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) stays near 150.3 MiB across 7 snapshots taken at different GCs (snapshots 1→7), with no site or goroutine group growing steadily; HeapAlloc, read between GCs, went 167.0 MiB → 190.8 MiB, within the 150.3 MiB the goal leaves above that live heap: the GC's sawtooth, not a plateau's climb; the latest heap profile, as of snapshot 7's last GC, has 146.1 MiB in use.");
  });

  it('vars/: the same from the goal alone (no profile to name)', async () => {
    expect(await firstLine(`${BIGSTABLE}/vars`)).toBe("Stable: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) stays near 150.3 MiB across 7 snapshots taken at different GCs (snapshots 1→7), with no site or goroutine group growing steadily; HeapAlloc, read between GCs, went 167.1 MiB → 190.9 MiB, within the 150.3 MiB the goal leaves above that live heap: the GC's sawtooth, not a plateau's climb.");
  });

  it('gc1/ and the whole folder stay "Stable: live heap 150.2 MiB → 150.2 MiB"', async () => {
    expect(await firstLine(`${BIGSTABLE}/gc1`)).toBe('Stable: live heap 150.2 MiB → 150.2 MiB across 7 GC-separated snapshots (snapshots 1→7), with no site or goroutine group growing steadily.');
    expect(await firstLine(BIGSTABLE)).toBe('Stable: live heap 150.2 MiB → 150.2 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 167.0 MiB to 190.9 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
  });
});
