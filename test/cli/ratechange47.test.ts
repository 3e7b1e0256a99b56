import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';

/**
 * Audit 47 #1: the captured go1.19-audit47-ratechange is ONE process (one pid, one GC log, gc 1…44) whose
 * program sets runtime.MemProfileRate = 1 at t = 20 s (main.go:29–32). Its dumps share GC cycles that ended at
 * the same nanosecond (MemStats PauseEnd), so they are one run: a series with a note, not the refusal "cannot
 * be snapshots of one process" that two runs at two rates (the corpus's memrate) still get.
 */
const DIR = 'test/fixtures/captured/go1.19-audit47-ratechange';

/** diff's note across the change (SnapshotDiff.samplingRateChange). */
const RATE_NOTE = "The heap profile's sampling rate changed between heap-t16.txt (MemProfileRate 524,288) and heap-t26.txt.gz (1): the program set runtime.MemProfileRate while it ran, and the runtime scales every record by the rate in force, older records too, so the sites' changes compare two samplings; the MemStats compare as they are.";

describe('a MemProfileRate changed at run time (audit 47 #1)', () => {
  it('gc1/ is one series: the leak from the live heap, the rate change said once, the site trends from the change on', async () => {
    const r = await runCli([`${DIR}/gc1`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 314.2 KiB → 1.4 MiB across 7 GC-separated snapshots (snapshots 1→7).');
    expect(lines).toContain("  The heap profile's sampling rate changed between heap-t16.txt (MemProfileRate 524,288) and heap-t26.txt.gz (1): the program set runtime.MemProfileRate while it ran, and the runtime scales every record by the rate in force, older records too, so the site trends read the profiles from heap-t26.txt.gz on; the MemStats trends read every snapshot.");
    // The profiles were read: no "a /metrics page or /debug/vars carries no heap profile".
    expect(lines.find((l) => l.includes('No allocation site grew'))?.trim()).toBe(`No allocation site grew by 1.0 MiB or more in these heap profiles: the rise is spread over smaller ones; heapdoc diff ${DIR}/gc1/heap-t26.txt.gz ${DIR}/gc1/heap-t68.txt.gz lists every site's change, with its stacks.`);
  });

  it('JSON: series.samplingRateChange names the two dumps and rates; trendSources start at the change', async () => {
    const j = await reportJson([`${DIR}/gc1`]) as { series: { samplingRateChange: unknown; trendSources: string[] } };
    expect(j.series.samplingRateChange).toEqual({ before: `${DIR}/gc1/heap-t16.txt`, after: `${DIR}/gc1/heap-t26.txt.gz`, beforeRate: 524288, afterRate: 1 });
    expect(j.series.trendSources.map((s) => s.slice(DIR.length + 5))).toEqual(['heap-t26.txt.gz', 'heap-t36.txt.gz', 'heap-t46.txt.gz', 'heap-t56.txt.gz', 'heap-t68.txt.gz']);
  });

  it('plain/ and lint read it too, no exit 2; Markdown carries the note', async () => {
    const [plain, lint, md] = await Promise.all([
      runCli([`${DIR}/plain`]),
      runCli(['lint', `${DIR}/gc1`, '--format', 'json']),
      runCli([`${DIR}/gc1`, '--format', 'markdown']),
    ]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n')).toContain("  The heap profile's sampling rate changed between heap-t16.txt (MemProfileRate 524,288) and heap-t26.txt (1): the program set runtime.MemProfileRate while it ran, and the runtime scales every record by the rate in force, older records too, so the site trends read the profiles from heap-t26.txt on; the MemStats trends read every snapshot.");
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(1);
    expect(md.stdout).toContain("The heap profile's sampling rate changed between heap-t16.txt (MemProfileRate 524,288) and heap-t26.txt.gz (1)");
  });

  it('diff across the change is of one process (the rings link them); two runs at two rates stay refused', async () => {
    const [across, twoRuns] = await Promise.all([
      runCli(['diff', `${DIR}/gc1/heap-t16.txt`, `${DIR}/gc1/heap-t26.txt.gz`]),
      runCli(['test/fixtures/corpus/go1.19/memrate/rate-1.heap-debug1.txt', 'test/fixtures/corpus/go1.19/memrate/rate-default.heap-debug1.txt']),
    ]);
    expect(across.code).toBe(0);
    // Both ?gc=1 dumps, read right after their forced GC: the live heap, and the change of rate said above the tables.
    expect(across.stdout.split('\n')[0]).toBe('Live heap 457.7 KiB → 640.8 KiB (+183.1 KiB); +1,869 objects; most growth at main.leak (+198.3 KiB in use); 15.0 MiB allocated over 6 GC cycles between the two.');
    expect(across.stdout.split('\n')).toContain(RATE_NOTE);
    expect(twoRuns.code).toBe(2);
    expect(twoRuns.stderr).toContain('cannot be snapshots of one process: their heap profiles are sampled at different rates (MemProfileRate 1 and 524,288) and no GC cycle both hold links them');
  });

  it('diff after the change (leftover48): gc1/heap-t26.txt.gz is read right after its forced GC, as the series reads it, not "Read between GCs"', async () => {
    // Its profile (245.1 KiB in use) is under half its HeapAlloc (640.8 KiB): records sampled at 512 KiB before t=20 s, scaled
    // at MemProfileRate 1 since. A ?gc=1 dump's profile is its GC's: it undercounts, it is not older than the MemStats.
    const after = await runCli(['diff', `${DIR}/gc1/heap-t26.txt.gz`, `${DIR}/gc1/heap-t68.txt.gz`]);
    expect(after.code).toBe(0);
    expect(after.stdout.split('\n')[0]).toBe('Live heap 640.8 KiB → 1.4 MiB (+742.9 KiB); +7,880 objects; most growth at main.leak (+723.9 KiB in use); 69.3 MiB allocated over 29 GC cycles between the two.');
    expect(after.stdout).not.toContain('sampling rate changed');
    const j = JSON.parse((await runCli(['diff', `${DIR}/gc1/heap-t26.txt.gz`, `${DIR}/gc1/heap-t68.txt.gz`, '--format', 'json'])).stdout) as Record<string, unknown>;
    expect([j.betweenGCs, j.afterForcedGC, j.samplingRateChange]).toEqual([undefined, undefined, undefined]);
  });

  it('diff across the change, JSON and Markdown: samplingRateChange with its note', async () => {
    const [json, md] = await Promise.all([
      runCli(['diff', `${DIR}/gc1/heap-t16.txt`, `${DIR}/gc1/heap-t26.txt.gz`, '--format', 'json']),
      runCli(['diff', `${DIR}/gc1/heap-t16.txt`, `${DIR}/gc1/heap-t26.txt.gz`, '--format', 'markdown']),
    ]);
    expect((JSON.parse(json.stdout) as { samplingRateChange: unknown }).samplingRateChange).toEqual({
      before: `${DIR}/gc1/heap-t16.txt`, after: `${DIR}/gc1/heap-t26.txt.gz`, beforeRate: 524288, afterRate: 1, note: RATE_NOTE,
    });
    expect(md.stdout.split('\n')).toContain(`> ${RATE_NOTE}`);
  });
});
