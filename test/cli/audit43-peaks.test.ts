/**
 * Audit 43 F1, F6, F4: a concurrency peak read by ?gc=1 dumps is a peak, not churn that "stays near" the live heap; a live heap
 * stable after a past peak says the peak; released pages are out of RSS only where the OS's count says so (GODEBUG=madvdontneed=0
 * keeps them in). On the captured Go 1.19 programs test/fixtures/captured/go1.19-audit43-{concpeak,madvfree} (READMEs there: how
 * each file was made, and the ground truth).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const CONCPEAK = 'test/fixtures/captured/go1.19-audit43-concpeak';
const MADVFREE = 'test/fixtures/captured/go1.19-audit43-madvfree';
// madvfree's t06 files are empty (a real failed capture): the others.
const madvfree = (kind: string): string[] => ['16', '26', '36', '46', '56', '68'].map((t) => `${MADVFREE}/${kind}/heap-t${t}.txt`);

type Verdict = { kind: string; leak: string; confidence: string; summary: string };
type Report = { series: { verdict: Verdict }; verdict: { leak: string; dominant: string; summary: string } };

const OUT_OF_RSS = 'on Linux, out of RSS unless GODEBUG=madvdontneed=0';
const CONCPEAK_GC1 = `Peak, not a leak: the live heap rose from 1.6 MiB to 237.9 MiB at snapshot 4 (main.render main.go:19: 216.1 MiB of it) and fell back to 1.7 MiB by snapshot 5, read right after a forced GC (?gc=1), while HeapSys stays at its 526.0 MiB high-water mark (430.6 MiB at snapshot 1 already, beside 1.6 MiB live: an earlier peak): 395.8 MiB idle (held for reuse), 127.7 MiB released to the OS (${OUT_OF_RSS}).`;
const CONCPEAK_CHURN = 'Between peaks it churns: 3.9 GiB allocated a step on average (23.6 GiB over 6 steps between snapshots), which costs GC work.';

describe('concpeak: 64 concurrent requests × 4 MiB for ~3 s every 15 s (F1)', () => {
  it('its ?gc=1 dumps: a peak of 237.9 MiB at snapshot 4 that fell back, HeapSys at its high-water mark; churn only second, never "not memory"', async () => {
    const lines = await reportLines([`${CONCPEAK}/gc1`, '--no-color']);
    expect(lines.slice(0, 2)).toEqual([CONCPEAK_GC1, CONCPEAK_CHURN]);
    expect(lines.join('\n')).not.toContain('not memory');
  });

  it('the JSON verdict is the same peak: series kind peak-retention, high confidence, the top-level summary the same words', async () => {
    const r = await reportJson<Report>([`${CONCPEAK}/gc1`]);
    expect([r.series.verdict.kind, r.series.verdict.leak, r.series.verdict.confidence]).toEqual(['peak-retention', 'not-suspected', 'high']);
    expect(r.series.verdict.summary).toBe(`${CONCPEAK_GC1} ${CONCPEAK_CHURN}`);
    expect([r.verdict.leak, r.verdict.dominant, r.verdict.summary]).toEqual(['not-suspected', 'idle', `${CONCPEAK_GC1} ${CONCPEAK_CHURN}`]);
  });

  it('with --rss 454908kB (RSS in line with what Go holds): the released pages are said out of RSS', async () => {
    const lines = await reportLines([`${CONCPEAK}/gc1`, '--rss', '454908kB', '--no-color']);
    expect(lines[0]).toBe(CONCPEAK_GC1.replace(`(${OUT_OF_RSS})`, '(no longer in RSS)'));
  });

  it('its plain dumps and /debug/vars, read between GCs: a peak too, from the profiles and the goal as of each last GC (exact lines: peaks44.test.ts)', async () => {
    const [plain, vars] = await Promise.all([reportLines([`${CONCPEAK}/plain`, '--no-color']), reportLines([`${CONCPEAK}/vars`, '--no-color'])]);
    expect([plain[0]?.slice(0, 66), vars[0]?.slice(0, 62)]).toEqual(['Peak, not a leak: the live heap, as the heap profiles say (each as', 'Peak, not a leak: the live heap, as the heap goal says (derive']);
    expect([plain[1], vars[1]]).toEqual([CONCPEAK_CHURN, CONCPEAK_CHURN]);
    expect(`${plain.join('\n')}${vars.join('\n')}`).not.toContain('not memory');
  });
});

describe('madvfree: one 768 MiB allocation at t≈3 s, dropped, under GODEBUG=madvdontneed=0 (F6, F4)', () => {
  const GC1 = 'Stable live heap (1.2 MiB) after a past peak: HeapSys 771.7 MiB is its high-water mark; 768.9 MiB went idle and was released to the OS during the series (HeapReleased 528.0 KiB at snapshot 1 → 769.4 MiB at snapshot 2';
  const GC1_END = '; 320.0 KiB idle (held for reuse) at snapshot 6.';
  const GC1_HELD = 'The live heap held, 1.2 MiB → 1.2 MiB across 6 GC-separated snapshots (snapshots 1→6), with no site or goroutine group growing steadily.';
  const MADV_FREE = ', with MADV_FREE: the OS still counts it in RSS until it needs the memory';

  it('its ?gc=1 dumps: stable after a past peak, the verdict class its plain dumps give (peak-retention), not plain "Stable"', async () => {
    const lines = await reportLines([...madvfree('gc1'), '--no-color']);
    expect(lines.slice(0, 2)).toEqual([`${GC1}; ${OUT_OF_RSS})${GC1_END}`, GC1_HELD]);
    const [gc1, plain] = await Promise.all([reportJson<Report>(madvfree('gc1')), reportJson<Report>(madvfree('plain'))]);
    expect([gc1.series.verdict.kind, gc1.series.verdict.leak, gc1.series.verdict.confidence]).toEqual(['peak-retention', 'not-suspected', 'high']);
    expect(plain.series.verdict.kind).toBe('peak-retention');
  });

  it('with --rss 821480kB (RSS above what Go holds by the released pages): the MADV_FREE case in the same sentence', async () => {
    const lines = await reportLines([...madvfree('gc1'), '--rss', '821480kB', '--no-color']);
    expect(lines.slice(0, 3)).toEqual([`${GC1})${MADV_FREE}${GC1_END}`, GC1_HELD, 'The OS counts 802.2 MiB of RSS, 764.5 MiB more than Go holds: released pages it has not reclaimed yet (MADV_FREE).']);
  });

  it('its plain dumps: released pages not claimed out of RSS without --rss, said still in RSS with it (no "no longer in RSS" beside "MADV_FREE")', async () => {
    const PLAIN = 'Peak retention, not a leak: live heap stayed near 1.2 MiB from snapshot 2 to snapshot 6, read right after a forced GC (?gc=1 or the program\'s runtime.GC(); read between GCs, HeapAlloc, which counts the garbage made since the last GC too, was 769.2 MiB at snapshot 1) while HeapSys stays at its 771.7 MiB high-water mark, most of it address space only: 768.3 MiB released to the OS';
    expect((await reportLines([...madvfree('plain'), '--no-color']))[0]).toBe(`${PLAIN} (${OUT_OF_RSS}), 1.4 MiB idle (held for reuse).`);
    const rss = await reportLines([...madvfree('plain'), '--rss', '821480kB', '--no-color']);
    expect(rss.slice(0, 2)).toEqual([`${PLAIN}${MADV_FREE}, 1.4 MiB idle (held for reuse).`, 'The OS counts 802.2 MiB of RSS, 763.4 MiB more than Go holds: released pages it has not reclaimed yet (MADV_FREE).']);
  });

  it('told it is Go 1.14 (--go-version), whose default is MADV_FREE: the released pages are said in RSS until the OS needs the memory', async () => {
    const first = (await reportLines([...madvfree('plain'), '--go-version', '1.14', '--no-color']))[0] ?? '';
    expect(first.endsWith('768.3 MiB released to the OS (on Linux, Go 1.12–1.15 release with MADV_FREE: in RSS until the OS needs the memory), 1.4 MiB idle (held for reuse).')).toBe(true);
  });
});
