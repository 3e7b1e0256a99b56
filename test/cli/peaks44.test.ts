/**
 * A live peak seen from a series read between GCs (docs/reasoning.md §3, "A peak between the readings"): plain heap dumps and
 * /debug/vars documents, whose HeapAlloc counts the garbage made since the last GC, say where the live heap was as of each one's
 * last GC through the heap profiles (in use) or the heap goal (NextGC / (1 + GOGC/100)). On the captured Go 1.19 program
 * test/fixtures/captured/go1.19-audit43-concpeak (README there: 64 concurrent requests × 4 MiB for ~3 s every 15 s, nothing leaks;
 * its ?gc=1 dumps say "Peak, not a leak … rose from 1.6 MiB to 237.9 MiB at snapshot 4"), whose plain dumps and /debug/vars were
 * "Churn, not a leak … the cost is GC work and memory".
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';
import { namedGogc } from '../../src/common/stems.js';

const CONCPEAK = 'test/fixtures/captured/go1.19-audit43-concpeak';
const OUT_OF_RSS = 'on Linux, out of RSS unless GODEBUG=madvdontneed=0';
const CHURN_TOO = 'Between peaks it churns: 3.9 GiB allocated a step on average (23.6 GiB over 6 steps between snapshots), which costs GC work.';

// The profiles' in-use (unsampled) per dump: 239.6 MiB → 3.0 MiB → 243.6 → 121.6 → 215.6 → 203.6 → 104.5 MiB, their last GCs
// inside a burst but for snapshot 2's (the previous round's ?gc=1, gc 19: 214->214->1 MB).
const PLAIN = `Peak, not a leak: the live heap, as the heap profiles say (each as of its dump's last GC, a sampled estimate), rose from 3.0 MiB at snapshot 2 to 243.6 MiB at snapshot 3 (main.render main.go:19: 240.1 MiB of it) and fell back to 104.5 MiB by snapshot 7, while HeapSys stays at its 526.0 MiB high-water mark (429.8 MiB at snapshot 1 already, beside 239.6 MiB live: an earlier peak): 187.5 MiB idle (held for reuse), 107.9 MiB released to the OS (${OUT_OF_RSS}).`;
const PLAIN_ADVICE = 'To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.';
// NextGC 398,713,800 → 4,194,304 → 130,278,352 → 474,241,488 → 449,098,832 → 499,439,152 → 381,895,384 bytes, halved (GOGC=100);
// the gctrace agrees: gc 18 marked 189 MB, gc 207 (the last before t68, inside the last burst) 181 MB.
const VARS = `Peak, not a leak: the live heap, as the heap goal says (derived from NextGC, which each GC sets from the heap it marked: NextGC / 2 at GOGC=100, the default; each as of its snapshot's last GC), fell from 190.1 MiB at snapshot 1 to 2.0 MiB at snapshot 2 and rose again to 238.2 MiB at snapshot 6 (182.1 MiB at snapshot 7): the same peak again, not data kept, while HeapSys stays at its 526.0 MiB high-water mark (430.1 MiB at snapshot 1 already, beside 190.1 MiB live: an earlier peak): 187.4 MiB idle (held for reuse), 107.8 MiB released to the OS (${OUT_OF_RSS}).`;
const VARS_ADVICE = 'A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).';

type Verdict = { kind: string; leak: string; confidence: string; summary: string };
type Report = { series: { verdict: Verdict }; verdict: { leak: string; summary: string } };

describe('concpeak read between GCs: a live peak from the estimates as of each last GC, not churn', () => {
  it('its plain dumps: the heap profiles rose from 3.0 MiB to 243.6 MiB at snapshot 3 (main.render) and fell back; churn second, never "not memory"', async () => {
    const lines = await reportLines([`${CONCPEAK}/plain`, '--no-color']);
    expect(lines.slice(0, 3)).toEqual([PLAIN, CHURN_TOO, PLAIN_ADVICE]);
    expect(lines.join('\n')).not.toContain('Churn, not a leak');
  });

  it('its /debug/vars (no profile): the goal-derived live heap fell from 190.1 MiB to 2.0 MiB and rose again to 238.2 MiB', async () => {
    const lines = await reportLines([`${CONCPEAK}/vars`, '--no-color']);
    expect(lines.slice(0, 3)).toEqual([VARS, CHURN_TOO, VARS_ADVICE]);
  });

  it('the JSON verdicts: peak-retention, not suspected; medium confidence from estimates, low from one fall seen (vars); the same words', async () => {
    const [plain, vars] = await Promise.all([reportJson<Report>([`${CONCPEAK}/plain`]), reportJson<Report>([`${CONCPEAK}/vars`])]);
    expect([plain.series.verdict.kind, plain.series.verdict.leak, plain.series.verdict.confidence]).toEqual(['peak-retention', 'not-suspected', 'medium']);
    expect(plain.series.verdict.summary).toBe(`${PLAIN} ${CHURN_TOO} ${PLAIN_ADVICE}`);
    expect([vars.series.verdict.kind, vars.series.verdict.leak, vars.series.verdict.confidence]).toEqual(['peak-retention', 'not-suspected', 'low']);
    expect(vars.series.verdict.summary).toBe(`${VARS} ${CHURN_TOO} ${VARS_ADVICE}`);
    expect([plain.verdict.leak, vars.verdict.leak]).toEqual(['not-suspected', 'not-suspected']);
  });

  it('its plain dumps from t26 on (none down to half the highest after a lower one, none back up after the lowest): no peak said, as before', async () => {
    const files = ['26', '36', '46', '56', '68'].map((t) => `${CONCPEAK}/plain/heap-t${t}.txt`);
    expect((await reportLines([...files, '--no-color']))[0]).toBe('Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 65.8 MiB → 229.9 MiB across 5 snapshots taken at different GCs, each read between GCs (snapshots 1→5), but not steadily: it fell by 148.1 MiB at snapshot 4, half an average step (41.0 MiB) or more, and the heap profile, as of the latest one\'s last GC, had 104.5 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live; take more over a longer time to see whether it keeps rising.');
  });
});

describe('a leak with one large drop read between GCs is no peak: its estimates end high (go1.19-audit39-ttlcache, README there)', () => {
  it('its plain dumps (profiles 22.6 → … → 94.5 → 32.1 → … MiB, a buggy eviction\'s one drop, then growth): "Cannot tell yet", as before', async () => {
    expect((await reportLines(['test/fixtures/captured/go1.19-audit39-ttlcache/series', '--no-color']))[0]).toBe('Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 37.6 MiB → 193.0 MiB across 6 snapshots taken at different GCs, each read between GCs (snapshots 1→6), but not steadily: it fell by 111.1 MiB at snapshot 4, half an average step (31.1 MiB) or more, and the heap profile, as of the latest one\'s last GC, had 99.0 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live; take more over a longer time to see whether it keeps rising.');
  });
});

describe('namedGogc: the GOGC a path names, which the goal-derived live heap divides by', () => {
  it('a word gogcN of the path, with or without = - _; none for gogcoff or a word that only contains it', () => {
    expect(['test/fixtures/captured/go1.19-audit37/cgo-gogc400/heap-1.txt', 'runs/GOGC=25/vars-t03.json', 'gogc_50.json', 'vars-gogc200-t1.json'].map(namedGogc)).toEqual([400, 25, 50, 200]);
    expect(['test/fixtures/captured/go1.19-audit28-gogcoff/vars-1.json', 'heap-t06.txt', 'mygogc100/x.json', 'gogc0/x.json', '/work/wt/gogc48/test/fixtures/captured/run/heap-t06.txt'].map(namedGogc)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
