/**
 * The hold rule (docs/reasoning.md §7 "A rise that stopped and held"): growth that stopped and held flat for
 * four readings or more at different GCs is "grew, then held" however long the series (audit 46 #3, the rest).
 *  - go1.19-audit46-workerpool-watch (README.md there): 12 polls of `watch --save` of a pool grown to 299
 *    workers by poll 8, then idle. Its saved dumps were "Leak suspected (medium confidence): live heap as of
 *    each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 2.3 MiB → 77.3 MiB across 12 snapshots … rising at 7 of
 *    11 steps" while the goal read 77.3 MiB at its last four (NumGC 98, 100, 101, 102), and watch's line said
 *    "leak suspected" through its last poll; its ?gc=1 series of 6 dumps, "A plateau, not a leak".
 *  - A plateau's goroutine groups that grew, then held were "Growing, but not yet evidence" beside sites that
 *    "Grew, then held" (go1.19-audit-gor/gorleak: its handlers' goroutines, 0 → 1,961 and then flat).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { watch } from '../helpers/replay.js';

const SAVED = 'test/fixtures/captured/go1.19-audit46-workerpool-watch/saved';

interface SeriesJson {
  verdict: { leak: string };
  series: { verdict: { kind: string; confidence: string }; growingSites: { function: string; heldFrom?: number }[] };
}

describe('a plateau on a long save (go1.19-audit46-workerpool-watch)', () => {
  it('analyze of the 12 saved polls: a plateau from the goal held at 4 GCs, main.worker\'s bytes and goroutines grew, then held', async () => {
    const lines = await reportLines([SAVED]);
    expect(lines.slice(0, 2)).toEqual([
      "A plateau, not a leak: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) rose from 2.3 MiB to 74.0 MiB by snapshot 8, then stayed near 77.3 MiB through snapshot 12, across 12 snapshots taken at different GCs (snapshots 1→12): it grew at 6 steps, then stopped; HeapAlloc, read between GCs, went 3.2 MiB → 88.1 MiB.",
      'Grew, then held (not growing now): main.worker +73.7 MiB, main.worker +299 goroutines (0 → 299; now 299 at main.go:20).',
    ]);
    expect(lines).toContain('  live as of GC 2.3 MiB → 2.3 MiB → 6.3 MiB → 19.1 MiB → 37.9 MiB → 49.2 MiB → 62.2 MiB → 74.0 MiB → 77.3 MiB → 77.3 MiB → 77.3 MiB → 77.3 MiB');
    const json = await reportJson<SeriesJson>([SAVED, '--format', 'json']);
    expect([json.verdict.leak, json.series.verdict.kind, json.series.verdict.confidence]).toEqual(['not-suspected', 'stable', 'high']);
    expect(json.series.growingSites.map((s) => [s.function, s.heldFrom])).toEqual([['main.worker', 8]]);
  });

  it('its first 11 polls: still a leak suspect — main.worker\'s profile, a GC behind the goal, held at 3 readings only', async () => {
    const files = readdirSync(join(ROOT, SAVED)).filter((f) => f.endsWith('.heap-debug1.txt')).sort().slice(0, 11);
    const lines = await reportLines(files.map((f) => `${SAVED}/${f}`));
    expect(lines[0]).toBe("Leak suspected (medium confidence): growing sites: main.worker +73.7 MiB.");
  });

  it('watch replaying the save: "leak suspected" while it grows, "grew, then held" from poll 12', { timeout: 180_000 }, async () => {
    const polls = (await watch(SAVED, '.heap-debug1.txt', '/debug/pprof/heap?debug=1', 12)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(12);
    expect(polls.map((l) => / · ((leak suspected|grew, then held): .*)$/.exec(l)?.[1])).toEqual([
      undefined, undefined, undefined,
      'leak suspected: main.worker +17.8 MiB, 67 more goroutines in main.worker',
      'leak suspected: main.worker +29.2 MiB, 142 more goroutines in main.worker',
      'leak suspected: main.worker +33.7 MiB, 187 more goroutines in main.worker',
      'leak suspected: main.worker +50.8 MiB, 239 more goroutines in main.worker',
      'leak suspected: main.worker +55.9 MiB, 299 more goroutines in main.worker',
      'leak suspected: main.worker +71.2 MiB, 299 more goroutines in main.worker',
      'leak suspected: main.worker +73.7 MiB, 299 more goroutines in main.worker',
      'leak suspected: main.worker +73.7 MiB, 299 more goroutines in main.worker',
      'grew, then held: main.worker +73.7 MiB, 299 more goroutines in main.worker',
    ]);
    expect(polls[11]).toBe('#12 Sys 170.5 MiB · HeapAlloc 88.1 MiB · frag 617.9 KiB · idle 64.3 MiB · released 2.1 MiB · stacks 960.0 KiB · runtime 14.5 MiB · ΔHeapAlloc +4.9 MiB · 7 sites · goroutines 305 · grew, then held: main.worker +73.7 MiB, 299 more goroutines in main.worker');
  });
});

describe('a plateau\'s goroutine groups that grew, then held', () => {
  it('go1.19-audit-gor/gorleak: its handlers\' groups are said with the sites that grew, then held, not as growing', async () => {
    const lines = await reportLines(['test/fixtures/captured/go1.19-audit-gor/gorleak']);
    expect(lines[0]).toMatch(/^A plateau of the live heap, not of the goroutines: /);
    expect(lines[1]).toBe('Grew, then held (not growing now): bufio.NewReaderSize +16.6 MiB, bufio.NewWriterSize +11.5 MiB, main.main.func1.1 +10.0 MiB, runtime.malg +5.0 MiB, net/http.(*persistConn).readLoop [IO wait] +1,961 goroutines, net/http.(*persistConn).writeLoop [select] +1,961 goroutines, net/http.(*conn).serve [IO wait] +1,961 goroutines, example.com/gorleak/handlers.waitForEvent [select] +393 goroutines.');
    expect(lines.some((l) => l.includes('not yet evidence'))).toBe(false);
  });

  it('the groups that held are listed apart, as the sites are: "Goroutine groups that grew, then held", never under "Growing" (leftover48)', async () => {
    const lines = await reportLines(['test/fixtures/captured/go1.19-audit-gor/gorleak']);
    expect(lines).not.toContain('Growing goroutine groups');
    const at = lines.indexOf('Goroutine groups that grew, then held (not growing now)');
    expect(lines.slice(at + 1, at + 10)).toEqual([
      '  +1,961  net/http.(*persistConn).readLoop [IO wait] (482 → 2,434 → 2,443 → 2,443 → 2,443)',
      '  +1,961  net/http.(*persistConn).writeLoop [select] (482 → 2,434 → 2,443 → 2,443 → 2,443)',
      '  +1,961  net/http.(*conn).serve [IO wait] (481 → 2,433 → 2,442 → 2,442 → 2,442)',
      '  +393    example.com/gorleak/handlers.waitForEvent [select] (96 → 487 → 489 → 489 → 489)',
      '  +392    example.com/gorleak/handlers.queryBackend [chan send] (97 → 487 → 489 → 489 → 489)',
      '  +392    example.com/gorleak/handlers.awaitBatch [semacquire] (96 → 487 → 488 → 488 → 488)',
      '  +392    example.com/gorleak/handlers.updateBalance [semacquire] (96 → 486 → 488 → 488 → 488)',
      '  +392    example.com/gorleak/handlers.waitForReply [chan receive] (96 → 486 → 488 → 488 → 488)',
      '',
    ]);
  });

  it('workerpool-watch, text and Markdown: main.worker\'s 299 goroutines under the held heading, beside its site\'s', async () => {
    const [lines, md] = await Promise.all([reportLines([SAVED]), runCli([SAVED, '--format', 'markdown'])]);
    const at = lines.indexOf('Goroutine groups that grew, then held (not growing now)');
    expect(lines.slice(at - 4, at + 2)).toEqual([
      'Allocation sites that grew, then held (not growing now; in use, one snapshot per GC epoch)',
      '  +73.7 MiB   main.worker  …/captures/workerpool/main.go:19',
      '              0 B → 0 B → 3.2 MiB → 17.8 MiB → 29.2 MiB → 33.7 MiB → 50.8 MiB → 55.9 MiB → 71.2 MiB → 73.7 MiB → 73.7 MiB → 73.7 MiB',
      '',
      'Goroutine groups that grew, then held (not growing now)',
      '  +299    main.worker (0 → 0 → 18 → 67 → 142 → 187 → 239 → 299 → 299 → 299 → 299 → 299; now 299 at main.go:20)',
    ]);
    const out = md.stdout.split('\n');
    const mdAt = out.indexOf('Goroutine groups that grew, then held (not growing now):');
    expect(out.slice(mdAt, mdAt + 3)).toEqual(['Goroutine groups that grew, then held (not growing now):', '', '- +299 <code>main.worker</code> (0 → 0 → 18 → 67 → 142 → 187 → 239 → 299 → 299 → 299 → 299 → 299; now 299 at main.go:20)']);
    expect(md.stdout).not.toContain('Growing goroutine groups');
  });
});
