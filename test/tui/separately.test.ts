/**
 * Unrelated dumps in the terminal UI (`heapdoc tui … --separately`): each heap dump's page lists
 * its own findings and those of the goroutine dumps and GC logs of its folder (named), a GC log's
 * leak evidence only beside the dumps of its folder; `[` `]` walk the dumps folder by folder; a
 * GC log's findings are under it in the GC log pane (a log alone in its folder has no page).
 */
import { describe, expect, it } from 'vitest';
import { initialTuiState, tuiReducer, type TuiAction, type TuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen, type ScreenData } from '../../src/tui/view/screen.js';
import { separateReport } from './reports.js';

const SIZE = { width: 100, height: 40 };

function text(data: ScreenData, state: TuiState): string[] {
  return buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
}

function act(data: ScreenData, state: TuiState, ...actions: TuiAction[]): TuiState {
  return actions.reduce((s, action) => tuiReducer(s, { action, context: buildScreen(data, s).context }), state);
}

const key = (input: string, k: Record<string, boolean> = {}): TuiAction => ({ type: 'key', input, key: k });
const ENTER = key('', { return: true });
const DOWN = key('', { downArrow: true });

/** A slow leak's dumps and its GC log (a leak), another program's dump given between them, and a GC log alone in its folder (a stack leak). */
const SLOW = 'captured/go1.19-audit-verdicts/a-slowleak';
const STACKS = 'captured/go1.19-audit-verdicts/i-stackleak';
const OTHER = 'scenarios/heap-leak/06-t6.heap-debug1.txt';
const report = (): ReturnType<typeof separateReport> => separateReport([`${SLOW}/06-moment6.heap-debug1.txt`, OTHER, `${SLOW}/01-moment1.heap-debug1.txt`, `${SLOW}/stderr.log.gz`, `${STACKS}/stderr.log`]);

const pageOf = (lines: readonly string[]): string | undefined => lines.find((l) => l.startsWith('snapshot '));
const findingRows = (lines: readonly string[]): string[] => lines.filter((l) => /^[› ] [▸▾] /.test(l));

describe('tui --separately', () => {
  it('walks the dumps folder by folder, in the order the folders were given ([ from the last)', () => {
    const data = { report: report(), ...SIZE };
    const pages: (string | undefined)[] = [];
    let state = initialTuiState();
    for (let i = 0; i < 3; i++) {
      pages.push(pageOf(text(data, state)));
      state = act(data, state, key('['));
    }
    expect(pages).toEqual([
      'snapshot 3 of 3: scenarios/heap-leak/06-t6.heap-debug1.txt',
      `snapshot 2 of 3: ${SLOW}/06-moment6.heap-debug1.txt`,
      `snapshot 1 of 3: ${SLOW}/01-moment1.heap-debug1.txt`,
    ]);
  });

  it("another program's page: its own findings only, no GC log's evidence nor finding", () => {
    const data = { report: report(), ...SIZE };
    const lines = text(data, initialTuiState());
    expect(pageOf(lines)).toBe('snapshot 3 of 3: scenarios/heap-leak/06-t6.heap-debug1.txt');
    expect(lines.filter((l) => l.startsWith('Leak evidence'))).toEqual([]);
    expect(lines).toContain('Findings (2)');
    expect(findingRows(lines)).toEqual([
      '› ▸ warning gc-pause-long: A GC pause took 11.77 ms (GC cycle 73); 1 of the last 116 pauses exceede…',
      '  ▸ info    idle-heap-retained: 22.4 MiB of idle heap is room the heap grows back into before the n…',
    ]);
  });

  it("a dump of the log's folder: the log's evidence and its leak-suspected, named; not the log of another folder", () => {
    const data = { report: report(), ...SIZE };
    const state = act(data, initialTuiState(), key('['));
    const lines = text(data, state);
    expect(pageOf(lines)).toBe(`snapshot 2 of 3: ${SLOW}/06-moment6.heap-debug1.txt`);
    expect(lines.filter((l) => l.startsWith('Leak evidence'))).toEqual([`Leak evidence · GC log ${SLOW}/stderr.log.gz (see the GC log pane)`]);
    expect(lines.join('\n')).not.toContain('i-stackleak');
    expect(findingRows(lines)).toEqual([
      '› ▸ info    idle-heap-retained: 49.2 MiB of idle heap is room the heap grows back into before the n…',
      '  ▸ error   leak-suspected (a-slowleak/stderr.log.gz): Leak suspected (medium confidence) in stderr…',
    ]);
    // Expanded, it names the whole input.
    const expanded = text(data, act(data, state, DOWN, ENTER));
    const at = expanded.findIndex((l) => l.startsWith('› ▾ error   leak-suspected (a-slowleak/stderr.log.gz)'));
    expect(expanded[at + 1]).toBe(`      of: ${SLOW}/stderr.log.gz`);
  });

  it('the GC log pane lists each log\'s findings under it, the log alone in its folder too', () => {
    const data = { report: report(), width: 100, height: 140 };
    const tabs = text(data, initialTuiState())[0] ?? '';
    const pane = /(\d) GC log/.exec(tabs)?.[1] ?? '?';
    const lines = text(data, act(data, initialTuiState(), key(pane)));
    expect(lines[1]).toBe(`GC log · 376 GCs over 12.0 s · ${SLOW}/stderr.log.gz`);
    const titles = lines.flatMap((l, i) => (l.startsWith('Findings of this log') ? [[l, lines[i + 1]]] : []));
    expect(titles).toEqual([
      ['Findings of this log (1)', '  error leak-suspected: Leak suspected (medium confidence) in stderr.log.gz: the live heap after GC'],
      ['Findings of this log (1)', '  error leak-suspected: Leak suspected (medium confidence) in stderr.log: the goroutine stacks the'],
    ]);
    expect(lines.filter((l) => l.startsWith('GC log · '))).toEqual([
      `GC log · 376 GCs over 12.0 s · ${SLOW}/stderr.log.gz`,
      `GC log · 10 GCs over 6.6 s · ${STACKS}/stderr.log`,
    ]);
  });

  it("a goroutine dump's findings are under its title in Goroutines, not on another folder's page", () => {
    const dump = 'captured/go1.19-audit-gor/gorleak/stable3-goroutine-debug2.txt.gz';
    const data = { report: separateReport([dump, OTHER]), ...SIZE };
    const page = text(data, initialTuiState());
    expect(findingRows(page).map((l) => l.replace(/:.*/, ''))).toEqual(['› ▸ warning gc-pause-long', '  ▸ info    idle-heap-retained']);
    const pane = /(\d) Goroutines/.exec(page[0] ?? '')?.[1] ?? '?';
    const lines = text(data, act(data, initialTuiState(), key(pane)));
    const at = lines.findIndex((l) => l.includes('stable3-goroutine-debug2.txt.gz'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}warning goroutine-long-wait: /);
  });
});
