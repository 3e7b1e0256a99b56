/**
 * The captured scenarios (test/fixtures/scenarios, README there: the truth table) through the
 * built CLI, as a user runs it: each answer below is the truth table's.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const S = 'test/fixtures/scenarios';
const heap = (scenario: string, ...snaps: string[]): string[] => snaps.map((n) => `${S}/${scenario}/${n}.heap-debug1.txt`);

describe('--rss well below what Go holds (audit-live 04: the go1.19 server after /burst and /gc, VmRSS 64532 kB)', () => {
  it('is said as pages Go counts that are not resident, not "in line"; idle-heap-retained does not call them all backed by RAM', async () => {
    const D = 'test/fixtures/captured/go1.19-audit-live/03-rss-below-go-estimate';
    const r = await runCli([`${D}/dump.heap.txt`, '--rss', 'VmRSS:\t   64532 kB', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { verdict: { summary: string }; findings: { ruleId: string; why: string }[] };
    expect(report.verdict.summary).toMatch(/\. The OS counts 63\.0 MiB of RSS, 38\.4 MiB less than Go holds: pages Go counts but the OS does not hold \(mapped and never touched, such as fresh spans and reserved metadata, or swapped out\); up to 38\.4 MiB of the 80\.7 MiB idle heap may not be in RAM\.$/);
    expect(report.verdict.summary).not.toContain('in line');
    const idle = report.findings.find((f) => f.ruleId === 'idle-heap-retained');
    expect(idle?.why).toMatch(/^HeapIdle − HeapReleased = 80\.7 MiB: free spans kept so the heap can grow again without asking the OS\. The RSS given is 38\.4 MiB below what Go holds, so not all of them are in RAM: at least 42\.3 MiB is \(the rest may never have been touched, or was swapped out\)\. /);
    // Without --rss nothing says otherwise: the runtime's own reading.
    const plain = JSON.parse((await runCli([`${D}/dump.heap.txt`, '--format', 'json'])).stdout) as typeof report;
    expect(plain.findings.find((f) => f.ruleId === 'idle-heap-retained')?.why).toMatch(/^HeapIdle − HeapReleased = 80\.7 MiB: free spans still backed by RAM, /);
  });
});

describe('--rss as /proc/PID/status prints it', () => {
  it('the VmRSS line pasted whole is read as kB; a bare number from it is called a likely unit mistake', async () => {
    const [line, bare, bad] = await Promise.all([
      runCli([...heap('heap-leak', '06-t6'), '--rss', 'VmRSS:\t   60280 kB']),
      runCli([...heap('heap-leak', '06-t6'), '--rss', '60280']),
      runCli([...heap('heap-leak', '06-t6'), '--rss', 'VmRSS: lots']),
    ]);
    expect(line.code).toBe(0);
    expect(line.stdout.split('\n')[3]).toBe("The OS counts 58.9 MiB of RSS, in line with what Go holds (plus the binary's own pages).");
    expect(bare.code).toBe(0);
    expect(bare.stdout.split('\n').slice(3, 5)).toEqual([
      'The --rss 60280 looks like kB as /proc/PID/status prints it: 58.9 MiB?',
      "As bytes it is only 58.9 KiB, below a quarter of the 59.3 MiB Go holds — likely a unit mistake: pass --rss 60280kB, or the VmRSS line whole (--rss 'VmRSS: 60280 kB').",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('heapdoc: error: --rss VmRSS: lots: not a size — write it as bytes or with a unit: 48MiB, 49152k, 1.5G\n');
  });
});

const goroutines = (scenario: string, ...snaps: string[]): string[] => snaps.map((n) => `${S}/${scenario}/${n}.goroutine-debug1.txt`);
const PHASES6 = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
const BURST = ['01-baseline', '02-peak', '03-after-wait', '04-after-gc', '05-after-free', '06-idle'];
const OFFHEAP = ['01-baseline', '02-mapped-256MiB', '03-mapped-512MiB', '04-unmapped'];
const RAREGC = ['01-t1', '02-t2', '03-t3', '04-t4'];

interface SeriesJson {
  verdict: { leak: string; summary: string };
  series: {
    points: { source: string; numGC: number; stackInuse: number; breakdown: { live: number } }[];
    sameEpoch: [number, number][];
    growingSites: { function: string; line: number; growthBytes: number; inuseBytes: number[] }[];
    growingGroups: { function: string; counts: number[] }[];
    allocation: { bytesPerGC: number };
    verdict: { kind: string; leak: string; confidence: string; evidence: { kind: string; text: string }[]; summary: string };
  };
}

/** text and JSON of the same inputs, run side by side. */
async function both(args: string[]): Promise<{ text: string[]; json: SeriesJson; codes: (number | null)[]; stderr: string }> {
  const [text, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
  return { text: text.stdout.split('\n'), json: JSON.parse(json.stdout) as SeriesJson, codes: [text.code, json.code], stderr: text.stderr + json.stderr };
}

describe('analyze on each scenario series (heap dumps with the goroutine dumps of the same moments)', () => {
  it('heap-leak: leak suspected — live heap 4.3 → 24.4 MiB over snapshots 1→6, main.remember growing', async () => {
    const r = await both([...heap('heap-leak', ...PHASES6), ...goroutines('heap-leak', ...PHASES6)]);
    expect(r.codes).toEqual([0, 0]);
    expect(r.stderr).toBe('');
    expect(r.text[0]).toBe('Leak suspected (high confidence): live heap 4.3 MiB → 24.4 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: main.remember +18.8 MiB.');
    expect(r.text).toContain('  live          4.3 MiB → 8.3 MiB → 12.4 MiB → 16.4 MiB → 20.4 MiB → 24.4 MiB');
    expect(r.json.verdict.leak).toBe('suspected');
    expect(r.json.series.verdict).toMatchObject({ kind: 'leak', confidence: 'high' });
    expect(r.json.series.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites']);
    // HeapAlloc of each dump (README truth table), every snapshot after its own GC.
    expect(r.json.series.points.map((p) => p.breakdown.live)).toEqual([4485008, 8751496, 12953432, 17210288, 21399448, 25601592]);
    expect(r.json.series.points.map((p) => p.numGC)).toEqual([49, 74, 90, 100, 109, 116]);
    expect(r.json.series.sameEpoch).toEqual([]);
    // main.remember's raw samples 12 → 49 of 16 KiB, unsampled at the 512 KiB period; main.scratch allocates far more but holds nothing.
    expect(r.json.series.growingSites.map((s) => [s.function, s.line, s.inuseBytes[0], s.inuseBytes[5], s.growthBytes])).toEqual([['main.remember', 18, 6390271, 26093610, 19703339]]);
    expect(r.json.series.growingGroups).toEqual([]);
  });

  it('goroutine-leak: leak suspected from the goroutine group and the stacks, the heap nearly flat', async () => {
    const r = await both([...heap('goroutine-leak', ...PHASES6), ...goroutines('goroutine-leak', ...PHASES6)]);
    expect(r.codes).toEqual([0, 0]);
    expect(r.text[0]).toBe('Leak suspected (high confidence): live heap 460.1 KiB → 1.5 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: runtime.malg +1.0 MiB (rough: 1 → 3 samples); growing goroutine groups across 6 dumps: main.waitForReply +2,000; goroutine stacks (StackInuse) 2.0 MiB → 9.8 MiB across 6 snapshots.');
    expect(r.json.verdict.leak).toBe('suspected');
    expect(r.json.series.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites', 'goroutine-groups', 'stack-inuse']);
    expect(r.json.series.growingGroups.map((g) => [g.function, g.counts])).toEqual([['main.waitForReply', [400, 800, 1200, 1600, 2000, 2400]]]);
    expect(r.json.series.points.map((p) => p.stackInuse)).toEqual([2064384, 3670016, 5341184, 6979584, 8617984, 10256384]);
    // No user site grows: only the goroutines' own descriptors.
    expect(r.json.series.growingSites.map((s) => s.function)).toEqual(['runtime.malg']);
  });

  it('burst: peak retention, not a leak — the goroutines and their stacks came and went', async () => {
    const r = await both([...heap('burst', ...BURST), ...goroutines('burst', ...BURST)]);
    expect(r.codes).toEqual([0, 0]);
    expect(r.text.slice(0, 2)).toEqual([
      'Peak retention, not a leak: a burst of goroutines came and went — 10,004 goroutines at the peak, 4 in the last goroutine dump; their stacks (StackInuse) 288.0 KiB → 19.9 MiB at snapshot 2 → 832.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 31.2 MiB: 64.0 KiB idle, 23.7 MiB released).',
      "Live heap 5.2 MiB → 4.6 MiB across the 3 GC-separated snapshots read right after a forced GC (snapshots 2→5, ?gc=1 or the program's runtime.GC()), and 473.3 KiB, 6.8 MiB and 6.3 MiB at snapshots 1, 3 and 6, read between GCs (their HeapAlloc counts the garbage made since the last GC): runtime.malg +4.5 MiB is the burst's goroutine descriptors, which the runtime keeps for reuse — a cost of the peak, not growth.",
    ]);
    expect(r.text.join('\n')).not.toMatch(/^Stable/m);
    expect(r.json.verdict.leak).toBe('not-suspected');
    expect(r.json.series.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected', evidence: [] });
    expect(r.json.series.points.map((p) => p.stackInuse)).toEqual([294912, 20873216, 20873216, 884736, 851968, 851968]);
    expect(r.json.series.sameEpoch).toEqual([[4, 5]]); // 06-idle shares 05's GC epoch
    expect(r.json.series.growingGroups).toEqual([]);
  });

  it('churn: live flat at 16.3 MiB while 256.7 MiB is allocated per phase (the profiler\'s own not counted)', async () => {
    const r = await both(heap('churn', '01-t1', '02-t2', '03-t3', '04-t4', '05-t5'));
    expect(r.codes).toEqual([0, 0]);
    expect(r.text[0]).toBe('Churn, not a leak: 256.7 MiB allocated a step on average (1.0 GiB over 4 steps between snapshots) while live heap stays near 16.3 MiB across 5 GC-separated snapshots; the Go heap\'s cost is GC work.');
    expect(r.json.series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected' });
    expect(r.json.series.points.map((p) => p.breakdown.live)).toEqual([17047720, 17091864, 17087144, 17084592, 17094808]);
    expect(r.json.series.growingSites).toEqual([]);
  });

  it('memlimit: a memory limit is likely set — not "Churn", no advice to set one', async () => {
    const r = await both(heap('memlimit', ...PHASES6));
    expect(r.codes).toEqual([0, 0]);
    expect(r.text.slice(0, 2)).toEqual([
      // Plain dumps: HeapAlloc read between GCs, not the live heap (wording43).
      'Not a leak; a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): HeapAlloc stays near 8.3 MiB across 6 snapshots taken at different GCs, each read between GCs (snapshots 1→6) while 448.3 MiB is allocated a step on average (2.2 GiB over 5 steps between snapshots); in the latest, the heap goal sits at the live heap (NextGC 8.3 MiB, HeapAlloc 8.3 MiB), only 1.1 MiB is allocated per GC cycle (since the snapshot before; GOGC=100 alone allows about the live heap), so the GC ran 2,728 times and used 12.0% of the CPU.',
      'The cost is GC work, not memory; pass --gomemlimit to check against it.',
    ]);
    expect(r.text.join('\n')).not.toContain('GOMEMLIMIT with GOGC=off');
    expect(r.json.series.verdict).toMatchObject({ kind: 'memory-limit', leak: 'not-suspected' });
    expect(r.json.series.points.map((p) => p.numGC)).toEqual([604, 1151, 1553, 1903, 2310, 2728]);
  });

  it('offheap: the Go heap is stable; with the sidecar\'s RSS, the 256 MiB mapping is memory outside the Go heap', async () => {
    const [series, single] = await Promise.all([
      both(heap('offheap', ...OFFHEAP)),
      runCli([...heap('offheap', '02-mapped-256MiB'), '--rss', '274768k', '--format', 'json']),
    ]);
    expect(series.codes).toEqual([0, 0]);
    expect(series.text[0]).toBe('Stable: live heap 4.2 MiB → 4.4 MiB across 4 GC-separated snapshots (snapshots 1→4), with no site or goroutine group growing steadily.');
    expect(series.json.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected' });
    const s = JSON.parse(single.stdout) as { verdict: { summary: string }; findings: { ruleId: string; evidence: { rssBytes: number; retainedBytes: number } }[] };
    // 268.3 MiB of RSS against 18.7 MiB Go holds (22.4 MiB mapped: ≈246 MiB beyond all of it, the truth table's number).
    expect(s.verdict.summary).toMatch(/ The OS counts 268\.3 MiB of RSS, 249\.6 MiB more than Go holds: memory outside the Go heap \(cgo, mmap\): even if the OS still counted all 3\.6 MiB of released pages, 246\.0 MiB would be left\.$/);
    expect(s.findings.find((f) => f.ruleId === 'rss-above-go-estimate')?.evidence.rssBytes).toBe(274768 * 1024);
  });

  it('rare-gc: unknown — two GC epochs only; the growing site is named, never "no site growing"', async () => {
    const r = await both(heap('rare-gc', ...RAREGC));
    expect(r.codes).toEqual([0, 0]);
    expect(r.text.slice(0, 2)).toEqual([
      'Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.',
      'Growing, but not yet evidence: main.block +127.2 MiB.',
    ]);
    expect(r.json.verdict.leak).toBe('unknown');
    expect(r.json.series.verdict).toMatchObject({ kind: 'unknown', confidence: 'low' });
    expect(r.json.series.sameEpoch).toEqual([[1, 2], [2, 3]]);
    expect(r.json.series.points.map((p) => p.numGC)).toEqual([7, 8, 8, 8]);
  });
});

describe('analyze --fail-on leak on the scenarios', () => {
  it('exits 1 for the leaks, 0 for the rest, 2 for the mixed programs', async () => {
    const runs = await Promise.all([
      runCli([...heap('heap-leak', ...PHASES6), '--fail-on', 'leak']),
      runCli([...heap('goroutine-leak', ...PHASES6), ...goroutines('goroutine-leak', ...PHASES6), '--fail-on', 'leak']),
      runCli([...goroutines('goroutine-leak', ...PHASES6), '--fail-on', 'leak']),
      runCli([...heap('burst', ...BURST), '--fail-on', 'leak']),
      runCli([...heap('churn', '01-t1', '02-t2', '03-t3', '04-t4', '05-t5'), '--fail-on', 'leak']),
      runCli([...heap('memlimit', ...PHASES6), '--fail-on', 'leak']),
      runCli([...heap('offheap', ...OFFHEAP), '--fail-on', 'leak']),
      runCli([...heap('rare-gc', ...RAREGC), '--fail-on', 'leak']),
      runCli([`${S}/mixed`, '--fail-on', 'leak']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 2]);
  });
});

describe('the mixed scenario: two programs in one folder', () => {
  it('is refused: exit 2, one line naming both programs (their dumps and counts), what to do instead and what --separately does', async () => {
    const mixed = ['01-t1', '02-t1', '03-t2', '04-t2', '05-t3', '06-t3', '07-t4', '08-t4', '09-t5', '10-t5', '11-t6', '12-t6'];
    const [refused, separately] = await Promise.all([
      runCli(heap('mixed', ...mixed)),
      runCli([...heap('mixed', ...mixed), '--separately', '--format', 'json']),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    // Six against six: each program named by its first dumps, with no series' program picked.
    expect(refused.stderr).toBe(`heapdoc: error: ${S}/mixed/ holds dumps of more than one program: 01-t1.heap-debug1.txt, 03-t2.heap-debug1.txt, … (6), 02-t1.heap-debug1.txt, 04-t2.heap-debug1.txt, … (6) (main.main is defined in /tmp/heapdoc-samples-gopath/src/heapdoc-samples/churn/main.go in 02-t1.heap-debug1.txt, /tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go in 01-t1.heap-debug1.txt) — move each program's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)\n`);
    expect(separately.code).toBe(0);
    const json = JSON.parse(separately.stdout) as { snapshots: unknown[]; verdict: { leak: string } };
    expect(json.snapshots).toHaveLength(12);
    expect(json.verdict.leak).not.toBe('suspected');
  });
});

describe('diff: the first and last snapshot of heap-leak', () => {
  it('names main.remember as the growth, with the exact delta', async () => {
    const args = ['diff', ...heap('heap-leak', '01-t1', '06-t6')];
    const [text, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('Live heap 4.3 MiB → 24.4 MiB (+20.1 MiB); +2,758 objects; most growth at main.remember (+18.8 MiB in use); 674.0 MiB allocated over 67 GC cycles between the two.');
    expect(text.stdout).toContain('  +18.8 MiB   main.remember\n              6.1 MiB → 24.9 MiB in use, +18.8 MiB allocated · …/heapdoc-samples/heap-leak/main.go:18\n');
    const d = JSON.parse(json.stdout) as { sameProcessOrder: boolean; breakdown: { live: { before: number; after: number; delta: number } }; sites: { function: string; line: number; inuseBytes: { before: number; after: number; delta: number }; inuseObjects: { delta: number } }[] };
    expect(d.sameProcessOrder).toBe(true);
    expect(d.breakdown.live).toEqual({ before: 4485008, after: 25601592, delta: 21116584 });
    expect(d.sites[0]).toMatchObject({ function: 'main.remember', line: 18, inuseBytes: { before: 6390271, after: 26093610, delta: 19703339 }, inuseObjects: { delta: 1202 } });
  });
});

describe('one memlimit dump (GOMEMLIMIT=20MiB, not in the dump)', () => {
  it('says a limit is likely set and asks for --gomemlimit; given it, checks against it', async () => {
    const [guess, given] = await Promise.all([
      runCli(heap('memlimit', '06-t6')),
      runCli([...heap('memlimit', '06-t6'), '--gomemlimit', '20MiB']),
    ]);
    expect(guess.code).toBe(0);
    expect(guess.stdout.split('\n')[2]).toBe('A memory limit is likely set (GOMEMLIMIT, or a very low GOGC): the heap goal sits at the live heap (NextGC 8.3 MiB, HeapAlloc 8.3 MiB), only 1.1 MiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 2,728 times and used 12.0% of the CPU; pass --gomemlimit to check against it.');
    expect(guess.stdout).toContain('    fix: The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap.\n');
    expect(guess.stdout).not.toContain('GOMEMLIMIT with GOGC=off');
    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain('likely set');
    expect(given.stdout).toContain('  warning memory-limit-pressure: Go holds 20.1 MiB, 100.7% of GOMEMLIMIT (20.0 MiB): the limit binds — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.\n');
  });
});
