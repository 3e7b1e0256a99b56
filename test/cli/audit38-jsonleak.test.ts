/**
 * Audit 38: a json leak under GOGC=100, no GOMEMLIMIT (go1.19.8; test/fixtures/captured/
 * go1.19-audit38-jsonleak, README there). Its plain heap?debug=1 dumps are read late in a GC cycle:
 * t10's NextGC 100.9 MiB sits near its HeapAlloc 94.7 MiB, and its TotalAlloc / NumGC since the
 * start is 12.2 MiB a cycle, so heapdoc said "a memory limit is likely set" — but the heap goal is
 * GOGC=100's, twice the live heap its last GC marked (the profile's in-use estimate; the GC log's
 * cycle 79 `87->98->50 MB`). The marks of a limit are read against the live heap as of the last GC.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit38-jsonleak';

async function out(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('audit38: a goal near HeapAlloc late in a cycle is no memory limit', () => {
  it('the single dump t10 says no limit, and gc-cpu-high advises GOGC or a limit, not raising one', async () => {
    const text = await out([`${D}/plain/t10.heap-debug1.txt`]);
    // Read between GCs: the goal says the last GC marked about 50.3 MiB (the GC log's `50 MB`; audit 43 F5).
    expect(text.split('\n')[0]).toBe('Read between GCs: HeapAlloc 94.7 MiB, 80.8% of the 117.3 MiB Go holds (118.9 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 50.9 MiB in use; the heap goal (NextGC 100.9 MiB) says the last GC marked about 50.3 MiB live if GOGC is 100 (the dump does not carry GOGC; the profile may be up to two GC cycles old), so at least that much was live then and the 44.5 MiB allocated since may be garbage.');
    expect(text).not.toMatch(/memory limit is likely set|far below what GOGC=100/);
    const lint = JSON.parse(await out(['lint', `${D}/plain/t10.heap-debug1.txt`, '--format', 'json'])) as { files: { findings: { ruleId: string; fix?: string; why?: string }[] }[] } | { findings?: unknown };
    const text2 = JSON.stringify(lint);
    expect(text2).toContain('gc-cpu-high');
    expect(text2).not.toContain('The limit makes the GC run this often');
    expect(text2).not.toContain('A memory limit is likely set');
  });

  it('the series, alone and with the GC log, is a leak with no limit claimed', async () => {
    const series = await out([`${D}/plain`]);
    expect(series.split('\n')[0]).toBe('Leak suspected (medium confidence): HeapAlloc 49.0 MiB → 94.7 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.churn +5.5 MiB, encoding/json.(*decodeState).literalStore ← main.ingest (main.go:23) +3.5 MiB (rough: 16 → 23 samples), reflect.mapassign_faststr ← main.ingest (main.go:23) +2.5 MiB (rough: 23 → 28 samples).');
    expect(series).not.toContain('memory limit is likely set');
    const both = await out([`${D}/plain`, `${D}/stderr.gctrace.log`]);
    expect(both.split('\n').slice(0, 2)).toEqual([
      series.split('\n')[0],
      `The GC log ${D}/stderr.gctrace.log agrees, with high confidence over 93 GC cycles.`,
    ]);
    expect(both).not.toContain('memory limit is likely set');
  });

  it('gc-cpu-high over the series blames the allocation and advises GOGC or a limit: the goal is GOGC=100\'s (t10: 51.1 MiB ± 10.1 MiB in use, under 0.8 × NextGC 100.9 MiB)', async () => {
    const j = JSON.parse(await out(['analyze', '--format', 'json', `${D}/plain`])) as { findings: { ruleId: string; fix: string; evidence: Record<string, unknown> }[] };
    const gc = j.findings.find((f) => f.ruleId === 'gc-cpu-high');
    expect(gc?.fix).toBe('Allocate less where the dump says the program allocates most: main.churn (main.go:32), 765.4 MiB since the process started (87.8% of what the dump counts allocated, the profiler\'s own left out), or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.');
    expect(gc?.evidence.memoryLimit).toBeUndefined();
  });
});
