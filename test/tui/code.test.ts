/**
 * From the stacks to the code: frames selected in a site's or a goroutine group's detail (Enter),
 * the source line under the frame selected, the compiler's decisions at that frame's line, `e`
 * and `y` on it (with the column), the Escape pane's file resolved through the join and its way
 * back to the heap site. Real go1.19 captures (test/fixtures/captured/go1.19-audit-tui, -esc).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editorArgs } from '../../src/tui/effects.js';
import { frameDecisions, profileFileOf, sitesOfDiagnostic } from '../../src/tui/model/code.js';
import { fixedSources, readSource, sourceExcerpt } from '../../src/tui/model/source.js';
import { initialTuiState, tuiReducer, type TuiAction, type TuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen, type ScreenData } from '../../src/tui/view/screen.js';
import { buildReport, scenarioReport } from './reports.js';

function text(data: ScreenData, state: TuiState): string[] {
  return buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
}

function act(data: ScreenData, state: TuiState, ...actions: TuiAction[]): TuiState {
  return actions.reduce((s, a) => tuiReducer(s, { action: a, context: buildScreen(data, s).context }), state);
}

const key = (input: string, k: Record<string, boolean> = {}): TuiAction => ({ type: 'key', input, key: k });
const ENTER = key('', { return: true });
const ESC = key('', { escape: true });

const TUI = '../test/fixtures/captured/go1.19-audit-tui';
const ESCAPE = '../test/fixtures/captured/go1.19-audit-esc';
const PROG = '/tmp/audit-tui/prog/main.go';

function fixtureLines(rel: string): string[] {
  return readFileSync(join('test/fixtures/captured', rel), 'utf8').split('\n');
}

/** The audit's program, its heap dump and -m=2 output, its main.go "on this machine" at the dump's path. */
function progData(width = 100, height = 30): ScreenData {
  const report = buildReport({ heap: [`${TUI}/prog.heap-debug1.txt`], escape: `${TUI}/prog.m2.txt` });
  const sources = fixedSources({ [PROG]: { state: 'ok', path: PROG, lines: fixtureLines('go1.19-audit-tui/prog.main.go.txt') } });
  return { report, width, height, sources };
}

describe('frames of a site\'s stacks', () => {
  it('Enter selects the site\'s frame, j the caller: its source line (±2) and the compiler\'s decisions at main.go:67', () => {
    const data = progData();
    const detail = act(data, initialTuiState(), key('2'), ENTER);
    expect(text(data, detail).at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter frames · Esc back · .* lines 1–28\/57$/);
    const onSite = act(data, detail, ENTER);
    expect([onSite.pane, onSite.sites.frame]).toEqual(['sites', 0]);
    expect(text(data, onSite).slice(7, 14)).toEqual([
      '› ▶ main.newRecord  prog/main.go:35',
      '      33 │ // newRecord returns a pointer: &Record escapes to heap.',
      '      34 │ func newRecord(i int) *Record {',
      '    ▸ 35 │     r := &Record{ID: i, Payload: make([]byte, 4096), Name: fmt.Sprintf("rec-%d", i)}',
      '      36 │     return r',
      '      37 │ }',
      '      -gcflags=-m at this line:',
    ]);
    // e opens the site's line at its first heap value's column (35:7 &Record{...}).
    expect(buildScreen(data, onSite).context.list.target).toEqual({ text: `${PROG}:35`, file: PROG, line: 35, column: 7 });
    const onCaller = act(data, onSite, key('j'));
    const lines = text(data, onCaller);
    expect(lines.slice(7, 20)).toEqual([
      '  ▶ main.newRecord  prog/main.go:35',
      '›   main.leakLoop   prog/main.go:67',
      '      65 │ mu.Lock()',
      '      66 │ for j := 0; j < 20; j++ {',
      '    ▸ 67 │     cache[i] = newRecord(i)',
      '      68 │     i++',
      '      69 │ }',
      '      -gcflags=-m at this line:',
      '        67:24  &Record{...} escapes to heap',
      '            cause: stored-in-heap — stored in a global, heap object, map or slice',
      '            &Record{...} escapes: assigned to r at main.go:67:24 → assigned to ~R0 at main.go:67:24',
      '              → assigned to cache[i] at main.go:67:13 → the heap',
      '        67:24  make([]byte, 4096) escapes to heap',
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk frame · Esc back · Tab pane · e edit · y copy · \? help · q quit +frame 2\/6$/);
    // e and y act on the frame: its file:line, and the column of the call the compiler reports (67:24).
    expect(buildScreen(data, onCaller).context.list.target).toEqual({ text: `${PROG}:67`, file: PROG, line: 67, column: 24 });
    // Esc leaves the frames (the detail scrolls again), Esc again goes back to the list.
    const scrolled = act(data, onCaller, ESC);
    expect([scrolled.sites.open !== undefined, scrolled.sites.frame]).toEqual([true, undefined]);
    expect(buildScreen(data, scrolled).context.list.target?.text).toBe(`main.newRecord ${PROG}:35`);
    expect(act(data, scrolled, ESC).sites.open).toBeUndefined();
  });

  it('says quietly when the source is not on this machine, and when the compiler said nothing at the line (80×24)', () => {
    const report = buildReport({ heap: [`${ESCAPE}/escprog.heap.txt`], escape: `${ESCAPE}/escprog.m2-pkgs.txt` });
    const main = '/tmp/audit-gor/captures/escprog/src/main.go';
    const data = { report, width: 80, height: 24, sources: fixedSources({ [main]: { state: 'ok', path: 'src/main.go', lines: fixtureLines('go1.19-audit-esc/escprog.main.go.txt') } }) };
    const onSite = act(data, initialTuiState(), key('2'), ENTER, ENTER);
    expect(text(data, onSite).slice(7, 11)).toEqual([
      '› ▶ example.com/escprog/store.NewRecord  src/store/store.go:33',
      '      source not on this machine (…dit-gor/captures/escprog/src/store/store.go)',
      '      -gcflags=-m at this line:',
      '        33:26  map[string]string{...} escapes to heap',
    ]);
    // main.main main.go:32 (store.NewRecord's caller): read from the path found here (said above its lines).
    expect(text(data, act(data, onSite, key('j'))).slice(8, 17)).toEqual([
      '›   main.main                            src/main.go:32',
      '      src/main.go',
      '      30 │ var recs []*store.Record',
      '      31 │ for i := 0; i < 100; i++ {',
      '    ▸ 32 │     r := store.NewRecord(round*100 + i)',
      '      33 │     recs = append(recs, r)',
      '      34 │     cache.Put(r.Key+next(), r)',
      '      -gcflags=-m: nothing at this line',
      '    runtime.main                         runtime/proc.go:250',
    ]);
    // j past the first stack goes on into the second; G to the last frame.
    expect(text(data, act(data, onSite, key('G'))).at(-1)).toMatch(/frame 6\/6$/);
  });

  it('selects the frames of a goroutine group\'s stack (goroutine-leak scenario)', () => {
    const report = scenarioReport('goroutine-leak', ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6']);
    const file = '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go';
    const data = { report, width: 100, height: 30, sources: fixedSources({ [file]: { state: 'ok', path: file, lines: readFileSync('samples/programs/goroutine-leak/main.go', 'utf8').split('\n') } }) };
    const opened = act(data, initialTuiState(), key('j'), ENTER, ENTER, key('j'));
    expect([opened.pane, opened.goroutines.frame]).toEqual(['goroutines', 1]);
    const lines = text(data, opened);
    // The program's files under its GOPATH by import path (heapdoc-samples/…), not whole: a
    // dependency in another GOPATH (/usr/share/gocode/src/github.com/prometheus/…) left them no shared directory.
    const at = lines.indexOf('›   main.handle        heapdoc-samples/goroutine-leak/main.go:26');
    expect(lines.slice(at - 1, at + 6)).toEqual([
      '  ▶ main.waitForReply  heapdoc-samples/goroutine-leak/main.go:21',
      '›   main.handle        heapdoc-samples/goroutine-leak/main.go:26',
      '      24 │',
      '      25 │ func handle(id int) {',
      '    ▸ 26 │     waitForReply(id)',
      '      27 │ }',
      '      28 │',
    ]);
    expect(buildScreen(data, opened).context.list.target).toEqual({ text: `${file}:26`, file, line: 26 });
    // Esc leaves the frames, Esc goes back to the Overview it was opened from.
    expect(act(data, opened, ESC, ESC).pane).toBe('overview');
  });

  it('shows the compiler\'s decisions at a goroutine group\'s frame, as at a site\'s (goroutine-leak sample, --escape -m=2)', () => {
    const report = buildReport({
      heap: ['go1.19/goroutine-leak/06-t6.heap-debug1.txt'],
      goroutines: ['go1.19/goroutine-leak/01-t1.goroutine-debug1.txt', 'go1.19/goroutine-leak/06-t6.goroutine-debug1.txt'],
      escape: '../test/fixtures/captured/go1.19-samples-gcflags/gcflags-m2.txt',
    });
    const file = '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go';
    const data = { report, width: 100, height: 30, sources: fixedSources({ [file]: { state: 'ok', path: file, lines: readFileSync('samples/programs/goroutine-leak/main.go', 'utf8').split('\n') } }) };
    // Goroutines, the park.Phase group (second of the latest dump), its own frame, then its caller main.main.
    const onCaller = act(data, initialTuiState(), key('4'), key('j'), ENTER, ENTER, key('j'));
    expect([onCaller.pane, onCaller.goroutines.frame]).toEqual(['goroutines', 1]);
    const lines = text(data, onCaller);
    const at = lines.indexOf('›   main.main                            heapdoc-samples/goroutine-leak/main.go:38');
    expect(lines.slice(at - 1, at + 13)).toEqual([
      '  ▶ heapdoc-samples/internal/park.Phase  heapdoc-samples/internal/park/park.go:82',
      '›   main.main                            heapdoc-samples/goroutine-leak/main.go:38',
      '      36 │         }',
      '      37 │         time.Sleep(300 * time.Millisecond)',
      '    ▸ 38 │         park.Phase(fmt.Sprintf("t%d", phase))',
      '      39 │     }',
      '      40 │ }',
      '      -gcflags=-m at this line:',
      '        38:26  phase escapes to heap',
      '            cause: interface-conversion — converted to an interface',
      '            phase escapes: put in a variadic (...) argument at goroutine-leak/main.go:38:25 → passed',
      '              to fmt.Sprintf at goroutine-leak/main.go:38:25 → the heap',
      '        38:25  ... argument does not escape',
      '    runtime.main                         runtime/proc.go:250',
    ]);
    // e opens the frame's line at the compiler's first heap value there (38:26 phase escapes to heap).
    expect(buildScreen(data, onCaller).context.list.target).toEqual({ text: `${file}:38`, file, line: 38, column: 26 });
    // The runtime's frame: its file is not in the program's -m output.
    expect(text(data, act(data, onCaller, key('j')))).toContain('      -gcflags=-m: the compiler output does not cover this file');
  });
});

describe('the Escape pane, to the code and back to the heap', () => {
  it('e opens ./main.go as the file the join matched (the dump\'s path), at 70:30; Enter opens the heap site, Esc comes back', () => {
    const data = progData();
    const detail = act(data, initialTuiState(), key('3'), ENTER, ENTER, ENTER, key('j'), key('j'), key('j'), ENTER);
    const lines = text(data, detail);
    expect(lines.slice(4, 10)).toEqual([
      'Rect{...}',
      './main.go:70:30 · in leakLoop · package example.com/leakprog',
      'Rect{...} escapes to heap',
      '',
      'Heap site at this line · Enter opens it in Sites',
      '    12.0 KiB in use  main.toIface  prog/main.go:59',
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter open site · Esc back · /);
    expect(buildScreen(data, detail).context.list.target).toEqual({ text: 'Rect{...} ./main.go:70:30', file: PROG, line: 70, column: 30 });
    const site = act(data, detail, ENTER);
    expect([site.pane, site.sites.open, site.sites.returnTo]).toEqual(['sites', `main.toIface\u0000${PROG}\u000059`, 'escape']);
    expect(text(data, site).slice(1, 3)).toEqual(['main.toIface', `${PROG}:59`]);
    const back = act(data, site, ESC);
    expect([back.pane, text(data, back)[4]]).toEqual(['escape', 'Rect{...}']);
  });
});

describe('an Overview finding that names a goroutine group', () => {
  it('is leak-suspected\'s alone when it names the growing groups: no goroutine-growth finding repeats them (goroutine-leak sample; the group it opens: below, goroutine dumps alone)', () => {
    const moments = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
    const dumps = moments.map((m) => `go1.19/goroutine-leak/${m}.goroutine-debug1.txt`);
    const report = buildReport({ heap: moments.map((m) => `go1.19/goroutine-leak/${m}.heap-debug1.txt`), goroutines: dumps });
    const data = { report, width: 100, height: 40 };
    expect(report.findings.filter((f) => f.ruleId === 'goroutine-growth')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'leak-suspected').map((f) => f.message)).toEqual([
      expect.stringContaining('goroutines main.waitForReply 400 → 2,400'),
    ]);
    expect(text(data, initialTuiState()).some((l) => l.includes('goroutine-growth:'))).toBe(false);
  });
});

describe('an Overview finding that names an allocation site', () => {
  const moments = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
  const leakData = (): ScreenData => ({
    report: buildReport({ heap: moments.map((m) => `go1.19/goroutine-leak/${m}.heap-debug1.txt`), goroutines: moments.map((m) => `go1.19/goroutine-leak/${m}.goroutine-debug1.txt`) }),
    width: 100, height: 40,
  });
  const onFinding = (data: ScreenData, rule: string): TuiState => {
    // Down the findings until the rule's is selected, or the cursor stops (no such finding: the test then fails, it does not hang).
    let state = initialTuiState();
    for (let before = -1; !(text(data, state).find((l) => l.startsWith('›')) ?? '').includes(`${rule}:`) && state.overview.cursor !== before;) {
      before = state.overview.cursor;
      state = act(data, state, key('j'));
    }
    return state;
  };

  it('goroutine-descriptors, expanded, says so and Enter opens runtime.malg in Sites; Esc comes back to the finding, Esc collapses (goroutine-leak sample)', () => {
    const data = leakData();
    const on = onFinding(data, 'goroutine-descriptors');
    expect(on.overview.cursor).toBe(3);
    const expanded = act(data, on, ENTER);
    let lines = text(data, expanded);
    expect(lines.filter((l) => l.startsWith('      Enter: '))).toEqual(['      Enter: the site runtime.malg in Sites (Esc collapses)']);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk move · Enter open site · Esc collapse · /);
    const site = act(data, expanded, ENTER);
    expect([site.pane, site.sites.open, site.sites.returnTo, site.message]).toEqual(['sites', 'runtime.malg\u0000/usr/lib/go-1.19/src/runtime/proc.go\u00004076', 'overview', undefined]);
    expect(text(data, site).slice(1, 4)).toEqual(['runtime.malg (goroutine descriptors)', '/usr/lib/go-1.19/src/runtime/proc.go:4076', 'in use    1.5 MiB in 3,782 objects']);
    const back = act(data, site, ESC);
    expect([back.pane, back.overview.cursor, back.overview.expanded]).toEqual(['overview', 3, ['goroutine-descriptors#0']]);
    lines = text(data, back);
    // 3 samples: too few to count the descriptors (audit 39), so the finding states no count.
    expect(lines.find((l) => l.startsWith('›'))).toMatch(/^› ▾ info {4}goroutine-descriptors: Goroutine descriptors hold about 1.5 MiB of live heap \(runtime\.m/);
    expect(act(data, back, ESC).overview.expanded).toEqual([]);
    // The snapshot before: its own finding names its own runtime.malg (2,521 descriptors), opened in that snapshot.
    const before = act(data, back, key('['), ENTER);
    expect([before.pane, before.snapshot]).toEqual(['sites', 4]);
    expect(text(data, before).slice(1, 4)).toEqual(['runtime.malg (goroutine descriptors)', '/usr/lib/go-1.19/src/runtime/proc.go:4076', 'in use    1.0 MiB in 2,521 objects']);
  });

  it('leak-suspected naming one growing site opens it (heap-leak scenario: main.remember)', () => {
    const dir = '../test/fixtures/scenarios/heap-leak';
    const data = { report: buildReport({ heap: moments.map((m) => `${dir}/${m}.heap-debug1.txt`) }), width: 100, height: 40 };
    const expanded = act(data, onFinding(data, 'leak-suspected'), ENTER);
    expect(expanded.overview.cursor).toBe(1);
    expect(text(data, expanded).filter((l) => l.startsWith('      Enter: '))).toEqual(['      Enter: the site main.remember in Sites (Esc collapses)']);
    expect(act(data, expanded, ENTER).sites.open).toBe('main.remember\u0000/tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go\u000018');
  });

  it('leak-suspected whose only growing site is runtime.malg opens the group that grew most in Goroutines, where its fix starts, and says why (goroutine-leak sample)', () => {
    const data = leakData();
    const on = onFinding(data, 'leak-suspected');
    expect(on.overview.cursor).toBe(2); // after the growing site runtime.malg and the growing group main.waitForReply
    const expanded = act(data, on, ENTER);
    const lines = text(data, expanded);
    expect(lines.find((l) => l.startsWith('      fix: '))).toBe('      fix: Start with main.waitForReply at main.go:21 (+2,000 goroutines): goroutine?debug=1 dumps');
    const at = lines.findIndex((l) => l.startsWith('      Enter: '));
    expect(lines.slice(at, at + 3)).toEqual([
      '      Enter: the group main.waitForReply in Goroutines, the one that grew most (+2,000 goroutines),',
      '             where its fix starts: runtime.malg, the only growing site it names, is the goroutine',
      '             descriptors (Growing sites above opens it; Esc collapses)',
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk move · Enter open group · Esc collapse · /);
    const group = act(data, expanded, ENTER);
    const last = 'go1.19/goroutine-leak/06-t6.goroutine-debug1.txt';
    expect([group.pane, group.goroutines.open, group.goroutines.returnTo]).toEqual(['goroutines', `${last}\u0001main.waitForReply\u0000\u0000\u0000`, 'overview']);
    const shown = text(data, group);
    expect(shown.slice(1, 2)).toEqual(['main.waitForReply']);
    expect(shown.find((l) => l.startsWith('  goroutines '))).toBe('  goroutines       2,400 (+2,000 since the first dump)');
    expect(shown.at(-1)).toBe(" leak-suspected's fix starts here, the group that grew most (runtime.malg: goroutine descriptors)");
    const back = act(data, group, ESC);
    expect([back.pane, back.overview.cursor, back.overview.expanded]).toEqual(['overview', 2, ['leak-suspected#0']]);
    // runtime.malg is still one key away: the Growing sites item above the findings opens it.
    const site = act(data, back, key('k'), key('k'), ENTER);
    expect([site.pane, site.sites.open]).toEqual(['sites', 'runtime.malg\u0000/usr/lib/go-1.19/src/runtime/proc.go\u00004076']);
  });

  it('leak-suspected on runtime.malg without goroutine dumps opens the site: there is no group to open (goroutine-leak sample, heap dumps only)', () => {
    const data = { report: buildReport({ heap: moments.map((m) => `go1.19/goroutine-leak/${m}.heap-debug1.txt`) }), width: 100, height: 40 };
    const expanded = act(data, onFinding(data, 'leak-suspected'), ENTER);
    expect(text(data, expanded).filter((l) => l.startsWith('      Enter: '))).toEqual(['      Enter: the site runtime.malg in Sites (Esc collapses)']);
    expect(act(data, expanded, ENTER).sites.open).toBe('runtime.malg\u0000/usr/lib/go-1.19/src/runtime/proc.go\u00004076');
  });

  it('leak-suspected of goroutine dumps alone (no growing site) opens the group its fix starts with (goroutine-leak sample)', () => {
    const dumps = moments.map((m) => `go1.19/goroutine-leak/${m}.goroutine-debug1.txt`);
    const data = { report: buildReport({ heap: [], goroutines: dumps }), width: 100, height: 40 };
    const expanded = act(data, onFinding(data, 'leak-suspected'), ENTER);
    const lines = text(data, expanded);
    const at = lines.findIndex((l) => l.startsWith('      Enter: '));
    expect(lines.slice(at, at + 2)).toEqual([
      '      Enter: the group main.waitForReply in Goroutines, the one that grew most (+2,000 goroutines),',
      '             where its fix starts (Esc collapses)',
    ]);
    const group = act(data, expanded, ENTER);
    expect([group.pane, group.goroutines.open, group.message]).toEqual(['goroutines', `${dumps[5]}\u0001main.waitForReply\u0000\u0000\u0000`, undefined]);
  });

  it('leak-suspected naming three growing sites opens the one that grew most and says so, in the finding and the status bar (go1.19 three caches)', () => {
    const dir = '../test/fixtures/captured/go1.19-three-caches';
    const data = { report: buildReport({ heap: ['01-t1', '02-t2', '03-t3', '04-t4'].map((m) => `${dir}/${m}.heap-debug1.txt`) }), width: 100, height: 40 };
    const on = onFinding(data, 'leak-suspected');
    expect(on.overview.cursor).toBe(3); // after the three growing sites
    const expanded = act(data, on, ENTER);
    const lines = text(data, expanded);
    const at = lines.findIndex((l) => l.startsWith('      Enter: '));
    expect(lines.slice(at, at + 2)).toEqual([
      '      Enter: the site main.openSession in Sites, the one that grew most of the 3 growing sites it',
      '             names (Growing sites above opens each; Esc collapses)',
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk move · Enter open site · Esc collapse · /);
    const site = act(data, expanded, ENTER);
    expect([site.pane, site.sites.open, site.sites.returnTo]).toEqual(['sites', 'main.openSession\u0000/tmp/fix27tui-prog/sites/main.go\u000024', 'overview']);
    let shown = text(data, site);
    expect(shown.slice(1, 4)).toEqual(['main.openSession', '/tmp/fix27tui-prog/sites/main.go:24', 'in use    15.9 MiB in 4,002 objects']);
    expect(shown.at(-1)).toBe(' 1 of the 3 growing sites leak-suspected names, the one that grew most: main.openSession');
    // The next key gives the status bar back to the keys.
    shown = text(data, act(data, site, key('j')));
    expect(shown.at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter frames · Esc back · /);
    const back = act(data, site, ESC);
    expect([back.pane, back.overview.cursor, back.overview.expanded]).toEqual(['overview', 3, ['leak-suspected#0']]);
  });

  it('a finding that names no site nor group still collapses with Enter (released-memory-in-rss)', () => {
    const data = { report: buildReport({ heap: ['go1.23/seed/routine4/after-free.heap-debug1.txt'] }), width: 100, height: 40 };
    const expanded = act(data, initialTuiState(), ENTER);
    const lines = text(data, expanded);
    expect(lines.find((l) => l.startsWith('›'))).toMatch(/^› ▾ info {4}released-memory-in-rss: /);
    expect(lines.filter((l) => l.startsWith('      Enter: '))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk move · Enter collapse · Esc collapse · /);
    expect(act(data, expanded, ENTER).overview.expanded).toEqual([]);
  });
});

describe('an escape diagnostic joined to several heap sites', () => {
  it('Enter lets ↑↓ pick one, Enter opens the one picked, Esc comes back to the pick (go1.19 closures past column 254 on one line, plain -m)', () => {
    const dir = '../test/fixtures/captured/go1.19-escape-many';
    const report = buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m1.txt` });
    const data = { report, width: 90, height: 24 };
    // Escape › example.com/many › ./main.go › main › 22 make([]byte, 1792): printed without a column,
    // it can be main's or one of the 7 closures' that reach past column 254 (plain -m has no steps to place it).
    const detail = act(data, initialTuiState(), key('3'), ENTER, ENTER, ENTER, ENTER);
    const rows = [['168.8', 12], ['156.3', 11], ['150.0', 10], ['131.3', 9], ['112.5', 8], ['100.0', 7], [' 87.5', 6]].map(([kib, k]) => `   ${kib} KiB in use  main.main.func${k}  many/main.go:22`);
    let lines = text(data, detail);
    expect(lines.slice(5, 18)).toEqual([
      'make([]byte, 1792)',
      './main.go:22 · in main · package example.com/many',
      'column not printed: in main or one of its 7 closures at this line',
      'make([]byte, 1792) escapes to heap',
      '',
      '7 heap sites at this line · Enter, then ↑↓: pick one to open in Sites',
      ...rows,
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter pick site · Esc back · /);
    const picking = act(data, detail, ENTER);
    expect(picking.escape.site).toBe(0);
    const picked = act(data, picking, key('j'));
    lines = text(data, picked);
    expect(lines.slice(10, 13)).toEqual([
      '7 heap sites at this line · ↑↓ pick, Enter opens the one picked (›) in Sites',
      rows[0],
      `›${(rows[1] as string).slice(1)}`,
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk site · Enter open site · Esc back · .* site 2\/7$/);
    expect(act(data, picked, key('G'), key('j')).escape.site).toBe(6); // the last one stays
    const site = act(data, picked, ENTER);
    expect([site.pane, site.sites.open, site.sites.returnTo]).toEqual(['sites', 'main.main.func11\u0000/tmp/fix27tui-prog/many/main.go\u000022', 'escape']);
    expect(text(data, site).slice(1, 4)).toEqual(['main.main.func11', '/tmp/fix27tui-prog/many/main.go:22', 'in use    156.3 KiB in 50 objects']);
    // Esc: back on the pick as it was; Esc again scrolls the detail; Esc again leaves it.
    const back = act(data, site, ESC);
    expect([back.pane, back.escape.site]).toEqual(['escape', 1]);
    expect(act(data, back, ESC).escape.site).toBeUndefined();
    expect(act(data, back, ESC, ESC).escape.trail).toHaveLength(3);
  });

  it('a closure\'s own `func literal` is its parent\'s: at plain -m it opens main.main\'s site alone, not also the closure\'s (go1.19-escape-pick: it joined both)', () => {
    const dir = '../test/fixtures/captured/go1.19-escape-pick';
    const data = { report: buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m1.txt` }), width: 90, height: 24 };
    // Escape › example.com/clos › ./main.go › main (the second function, 3.1 KiB) › 16:8 func literal.
    const detail = act(data, initialTuiState(), key('3'), ENTER, ENTER, key('j'), ENTER, ENTER);
    expect(text(data, detail).slice(5, 11)).toEqual([
      'func literal',
      './main.go:16:8 · in main · package example.com/clos',
      'func literal escapes to heap',
      '',
      'Heap site at this line · Enter opens it in Sites',
      '     3.1 KiB in use  main.main  clos/main.go:16',
    ]);
    const site = act(data, detail, ENTER);
    expect([site.pane, site.sites.open]).toEqual(['sites', 'main.main\u0000/tmp/fix26d-prog/clos/main.go\u000016']);
  });

  it('every site is pickable, the list scrolling past eight rows (go1.19: closures past column 254 on one line, -m=2)', () => {
    const dir = '../test/fixtures/captured/go1.19-escape-straddle';
    const report = buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m2.txt` });
    const data = { report, width: 90, height: 24 };
    // Escape › example.com/straddle › ./main.go › main (the compiler's column-less lines: in main or one of its closures) › 24 make([]byte, 2048):
    // the sites of the functions that could hold it, func6 … func14 and main itself.
    const detail = act(data, initialTuiState(), key('3'), ENTER, ENTER, ENTER, ENTER);
    const bytes = ['237.5', '200.0', '168.8', '156.3', '150.0', '131.3', '112.5', '100.0', ' 87.5', ' 12.0'];
    const rows = (n: number[]): string[] => n.map((i) => `   ${bytes[i - 1]} KiB in use  main.main${i < 10 ? `.func${15 - i}` : ''}  straddle/main.go:24`);
    expect(text(data, detail).slice(4, 20)).toEqual([
      'make([]byte, 2048)',
      './main.go:24 · in main · package example.com/straddle',
      'column not printed: in main or one of its 9 closures at this line',
      'make([]byte, 2048) escapes to heap',
      '',
      '10 heap sites at this line · Enter, then ↑↓: pick one to open in Sites',
      ...rows([1, 2, 3, 4, 5, 6, 7, 8]),
      '  sites 1–8 of 10 · ↓ 2 more',
      '',
    ]);
    expect(text(data, detail).at(-1)).toMatch(/^ ↑↓\/jk scroll · Enter pick site · Esc back · .* lines 1–19\/23$/);
    // PgDn: eight sites on (the rows shown), as far as the last; G: the last (smallest) site, main's 12,288 B; the rows follow the pick.
    expect(act(data, detail, ENTER, key('', { pageDown: true })).escape.site).toBe(8);
    const last = act(data, detail, ENTER, key('G'));
    expect(last.escape.site).toBe(9);
    let lines = text(data, last);
    expect(lines.slice(9, 19)).toEqual([
      '10 heap sites at this line · ↑↓ pick, Enter opens the one picked (›) in Sites',
      ...rows([3, 4, 5, 6, 7, 8, 9]),
      `›${rows([10])[0]?.slice(1)}`,
      '  sites 3–10 of 10 · ↑ 2 more',
    ]);
    expect(lines.at(-1)).toMatch(/^ ↑↓\/jk site · Enter open site · Esc back · .* site 10\/10$/);
    // Four up: the sixth, with sites above and below it.
    const sixth = act(data, last, key('k'), key('k'), key('k'), key('k'));
    lines = text(data, sixth);
    expect(lines.at(-1)).toMatch(/ site 6\/10$/);
    // Enter opens the one picked; Esc comes back to it.
    expect(act(data, sixth, ENTER).sites.open).toBe('main.main.func9\u0000/tmp/fix28esc-prog/straddle/main.go\u000024');
    const site = act(data, sixth, key('g'), ...Array.from({ length: 9 }, () => key('j')), ENTER);
    expect([site.pane, site.sites.open, site.sites.returnTo]).toEqual(['sites', 'main.main\u0000/tmp/fix28esc-prog/straddle/main.go\u000024', 'escape']);
    expect(text(data, site).slice(1, 3)).toEqual(['main.main', '/tmp/fix28esc-prog/straddle/main.go:24']);
    expect(act(data, site, ESC).escape.site).toBe(9);
  });

  it('a value whose -m=2 steps place it in its closure lists that closure\'s site alone (go1.19-escape-many: `return` at 22:252 in main.func6)', () => {
    const dir = '../test/fixtures/captured/go1.19-escape-many';
    const report = buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m2.txt` });
    const data = { report, width: 90, height: 24 };
    // Escape › example.com/many › ./main.go › main.func6 (second by bytes, after main) › 22 make([]byte, 1792).
    const detail = act(data, initialTuiState(), key('3'), ENTER, ENTER, key('j'), ENTER, ENTER);
    expect(text(data, detail).slice(4, 10)).toEqual([
      'make([]byte, 1792)',
      './main.go:22 · in main.func6 · package example.com/many',
      'make([]byte, 1792) escapes to heap',
      '',
      'Heap site at this line · Enter opens it in Sites',
      '    87.5 KiB in use  main.main.func6  many/main.go:22',
    ]);
    // The six no step places: the seven sites of the functions that could hold them, not the twelve of the line.
    const other = act(data, initialTuiState(), key('3'), ENTER, ENTER, ENTER, ENTER);
    expect(text(data, other).slice(4, 9)).toEqual([
      'make([]byte, 2048)',
      './main.go:22 · in main · package example.com/many',
      'column not printed: in main or one of its 7 closures at this line',
      'make([]byte, 2048) escapes to heap',
      '',
    ]);
    expect(text(data, other)[9]).toBe('7 heap sites at this line · Enter, then ↑↓: pick one to open in Sites');
  });
});

describe('models', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-source-'));
  mkdirSync(join(dir, 'prog'));
  writeFileSync(join(dir, 'prog/main.go'), 'package main\n\nfunc f() {\n\tif x {\n\t\treturn\t// tab\n\t}\n}\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a dump\'s file by its longest tail here; says when it is missing or too large', async () => {
    const read = await readSource('/build/elsewhere/prog/main.go', dir);
    expect(read).toEqual({ state: 'ok', path: join(dir, 'prog/main.go'), lines: ['package main', '', 'func f() {', '\tif x {', '\t\treturn\t// tab', '\t}', '}', ''] });
    expect(await readSource('/build/elsewhere/other.go', dir)).toEqual({ state: 'missing' });
    expect(await readSource('/build/prog/main.go', dir, 10)).toEqual({ state: 'too-large', path: join(dir, 'prog/main.go'), bytes: 54 });
  });

  it('cuts ±2 lines around the line, tabs as 4 spaces, their common indentation off', () => {
    const lines = ['package main', '', 'func f() {', '\tif x {', '\t\treturn\t// tab', '\t}', '}', ''];
    expect(sourceExcerpt(lines, 5)).toEqual({ beyond: false, lines: [
      { number: 3, text: 'func f() {' }, { number: 4, text: '    if x {' }, { number: 5, text: '        return    // tab' }, { number: 6, text: '    }' }, { number: 7, text: '}' },
    ] });
    // Inside a block: the indentation the lines share is taken off.
    expect(sourceExcerpt(['a', '\tb', '\t\tc', '\td', '\t\te', '\tf'], 4).lines.map((l) => l.text)).toEqual(['b', '    c', 'd', '    e', 'f']);
    expect(sourceExcerpt(lines, 6).lines.map((l) => l.number)).toEqual([4, 5, 6, 7]);
    expect(sourceExcerpt(lines, 1).lines.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(sourceExcerpt(lines, 8)).toEqual({ beyond: true, lines: [] });
  });

  it('gives the editor the column where it takes one', () => {
    expect(editorArgs('vim', '/p/main.go', 67, 24)).toEqual(['+call cursor(67,24)', '/p/main.go']);
    expect(editorArgs('/usr/bin/nvim', '/p/main.go', 67, 24)).toEqual(['+call cursor(67,24)', '/p/main.go']);
    expect(editorArgs('vi', '/p/main.go', 67, 24)).toEqual(['+67', '/p/main.go']);
    expect(editorArgs('nano', '/p/main.go', 67, 24)).toEqual(['+67,24', '/p/main.go']);
    expect(editorArgs('emacsclient -t', '/p/main.go', 67, 24)).toEqual(['+67:24', '/p/main.go']);
    expect(editorArgs('code -w', '/p/main.go', 67, 24)).toEqual(['-g', '/p/main.go:67:24']);
    expect(editorArgs('code -w', '/p/main.go', 67, undefined)).toEqual(['-g', '/p/main.go:67']);
    expect(editorArgs('hx', '/p/main.go', 67, 24)).toEqual(['/p/main.go:67:24']);
    expect(editorArgs('vim', '/p/main.go', 67, undefined)).toEqual(['+67', '/p/main.go']);
    expect(editorArgs('vim', '/p/main.go', undefined, undefined)).toEqual(['/p/main.go']);
  });

  it('joins the compiler\'s files and lines to the dump\'s', () => {
    const report = progData().report;
    if (!report) throw new Error('no report');
    expect(profileFileOf(report, './main.go')).toBe(PROG);
    expect(profileFileOf(report, './other.go')).toBeUndefined();
    const at67 = frameDecisions(report, PROG, 67);
    expect(Array.isArray(at67) ? at67.map((d) => `${d.line}:${d.column} ${d.message}`) : at67).toEqual([
      '67:24 &Record{...} escapes to heap', '67:24 make([]byte, 4096) escapes to heap', '67:24 i escapes to heap', '67:24 ... argument does not escape',
    ]);
    expect(frameDecisions(report, PROG, 68)).toEqual([]);
    // The runtime's files are not in a program's -m output: not "nothing at this line".
    expect(frameDecisions(report, '/usr/lib/go-1.19/src/runtime/proc.go', 4076)).toBe('not-covered');
    const sites = sitesOfDiagnostic(report, report.snapshots[0], { file: './main.go', line: 70, column: 30, subject: 'Rect{...}' });
    expect(sites.map((s) => `${s.function} ${s.line} ${s.inuseBytes}`)).toEqual(['main.toIface 59 12312']);
  });
});

describe('a frame\'s decisions are its function\'s where a function and its closures share a line (go1.19-escape-oneline)', () => {
  const ONELINE = '../test/fixtures/captured/go1.19-escape-oneline';
  const MAIN = '/tmp/fix29esc-prog/oneline/main.go';
  const onelineData = (m: string): ScreenData => ({
    report: buildReport({ heap: [`${ONELINE}/heap-debug1.txt`], escape: `${ONELINE}/${m}` }), width: 100, height: 40,
    sources: fixedSources({ [MAIN]: { state: 'ok', path: MAIN, lines: fixtureLines('go1.19-escape-oneline/main.go.txt') } }),
  });
  const at = (report: ScreenData['report'], line: number, fn?: string): string[] | string => {
    const found = report ? frameDecisions(report, MAIN, line, fn) : undefined;
    return Array.isArray(found) ? found.map((d) => `${d.line}:${d.column} ${d.message}`) : String(found);
  };

  it('frameDecisions: main.main.func1 at line 27 gets its make, main.main its two func literals, main.main.func3 at 33 its make and main.func3.1\'s literal; without a function, the whole line', () => {
    for (const m of ['m1.txt', 'm2.txt']) {
      const { report } = onelineData(m);
      expect(at(report, 27, 'main.main.func1'), m).toEqual(['27:41 make([]byte, 1000) escapes to heap']);
      expect(at(report, 27, 'main.main.func2'), m).toEqual(['27:94 make([]byte, 2000) escapes to heap']);
      expect(at(report, 27, 'main.main'), m).toEqual(['27:6 func literal escapes to heap', '27:67 func literal escapes to heap']);
      expect(at(report, 33, 'main.main.func3'), m).toEqual(['33:39 make([]byte, 3000) escapes to heap', '33:63 func literal escapes to heap']);
      expect(at(report, 33, 'main.main.func3.1'), m).toEqual(['33:90 make([]byte, 4000) escapes to heap']);
      expect(at(report, 33, 'main.main'), m).toEqual(['33:7 func literal does not escape']);
      expect(at(report, 27), m).toEqual(['27:6 func literal escapes to heap', '27:41 make([]byte, 1000) escapes to heap', '27:67 func literal escapes to heap', '27:94 make([]byte, 2000) escapes to heap']);
    }
  });

  it('the site main.keep (main.go:18), its third stack\'s frame main.main.func1 at main.go:27 (the go statement\'s closure): only its make, with the note at plain -m; its cause and chain at -m=2', () => {
    const m1 = onelineData('m1.txt');
    // Sites › main.keep (the sixth) › its frames › the last, main.main.func1 at main.go:27.
    const frame = act(m1, initialTuiState(), key('2'), key('j'), key('j'), key('j'), key('j'), key('j'), ENTER, ENTER, key('G'));
    let lines = text(m1, frame);
    let from = lines.indexOf('›   main.main.func1  oneline/main.go:27');
    expect(lines.slice(from + 4, from + 13)).toEqual([
      '      28 │ }',
      '      29 │ wg.Wait()',
      '      -gcflags=-m at this line:',
      '        27:41  make([]byte, 1000) escapes to heap',
      '            not named by -m: in the closure that starts at column 6 of this line (in main), which',
      '              plain -m does not declare (it declares only inlinable functions; -m=2 declares every',
      '              one)',
      '            cause: unknown — no reason given (plain -m: rebuild with -m=2)',
      '            make([]byte, 1000) escapes',
    ]);
    expect(lines.at(-1)).toMatch(/ frame 9\/9$/);
    const m2 = onelineData('m2.txt');
    lines = text(m2, act(m2, initialTuiState(), key('2'), key('j'), key('j'), key('j'), key('j'), key('j'), ENTER, ENTER, key('G')));
    from = lines.indexOf('›   main.main.func1  oneline/main.go:27');
    expect(lines.slice(from + 6, from + 11)).toEqual([
      '      -gcflags=-m at this line:',
      '        27:41  make([]byte, 1000) escapes to heap',
      '            cause: call-argument — passed to a call that keeps it',
      '            make([]byte, 1000) escapes: passed to keep at main.go:27:36 → the heap',
      '',
    ]);
    expect(lines.slice(from + 6).some((l) => l.includes('func literal') || l.includes('2000'))).toBe(false);
  });
});

describe('a site of one object', () => {
  it('says "in 1 object", singular (escape-init: main.init main.go:19 holds one 1 MiB slice)', () => {
    const data = { report: buildReport({ heap: ['../test/fixtures/captured/go1.19-escape-init/heap-debug1.txt'] }), width: 100, height: 30 };
    const opened = act(data, initialTuiState(), key('2'), ENTER);
    expect(text(data, opened).slice(1, 5)).toEqual(['main.init', '/tmp/fix28esc-prog/init/main.go:19', 'in use    1.0 MiB in 1 object', 'allocated 1.0 MiB in 1 object (since the process started)']);
  });
});
