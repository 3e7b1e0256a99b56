/**
 * A goroutine leak whose heap does not grow, on a real Go 1.19 program (capture, program and ground
 * truth in test/fixtures/captured/go1.19-audit43-gorobuf-deadbuf/README.md): a goroutine per upload
 * blocks forever; its 256 KiB buffer is dead after the fill, so only the goroutines and their stacks
 * leak. Its ?gc=1 dumps with its goroutine dumps were "Cannot tell yet … the heap's own noise", and
 * the whole folder was headed by its GC log's "Stable". The heap-leaking twin (go1.19-audit43-gorobuf)
 * stays "Leak suspected (high confidence)".
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit43-gorobuf-deadbuf';
const TWIN = 'test/fixtures/captured/go1.19-audit43-gorobuf';

interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: { kind: string; text: string }[]; summary: string }
interface Report { verdict: Verdict; series?: { verdict: Verdict } }

const GROUP = 'main.handleUpload [chan receive] 75 → 273 (+198)';
const STACKS = 'goroutine stacks (StackInuse) rose at every one of 7 GC-separated snapshots';
const MORAL = 'goroutines that never end keep their stacks and what they reference, whether or not the heap shows it.';
const LOG = `The GC log ${D}/gctrace.log alone shows no leak (Stable): it has only heap totals, not the sites and goroutines the dumps show.`;

describe('a goroutine leak whose heap does not grow (go1.19-audit43-gorobuf-deadbuf)', () => {
  it('?gc=1 dumps with the goroutine dumps: "Goroutine leak suspected", the stacks\' rise kept', async () => {
    const report = await reportJson<Report>([`${D}/gc1`, `${D}/goroutine`]);
    expect(report.series?.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'medium',
      evidence: [
        { kind: 'goroutine-groups', text: `growing goroutine group: ${GROUP}` },
        { kind: 'stack-inuse', text: `${STACKS} (snapshots 1→7), 416.0 KiB → 1.0 MiB` },
      ],
      summary: `Goroutine leak suspected: ${GROUP} while ${STACKS} (snapshots 1→7), 416.0 KiB → 1.0 MiB; the live heap does not grow beyond its noise, 205.6 KiB → 378.2 KiB; ${MORAL}`,
    });
    expect(report.verdict.leak).toBe('suspected');
    const lines = await reportLines([`${D}/gc1`, `${D}/goroutine`, '--no-color']);
    expect(lines[0]).toBe(report.series?.verdict.summary);
    expect(lines.some((l) => l.includes('Growing, but not yet evidence'))).toBe(false);
  });

  it('/debug/vars with the goroutine dumps: the same, its HeapAlloc (read between GCs) never called the live heap', async () => {
    const lines = await reportLines([`${D}/vars`, `${D}/goroutine`, '--no-color']);
    expect(lines[0]).toBe(`Goroutine leak suspected: ${GROUP} while ${STACKS} (snapshots 1→7), 416.0 KiB → 992.0 KiB; the heap between collections (HeapAlloc, live plus garbage not yet collected) does not grow beyond its noise, 989.3 KiB → 1.4 MiB; ${MORAL}`);
  });

  it('the whole folder: the goroutine leak leads, the GC log\'s "Stable" follows it', async () => {
    const report = await reportJson<Report>([`${D}/`]);
    const series = `Goroutine leak suspected: ${GROUP} while ${STACKS} (snapshots 3→21), 416.0 KiB → 1.0 MiB; the live heap does not grow beyond its noise, 205.6 KiB → 378.2 KiB (the 7 GC-separated snapshots read right after a forced GC, ?gc=1), and 339.0 KiB to 3.3 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC); ${MORAL}`;
    expect(report.series?.verdict.summary).toBe(series);
    expect(report.verdict).toMatchObject({ leak: 'suspected', summary: `${series} ${LOG}` });
    const lines = await reportLines([`${D}/`, '--no-color']);
    expect(lines.slice(0, 2)).toEqual([series, LOG]);
  });

  it('the heap-leaking twin stays "Leak suspected (high confidence)" from its heap', async () => {
    const report = await reportJson<Report>([`${TWIN}/`]);
    expect(report.verdict.leak).toBe('suspected');
    expect(report.verdict.summary.startsWith('Leak suspected (high confidence): live heap 6.9 MiB → 83.4 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1)')).toBe(true);
    expect(report.series?.verdict.summary.endsWith('growing sites: main.handleUpload +77.5 MiB.')).toBe(true);
  });
});
