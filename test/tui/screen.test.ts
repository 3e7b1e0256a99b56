import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summarizeGoroutineProfile } from '../../src/analyze/goroutines/group.js';
import { readPprof } from '../../src/grammar/pprof/index.js';
import { ROOT } from '../helpers/fixtures.js';
import type { GoroutineSummary } from '../../src/analyze/goroutines/index.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { initialTuiState, tuiReducer, type TuiAction, type TuiState } from '../../src/tui/state/reducer.js';
import { lineText, width } from '../../src/tui/view/line.js';
import { availablePanes, buildScreen, type ScreenData } from '../../src/tui/view/screen.js';
import { buildReport, dumpsAndLogReport, fixtureReport, gcLogReport, heapLeakReport, leakReport, scenarioReport, seedReport } from './reports.js';

const SIZE = { width: 80, height: 24 };

function text(data: ScreenData, state: TuiState): string[] {
  return buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
}

/** Applies actions the way the app does: each with the context of the screen it acts on. */
function act(data: ScreenData, state: TuiState, ...actions: TuiAction[]): TuiState {
  return actions.reduce((s, action) => tuiReducer(s, { action, context: buildScreen(data, s).context }), state);
}

const key = (input: string, k: Record<string, boolean> = {}): TuiAction => ({ type: 'key', input, key: k });

/** The captured gorleak program's six ?gc=1 heap dumps with the goroutine dumps of the same moments. */
function gorleakReport(): AnalyzeReport {
  const audit = '../test/fixtures/captured/go1.19-audit/gorleak';
  const phases = [1, 2, 3, 4, 5, 6].map((n) => `0${n}-t${n}`);
  return buildReport({ heap: phases.map((p) => `${audit}/${p}.heap-gc.txt`), goroutines: phases.map((p) => `${audit}/${p}.goroutine-debug1.txt`) });
}
const ENTER = key('', { return: true });
const ESC = key('', { escape: true });

function everyScreen(report: AnalyzeReport): { name: string; state: TuiState }[] {
  const data = { report, ...SIZE };
  const out: { name: string; state: TuiState }[] = [];
  for (const pane of availablePanes(report)) {
    const list = { ...initialTuiState(), pane };
    out.push({ name: `${pane} list`, state: list });
    const opened = act(data, list, ENTER, ENTER, ENTER, ENTER);
    out.push({ name: `${pane} opened`, state: opened });
    out.push({ name: `${pane} scrolled`, state: act(data, opened, key('G')) });
  }
  out.push({ name: 'help', state: act(data, initialTuiState(), key('?')) });
  return out;
}

describe('a site whose stacks print the same lines', () => {
  it('says so under each later one: the runtime kept them apart by PCs the dump prints no line for (memtest leakIntoMap, 5 stacks)', () => {
    const report = buildReport({ heap: ['../test/fixtures/captured/go1.19-escape/memtest-leak.heap-debug1.txt'] });
    const data = { report, width: 120, height: 60 };
    const lines = text(data, act(data, initialTuiState(), key('2'), key('/'), ...[...'leakIntoMap'].map((c) => key(c)), ENTER, ENTER));
    expect(lines.filter((l) => l.startsWith('Stack '))).toHaveLength(5);
    const notes = lines.filter((l) => l.includes('The same lines as stack'));
    expect(notes).toEqual([
      "  The same lines as stack 1: the runtime kept them apart by PCs these lines do not show (7 PCs, 3 lines): its own calls,",
      "  The same lines as stack 1: the runtime kept them apart by PCs these lines do not show (6 PCs, 3 lines): its own calls,",
      "  The same lines as stack 1: the runtime kept them apart by PCs these lines do not show (6 PCs, 3 lines): its own calls,",
      "  The same lines as stack 1: the runtime kept them apart by PCs these lines do not show (5 PCs, 3 lines): its own calls,",
    ]);
  });
});

describe('a site made by a sync.Pool\'s New', () => {
  it('names it in the list and says under the site what the pool keeps (b-pool, load2: main.glob..func1 under sync.(*Pool).Get)', () => {
    const report = buildReport({ heap: ['../test/fixtures/captured/go1.19-audit-verdicts/b-pool/02-load2.heap-debug1.txt'] });
    const data = { report, width: 100, height: 40 };
    // In the list, only where the function column has room for it (not at 100 columns).
    const wide = { report, width: 140, height: 40 };
    expect(text(wide, act(wide, initialTuiState(), key('2'))).find((l) => l.includes('main.glob..func1'))).toBe("› 104.2 MiB      416  104.8 MiB      419  main.glob..func1 (a sync.Pool's New)                            progs/main.go:72");
    expect(text(data, act(data, initialTuiState(), key('2'))).find((l) => l.includes('main.glob..func1'))).toBe('› 104.2 MiB      416  104.8 MiB      419  main.glob..func1                   progs/main.go:72');
    const lines = text(data, act(data, initialTuiState(), key('2'), ENTER));
    expect(lines.slice(1, 10)).toEqual([
      "main.glob..func1 (a sync.Pool's New)",
      '/tmp/audit-verdicts/progs/main.go:72',
      'in use    104.2 MiB in 416 objects',
      'allocated 104.8 MiB in 419 objects (since the process started)',
      "A sync.Pool's New: sync.(*Pool).Get made these objects with the pool's New when the pool was empty.",
      'In use are those in the pool, which keeps them for reuse between GCs (since Go 1.13 it drops one',
      'unused for two GCs), and those taken with Get and not yet Put back: memory the pool holds, not a',
      'leak of the code that uses it unless it keeps growing across GC-separated dumps',
      '(https://pkg.go.dev/sync#Pool).',
    ]);
  });
  it('the Overview\'s growing sites say it too (go1.19-pool-leak: Get, never Put back)', () => {
    const report = buildReport({ heap: [1, 2, 3, 4].map((n) => `../test/fixtures/captured/go1.19-pool-leak/0${n}-t${n}.heap-debug1.txt`) });
    const data = { report, width: 100, height: 40 };
    expect(text(data, initialTuiState()).filter((l) => l.includes('main.glob..func1') && l.includes('+44.1 MiB'))).toEqual([
      "(snapshots 1→4); growing sites: main.glob..func1 (a sync.Pool's New) +44.1 MiB.",
      "  • growing sites: main.glob..func1 (a sync.Pool's New) +44.1 MiB",
      "›   +44.1 MiB main.glob..func1 (a sync.Pool's New)",
    ]);
  });
});

describe('buildScreen at 80×24', () => {
  for (const [name, make] of [['seed + escape', seedReport], ['leak series + goroutines', leakReport]] as const) {
    const report = make();
    for (const { name: view, state } of everyScreen(report)) {
      it(`${name}: ${view} fills exactly 24 lines of at most 80 cells`, () => {
        const lines = buildScreen({ report, ...SIZE }, state).lines;
        expect(lines).toHaveLength(24);
        for (const l of lines) expect(width(lineText(l))).toBeLessThanOrEqual(80);
      });
    }
  }

  it('shows the tabs of the panes with data, the verdict, the bar and its legend', () => {
    const report = seedReport();
    const lines = text({ report, ...SIZE }, initialTuiState());
    expect(lines[0]).toMatch(/^ heapdoc +\[1 Overview\] +2 Sites +3 Escape/);
    expect(lines[0]).not.toContain('Goroutines');
    expect(lines[1]).toContain(report.verdict.summary.split(' ').slice(0, 4).join(' '));
    const bar = lines.find((l) => /^[█▓▒░▞▪]{70,}$/.test(l));
    expect(bar).toHaveLength(80);
    expect(lines.some((l) => /^█ HeapAlloc +4\.7 MiB +11\.7% +░ released +29\.6 MiB +73\.5%$/.test(l))).toBe(true);
    expect(lines.some((l) => /^› ▸ info +\S+: /.test(l))).toBe(true);
    expect(lines[23]).toMatch(/^ ↑↓\/jk move · Enter expand · Tab pane · \? help · q quit +1\/\d$/);
  });

  it('a site inlined into its caller: the compiler section names the call its decision is at (reslice: readPacket at main.go:17, the copy in main at 40:14)', () => {
    const audit = '../test/fixtures/captured/go1.19-audit/reslice';
    const report = buildReport({ heap: [`${audit}/06-t6.heap-gc.txt`], escape: `${audit}/build-m2.txt` });
    const data = { report, width: 100, height: 40 };
    const lines = text(data, act(data, initialTuiState(), key('2'), ENTER));
    expect(lines[1]).toBe('main.readPacket');
    const compiler = lines.findIndex((l) => l.startsWith('Compiler decisions at '));
    expect(lines.slice(compiler, compiler + 5)).toEqual([
      'Compiler decisions at reslice/main.go:17 and where it is inlined (-gcflags=-m)',
      '  main.readPacket is inlined into its caller: the allocation that ran is the caller\'s copy, which',
      '  the compiler reports at the call (line 40:14).',
      '  the compiler agrees: a heap value at this line',
      '  40:14  make([]byte, 256 << 10) escapes to heap',
    ]);
  });

  it('an inlined standard-library allocation whose caller\'s copy was found: no "build its package with -m" beside it (audit 48 #8, sparse: bufio.NewReaderSize in main.register at 24:35)', () => {
    const sparse = '../test/fixtures/captured/go1.19-audit48-sparse';
    const report = buildReport({ heap: [`${sparse}/gc1/heap-t68.txt`], escape: `${sparse}/escape-m2.txt` });
    const data = { report, width: 100, height: 40 };
    const lines = text(data, act(data, initialTuiState(), key('2'), ENTER));
    expect(lines[1]).toBe('bufio.NewReaderSize');
    const compiler = lines.findIndex((l) => l.startsWith('Compiler decisions at '));
    expect(lines.slice(compiler, compiler + 4)).toEqual([
      'Compiler decisions at bufio/bufio.go:57 and where it is inlined (-gcflags=-m)',
      '  bufio.NewReaderSize is inlined into its caller: the allocation that ran is the caller\'s copy,',
      '  which the compiler reports at the call (line 24:35).',
      '  24:35  new(bufio.Reader) escapes to heap',
    ]);
    expect(lines.some((l) => l.includes('build its package with -gcflags=-m'))).toBe(false);
  });

  it('a site whose line has only an inlined call\'s heap values (leakprog, go1.19): leakLoop at main.go:67 is the runtime\'s map growth, not "nothing"', () => {
    const dir = '../test/fixtures/captured/go1.19-audit-tui';
    const report = buildReport({ heap: [`${dir}/prog.heap-debug1.txt`], escape: `${dir}/prog.m2.txt` });
    const data = { report, width: 120, height: 40 };
    const lines = text(data, act(data, initialTuiState(), key('2'), key('/'), ...[...'main.go:67'].map((c) => key(c)), ENTER, ENTER));
    expect(lines[1]).toBe('main.leakLoop');
    const compiler = lines.findIndex((l) => l.startsWith('Compiler decisions at '));
    expect(lines.slice(compiler, compiler + 5).map((l) => l.trimEnd())).toEqual([
      'Compiler decisions at prog/main.go:67 (-gcflags=-m)',
      "  the compiler reports no heap value of this site's own code at this line",
      "  the heap values the compiler reports at ./main.go:67 are newRecord's, inlined at 67:24 (&Record{...}, make([]byte,",
      "  4096), i), shown at its own sites; this allocation is the runtime's, made for this line: its 2 stacks have 2 to 3",
      "  runtime PCs under the line that a debug=1 dump does not print, most often a map's growth or an append's, which -m does",
    ]);
  });

  it('a map\'s buckets (go1.19-audit30-mapshrink/allframes): the site view names them and says that Go maps never shrink', () => {
    const dir = '../test/fixtures/captured/go1.19-audit30-mapshrink/allframes';
    const report = buildReport({ heap: [`${dir}/deleted.heap.txt`], escape: `${dir}/build-m2.txt` });
    const data = { report, width: 100, height: 40 };
    const lines = text(data, act(data, initialTuiState(), key('2'), key('/'), ...[...'main.go:27'].map((c) => key(c)), ENTER, ENTER));
    expect(lines[1]).toBe("main.addSessions (a map's buckets)");
    const note = lines.findIndex((l) => l.startsWith("A map's buckets: "));
    expect(lines.slice(note, note + 6)).toEqual([
      "A map's buckets: the runtime's map code allocated these for a map at the site's line, as the map",
      'grew: its bucket array (one object) and overflow buckets. Go maps never shrink: deleting entries',
      'leaves the bucket array at the size of the most entries the map ever held, until the map itself is',
      'dropped (https://go.dev/issue/20135). If the map once held many more entries than now, copy the live',
      'entries into a new map and drop the old one (or set it to nil, or make a new one) from time to time;',
      'or store pointers to large values, so that the buckets stay small.',
    ]);
  });

  it('the Series pane counts goroutines per snapshot from the goroutine dumps of the same moments, given as files (by capture stem)', () => {
    const data = { report: gorleakReport(), width: 100, height: 40 };
    const series = text(data, act(data, initialTuiState(), key('4')));
    // `goroutine profile: total 224` in 01-t1, 1324 in 06-t6.
    expect(series.filter((l) => /goroutines/.test(l))).toContain('  goroutines    ▁▂▄▅▇█        224 →      1,324      +1,100');
  });

  it('the Series pane on a narrow terminal: each row keeps its last value and change whole (no "+75…"), a long verdict ends with …; on a short one the growing list stays (the live heap\'s row, the goroutines\' as groups grow, then the rows that changed most)', () => {
    const pane = (height: number): string[] => {
      const data = { report: gorleakReport(), width: 50, height };
      return text(data, act(data, initialTuiState(), key('4')));
    };
    const tall = pane(24);
    expect(tall.slice(2, 6)).toEqual([
      'Leak suspected (high confidence): growing',
      'goroutine groups across 6 dumps: main.compute',
      '+1,000, main.poll +100; goroutine stacks …',
      '  live          ▁▃▆█    1.1 MiB +758.2 KiB',
    ]);
    expect(tall).toContain('  fragmentation ▁▃▅█  872.1 KiB +105.8 KiB');
    expect(pane(14).slice(5, 13)).toEqual([
      '  live          ▁▃▆█    1.1 MiB +758.2 KiB',
      '  stacks        ▁▃▆█    2.9 MiB   +2.1 MiB',
      '  goroutines    ▁▃▆█      1,324     +1,100',
      '',
      // runtime.malg (goroutine descriptors) grows with the goroutines: a site that grows, not one that held.
      'Growing: 1 site, 2 goroutine groups · sort: growt…',
      '›    +1.5 MiB ▁▃▃███       runt…alg …ime/proc.go:…',
      '       +1,000 ▁▂▄▅▇█       main.co…',
      '         +100 ▁▂▄▅▇█       main.po…',
    ]);
  });

  it('Goroutines at 120 columns: the latest table (change, wait) keeps file:line as the older ones do; the function column as wide as its longest name with its note', () => {
    const audit = '../test/fixtures/captured/go1.19-audit/plateau';
    const report = buildReport({ heap: [`${audit}/06-t6.heap-gc.txt`], goroutines: [`${audit}/05-t5.goroutine-debug2.txt`, `${audit}/06-t6.goroutine-debug2.txt`], traceback: true });
    const data = { report, width: 120, height: 30 };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    expect(lines.slice(3, 5)).toEqual([
      '   count↓  change state                       wait function                                  file:line',
      '›       1      ±0 chan receive                     auditprogs/internal/park.Phase            …s/internal/park/park.go:82',
    ]);
  });

  it('a crash\'s output: the Overview and the Goroutines pane say what it died of (a panic raised while panicking: the last, with the first)', () => {
    const rel = '../test/fixtures/captured/go1.19-audit-gor/crashes/recovered.txt';
    const data = { report: buildReport({ heap: [], goroutines: [rel], traceback: true }), width: 160, height: 24 };
    const said = `panic: second (line 2, raised while panicking: first)`;
    expect(text(data, initialTuiState())).toContain(`A crash traceback (recovered.txt): ${said}`);
    const goroutines = text(data, act(data, initialTuiState(), key('2')));
    expect(goroutines.slice(2, 5)).toEqual([
      `1 goroutine in 1 group · goroutine?debug=2 · ${rel}`,
      `crash: ${said} in goroutine 1 at main.main.func1 (…/tmp/gorfix-go/main.go:22)`,
      '   count↓ state                       wait function        file:line',
    ]);
  });

  it('a goroutine?debug=1 dump cut short: the Goroutines pane\'s title says how many of the header\'s goroutines were read', () => {
    const rel = '../test/fixtures/captured/go1.19-goroutine1-cut/03-t3.goroutine-debug1.txt';
    const data = { report: buildReport({ heap: [], goroutines: [rel] }), width: 160, height: 24 };
    const goroutines = text(data, act(data, initialTuiState(), key('2')));
    expect(goroutines[2]).toBe(`1,204 goroutines in 2 groups · goroutine?debug=1 · CUT: 1,201 read · ${rel}`);
  });

  it('a group without frames: its detail says why (a binary profile\'s empty record)', () => {
    const rel = '../test/fixtures/captured/go1.19-audit-work/09-finalizers/01-t3.goroutine.pb.gz';
    const data = { report: buildReport({ heap: [], goroutines: [] }), width: 100, height: 40 };
    const read = readPprof(gunzipSync(readFileSync(join(ROOT, 'samples', rel))), rel);
    if (!read.goroutines) throw new Error('not a goroutine profile');
    data.report.goroutines.push(summarizeGoroutineProfile(read.goroutines, rel));
    const detail = text(data, act(data, initialTuiState(), key('2'), ENTER)).join('\n');
    expect(detail).toContain('No frames: the runtime counted these goroutines when the profile began but wrote no stack for\n');
    expect(detail).toContain(' them: the number of goroutines changed while it was taken.\n');
  });

  it('a multi-line panic message: its lines joined on the Goroutines pane\'s crash line', () => {
    const rel = '../test/fixtures/captured/go1.19-audit-gor/crashes/multi.txt';
    const data = { report: buildReport({ heap: [], goroutines: [rel], traceback: true }), width: 100, height: 24 };
    const goroutines = text(data, act(data, initialTuiState(), key('2')));
    expect(goroutines[3]).toBe('crash: panic: first line ⏎ second line(x) ⏎ third: 12 (line 1) in goroutine 1 at main.main');
  });

  it('keeps q quit and ? help whole at 40 columns: the position, then the least needed hints give way (was `? help…`, `q q…`)', () => {
    const data = { report: leakReport(), width: 40, height: 24 };
    const bar = (...actions: TuiAction[]): string | undefined => text(data, act(data, initialTuiState(), ...actions)).at(-1);
    expect(bar(key('t'), ENTER)).toBe(' Enter collapse · ? help · q quit  1/22');
    expect(bar(key('t'), ENTER, key('j'))).toBe(' Enter open site · ? help · q quit');
    expect(bar(key('?'))).toBe(' ? Esc close help · q quit');
    expect(bar(key('2'), key('/'), key('m'))).toBe(' Enter keep · Esc clear             1/4');
  });

  it('expands a finding to its why, fix and Go doc', () => {
    const report = seedReport();
    const data = { report, ...SIZE };
    const lines = text(data, act(data, initialTuiState(), ENTER));
    const finding = report.findings[0];
    expect(lines.some((l) => l.startsWith('› ▾ '))).toBe(true);
    expect(lines.some((l) => l.startsWith('      why: '))).toBe(true);
    expect(lines.join('\n')).toContain(`see: ${finding?.docsUrl.slice(0, 40)}`);
    expect(lines[23]).toContain('Esc collapse');
    expect(lines[23]).toContain('Enter collapse'); // it said "Enter expand" on an expanded finding
  });

  it('lists sites, filters them and opens one with its stack and the compiler\'s decisions', () => {
    const report = seedReport();
    const data = { report, ...SIZE };
    let state = act(data, initialTuiState(), key('2'));
    let lines = text(data, state);
    expect(lines[1]).toMatch(/^Sites · 4 · sort: in-use bytes ↓/);
    // The sorted column is marked, an objects column too (it was cut to "object…").
    expect(lines[3]).toMatch(/in use↓ +objects +allocated +objects +function +file:line/);
    expect(text(data, act(data, state, key('s')))[3]).toMatch(/^ +in use +objects↓ +allocated +objects +function/);
    state = act(data, state, key('/'), key('r'), key('o'), key('u'));
    lines = text(data, state);
    expect(lines[1]).toContain('Sites · 1 of 4');
    expect(lines[1]).toContain('filter: /rou▏');
    expect(lines[23]).toContain('type to filter · Enter keep · Esc clear');
    state = act(data, state, ENTER, ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('main.routine4');
    expect(lines).toContain('  ▶ main.routine4  seed/main.go:29');
    const compiler = lines.findIndex((l) => l.startsWith('Compiler decisions at seed/main.go:29'));
    expect(compiler).toBeGreaterThan(0);
    expect(lines[compiler + 1]).toBe('  the compiler agrees: a heap value at this line');
    expect(lines[compiler + 2]).toBe('  29:32  make([]byte, 1000) escapes to heap');
    expect(lines.join('\n')).toContain('cause: goroutine — handed to a goroutine (go statement)');
    expect(lines[23]).toMatch(/Esc back.*lines 1–22\/\d+$/);
    state = act(data, state, ESC);
    expect(text(data, state)[1]).toContain('filter: "rou"');
    state = act(data, state, ESC);
    expect(text(data, state)[1]).toMatch(/^Sites · 4 ·/);
  });

  it('says under the compiler\'s decisions how many messages at the line were not kept', () => {
    const report = seedReport();
    const joined = [...(report.escape?.sites.entries() ?? [])].find(([site]) => site.function === 'main.routine4')?.[1];
    if (!joined) throw new Error('seed: main.routine4 not joined');
    joined.omitted = 1_234;
    const data = { report, width: 80, height: 80 };
    const lines = text(data, act(data, initialTuiState(), key('2'), key('/'), key('r'), key('o'), key('u'), ENTER, ENTER));
    const at = lines.findIndex((l) => l.startsWith('  … 1,234 more compiler messages'));
    expect(lines.slice(at, at + 2)).toEqual(['  … 1,234 more compiler messages at this line (not kept: heapdoc keeps at most', '  256 of one kind a line)']);
  });

  it('below 64 cells, the objects the list is sorted by take the place of bytes, arrow and all', () => {
    const report = seedReport();
    const data = { report, width: 60, height: 24 };
    const byInuseObjects = text(data, act(data, initialTuiState(), key('2'), key('s')));
    expect(byInuseObjects[1]).toMatch(/^Sites · 4 · sort: in-use objects ↓/);
    expect(byInuseObjects[3]).toMatch(/^ {2}in-use #↓ {2}allocated {2}function/);
    expect(byInuseObjects[4]).toMatch(/^› +10\.5k +4\.5 MiB {2}runtime\.malg/);
    const byAllocObjects = text(data, act(data, initialTuiState(), key('2'), key('s'), key('s'), key('s')));
    expect(byAllocObjects[1]).toMatch(/sort: allocated objects ↓/);
    expect(byAllocObjects[3]).toMatch(/^ {5}in use {3}alloc #↓ {2}function/);
  });

  it('the Tree below its wide layout: cum objects in place of cum bytes when sorted by them', () => {
    const report = seedReport();
    for (const w of [80, 60]) {
      const data = { report, width: w, height: 24 };
      const byInuse = text(data, act(data, initialTuiState(), key('t'), key('s'), key('s')));
      expect(byInuse.find((l) => l.includes('flat cum'))).toMatch(/^ {8}flat cum inuse#↓ {6}flat {3}cum alloc {2}function|^ {8}flat cum inuse#↓ {2}function/);
      expect(byInuse.join('\n')).toMatch(/^ +4\.5 MiB +10\.5k .*• runtime\.malg$/m);
    }
    const data = { report, width: 60, height: 24 };
    const byAlloc = text(data, act(data, initialTuiState(), key('t'), key('s'), key('s'), key('s'), key('s'), key('s')));
    expect(byAlloc.find((l) => l.includes('flat cum'))).toMatch(/^ {8}flat cum alloc#↓ {2}function/);
  });

  it('cycles the sort key with s', () => {
    const report = seedReport();
    const data = { report, ...SIZE };
    const state = act(data, initialTuiState(), key('2'), key('s'), key('s'));
    const lines = text(data, state);
    expect(lines[1]).toContain('sort: allocated bytes ↓');
    expect(lines[4]).toContain('main.routine4');
  });

  it('says how many findings were counted but not listed, and how to see them', () => {
    const report = buildReport({ heap: ['go1.23/seed/routine4/after-free.heap-debug1.txt'], escape: 'go1.23/compiler/seed.gcflags-m2.txt', escapeLimit: 2 });
    const data = { report, width: 120, height: 24 };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    expect(lines[1]).toMatch(/^Escape · 16 heap values · 7 leaking params/);
    expect(lines[3]).toBe('19 more findings were counted but not listed (heapdoc escape --filter narrows, --limit 0 lists all)');
  });

  it('orders the escape tree by the bytes of the heap sites its diagnostics join to; s goes on to heap values (go1.19 audit prog2)', () => {
    const dir = '../test/fixtures/captured/go1.19-audit-tui';
    const report = buildReport({ heap: [`${dir}/prog2.heap-debug1.txt`], escape: `${dir}/prog2.m2.txt` });
    const data = { report, width: 100, height: 16 };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    // By heap values example.com/prog2 (5) came first; store's two hold what the snapshot has (*Store).Put keep.
    expect(lines.slice(3, 7)).toEqual([
      'packages · 2 · by heap-site bytes in use ↓, unjoined last',
      '     in use↓   heap  leaks  package                                            top cause',
      '›   15.8 MiB      2      3  example.com/prog2/store                            stored-in-heap',
      '   300.3 KiB      5      0  example.com/prog2                                  call-argument',
    ]);
    expect(text(data, act(data, initialTuiState(), key('3'), key('s'))).slice(3, 7)).toEqual([
      'packages · 2',
      '      in use  heap↓  leaks  package                                            top cause',
      '   300.3 KiB      5      0  example.com/prog2                                  call-argument',
      '›   15.8 MiB      2      3  example.com/prog2/store                            stored-in-heap', // the selection follows the item
    ]);
    // At 40 columns the bytes take the counts' place when sorted by them (the arrow stays whole).
    const narrow = { report, width: 40, height: 16 };
    expect(text(narrow, act(narrow, initialTuiState(), key('3'))).slice(4, 7)).toEqual([
      '     in use↓ package   top cause',
      '›   15.8 MiB …2/store  stored-in-heap',
      '   300.3 KiB …m/prog2  call-argument',
    ]);
  });

  it('browses escape output from package to one diagnostic\'s reason chain', () => {
    const report = seedReport();
    const data = { report, ...SIZE };
    let state = act(data, initialTuiState(), key('3'));
    let lines = text(data, state);
    expect(lines[1]).toMatch(/^Escape · \d+ heap values · \d+ leaking params/);
    expect(lines[2]).toMatch(/^causes: /);
    // Ordered by the bytes of the heap sites joined (routine4's site: 0 B in use, allocated since).
    expect(lines[3]).toBe('packages · 1 · by heap-site bytes in use ↓, unjoined last');
    expect(lines[4]).toBe('     in use↓   heap  leaks  package                        top cause');
    expect(lines[5]).toBe('›        0 B     16      7  seed                           interface-conversion');
    state = act(data, state, ENTER, ENTER);
    expect(text(data, state)[3]).toBe('packages › seed › ./main.go · 7 · by heap-site bytes in use ↓, unjoined last');
    // Find routine4 among the functions, then make([]byte, 1000) among its diagnostics.
    const functions = text(data, state);
    const row = functions.findIndex((l) => / routine4 /.test(l)) - functions.findIndex((l) => l.startsWith('›'));
    state = act(data, state, ...Array.from({ length: row }, () => key('j')), ENTER);
    lines = text(data, state);
    expect(lines[3]).toMatch(/^packages › seed › \.\/main\.go › routine4 · \d+ · by heap-site bytes/);
    const make = lines.findIndex((l) => l.includes('make([]byte, 1000)')) - lines.findIndex((l) => l.startsWith('›'));
    state = act(data, state, ...Array.from({ length: make }, () => key('j')), ENTER);
    lines = text(data, state);
    expect(lines[4]).toBe('make([]byte, 1000)');
    expect(lines).toContain('cause: goroutine — handed to a goroutine (go statement)');
    expect(lines.some((l) => l.startsWith('Reason chain 1 of'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  flow: hello = &{storage for make([]byte, 1000)}'))).toBe(true);
    state = act(data, state, ESC, ESC);
    expect(text(data, state)[3]).toBe('packages › seed › ./main.go · 7 · by heap-site bytes in use ↓, unjoined last');
  });

  it('counts the full goroutine dump and lists the runtime\'s goroutineleak profile apart (go1.26)', () => {
    const dir = '../test/fixtures/corpus/go1.26-devel/leak';
    const report = buildReport({ heap: [`${dir}/gleak-snap2.heap-debug1.txt`], goroutines: [`${dir}/gleak-snap2.goroutine-debug1.txt`, `${dir}/gleak-snap2.goroutineleak-debug1.txt`] });
    const data = { report, width: 120, height: 30 };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    // One full dump: its count, no change, and no "latest" (the leak profile is no second moment).
    expect(lines[1]).toBe('Goroutines · 292 now');
    expect(lines[2]).toBe('292 goroutines in 9 groups · goroutine?debug=1 · …est/fixtures/corpus/go1.26-devel/leak/gleak-snap2.goroutine-debug1.txt');
    expect(lines[14]).toBe("71 leaked goroutines in 1 group · leaked, as the runtime's goroutineleak profile lists them · ….goroutineleak-debug1.txt");
    expect(lines[16]).toMatch(/^ +71 +— +main\.fetchWithTimeout\.func1 +leak\/main\.go:92$/);
  });

  it('names the selected snapshot only on the panes that show it (not on Goroutines, which shows the latest dump)', () => {
    const report = leakReport();
    const data = { report, width: 120, height: 30 };
    const back = act(data, initialTuiState(), key('['));
    expect(text(data, back)[0]).toContain('snapshot 4/5 · Sys');
    expect(text(data, act(data, back, key('3')))[0]).not.toMatch(/snap(shot)? \d/);
    expect(text(data, act(data, back, key('2')))[0]).toContain('snapshot 4/5');
  });

  it('shows goroutine groups with state and wait, and a group\'s detail', () => {
    const report = leakReport();
    const data = { report, ...SIZE };
    let state = act(data, initialTuiState(), key('3'));
    let lines = text(data, state);
    expect(lines[0]).toContain('[3 Goroutines]');
    // One moment's count (the latest dump's) and its change, never a sum over the dumps.
    expect(lines[1]).toBe('Goroutines · 788 now · +620 since the first of 2 dumps (168)');
    expect(lines[2]).toBe('latest · 788 goroutines in 8 groups · goroutine?debug=1 · ….goroutine-debug1.txt');
    // debug=1 has no wait state: the column says what it shows, the call the goroutines block in.
    expect(lines[3]).toMatch(/^ {3}count↓ +change blocked in +function$/);
    expect(lines.some((l) => /^ +196 +\+156 sync\.\(\*Mutex\)\.Lock +main\.waitForLock$/.test(l))).toBe(true);
    expect(lines).toContain('168 goroutines in 9 groups · goroutine?debug=1 · …eak/snap1.goroutine-debug1.txt');
    state = act(data, state, ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('main.fetchWithTimeout.func1');
    expect(lines[2]).toBe('/build/run-go1.23/src/leak/main.go:92');
    expect(lines).toContain('  goroutines       196 (+156 since the first dump)');
    expect(lines).toContain('  labels           handler=fetch');
    expect(lines).toContain('Stack of the first goroutine · 1 frame of its 5 PCs (no line for the runtime\'s)');
    expect(lines).toContain('  ▶ main.fetchWithTimeout.func1  leak/main.go:92');
  });

  it('unrelated dumps (--separately) have no change nor "now": each dump in report order, its own total', () => {
    const report = { ...leakReport(), separately: true };
    const data = { report, ...SIZE };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    // Was: "Goroutines · 788 now · +620 since the first of 2 dumps (168)" and a change column.
    expect(lines[1]).toBe('Goroutines · 2 dumps analyzed separately · up to 788 goroutines in one');
    expect(lines[2]).toBe('168 goroutines in 9 groups · goroutine?debug=1 · …eak/snap1.goroutine-debug1.txt');
    expect(lines[3]).toMatch(/^ {3}count↓ blocked in +function$/);
    expect(lines).toContain('788 goroutines in 8 groups · goroutine?debug=1 · …eak/snap5.goroutine-debug1.txt');
    expect(lines.some((l) => /^ +196 sync\.\(\*Mutex\)\.Lock +main\.waitForLock$/.test(l))).toBe(true);
    expect(lines.some((l) => /\+156/.test(l))).toBe(false);
  });

  it('shows a debug=2 group\'s whole stack: runtime frames, inlined calls, created by, at 200 columns with paths', () => {
    const report = buildReport({ heap: ['go1.23/leak/snap5.heap-debug1.txt'], goroutines: ['go1.23/leak/snap5.goroutine-debug2.txt'], traceback: true });
    const data = { report, width: 200, height: 40 };
    let state = act(data, initialTuiState(), key('3'));
    let lines = text(data, state);
    expect(lines[1]).toBe('Goroutines · 788 now');
    expect(lines[3]).toMatch(/^ {3}count↓ state +wait function +file:line$/);
    const lock = lines.findIndex((l) => / main\.waitForLock /.test(l));
    expect(lines[lock]).toMatch(/^ +196 sync\.Mutex\.Lock +main\.waitForLock +leak\/main\.go:82$/);
    state = act(data, state, ...Array.from({ length: lock - 4 }, () => key('j')), ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('main.waitForLock');
    expect(lines).toContain('  state            sync.Mutex.Lock');
    expect(lines).toContain('  blocked in       sync.(*Mutex).Lock');
    expect(lines).toContain('  created by       main.main at leak/main.go:116');
    const stack = lines.indexOf('Stack of the first goroutine · 4 frames');
    expect(lines.slice(stack + 1, stack + 6).map((l) => l.replace(/ +/g, ' '))).toEqual([
      ' sync.runtime_SemacquireMutex runtime/sema.go:95',
      ' sync.(*Mutex).lockSlow sync/mutex.go:173',
      ' sync.(*Mutex).Lock (inlined) sync/mutex.go:92',
      ' ▶ main.waitForLock leak/main.go:82',
      ' main.main (created by) leak/main.go:116',
    ]);
  });

  it('a group\'s detail says how many of its goroutines waited minutes, not only the longest wait (the idle pool: 1,005 of 2,000)', () => {
    const rel = '../test/fixtures/captured/go1.19-audit28-idlepool/run/goroutine/05.goroutine-debug2.txt.gz';
    const data = { report: buildReport({ heap: [], goroutines: [rel], traceback: true }), width: 120, height: 30 };
    let state = act(data, initialTuiState(), key('2'));
    let lines = text(data, state);
    expect(lines[4]).toMatch(/^› +2,000 chan receive +2 min main\.worker /);
    state = act(data, state, ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('main.worker');
    expect(lines).toContain('  longest wait     2 min');
    expect(lines).toContain('  waited minutes   1,005 of 2,000; 995 under a minute');
  });

  it('filters and sorts every list: goroutine groups, the escape tree, the series', () => {
    const leak = leakReport();
    const data = { report: leak, ...SIZE };
    // Goroutines: filter on the blocked-in call, then sort by function, A→Z then Z→A.
    let state = act(data, initialTuiState(), key('3'), key('/'), ...[...'mutex'].map((c) => key(c)), ENTER);
    let lines = text(data, state);
    expect(lines[2]).toBe('2 of 17 groups · filter: "mutex"');
    expect(lines.filter((l) => / main\.waitForLock$/.test(l))).toHaveLength(2);
    // debug=1 dumps: no wait column, so no wait sort (count → change → state → function).
    state = act(data, state, ESC, key('s'), key('s'), key('s'));
    lines = text(data, state);
    expect(lines[3]).toMatch(/^ {4}count +change blocked in +function↑$/);
    // The function column, without the note the text report gives beside some names (`(the profiler's own)`, why `(no frames)`).
    const names = (ls: string[]): string[] => ls.slice(4, 12).map((l) => l.replace(/ \((?!no frames\)).*$/, '').split(/ +/).pop() ?? '');
    expect(names(lines)).toEqual(['frames)', 'main.fetchWithTimeout.func1', 'main.main', 'main.waitForLock', 'main.waitForReply', 'main.waitForShutdown', 'net/http.(*Server).Serve', 'runtime/pprof.writeRuntimeProfile']);
    lines = text(data, act(data, state, key('S')));
    expect(lines[3]).toMatch(/function↓$/);
    expect(names(lines)[0]).toBe('runtime/pprof.writeRuntimeProfile');
    // Series: the title counts the growing items (not again after it); a filter says how many it leaves.
    lines = text(data, act(data, initialTuiState(), key('4')));
    expect(lines.find((l) => l.startsWith('Growing:'))).toBe('Growing: 1 site, 4 goroutine groups · sort: growth ↓');
    lines = text(data, act(data, initialTuiState(), key('4'), key('/'), ...[...'reply'].map((c) => key(c))));
    expect(lines.find((l) => l.startsWith('Growing:'))).toBe('Growing: 1 site, 4 goroutine groups · 1 of 5 · sort: growth ↓ · filter: /reply▏');
    expect(lines.filter((l) => /^› +\+156 .*main\.waitForReply/.test(l))).toHaveLength(1);
    // Escape: the functions of ./main.go by name, A→Z.
    const seed = seedReport();
    const escape = { report: seed, ...SIZE };
    lines = text(escape, act(escape, initialTuiState(), key('3'), ENTER, ENTER, key('s'), key('s'), key('s')));
    expect(lines[4]).toMatch(/^ +in use +heap +leaks +function↑ +top cause$/);
    const functions = lines.slice(5).map((l) => / (\d+) +(\d+) {2}(\S+)/.exec(l)?.[3]).filter((f) => f !== undefined);
    expect(functions).toEqual([...functions].sort((a, b) => a.localeCompare(b)));
    expect(functions.length).toBeGreaterThan(3);
  });

  it('shows the series\' leak evidence under the verdict, and never "no rule found anything" above it', () => {
    const report = leakReport();
    const lines = text({ report, width: 80, height: 30 }, initialTuiState());
    const at = lines.indexOf('Leak evidence · across 5 snapshots');
    expect(at).toBeGreaterThan(0);
    const evidence = report.series?.verdict.evidence ?? [];
    expect(evidence.length).toBeGreaterThanOrEqual(2);
    // One bullet per piece of evidence, a long one wrapped onto the lines below it (plain dumps' "HeapAlloc … each read between GCs").
    const bullets: string[] = [];
    for (const l of lines.slice(at + 1).map((x) => x.trim())) {
      if (l === '' || /^Findings/.test(l) || (l.startsWith('• ') && bullets.length === evidence.length)) break;
      if (l.startsWith('• ')) bullets.push(l);
      else if (bullets.length > 0) bullets[bullets.length - 1] += ` ${l}`;
    }
    expect(bullets).toEqual(evidence.map((e) => `• ${e.text}`));
    // The series rules' findings (what heapdoc lint reports for these snapshots) come first.
    const findings = lines.findIndex((l) => /^Findings \(\d+\)$/.test(l));
    expect(findings).toBeGreaterThan(at);
    expect(lines[findings + 1]).toMatch(/^ {2}▸ error +leak-suspected: Leak suspected \(high confidence\) across 5 snapshots/);
    expect(lines.some((l) => l.startsWith('Findings: none'))).toBe(false);
    // Expanded, it says why and what to do, as lint does.
    const data = { report, width: 80, height: 30 };
    const open = text(data, act(data, initialTuiState(), key('j'), ENTER));
    // Its why gives the reasons, starting with the snapshots compared (the verdict's evidence is above it, audit 34).
    // Plain dumps: HeapAlloc read between GCs, one per GC cycle, not "GC-separated" readings of the live heap after GC (audit 40, finding 9).
    expect(open.some((l) => l.startsWith('      why: The snapshots compared, one per GC cycle, each read between GCs:'))).toBe(true);
    expect(open.some((l) => l.startsWith('      why: Leak suspected'))).toBe(false);
  });

  it('drills from a bucket: ↑ from the first item walks the legend, says what each bucket is; Enter on live opens Sites, on stacks the Goroutines', () => {
    const report = leakReport();
    const data = { report, width: 80, height: 30 };
    const up = key('k');
    const onRuntime = act(data, initialTuiState(), up);
    expect(onRuntime.overview.cursor).toBe(-1);
    const lines = text(data, onRuntime);
    // The bucket's MemStats fields with snap5's values (MSpan = 443680 / 456960, MCache = 2400 / 15600, BuckHashSys = 1444477, GCSys = 2483224, OtherSys = 667779).
    const said = lines.findIndex((l) => l.startsWith('  runtime = '));
    expect(lines.slice(said, said + 3)).toEqual([
      '  runtime = MSpanSys 446.3 KiB + MCacheSys 15.2 KiB + BuckHashSys 1.4 MiB +',
      "  GCSys 2.4 MiB + OtherSys 652.1 KiB = 4.8 MiB: the runtime's own metadata",
      '  (spans, per-P caches, profiling buckets, GC bitmaps, the rest)',
    ]);
    expect(lines.at(-1)).not.toMatch(/\d+\/\d+$/); // a bucket is above the list: no position
    expect(act(data, onRuntime, ENTER).pane).toBe('overview'); // the runtime's metadata has no pane of its own
    const onStacks = act(data, onRuntime, up);
    expect(text(data, onStacks).at(-1)).toMatch(/Enter Goroutines/);
    const goroutines = act(data, onStacks, ENTER);
    expect(goroutines.pane).toBe('goroutines');
    expect(text(data, goroutines).at(-1)).toMatch(/Esc back/);
    expect(act(data, goroutines, ESC).pane).toBe('overview'); // back where the drill started
    expect(act(data, goroutines, key('2'), ESC).pane).toBe('sites'); // a pane key forgets it
    const onLive = act(data, initialTuiState(), ...Array<TuiAction>(10).fill(up));
    expect(onLive.overview.cursor).toBe(-6); // the top: live
    const onLiveLines = text(data, onLive);
    const liveAt = onLiveLines.findIndex((l) => l.startsWith('  live = '));
    expect(onLiveLines.slice(liveAt, liveAt + 2)).toEqual(['  live = HeapAlloc 21.8 MiB: reachable objects, plus garbage not yet swept ·', '  Enter: the allocation sites']);
    // Two fields: their difference is the bucket (HeapIdle 3,874,816 − HeapReleased 3,842,048 = 32,768).
    const onIdle = text(data, act(data, onLive, key('j'), key('j')));
    expect(onIdle.find((l) => l.startsWith('  idle = '))).toBe('  idle = HeapIdle 3.7 MiB − HeapReleased 3.7 MiB = 32.0 KiB: free spans kept');
    const sites = act(data, onLive, ENTER);
    expect([sites.pane, sites.sites.open]).toEqual(['sites', undefined]);
    // A site opened from there, Esc back to the list, Esc back to the Overview.
    expect(act(data, sites, ENTER, ESC, ESC).pane).toBe('overview');
    expect(act(data, onLive, key('j')).overview.cursor).toBe(-5);
  });

  it('drills from the verdict to the code: Enter on a growing site opens it in Sites (stacks, escape), Esc comes back', () => {
    const report = leakReport();
    const data = { report, width: 80, height: 30 };
    const lines = text(data, initialTuiState());
    const at = lines.indexOf('Growing sites · Enter: their stacks'); // no --escape: no compiler's reasons
    expect(lines[at + 1]).toBe('›    +2.5 MiB main.newSession');
    expect(lines.at(-1)).toMatch(/Enter open site .* 1\/2$/);
    const opened = act(data, initialTuiState(), ENTER);
    expect([opened.pane, opened.sites.open, opened.sites.returnTo]).toEqual(['sites', 'main.newSession\u0000/build/run-go1.23/src/leak/main.go\u000050', 'overview']);
    expect(text(data, opened).slice(1, 3)).toEqual(['main.newSession', '/build/run-go1.23/src/leak/main.go:50']);
    expect(act(data, opened, ESC).pane).toBe('overview');
  });

  it('lists the leak-suspected finding of a goroutine series, which names the growing group (goroutine-leak scenario; goroutine-growth leaves it to it)', () => {
    const phases = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
    const report = scenarioReport('goroutine-leak', phases);
    const lines = text({ report, width: 100, height: 40 }, initialTuiState());
    const findings = lines.findIndex((l) => /^Findings \(\d+\)$/.test(l));
    // The growing site (runtime.malg) is the first item of the list, the growing goroutine group
    // (the leak itself) the next; the findings follow them.
    expect(lines.slice(findings - 6, findings - 1)).toEqual([
      'Growing sites · Enter: their stacks', '›    +1.0 MiB runtime.malg', '',
      'Growing goroutine groups · Enter: the group, its stack', '       +2,000 main.waitForReply',
    ]);
    expect(lines.slice(findings + 1, findings + 3).map((l) => l.replace(/: .*/, ''))).toEqual(['  ▸ error   leak-suspected', '  ▸ info    goroutine-descriptors']);
  });

  it('opens a growing goroutine group of the Overview in Goroutines, its stack; Esc comes back (goroutine-leak scenario)', () => {
    const phases = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
    const report = scenarioReport('goroutine-leak', phases);
    const data = { report, width: 100, height: 30 };
    const onGroup = act(data, initialTuiState(), key('j'));
    const overview = text(data, onGroup);
    expect(overview.find((l) => l.includes('main.waitForReply') && l.startsWith('›'))).toBe('›      +2,000 main.waitForReply');
    expect(overview.at(-1)).toMatch(/^ ↑↓\/jk move · Enter open group · .* 2\/4$/); // two growing items and two findings (goroutine-growth left to leak-suspected)
    const opened = act(data, onGroup, ENTER);
    expect([opened.pane, opened.goroutines.open?.split('\u0001')[0], opened.goroutines.returnTo]).toEqual(['goroutines', 'scenarios/goroutine-leak/06-t6.goroutine-debug1.txt', 'overview']);
    const detail = text(data, opened);
    expect(detail.slice(1, 5)).toEqual([
      'main.waitForReply',
      '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go:21',
      '',
      '  goroutines       2,400 (+2,000 since the first dump)',
    ]);
    expect(detail.at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter frames · Esc back · /);
    const back = act(data, opened, ESC);
    expect([back.pane, back.overview.cursor]).toEqual(['overview', 1]);
  });

  it('puts input problems in view: a line in the overview and a Diagnostics pane', () => {
    const report = seedReport();
    report.diagnostics.push(
      { source: 'cut.txt', line: 41, column: 3, severity: 'error', message: 'the input ends in the middle of this line (truncated?)', hint: 'capture the dump again' },
      { source: 'cut.txt', line: 7, column: 1, severity: 'warning', message: 'an unknown MemStats field' },
    );
    const data = { report, ...SIZE };
    let lines = text(data, initialTuiState());
    expect(lines[0]).toMatch(/4 Diagnostics +5 Tree$/);
    expect(lines).toContain('✗ Inputs: 1 error, 1 warning — see the Diagnostics pane');
    let state = act(data, initialTuiState(), key('4'));
    lines = text(data, state);
    expect(lines[1]).toBe('Diagnostics · 1 error, 1 warning');
    expect(lines[2]).toMatch(/^ {2}severity↓ +source:line:column +message$/);
    expect(lines[3]).toMatch(/^› error +cut\.txt:41:3 +the input ends in the middle of this line \(trun…$/);
    expect(lines[4]).toMatch(/^ {2}warning +cut\.txt:7:1 +an unknown MemStats field$/);
    state = act(data, state, ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('error cut.txt:41:3');
    expect(lines).toContain('  how to fix capture the dump again');
  });

  it('draws each bucket over time and the growing sites and groups', () => {
    const report = leakReport();
    const data = { report, ...SIZE };
    let state = act(data, initialTuiState(), key('4'));
    let lines = text(data, state);
    expect(lines[0]).toContain('[4 Series]');
    expect(lines[1]).toBe('Series · 5 snapshots, first → last');
    expect(lines[2]).toMatch(/^Leak suspected/);
    // go1.23/leak's dumps were read between GCs (the latest profile's 6.0 MiB in use against HeapAlloc 21.8 MiB): the row says HeapAlloc.
    expect(lines.some((l) => /^ {2}HeapAlloc +[▁▂▃▄▅▆▇█]{5} +4\.3 MiB → +21\.8 MiB +\+17\.5 MiB$/.test(l))).toBe(true);
    expect(lines.some((l) => /^› +\+\d+\.\d MiB [▁▂▃▄▅▆▇█]+ +main\.newSession +leak\/main\.go:50$/.test(l))).toBe(true);
    state = act(data, state, ENTER);
    lines = text(data, state);
    expect(lines[1]).toBe('main.newSession');
    expect(lines).toContain('In use per snapshot');
  });

  it('a site that grew, then held is counted apart from the growing ones, in yellow, and its detail says so (go1.19-audit36/mapclear: main.fill, 0 → 80.8 → 146.6 MiB ×5)', () => {
    const dir = 'captured/go1.19-audit36/mapclear/series-gc';
    const report = fixtureReport(['02', '05', '08', '11', '14', '17', '20'].map((t) => `${dir}/t${t}.heap-debug1-gc1.txt`));
    const data = { report, ...SIZE };
    let state = act(data, initialTuiState(), key('3'));
    const screen = buildScreen(data, state).lines;
    const lines = screen.map((l) => lineText(l).trimEnd());
    expect(lines[0]).toContain('[3 Series]');
    // Not "Growing: 1 site": main.fill is not growing now.
    expect(lines.slice(14, 16)).toEqual([
      'Growing: nothing · grew, then held: 1 site · sort: growth ↓',
      '›  +146.6 MiB ▁▅█████      main.fill                         …pclear/main.go:21',
    ]);
    expect(screen[15]?.filter((s) => s.color !== undefined).map((s) => [s.text.trim(), s.color])).toEqual([['+146.6 MiB', 'yellow'], ['▁▅█████', 'yellow']]);
    state = act(data, state, ENTER);
    expect(text(data, state).slice(1, 4)).toEqual([
      'main.fill',
      '/tmp/audit36/captures/mapclear/main.go:21',
      'grew 146.6 MiB in use · never decreased · grew, then held (not growing now)',
    ]);
  });

  it('says under the rows which snapshots were read between GCs when the others followed a forced GC, as the headline does (leak-mixed)', () => {
    const report = fixtureReport(['01', '02', '03', '04', '05'].map((n) => `captured/go1.19-audit27-limit/leak-mixed/${n}.heap.txt`));
    const data = { report, width: 120, height: 30 };
    const lines = text(data, act(data, initialTuiState(), key('3')));
    expect(lines.slice(1, 16)).toEqual([
      'Series · 5 snapshots, first → last',
      // The four ?gc=1 readings are enough for the verdict, which rests on them: a slow rise at every step (forced.ts judgedAfterForcedGC).
      'Leak suspected (medium confidence): live heap 21.8 MiB → 23.3 MiB (+6.8%) across 4 GC-separated snapshots (snapshots',
      '1→4), each read right after a forced GC (?gc=1 or the program\'s runtime.GC(); 45.7 MiB at snapshot 5 was read between',
      'GCs, where HeapAlloc counts the garbage made since the last GC), so exact: it rose at every step, by 481.4 KiB at least…',
      '  HeapAlloc     ▁▁▁▁█   21.8 MiB →   45.7 MiB   +23.9 MiB',
      '  fragmentation ▁▁▁██  640.1 KiB →  661.1 KiB   +20.9 KiB',
      '  idle          ████▁   30.2 MiB →    6.0 MiB   −24.1 MiB',
      '  released      ▄█▁▃▄    3.1 MiB →    3.2 MiB  +168.0 KiB',
      '  stacks        ▁▁▁▁▁  352.0 KiB →  352.0 KiB        ±0 B',
      '  runtime       ▁▁▁▁▁   10.1 MiB →   10.1 MiB        ±0 B',
      '  sys           ▁▁▁▁▁   66.1 MiB →   66.1 MiB        ±0 B',
      '  retained      ▅▁█▆▅   63.0 MiB →   62.9 MiB  −168.0 KiB',
      '  Snapshot 5 was read between GCs, the others right after a forced GC (?gc=1 or the program\'s runtime.GC()): its',
      '  HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.',
      '',
    ]);
    // Every dump after its own forced GC (the first four alone): no such line.
    const gc1 = fixtureReport(['01', '02', '03', '04'].map((n) => `captured/go1.19-audit27-limit/leak-mixed/${n}.heap.txt`));
    expect(text({ ...data, report: gc1 }, act({ ...data, report: gc1 }, initialTuiState(), key('3'))).some((l) => l.includes('read between GCs'))).toBe(false);
  });

  it('says on the Overview and under the Series rows which snapshot carries no stack frames, as the text report does (go1.21 peak/default baseline)', () => {
    const report = buildReport({ heap: ['baseline', 'peak', 'after-free', 'after-gc', 'after-release', 'idle'].map((n) => `go1.21/peak/default/${n}.heap-debug1.txt`) });
    const data = { report, width: 120, height: 40 };
    const overview = text(data, initialTuiState());
    expect(overview.slice(6, 9)).toEqual([
      'Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot check it is the same program as the',
      'others.',
      'snapshot 6 of 6: go1.21/peak/default/after-free.heap-debug1.txt',
    ]);
    const series = text(data, act(data, initialTuiState(), key('3')));
    expect(series.slice(12, 17)).toEqual([
      '  retained      ▁████▁    4.4 MiB →   11.1 MiB    +6.7 MiB',
      '  Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot check it is the same program as the',
      '  others.',
      '  Snapshots 1, 2, 3 and 5 were read between GCs, the others right after a forced GC (?gc=1 or the program\'s',
      '  runtime.GC()): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.',
    ]);
    // Every snapshot with stack frames (the go1.23 leak): no such line.
    const leak = { report: leakReport(), width: 120, height: 40 };
    expect([...text(leak, initialTuiState()), ...text(leak, act(leak, initialTuiState(), key('3')))].some((l) => l.includes('no stack frames'))).toBe(false);
  });

  it('steps through the snapshots of a series with [ and ]', () => {
    const report = leakReport();
    const data = { report, ...SIZE };
    expect(text(data, initialTuiState())[0]).toMatch(/ 4 Series +5 Tree +snap 5\/5$/);
    expect(text({ ...data, width: 120 }, initialTuiState())[0]).toMatch(/ snapshot 5\/5 \(latest\) · Sys 32\.8 MiB$/);
    const state = act(data, initialTuiState(), key('['), key('['));
    expect(text(data, state)[0]).toMatch(/ snap 3\/5$/);
    expect(text({ ...data, width: 100 }, state)[0]).toMatch(/ snapshot 3\/5 · Sys 20\.6 MiB$/);
    expect(text(data, state)).toContain('snapshot 3 of 5: go1.23/leak/snap3.heap-debug1.txt');
    // On a narrow terminal the path is cut from its start: the file that tells snapshots apart stays.
    expect(text({ ...data, width: 40 }, state)).toContain('snapshot 3 of 5: …/snap3.heap-debug1.txt');
    expect(text(data, act(data, state, key(']'), key(']')))[0]).toMatch(/ snap 5\/5$/);
  });

  it('sums the stacks by function in the Tree (t): main.main is responsible for what main.remember keeps', () => {
    const data = { report: heapLeakReport(), ...SIZE };
    let state = act(data, initialTuiState(), key('t'));
    let lines = text(data, state);
    expect(lines[0]).toMatch(/^ heapdoc +1 Overview +2 Sites +\[3 Tree\]$/);
    expect(lines[1]).toBe('Tree · 48 functions · callees ↓ · 25.9 MiB in use · 811.0 MiB allocated');
    expect(lines[3]).toBe('        flat cum in use↓      flat   cum alloc  function');
    expect(lines.slice(4, 7)).toEqual([
      '›        0 B    24.9 MiB       0 B   796.9 MiB  ▸ main.main',
      '         0 B    24.9 MiB       0 B   796.9 MiB  ▸ runtime.main',
      '    24.9 MiB    24.9 MiB  24.9 MiB    24.9 MiB  • main.remember',
    ]);
    expect(lines[23]).toMatch(/^ ↑↓\/jk move · Enter expand · i callers · \/ filter · \? help · q quit +1\/48$/);
    // Enter opens main.main: its callees, down to the sites; the function with one site is a leaf.
    state = act(data, state, ENTER);
    lines = text(data, state);
    expect(lines.slice(4, 8)).toEqual([
      '›        0 B    24.9 MiB       0 B   796.9 MiB  ▾ main.main',
      '    24.9 MiB    24.9 MiB  24.9 MiB    24.9 MiB    • main.remember',
      '         0 B         0 B 772.0 MiB   772.0 MiB    • main.scratch',
      '         0 B    24.9 MiB       0 B   796.9 MiB  ▸ runtime.main',
    ]);
    // → steps into the opened row; Enter on the leaf opens its site in Sites; Esc comes back.
    state = act(data, state, key('', { rightArrow: true }));
    expect(state.tree.cursor).toBe(1);
    state = act(data, state, ENTER);
    expect(state.pane).toBe('sites');
    lines = text(data, state);
    expect(lines[1]).toBe('main.remember');
    expect(lines.some((l) => /▶ main\.remember +.*heap-leak\/main\.go:18$/.test(l))).toBe(true);
    state = act(data, state, ESC);
    expect(state.pane).toBe('tree');
    expect(text(data, state)[5]).toMatch(/^› +24\.9 MiB +24\.9 MiB .* • main\.remember$/);
    // ← goes up to the row it hangs from, then closes it.
    state = act(data, state, key('', { leftArrow: true }));
    expect(state.tree.cursor).toBe(0);
    state = act(data, state, key('', { leftArrow: true }));
    expect(state.tree.expanded).toEqual([]);
  });

  it('turns the Tree around with i: who calls main.remember, up to where the goroutine started', () => {
    const data = { report: heapLeakReport(), ...SIZE };
    let state = act(data, initialTuiState(), key('t'), key('/'), ...[...'remember'].map((c) => key(c)), ENTER, key('i'));
    let lines = text(data, state);
    expect(lines[1]).toMatch(/^Tree · 1 of 48 functions · filter: "remember" · callers ↑ · 25\.9 MiB in use/);
    expect(lines.slice(4, 6)).toEqual([
      '›   24.9 MiB    24.9 MiB  24.9 MiB    24.9 MiB  ▾ main.remember',
      '                24.9 MiB              24.9 MiB    ▸ main.main',
    ]);
    state = act(data, state, key('j'), ENTER, key('j'));
    lines = text(data, state);
    // runtime.main starts the goroutine: no caller above it, and all its stacks end at one site.
    expect(lines[6]).toBe('›               24.9 MiB              24.9 MiB      • runtime.main');
    expect(lines[23]).toMatch(/Enter open site · ← up · i callees · .* 3\/3$/);
    state = act(data, state, ENTER);
    expect(state.pane).toBe('sites');
    expect(text(data, state)[1]).toBe('main.remember');
    // Sorted by allocations, the narrow layout shows allocated bytes; the arrow marks the column.
    const narrow = { ...data, width: 60 };
    state = act(narrow, initialTuiState(), key('t'), key('s'), key('s'), key('s'));
    lines = text(narrow, state);
    expect(lines[3]).toBe('        flat  cum alloc↓  function');
    expect(lines[4]).toBe('›        0 B   796.9 MiB  ▸ main.main');
    expect(lines[6]).toBe('   772.0 MiB   772.0 MiB  • main.scratch');
  });

  it('charts a gctrace log in the GC log pane: the heap at each GC, peak vs what stays, pace, CPU, scavenger', () => {
    const data = { report: gcLogReport('captured/go1.19-scavtrace/gctrace.log'), ...SIZE };
    let lines = text(data, initialTuiState());
    expect(lines[0]).toMatch(/^ heapdoc +\[1 Overview\] +2 GC log$/);
    expect(lines).toContain('No heap dump given: the GC log pane shows the log.');
    // 4 → 7 MB, then 7 MB for the last 3 GCs: a plateau (it was "Leak suspected (medium confidence)"), and no finding.
    expect(lines[1]).toBe('captured/go1.19-scavtrace/gctrace.log: A plateau, not a leak: the live heap');
    expect(lines).toContain('Findings: none — no rule found anything unusual');
    let state = act(data, initialTuiState(), key('2'));
    lines = text(data, state);
    expect(lines[1]).toBe('GC log · 6 GCs over 2.3 s · captured/go1.19-scavtrace/gctrace.log');
    expect(lines[2]).toBe('A plateau, not a leak: the live heap after GC rose 4 → 7 MB, then stayed at 7 MB');
    // On the log's time (gctrace's @T): A (before the GC) shaded over C (live after it), 11 MB at the top; gc 1 and 2 at
    // 0.01 s, gc 3–5 at 1.17–1.18 s, gc 6 at 2.29 s, and between them the live heap the GC before left. ┴: the thirds.
    expect(lines.slice(9, 17)).toEqual([
      ' 11 MB│                                                                       ░',
      '      │                                    ░                                  ░',
      '      │                                    ░███████████████████████████████████',
      '      │                                    ████████████████████████████████████',
      '      │████████████████████████████████████████████████████████████████████████',
      '      │████████████████████████████████████████████████████████████████████████',
      '     0└────────────────────────┴───────────────────────┴───────────────────────',
      '       gc 1 · 0.01 s           0.77 s                  1.53 s     gc 6 · 2.29 s',
    ]);
    expect(lines[18]).toBe('  peak (A)      11 MB before gc 6, at 2.29 s');
    expect(lines[19]).toBe('  stays (C)     7 MB live after the last GC (64% of the peak)');
    expect(lines[23]).toMatch(/^ ↑↓\/jk scroll · Tab pane · \? help · q quit +lines 1–22\/30$/);
    state = act(data, state, key('G'));
    lines = text(data, state);
    expect(lines.slice(19, 23)).toEqual([
      '  scavenger     7 lines (1 forced): its runs returned 1.8 MiB to the OS;',
      '                released at the last line: 3.4 MiB (less when the heap reuses',
      '                released pages)',
      '  other lines   3 lines that are not the runtime\'s, skipped',
    ]);
    expect(lines[16]).toBe('  GC CPU        0% of the CPU since the program started (as of the last GC)');
    // The longest stop-the-world time: gc 1's 3.6 + 0.004 ms clock phases (sweep and mark termination).
    expect(lines[17]).toBe('  longest pause 3.6 ms in gc 1 (line 2): its stop-the-world phases');
  });

  it('says the report\'s Marking line under a log of long marks, wrapped, and e/y act on the longest mark\'s line (go1.19-audit42-ptrdense: gc 15, line 15)', () => {
    const data = { report: gcLogReport('captured/go1.19-audit42-ptrdense/gctrace.log'), ...SIZE };
    let state = act(data, initialTuiState(), key('2'));
    expect(text(data, state)[23]).toMatch(/^ ↑↓\/jk scroll · Tab pane · e edit · y copy · \? help · q quit +lines 1–22\/35$/);
    state = act(data, state, key('G'));
    const lines = text(data, state);
    // The text report's words (report/gctrace.ts gcTraceMarkLines), wrapped to 80 columns after the facts.
    expect(lines.slice(12, 23)).toEqual([
      '  scavenger     no scavenger lines (GODEBUG=scavtrace=1 prints them, Go 1.14+)',
      '',
      'Marking: the concurrent mark took 730 ms at the median and up to 1.6 s (gc 15,',
      'line 15) over 16 GCs; the GC was marking 17.0% of the time between GC starts.',
      'While it marks, the program pays for it: goroutines that allocate assist the',
      'marking, pointer writes go through the write barrier, and the GC takes 25% of',
      'the CPU. Each mark lasts as long as tracing the live heap\'s pointers takes',
      '(80 MB live after the last GC): fewer pointers (indices instead of pointers,',
      'pointer-free values) or a smaller live heap shorten it, allocating less or a',
      'higher GOGC makes it rarer (not the 12 forced GCs: runtime.GC,',
      'debug.FreeOSMemory, a profiler\'s ?gc=1). See https://go.dev/doc/gc-guide.',
    ]);
    // Its mark assists are 2% of the mark CPU: no Mark assists line.
    expect(lines.filter((l) => l.startsWith('Mark assists:'))).toEqual([]);
    // `y` copies, `e` opens the log at gc 15's line, the longest mark (1598 ms of concurrent mark).
    const copy = act(data, state, key('y'));
    expect(copy.request).toEqual({ kind: 'copy', target: { text: 'gc 15 captured/go1.19-audit42-ptrdense/gctrace.log:15', file: 'captured/go1.19-audit42-ptrdense/gctrace.log', line: 15 }, seq: 1 });
    expect(act(data, state, key('e')).request?.target?.line).toBe(15);
  });

  it('says the report\'s Mark assists line under a log whose allocating goroutines paid 31% of the mark CPU (go1.19-audit43-concpeak); its marks are short: e/y act on gc 4\'s line, whose 17 ms of assists cost most', () => {
    const data = { report: gcLogReport('captured/go1.19-audit43-concpeak/gctrace.log'), ...SIZE };
    let state = act(data, initialTuiState(), key('2'));
    // No long mark, yet something to open: the footer offers e and y from the first page.
    expect(text(data, state)[23]).toBe(' ↑↓/jk scroll · Tab pane · e edit · y copy · ? help · q quit      lines 1–22/37');
    state = act(data, state, key('G'));
    const lines = text(data, state);
    expect(lines.slice(15, 24)).toEqual([
      '  scavenger     no scavenger lines (GODEBUG=scavtrace=1 prints them, Go 1.14+)',
      '',
      'Mark assists: 31% of the GC\'s mark CPU (210 ms of assists beside 415 ms of',
      'background and 44 ms of idle marking), in 174 of 208 GCs: goroutines that',
      'allocate during marking were made to help the GC (latency in the allocating',
      'code). Allocate less in the hot path, or set a higher GOGC so GCs start less',
      'often. See https://go.dev/doc/gc-guide.',
      'e, y: gc 4 (line 4), whose assists took the most CPU: 17 ms, 96% of its mark CPU',
      ' ↑↓/jk scroll · Tab pane · e edit · y copy · ? help · q quit     lines 16–37/37',
    ]);
    expect(lines.filter((l) => l.startsWith('Marking:'))).toEqual([]);
    // gc 4: 0.011+17/0.71/0+0.004 ms cpu, the most assist CPU of the log (gc 1's 1.1 of 1.1 ms is the largest share, a start-up GC's).
    expect(act(data, state, key('y')).request).toEqual({ kind: 'copy', target: { text: 'gc 4 captured/go1.19-audit43-concpeak/gctrace.log:4', file: 'captured/go1.19-audit43-concpeak/gctrace.log', line: 4 }, seq: 1 });
    expect(act(data, state, key('e')).request?.target?.line).toBe(4);
  });

  it('adds nothing under a log of short marks and few assists (go1.19-audit34-gclog limleak.log)', () => {
    const data = { report: gcLogReport('captured/go1.19-audit34-gclog/limleak.log'), ...SIZE };
    const state = act(data, initialTuiState(), key('2'), key('G'));
    const lines = text(data, state);
    expect(lines.filter((l) => /^(Marking|Mark assists):/.test(l))).toEqual([]);
    // The pane ends at the scavenger's fact as before, with nothing for `e` to open.
    expect(lines.slice(21)).toEqual([
      '  heap goal     51 MB after the last GC · GOMAXPROCS 2',
      '  scavenger     no scavenger lines (GODEBUG=scavtrace=1 prints them, Go 1.14+)',
      ' ↑↓/jk scroll · Tab pane · ? help · q quit                       lines 18–39/39',
    ]);
    // e and y are no silent no-op: the status bar says why there is nothing, and nothing is asked of the terminal.
    for (const k of ['e', 'y']) {
      const after = act(data, state, key(k));
      expect(after.request).toBeUndefined();
      expect(text(data, after)[23]).toBe(' nothing to open: this log\'s marks are short and its assists few');
    }
  });

  it('shows a leaking gctrace log\'s evidence and its leak-suspected finding on the overview', () => {
    const data = { report: gcLogReport('captured/go1.19-auditF/gctrace.log'), ...SIZE };
    const lines = text(data, initialTuiState());
    expect(lines.slice(7, 12)).toEqual([
      'Leak evidence · GC log captured/go1.19-auditF/gctrace.log (see the GC log pane)',
      '  • the live heap after GC keeps rising, 1 → 32 MB over 8.6 s and 9 GCs; its',
      '    floor rose in every third of the log\'s time (1 → 14 → 32 MB)',
      '',
      'Findings (1)',
    ]);
    // The series rules run on the log too: leak-suspected, as heapdoc lint reports it.
    expect(lines[12]).toMatch(/^› ▸ error +leak-suspected: Leak suspected \(high confidence\) in gctrace\.log: th…$/);
  });

  it('a GC log beside dumps that suspect a goroutine leak: its pane says its verdict is its own', () => {
    const report = dumpsAndLogReport('captured/go1.19-audit-verdicts/c-goleak', [1, 2, 3, 4, 5].map((n) => `0${n}-moment${n}`), 'stderr.log');
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 5 dumps: main.waitForResult +320. The GC log stderr.log alone shows no leak (Stable): it has only heap totals, not the sites and goroutines the dumps show.');
    const data = { report, ...SIZE };
    const tabs = text(data, initialTuiState())[0] ?? '';
    const pane = /(\d) GC log/.exec(tabs)?.[1] ?? '?';
    const lines = text(data, act(data, initialTuiState(), key(pane)));
    expect(lines[1]).toBe('GC log · 10 GCs over 5.8 s · stderr.log');
    expect(lines[2]).toBe('This log alone: Stable: the live heap after GC stays at 0 MB over 5.8 s and 10');
  });

  it('lists every key in the help overlay', () => {
    const lines = text({ report: seedReport(), ...SIZE }, act({ report: seedReport(), ...SIZE }, initialTuiState(), key('?')));
    expect(lines[1]).toBe('Keys');
    for (const k of ['↑ ↓  j k', 'Tab  Shift-Tab', 'Enter', 'Esc', '/', 's', '[  ]', '?', 'q  Ctrl-C']) {
      expect(lines.some((l) => l.startsWith(`  ${k}`))).toBe(true);
    }
    expect(lines[23]).toMatch(/^ ↑↓ scroll · \? Esc close help · q quit +lines 1–22\/31$/);
    // Taller than 24 rows: it scrolls, down to the panes.
    const end = text({ report: seedReport(), ...SIZE }, act({ report: seedReport(), ...SIZE }, initialTuiState(), key('?'), key('G')));
    expect(end[22]).toBe('  GC log      gctrace logs: heap at each GC, peak vs what stays, GC pace, CPU');
    expect(end[23]).toMatch(/lines 10–31\/31$/);
  });

  it('handles a report of goroutine dumps only', () => {
    const dump: GoroutineSummary = {
      source: 'g.txt', kind: 'goroutine', total: 3,
      groups: [{ count: 3, function: 'main.worker', blockedIn: 'time.Sleep', position: { line: 2, column: 1 } }],
    };
    const report: AnalyzeReport = {
      snapshots: [], goroutines: [dump], findings: [], diagnostics: [],
      verdict: { leak: 'unknown', dominant: 'stacks', summary: 'Goroutine dump only.' },
    };
    expect(availablePanes(report)).toEqual(['overview', 'goroutines']);
    const lines = text({ report, ...SIZE }, initialTuiState());
    expect(lines).toContain('No heap dump given: only goroutine dumps (see the Goroutines pane).');
    const g = text({ report, ...SIZE }, { ...initialTuiState(), pane: 'goroutines' });
    expect(g.some((l) => /^› +3 time\.Sleep +main\.worker$/.test(l))).toBe(true);
  });

  it('goroutine dumps alone: the leak evidence is said across the goroutine dumps (was "across 0 snapshots")', () => {
    const gleak = '../test/fixtures/captured/go1.19-pprof/gleak';
    const report = buildReport({ heap: [], goroutines: [1, 2, 3, 4].map((n) => `${gleak}/0${n}-t${n}.gr1.txt`) });
    const lines = text({ report, ...SIZE }, initialTuiState());
    expect(lines).toContain('Leak evidence · across 4 goroutine dumps');
    expect(lines).toContain('  • growing goroutine groups across 4 dumps: main.waitForReply +1,500');
  });

  it('says so when the terminal is too small, and follows a resize', () => {
    const report = seedReport();
    expect(text({ report, width: 30, height: 24 }, initialTuiState())[0]).toMatch(/^Terminal too small \(30×24\)/);
    const wide = buildScreen({ report, width: 120, height: 40 }, initialTuiState()).lines;
    expect(wide).toHaveLength(40);
    expect(lineText(wide[wide.length - 1] ?? [])).toHaveLength(120);
  });

  it('waits for the first snapshot of a watch, with its status line', () => {
    const lines = text({
      report: undefined, ...SIZE,
      live: { url: 'http://127.0.0.1:6060/debug/pprof/heap?debug=1', intervalMs: 5000, polls: 1, snapshots: 0, goroutines: 'pending', lastError: 'connection refused' },
    }, initialTuiState());
    expect(lines[2]).toBe('  Waiting for the first heap snapshot from');
    expect(lines[22]).toMatch(/^■?● down · 0 snapshots · every 5s · last — · goroutines … · connection refused$/);
  });

  it('before the first answer: waiting, not live, and no time of a poll (audit-live 06: "● live · 0 snapshots · … last —Z")', () => {
    const lines = text({
      report: undefined, ...SIZE,
      live: { url: 'http://127.0.0.1:16062/slow?d=25s', intervalMs: 5000, polls: 1, snapshots: 0, goroutines: 'pending' },
    }, initialTuiState());
    expect(lines[22]).toBe('● waiting for the first answer · every 5s · goroutines … · …0.1:16062/slow?d=25s');
  });

  it('says when the watched process restarted, under the live line', () => {
    const restartedAt = new Date('2026-12-04T18:50:15Z');
    const screen = buildScreen({
      report: seedReport(), width: 80, height: 24,
      live: { url: 'http://127.0.0.1:6060/debug/pprof/heap?debug=1', intervalMs: 2000, polls: 5, snapshots: 1, goroutines: 'ok', restartedAt },
    }, initialTuiState());
    const lines = screen.lines.map((l) => lineText(l).trimEnd());
    expect(lines.slice(21, 23)).toEqual([
      '● live · 1 snapshot · every 2s · last — · goroutines ✓ · …bug/pprof/heap?debug=1',
      '↻ process restarted (counters fell) — new series from 18:50:15Z',
    ]);
    expect(lines[23]).toMatch(/^ ↑↓\/jk move/);
  });

  it('shows an outage error whole, wrapped under the live line, once snapshots exist (#10 item 8)', () => {
    const error = 'http://127.0.0.1:6060/debug/pprof/heap?debug=1: cannot connect: connection refused (ECONNREFUSED) — is the process running and serving net/http/pprof on that address?';
    const screen = buildScreen({
      report: seedReport(), width: 80, height: 24,
      live: { url: 'http://127.0.0.1:6060/debug/pprof/heap?debug=1', intervalMs: 5000, polls: 3, snapshots: 2, goroutines: 'ok', lastError: error },
    }, initialTuiState());
    const lines = screen.lines.map((l) => lineText(l).trimEnd());
    expect(lines).toHaveLength(24);
    const at = lines.findIndex((l) => /^● down · 2 snapshots · every 5s · last — · goroutines ✓ · error:$/.test(l));
    expect(at).toBe(19);
    expect(lines.slice(20, 23).map((l) => l.trim()).join(' ')).toBe(error);
    expect(lines[23]).toMatch(/^ ↑↓\/jk move/); // the status bar is still the last line
  });
});

describe('Goroutines when the dumps mix debug=1 and debug=2 (go1.19 audit: the same 10 goroutines at two moments)', () => {
  const MIXED = '../test/fixtures/captured/go1.19-audit-tui/goroutines-mixed';
  const report = buildReport({ heap: [], goroutines: [`${MIXED}/01-t1.goroutine-debug1.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`], traceback: 'by-name' });
  const data = { report, width: 120, height: 40 };

  it('shows no change column and says why, instead of +5 and +1 for every group', () => {
    const lines = text(data, act(data, initialTuiState(), key('2')));
    expect(lines.slice(1, 6)).toEqual([
      'Goroutines · 10 now · ±0 since the first of 2 dumps (10)',
      'No change per group: the latest dump is debug=2 and the first debug=1, which group differently (debug=1 has no wait',
      'state nor creator); take each moment in one format to compare groups.',
      'latest · 10 goroutines in 6 groups · goroutine?debug=2 · …d/go1.19-audit-tui/goroutines-mixed/02-t2.goroutine-debug2.txt',
      '   count↓ state                       wait function                                       file:line',
    ]);
    expect(lines[6]).toBe('›       5 chan receive                     main.blocked                                   prog/main.go:80');
    const detail = text(data, act(data, initialTuiState(), key('2'), ENTER));
    expect(detail.find((l) => l.includes('goroutines '))).toBe('  goroutines       5');
  });

  it('debug=1 then two debug=2 dumps: the change column counts from the first debug=2 dump and says so', () => {
    const three = buildReport({ heap: [], goroutines: [`${MIXED}/01-t1.goroutine-debug1.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`], traceback: 'by-name' });
    const d = { report: three, width: 120, height: 40 };
    const lines = text(d, act(d, initialTuiState(), key('2')));
    expect(lines.slice(2, 4)).toEqual([
      'change: since ../test/fixtures/captured/go1.19-audit-tui/goroutines-mixed/02-t2.goroutine-debug2.txt, the first debug=2',
      'dump (a debug=1 dump groups differently: debug=1 has no wait state nor creator).',
    ]);
    expect(lines[6]).toMatch(/^› {7}5 {6}±0 chan receive/);
    const detail = text(d, act(d, initialTuiState(), key('2'), ENTER));
    const at = detail.findIndex((l) => l.startsWith('  goroutines '));
    expect(detail.slice(at, at + 2)).toEqual([
      '  goroutines       5 (±0 since ../test/fixtures/captured/go1.19-audit-tui/goroutines-mixed/02-t2.goroutine-debug2.txt,',
      '                   the first debug=2 dump)',
    ]);
  });
});

describe('the selected site stays selected (go1.19 audit: three dumps of a growing map)', () => {
  const dir = '../test/fixtures/captured/go1.19-audit-tui/series';
  const report = buildReport({ heap: [1, 2, 3].map((n) => `${dir}/0${n}-t${n}.heap-debug1.txt`) });
  const data = { report, width: 120, height: 30 };
  const selectedRow = (state: TuiState): string | undefined => text(data, state).find((l) => l.startsWith('›'));
  const typed = (s: string): TuiAction[] => [...s].map((c) => key(c));

  it('across a cleared filter, [ and ], the detail and Esc, and s / S', () => {
    const filtered = act(data, initialTuiState(), key('2'), key('/'), ...typed('main.go:70'), ENTER);
    const snap3 = '›   9.3 KiB        1   15.6 KiB        2  main.leakLoop                                  prog/main.go:70';
    const snap2 = '›   6.3 KiB        1    6.3 KiB        1  main.leakLoop                                  prog/main.go:70';
    expect(selectedRow(filtered)).toMatch(/^› {3}9\.3 KiB .* main\.leakLoop +prog\/main\.go:70$/);
    const cleared = act(data, filtered, ESC);
    expect(selectedRow(cleared)).toBe(snap3); // was main.newRecord, row 1
    const earlier = act(data, cleared, key('['));
    expect(selectedRow(earlier)).toBe(snap2); // was runtime.malg, the same row number
    const back = act(data, earlier, key(']'), ENTER, key('['), ESC);
    expect(text(data, back)[0]).toContain('snapshot 2/3');
    expect(selectedRow(back)).toBe(snap2);
    const sorted = act(data, back, key('s'));
    expect(text(data, sorted)[3]).toContain('objects↓');
    expect(selectedRow(sorted)).toBe(snap2);
    expect(selectedRow(act(data, sorted, key('S')))).toBe(snap2);
    // Not in snapshot 1 (main.go:70 has no sample yet): the cursor keeps its row there, and ] finds the site again.
    const first = act(data, back, key('['));
    expect(text(data, first)[0]).toContain('snapshot 1/3');
    expect(selectedRow(first)).not.toContain('main.go:70');
    expect(selectedRow(act(data, first, key(']')))).toBe(snap2);
    // The cursor moves on from where it was drawn: j goes to the row below the site.
    const rows = text(data, sorted);
    const at = rows.findIndex((l) => l.startsWith('›'));
    expect(selectedRow(act(data, sorted, key('j')))?.slice(2)).toBe(rows[at + 1]?.slice(2));
  });
});

describe('the sorted column keeps its arrow at the smallest terminal (40 columns) and at 80', () => {
  const dir = '../test/fixtures/captured/go1.19-audit-tui';
  const report = buildReport({ heap: [`${dir}/series/03-t3.heap-debug1.txt`], escape: `${dir}/escape.txt`, goroutines: [`${dir}/series/01-t1.goroutine-debug1.txt`, `${dir}/series/03-t3.goroutine-debug1.txt`] });

  it('Escape sorted by leaking params: `leaks↓` whole (was `leak…`)', () => {
    const data = { report, width: 120, height: 30 };
    const lines = text(data, act(data, initialTuiState(), key('3'), key('s'), key('s')));
    expect(lines[4]).toMatch(/^ {6}in use {3}heap leaks↓ {2}package +top cause$/);
    expect(lines[5]).toMatch(/^› {3}19\.6 MiB {5}20 {6}1 {2}example\.com\/leakprog +interface-conversion$/);
  });

  for (const w of [40, 80]) {
    it(`every list pane, every sort key, both ways, at ${w}×24: one header holds the arrow`, () => {
      const data = { report, width: w, height: 24 };
      let checked = 0;
      for (const pane of ['sites', 'escape', 'goroutines', 'tree'] as const) {
        let state: TuiState = { ...initialTuiState(), pane };
        const sorts = buildScreen(data, state).context.list.sorts ?? [];
        for (let i = 0; i < sorts.length; i++) {
          for (const reversed of [false, true]) {
            const s = reversed ? act(data, state, key('S')) : state;
            // A column title with its arrow (`leaks↓`, `in-use #↓`); a title cut to `leak…` has none.
            const titled = text(data, s).slice(0, -1).filter((l) => /[^\s…][↓↑]/.test(l)); // the status bar's `↑↓/jk` left out
            // Goroutines: the latest dump's table and the first's (only the latest has a change column); the others one table.
            expect(titled, `${pane} sorted by ${sorts[i]}${reversed ? ' reversed' : ''}`).toHaveLength(pane === 'goroutines' && sorts[i] !== 'change' ? 2 : 1);
            checked++;
          }
          state = act(data, state, key('s'));
        }
      }
      // Goroutines offers no wait sort without a debug=2 dump (no wait column to carry the arrow).
      // Escape: the heap sites' bytes first (a heap dump is given), then its four.
      expect(checked).toBe(2 * (6 + 5 + 4 + 7));
    });
  }
});
