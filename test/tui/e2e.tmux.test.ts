/**
 * The built CLI in a real terminal: tmux runs it in an 80×24 pane, keys are sent with
 * `send-keys`, the screen is read with `capture-pane -p`. Checks navigation, drill-down, help,
 * resize, quit (q and Ctrl-C) with the terminal restored, keys from /dev/tty when the dump is
 * piped in, and a live `heapdoc watch`. CI is unset in the pane: the UI never opens under CI.
 * Without tmux (.ci/run installs it) or the built CLI (npm test builds it) it FAILS, never skips:
 * a UI that is not tested in a real terminal must not pass quietly.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/fixtures.js';
import { readSample, sample } from './reports.js';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const missing = !hasTmux ? 'tmux is not installed (.ci/run installs it; apt-get install tmux)' : !existsSync(CLI) ? 'the CLI is not built (npm run build)' : undefined;

const SEED = sample('go1.23/seed/routine4/after-free.heap-debug1.txt');

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

class Pane {
  /** A private tmux server: its socket lives in a temporary directory removed afterwards. */
  private readonly dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-'));
  readonly socket = join(this.dir, 'tmux');

  constructor(shellCommand: string, size = { width: 80, height: 24 }) {
    // The shell prints the exit code and whether the terminal settings are as before, then waits.
    const script = `saved=$(stty -g); ${shellCommand}; code=$?; [ "$(stty -g)" = "$saved" ] && ok=restored || ok=CHANGED; echo "[exit $code, tty $ok]"; sleep 60`;
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(size.width), '-y', String(size.height), '-s', 'e2e', '-c', ROOT,
      `env -u CI -u CONTINUOUS_INTEGRATION sh -c ${quote(script)}`);
  }

  tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  keys(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'e2e', key);
  }

  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 'e2e').replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  }

  async waitFor(what: string, predicate: (text: string, lines: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
    const started = Date.now();
    for (;;) {
      const lines = this.screen();
      if (predicate(lines.join('\n'), lines)) return lines;
      if (Date.now() - started > timeoutMs) {
        const hint = lines.some((l) => l.startsWith('Where the memory is —')) ? '\n(the plain report was printed: is maybeRunTui wired into heapdoc analyze?)' : '';
        throw new Error(`timed out waiting for ${what}; the screen:\n${lines.join('\n')}${hint}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends a key and waits for its effect (tmux delivers keys at once; the UI needs a moment). */
  async press(key: string, what: string, predicate: (text: string, lines: string[]) => boolean): Promise<string[]> {
    this.keys(key);
    return this.waitFor(what, predicate);
  }

  /** Sends a key and waits until the screen is no longer what it was. */
  async pressAndWaitForChange(key: string): Promise<string[]> {
    const before = this.screen().join('\n');
    return this.press(key, `the screen to change after ${key}`, (t) => t !== before);
  }

  kill(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const panes: Pane[] = [];

function open(shellCommand: string, size?: { width: number; height: number }): Pane {
  const pane = new Pane(shellCommand, size);
  panes.push(pane);
  return pane;
}

afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
});

const heapdoc = (...args: string[]): string => `node ${quote(CLI)} ${args.map(quote).join(' ')}`;

it('has what the end-to-end tests need: tmux and the built CLI', () => {
  expect(missing, missing).toBeUndefined();
});

describe.runIf(missing === undefined)('heapdoc in a real terminal (tmux 80×24)', () => {
  it('navigates panes, drills into a site and out, shows the help, quits with q and restores the terminal', async () => {
    const pane = open(heapdoc(SEED));
    let lines = await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('Findings'));
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatch(/^ heapdoc +\[1 Overview\] +2 Sites/);
    // The seed dump is read between GCs: its first bucket is HeapAlloc, the live heap as of its last GC and what was allocated since (tense45).
    expect(lines.some((l) => /^█ HeapAlloc +4\.7 MiB +11\.7%/.test(l))).toBe(true);
    // The UI draws on rows − 1: a frame as tall as the terminal would make Ink scroll it.
    expect(lines[22]).toMatch(/^ ↑↓\/jk move .* q quit/);

    await pane.press('Enter', 'an expanded finding', (t) => t.includes('› ▾ ') && t.includes('why: '));
    await pane.press('Tab', 'the Sites pane', (t) => t.includes('[2 Sites]') && t.includes('file:line'));
    pane.keys('j', 'j');
    await pane.waitFor('the cursor on main.routine4', (t) => /› +0 B .*main\.routine4/.test(t));
    lines = await pane.press('Enter', 'the site detail', (t) => t.includes('▶ main.routine4'));
    expect(lines[1]).toBe('main.routine4');
    expect(lines[3]).toMatch(/^in use +0 B/);
    await pane.press('Escape', 'the Sites table again', (t) => t.includes('file:line') && /› +0 B .*main\.routine4/.test(t));
    await pane.press('/', 'the filter prompt', (t) => t.includes('filter: /▏'));
    pane.keys('a', 'l', 'l', 'g');
    await pane.waitFor('the filtered table', (t) => t.includes('Sites · 1 of 4') && t.includes('runtime.allgadd'));
    await pane.press('Escape', 'the filter cleared', (t) => t.includes('Sites · 4 ·'));
    await pane.press('?', 'the help', (t) => t.includes('Keys') && t.includes('q  Ctrl-C'));
    // The help mentions file:line too: closed is when its key list is gone (else BTab may follow
    // Escape so closely that the terminal reads both as one escape sequence).
    await pane.press('Escape', 'the help closed', (t) => t.includes('file:line') && !t.includes('q  Ctrl-C'));
    await pane.press('BTab', 'Shift-Tab back to the overview', (t) => t.includes('[1 Overview]'));

    lines = await pane.press('q', 'the shell after quitting', (t) => t.includes('[exit 0, tty restored]'));
    expect(lines.join('\n')).not.toContain('heapdoc ');
  });

  it('the Series pane counts a site that grew, then held apart from the growing ones, and its detail says so (go1.19-audit36/mapclear: main.fill)', async () => {
    const pane = open(heapdoc('test/fixtures/captured/go1.19-audit36/mapclear/series-gc'));
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('3 Series'));
    let lines = await pane.press('3', 'the Series pane', (t) => t.includes('[3 Series]') && t.includes('main.fill'));
    expect(lines.slice(14, 16)).toEqual([
      'Growing: nothing · grew, then held: 1 site · sort: growth ↓',
      '›  +146.6 MiB ▁▅█████      main.fill                         …pclear/main.go:21',
    ]);
    lines = await pane.press('Enter', 'main.fill opened', (t) => t.includes('In use per snapshot'));
    expect(lines[3]).toBe('grew 146.6 MiB in use · never decreased · grew, then held (not growing now)');
    await pane.press('q', 'the shell after quitting', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('the GC log pane of a log of another run or another program than the dumps says its verdict is the log\'s alone, and why it is apart (go1.19-audit36 goleak dumps, pool\'s log)', async () => {
    const pane = open(heapdoc('test/fixtures/captured/go1.19-audit36/goleak/series-gc', 'test/fixtures/captured/go1.19-audit36-gclog/pool/gctrace.log'));
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('5 GC log'));
    const lines = await pane.press('5', 'the GC log pane', (t) => t.includes('[5 GC log]') && t.includes('Heap at each GC'));
    expect(lines.slice(1, 7)).toEqual([
      'GC log · 70 GCs over 20.1 s · …es/captured/go1.19-audit36-gclog/pool/gctrace.log',
      'This log alone: Churn, not a leak: 186 GCs a minute (not counting 7 forced)',
      'while the live heap after GC stays between 0 and 1 MB (its floor flat at 0 MB',
      'after warm-up); the cost is GC CPU (1% since start, gctrace\'s figure), not',
      'memory. It is of another run or another program than the dumps, so the verdict',
      'above does not weigh it with them.',
    ]);
    await pane.press('q', 'the shell after quitting', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('with --escape: browses the compiler\'s decisions by package and at a site', async () => {
    const pane = open(heapdoc(SEED, '--escape', sample('go1.23/compiler/seed.gcflags-m2.txt')));
    await pane.waitFor('the overview with an Escape tab', (t) => t.includes('3 Escape') && t.includes('Findings'));
    await pane.press('3', 'the Escape pane', (t) => t.includes('[3 Escape]') && /^packages · 1 · by heap-site bytes in use ↓, unjoined last$/m.test(t));
    await pane.press('Enter', 'the files of package seed', (t) => t.includes('packages › seed'));
    await pane.press('Enter', 'the functions of ./main.go', (t) => t.includes('packages › seed › ./main.go'));
    await pane.press('Escape', 'back to the files', (t) => /^packages › seed · \d+ · by heap-site bytes/m.test(t));
    await pane.press('2', 'the Sites pane', (t) => t.includes('[2 Sites]') && t.includes('file:line'));
    pane.keys('/', 'r', 'o', 'u', 't', 'Enter');
    await pane.waitFor('the routine4 site alone', (t) => t.includes('filter: "rout"') && /› .*main\.routine4/.test(t));
    const lines = await pane.press('Enter', 'the compiler decisions at seed/main.go:29', (t) => t.includes('Compiler decisions at seed/main.go:29'));
    expect(lines.some((l) => l.includes('make([]byte, 1000) escapes to heap'))).toBe(true);
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('with --escape: a diagnostic joined to several heap sites opens the one picked (go1.19 closures past column 254, plain -m)', async () => {
    const dir = join(ROOT, 'test/fixtures/captured/go1.19-escape-many');
    const pane = open(heapdoc('tui', join(dir, 'heap-debug1.txt'), '--escape', join(dir, 'm1.txt')));
    await pane.waitFor('the overview with an Escape tab', (t) => t.includes('3 Escape') && t.includes('Findings'));
    await pane.press('3', 'the Escape pane', (t) => t.includes('[3 Escape]') && t.includes('in use↓'));
    pane.keys('Enter');
    // plain -m: each closure with a column its make; the seven printed without one are main's, or its closures'.
    const functions = await pane.press('Enter', 'the functions of main.go', (t) => t.includes('› ./main.go · 6 ·'));
    expect(functions.filter((l) => /^[› ] +[\d.]+ KiB +\d +0 +main/.test(l)).map((l) => l.replace(/ {2,}/g, ' ').replace(/ unknown$/, ''))).toEqual([
      '› 906.3 KiB 7 0 main', ' 75.0 KiB 1 0 main.func5', ' 68.8 KiB 1 0 main.func4', ' 62.5 KiB 1 0 main.func3', ' 56.3 KiB 1 0 main.func2', ' 50.0 KiB 1 0 main.func1',
    ]);
    pane.keys('Enter');
    await pane.press('Enter', 'make([]byte, 1792)\'s detail', (t) => t.includes('7 heap sites at this line · Enter, then ↑↓: pick one') && t.includes('column not printed: in main or one of its 7 closures at this line'));
    await pane.press('Enter', 'the largest picked', (t) => t.includes('›  168.8 KiB in use  main.main.func12') && t.includes('site 1/7'));
    await pane.press('j', 'the next picked', (t) => t.includes('›  156.3 KiB in use  main.main.func11') && t.includes('site 2/7'));
    const lines = await pane.press('Enter', 'main.main.func11 in Sites', (t) => t.includes('[2 Sites]') && t.includes('in use    156.3 KiB in 50 objects'));
    expect(lines[1]).toBe('main.main.func11');
    await pane.press('Escape', 'back on the pick', (t) => t.includes('[3 Escape]') && t.includes('site 2/7'));
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('with --escape: a diagnostic joined to ten heap sites lets any be picked, the rows following the pick; one its -m=2 steps place shows its closure\'s site alone (go1.19 closures past column 254, -m=2)', async () => {
    const dir = join(ROOT, 'test/fixtures/captured/go1.19-escape-straddle');
    const pane = open(heapdoc('tui', join(dir, 'heap-debug1.txt'), '--escape', join(dir, 'm2.txt')));
    await pane.waitFor('the overview with an Escape tab', (t) => t.includes('3 Escape') && t.includes('Findings'));
    await pane.press('3', 'the Escape pane', (t) => t.includes('[3 Escape]') && t.includes('in use↓'));
    pane.keys('Enter');
    // The makes the compiler printed without a column (past column 254) are main's, not one closure's;
    // func6's and func20's, whose -m=2 steps have a column, are theirs.
    const functions = await pane.press('Enter', 'the functions of main.go', (t) => t.includes('› ./main.go · 13 ·'));
    expect(functions.filter((l) => /^[› ] +[\d.]+ [KM]iB +1?\d +0 +main(?:\.func(?:6|20))? /.test(l)).map((l) => l.replace(/ {2,}/g, ' ').replace(/ returned$/, ''))).toEqual([
      '› 1.8 MiB 11 0 main', ' 120.0 KiB 1 0 main.func20', ' 87.5 KiB 1 0 main.func6',
    ]);
    pane.keys('Enter');
    const detail = await pane.press('Enter', 'the detail, eight of the ten', (t) => t.includes('10 heap sites at this line · Enter, then ↑↓: pick one') && t.includes('sites 1–8 of 10 · ↓ 2 more'));
    expect(detail.slice(5, 7)).toEqual(['./main.go:24 · in main · package example.com/straddle', 'column not printed: in main or one of its 9 closures at this line']);
    await pane.press('Enter', 'the largest picked', (t) => t.includes('›  237.5 KiB in use  main.main.func14') && t.includes('site 1/10'));
    const lines = await pane.press('G', 'the smallest picked', (t) => t.includes('›   12.0 KiB in use  main.main ') && t.includes('site 10/10'));
    expect(lines.filter((l) => l.includes('sites 3–10 of 10'))).toEqual(['  sites 3–10 of 10 · ↑ 2 more']);
    await pane.press('Enter', 'main.main in Sites', (t) => t.includes('[2 Sites]') && t.includes('in use    12.0 KiB'));
    await pane.press('Escape', 'back on the pick', (t) => t.includes('[3 Escape]') && t.includes('site 10/10'));
    // Esc twice: the list of main's values; Esc again: the functions; the eighth, main.func6, and its make.
    // Each Esc waits for its screen: an Esc the terminal delivers in one read with the key after it
    // is that key with Alt (a loaded machine lost the third Esc so, and the j's moved in main's values).
    for (let i = 0; i < 3; i++) await pane.pressAndWaitForChange('Escape');
    pane.keys('j', 'j', 'j', 'j', 'j', 'j');
    await pane.press('j', 'main.func6 under the cursor', (t) => t.includes('› ./main.go · 13 ·') && /› +87\.5 KiB +1 +0 +main\.func6 /.test(t));
    pane.keys('Enter');
    const placed = await pane.press('Enter', 'make([]byte, 1792)\'s detail, one site', (t) => t.includes('Heap site at this line · Enter opens it in Sites'));
    expect(placed.slice(4, 6)).toEqual(['make([]byte, 1792)', './main.go:24 · in main.func6 · package example.com/straddle']);
    expect(placed.filter((l) => l.includes('in use  main.main'))).toEqual(['    87.5 KiB in use  main.main.func6  straddle/main.go:24']);
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('an Overview finding naming growing sites opens the one that grew most in Sites, and Esc comes back to it (go1.19 three caches)', async () => {
    const dir = join(ROOT, 'test/fixtures/captured/go1.19-three-caches');
    const pane = open(heapdoc(...['01-t1', '02-t2', '03-t3', '04-t4'].map((m) => join(dir, `${m}.heap-debug1.txt`))), { width: 120, height: 40 });
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('Findings (1)'));
    pane.keys('j', 'j', 'j');
    await pane.press('Enter', 'leak-suspected expanded', (t) => t.includes('Enter: the site main.openSession in Sites, the one that grew most of the 3 growing sites'));
    await pane.press('Enter', 'main.openSession in Sites, said in the status bar', (t) => t.includes('[2 Sites]') && t.includes('1 of the 3 growing sites leak-suspected names, the one that grew most: main.openSession'));
    await pane.press('Escape', 'back on the finding, expanded', (t) => t.includes('[1 Overview]') && t.includes('› ▾ error   leak-suspected:'));
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('a goroutine leak\'s finding, whose only growing site is runtime.malg, opens the group that grew most in Goroutines (go1.19 goroutine-leak sample)', async () => {
    const pane = open(heapdoc(sample('go1.19/goroutine-leak')), { width: 120, height: 40 });
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('Findings (2)'));
    pane.keys('j', 'j');
    let lines = await pane.press('Enter', 'leak-suspected expanded', (t) => t.includes('› ▾ error   leak-suspected:') && t.includes('opens it; Esc collapses)'));
    const at = lines.findIndex((l) => l.startsWith('      Enter: '));
    expect(lines.slice(at, at + 3)).toEqual([
      '      Enter: the group main.waitForReply in Goroutines, the one that grew most (+2,000 goroutines), where its fix',
      '             starts: runtime.malg, the only growing site it names, is the goroutine descriptors (Growing sites above',
      '             opens it; Esc collapses)',
    ]);
    lines = await pane.press('Enter', 'main.waitForReply in Goroutines, said in the status bar', (t) => t.includes('[3 Goroutines]') && t.includes("leak-suspected's fix starts here"));
    expect(lines.slice(1, 2)).toEqual(['main.waitForReply']);
    // The UI draws on rows − 1: the status bar is the 39th row.
    expect(lines[38]).toBe(" leak-suspected's fix starts here, the group that grew most (runtime.malg: goroutine descriptors)");
    await pane.press('Escape', 'back on the finding, expanded', (t) => t.includes('[1 Overview]') && t.includes('› ▾ error   leak-suspected:'));
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('with --escape and goroutine dumps: a group\'s frame shows the compiler\'s decisions at its line (go1.19 goroutine-leak sample)', async () => {
    const pane = open(heapdoc('tui', sample('go1.19/goroutine-leak'), '--escape', join(ROOT, 'test/fixtures/captured/go1.19-samples-gcflags/gcflags-m2.txt')), { width: 100, height: 30 });
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('4 Goroutines'));
    await pane.press('4', 'the Goroutines pane', (t) => t.includes('Goroutines · 2,404 now'));
    await pane.press('j', 'the park.Phase group', (t) => /› +1 +±0 .*park\.Pha/.test(t));
    await pane.press('Enter', 'its stack', (t) => t.includes('Stack of the first goroutine'));
    await pane.press('Enter', 'its own frame', (t) => t.includes('frame 1/3'));
    const lines = await pane.press('j', 'main.main\'s frame and -m', (t) => t.includes('frame 2/3') && t.includes('-gcflags=-m at this line:'));
    const at = lines.findIndex((l) => l.startsWith('›   main.main'));
    expect(lines[at]).toBe('›   main.main                            heapdoc-samples/goroutine-leak/main.go:38');
    expect(lines.slice(at + 1).find((l) => l.includes('escapes to heap'))).toBe('        38:26  phase escapes to heap');
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('at 200×60: goroutine groups filtered and sorted, a group\'s whole stack with paths', async () => {
    const pane = open(heapdoc(sample('go1.23/leak/snap5.heap-debug1.txt'), sample('go1.23/leak/snap5.goroutine-debug2.txt')), { width: 200, height: 60 });
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('3 Goroutines'));
    let lines = await pane.press('3', 'the Goroutines pane', (t) => t.includes('Goroutines · 788 now') && t.includes('count↓'));
    expect(lines.some((l) => /^ +196 sync\.Mutex\.Lock +main\.waitForLock +leak\/main\.go:82$/.test(l))).toBe(true);
    pane.keys('/', 'l', 'o', 'c', 'k', 'Enter');
    await pane.waitFor('the filtered groups', (t) => t.includes('filter: "lock"') && /› +196 sync\.Mutex\.Lock/.test(t));
    await pane.press('S', 'the order turned around', (t) => t.includes('count↑'));
    lines = await pane.press('Escape', 'the filter cleared', (t) => !t.includes('filter:') && t.includes('count↑'));
    pane.keys('S', '/', 'w', 'a', 'i', 't', 'F', 'o', 'r', 'L', 'Enter');
    await pane.waitFor('waitForLock alone', (t) => /› +196 sync\.Mutex\.Lock +main\.waitForLock/.test(t));
    lines = await pane.press('Enter', 'the group\'s stack', (t) => t.includes('Stack of the first goroutine · 4 frames'));
    expect(lines.some((l) => /^ {4}sync\.\(\*Mutex\)\.Lock \(inlined\) +sync\/mutex\.go:92$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}▶ main\.waitForLock +leak\/main\.go:82$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {4}main\.main \(created by\) +leak\/main\.go:116$/.test(l))).toBe(true);
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('at 60×20: t opens the Tree, main.main opens onto main.remember, whose site opens in Sites; i shows its callers', async () => {
    const pane = open(heapdoc(join(ROOT, 'test/fixtures/scenarios/heap-leak/06-t6.heap-debug1.txt')), { width: 60, height: 20 });
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]'));
    let lines = await pane.press('t', 'the Tree', (t) => t.includes('[3 Tree]') && /^› +0 B +24\.9 MiB +▸ main\.main$/m.test(t));
    expect(lines[1]).toMatch(/^Tree · 48 functions · callees ↓ · 25\.9 MiB in use/);
    lines = await pane.press('Enter', 'main.main opened', (t) => /▾ main\.main$/m.test(t));
    expect(lines[5]).toMatch(/^ +24\.9 MiB +24\.9 MiB {4}• main\.remember$/);
    pane.keys('Right');
    await pane.waitFor('the cursor on main.remember', (t) => /^› +24\.9 MiB +24\.9 MiB {4}• main\.remember$/m.test(t));
    await pane.press('Enter', 'the site in Sites', (t) => t.includes('[2 Sites]') && /▶ main\.remember/.test(t));
    await pane.press('Escape', 'back in the Tree', (t) => t.includes('[3 Tree]') && /^› .*• main\.remember$/m.test(t));
    lines = await pane.press('i', 'the callers', (t) => t.includes('callers ↑') && /^› .*▾ main\.main$/m.test(t));
    expect(lines.some((l) => /^ +24\.9 MiB +▸ runtime\.main$/.test(l))).toBe(true);
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('opens a gctrace log alone: the leak evidence in the overview, the heap at each GC in the GC log pane', async () => {
    const pane = open(heapdoc(join(ROOT, 'test/fixtures/scenarios/heap-leak/gctrace.log')));
    await pane.waitFor('the overview with the log\'s evidence', (t) => t.includes('2 GC log') && /^› ▸ error +leak-suspected: Leak suspected \(high confidence\) in gctrace\.log/m.test(t));
    let lines = await pane.press('2', 'the GC log pane', (t) => t.includes('[2 GC log]') && /^ 46 MB│/m.test(t));
    expect(lines[1]).toMatch(/^GC log · 116 GCs over 12\.3 s · /);
    expect(lines.some((l) => /^ +0└[─┴]+$/.test(l))).toBe(true);
    lines = await pane.press('G', 'the end of the log\'s facts', (t) => /^ {2}scavenger +no scavenger lines/m.test(t) && t.includes('lines 5–25/25'));
    expect(lines.some((l) => l.startsWith('  peak (A)      46 MB before gc 115'))).toBe(true);
    await pane.press('q', 'the shell', (t) => /\[exit \d, tty restored\]/.test(t));
  });

  it('a log of long marks: the GC log pane ends with the report\'s Marking line, and e opens the log at the longest mark\'s line (go1.19-audit42-ptrdense: gc 15, line 15)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-mark-'));
    const editor = join(dir, 'fake-editor');
    writeFileSync(editor, '#!/bin/sh\necho "FAKE EDITOR OPEN $*"; read line\n');
    chmodSync(editor, 0o755);
    try {
      const log = 'test/fixtures/captured/go1.19-audit42-ptrdense/gctrace.log';
      const pane = open(`cd ${quote(ROOT)} && EDITOR=${quote(editor)} ${heapdoc('tui', log)}`);
      await pane.waitFor('the overview', (t) => t.includes('[1 Overview]') && t.includes('2 GC log'));
      await pane.press('2', 'the GC log pane', (t) => t.includes('[2 GC log]') && t.includes('e edit · y copy'));
      const lines = await pane.press('G', 'the Marking line', (t) => t.includes('lines 15–35/35'));
      const at = lines.indexOf('Marking: the concurrent mark took 730 ms at the median and up to 1.6 s (gc 15,');
      expect(lines.slice(at, at + 2)).toEqual([
        'Marking: the concurrent mark took 730 ms at the median and up to 1.6 s (gc 15,',
        'line 15) over 16 GCs; the GC was marking 17.0% of the time between GC starts.',
      ]);
      await pane.press('e', 'the editor at the line', (t) => t.replace(/\n/g, '').includes(`FAKE EDITOR OPEN +15 ${join(ROOT, log)}`) && !t.includes('[2 GC log]'));
      await pane.press('Enter', 'the UI back with the outcome', (t) => t.includes('[2 GC log]') && t.includes(`edited ${log}:15`));
      await pane.press('q', 'the shell', (t) => /\[exit \d, tty restored\]/.test(t));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('heapdoc tui samples/ --separately: a GC log\'s evidence only on the pages of its folder\'s dumps; [ walks folder by folder', async () => {
    const pane = open(`cd ${quote(join(ROOT, 'samples'))} && ${heapdoc('tui', '.', '--separately')} 2>/dev/null`, { width: 100, height: 40 });
    let lines = await pane.waitFor('the last dump', (t) => t.includes('snapshot 42 of 42: go1.23/stacks/deep.heap-debug1.txt'));
    // Was: seed/routine4's page showed heap-leak/gctrace.log's evidence and leak-suspected, burst/gctrace.log's gc-pause-long.
    lines = await pane.press('[', 'routine4 after free', (t) => t.includes('snapshot 41 of 42: go1.23/seed/routine4/after-free.heap-debug1.txt'));
    // The headline names the log that needs the most attention of all the inputs; under it, the page is routine4's alone.
    expect(lines.slice(lines.findIndex((l) => l.startsWith('snapshot 41'))).filter((l) => l.startsWith('Leak evidence') || l.includes('gctrace.log'))).toEqual([]);
    expect(lines).toContain('Findings (3)');
    lines = await pane.press('[', 'routine4 after wait', (t) => t.includes('snapshot 40 of 42: go1.23/seed/routine4/after-wait.heap-debug1.txt'));
    for (let page = 39; page >= 21; page--) await pane.press('[', `snapshot ${page}`, (t) => t.includes(`snapshot ${page} of 42:`));
    lines = await pane.press('[', 'heap-leak\'s last pair', (t) => t.includes('snapshot 20 of 42: go1.19/heap-leak/06-t6.heap.pb.gz + go1.19/heap-leak/06-t6.vars.json'));
    expect(lines.filter((l) => l.startsWith('Leak evidence'))).toEqual(['Leak evidence · GC log go1.19/heap-leak/gctrace.log (see the GC log pane)']);
    expect(lines.filter((l) => /^[› ] ▸ /.test(l)).map((l) => l.replace(/:.*/, ''))).toEqual([
      '› ▸ warning gc-pause-long',
      '  ▸ error   leak-suspected (heap-leak/gctrace.log)',
      '  ▸ warning gc-pause-long (heap-leak/gctrace.log)',
    ]);
    await pane.press('q', 'the shell', (t) => /\[exit \d, tty restored\]/.test(t));
  });

  it('shows a dump\'s errors and an input it could not read in the overview and the Diagnostics pane, not only after q', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-bad-'));
    const bad = join(dir, 'edited.heap-debug1.txt');
    const lines = readSample('go1.23/seed/routine4/after-free.heap-debug1.txt').split('\n');
    lines.splice(3, 0, 'GARBAGE LINE');
    writeFileSync(bad, lines.join('\n'));
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello, not a dump\n');
    try {
      const pane = open(heapdoc(bad, junk));
      // The garbage line, once: the frame lines after it stay in their record; the junk file was
      // only on stderr, behind the UI's screen, until q.
      await pane.waitFor('the overview with the input problems', (t) => t.includes('✗ Inputs: 2 errors — see the Diagnostics pane'));
      const screen = await pane.press('3', 'the Diagnostics pane', (t) => t.includes('[3 Diagnostics]') && /› error +…?\S*junk\.txt +not a Go heap dump/.test(t) && /error +…?\S*edited\.heap-debug1\.txt:4:1 +expected/.test(t));
      expect(screen[1]).toBe('Diagnostics · 2 errors');
      expect(screen.filter((l) => /a frame line outside a record/.test(l))).toHaveLength(0);
      await pane.press('Down', 'the dump\'s diagnostic', (t) => /› error +…?\S*edited\.heap-debug1\.txt:4:1/.test(t));
      await pane.press('Enter', 'the diagnostic with its fix', (t) => t.includes('how to fix') && t.includes('GARBAGE'));
      await pane.press('q', 'the shell', (t) => /\[exit \d, tty restored\]/.test(t));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('e opens the row\'s file in $EDITOR and comes back, y copies it, the wheel scrolls, Ctrl-Z suspends', async () => {
    // The dump names /build/run-go1.23/src/leak/main.go: found here as leak/main.go under the current directory.
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-edit-'));
    mkdirSync(join(dir, 'leak'));
    writeFileSync(join(dir, 'leak/main.go'), 'package main\n');
    const editor = join(dir, 'fake-editor');
    writeFileSync(editor, '#!/bin/sh\necho "FAKE EDITOR OPEN $*"; read line\n');
    chmodSync(editor, 0o755);
    try {
      const pane = open(`cd ${quote(dir)} && EDITOR=${quote(editor)} ${heapdoc(sample('go1.23/leak/snap5.heap-debug1.txt'))}`);
      await pane.waitFor('the overview', (t) => t.includes('[1 Overview]'));
      await pane.press('2', 'the Sites pane', (t) => /› +6\.0 MiB .*main\.newSession/.test(t));
      // The wheel moves the cursor like ↓ and ↑.
      pane.tmux('send-keys', '-t', 'e2e', '-l', '\u001b[<65;10;8M');
      await pane.waitFor('the cursor moved by the wheel', (t) => /q quit +2\/5$/m.test(t));
      pane.tmux('send-keys', '-t', 'e2e', '-l', '\u001b[<64;10;8M');
      await pane.waitFor('the cursor back up', (t) => /q quit +1\/5$/m.test(t));
      // The editor's line may wrap at 80 columns (a long temporary directory): read the screen unwrapped.
      await pane.press('e', 'the editor at the line', (t) => t.replace(/\n/g, '').includes(`FAKE EDITOR OPEN +50 ${join(dir, 'leak/main.go')}`) && !t.includes('[2 Sites]'));
      await pane.press('Enter', 'the UI back with the outcome', (t) => t.includes('[2 Sites]') && t.includes('edited /build/run-go1.23/src/leak/main.go:50'));
      await pane.press('y', 'the copy confirmation', (t) => t.includes('copied: main.newSession /build/run-go1.23/src/leak/main.go:50'));
      // Ctrl-Z stops the process with the terminal given back; SIGCONT (the shell's fg) brings the UI back.
      await pane.press('C-z', 'the UI stopped', (t) => !t.includes('[2 Sites]'));
      const shell = pane.tmux('display-message', '-p', '-t', 'e2e', '#{pane_pid}').trim();
      const node = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1) ?? '';
      process.kill(Number(node), 'SIGCONT');
      await pane.waitFor('the UI resumed', (t) => t.includes('[2 Sites]') && t.includes('resumed'));
      await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows a resize of the terminal', async () => {
    const pane = open(heapdoc(SEED));
    await pane.waitFor('the overview', (t) => t.includes('Findings'));
    pane.tmux('resize-window', '-t', 'e2e', '-x', '100', '-y', '30');
    // The status bar's position indicator sits at the right edge (one padding cell before it).
    const edge = (line: string | undefined, width: number): boolean => /q quit +\d+\/\d+$/.test(line ?? '') && (line ?? '').length === width - 1;
    const lines = await pane.waitFor('the wider screen', (_t, l) => l.length === 30 && edge(l[28], 100));
    expect(lines[0]).toMatch(/^ heapdoc +\[1 Overview\]/);
    pane.tmux('resize-window', '-t', 'e2e', '-x', '60', '-y', '20');
    await pane.waitFor('the narrower screen', (_t, l) => l.length === 20 && edge(l[18], 60) && l.every((x) => x.length <= 60));
    await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
  });

  it('takes keys from /dev/tty when the dump is piped in, and restores the terminal on Ctrl-C', async () => {
    const pane = open(`cat ${quote(SEED)} | ${heapdoc()}`);
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]'));
    await pane.press('Tab', 'the Sites pane', (t) => t.includes('[2 Sites]'));
    await pane.press('C-c', 'the shell after Ctrl-C', (t) => /\[exit \d+, tty restored\]/.test(t));
  });

  it('prints the plain report with --format, even on a terminal', async () => {
    const pane = open(heapdoc(SEED, '--format', 'text'));
    const lines = await pane.waitFor('the plain report', (t) => t.includes('[exit'));
    expect(lines.join('\n')).not.toContain('[1 Overview]');
  });

  it('heapdoc tui on dumps of several programs, or several runs, refuses them with the runs to make spelt heapdoc tui (they said heapdoc FOLDER), exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-refused-'));
    try {
      const programs = join(dir, 'programs.txt');
      const runs = join(dir, 'runs.txt');
      const pane = open(`${heapdoc('tui', 'test/fixtures/corpus/go1.21')} 2> ${quote(programs)}; ${heapdoc('tui', 'test/fixtures/corpus/go1.19/seed')} 2> ${quote(runs)}`);
      await pane.waitFor('both refusals', (t) => t.includes('[exit 2, tty restored]'));
      const errors = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('heapdoc: error: ')).map((l) => l.replace(/^.* — /, ''));
      expect(errors(programs)).toEqual(['run heapdoc tui on each folder for its series verdict (heapdoc tui test/fixtures/corpus/go1.21/leak, heapdoc tui test/fixtures/corpus/go1.21/memrate, heapdoc tui test/fixtures/corpus/go1.21/peak once its runs are in folders of their own and 2 more); --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)']);
      expect(errors(runs)).toEqual(["move each run's dumps into a folder of its own and run heapdoc tui on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('heapdoc tui on files it does not read names heapdoc tui in what to run (not heapdoc analyze), exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-e2e-unread-'));
    try {
      const compiler = 'test/fixtures/corpus/go1.19/compiler/seed.gcflags-m.txt';
      const folder = join(dir, 'folder');
      mkdirSync(folder);
      copyFileSync(compiler, join(folder, 'm.txt'));
      const given = join(dir, 'given.txt');
      const walked = join(dir, 'walked.txt');
      const pane = open(`${heapdoc('tui', compiler)} 2> ${quote(given)}; ${heapdoc('tui', folder)} 2> ${quote(walked)}`);
      await pane.waitFor('both refusals', (t) => t.includes('[exit 2, tty restored]'));
      expect(readFileSync(given, 'utf8')).toBe(`heapdoc: error: ${compiler}: compiler -m output (go build -gcflags=-m), but heapdoc tui reads heap dumps (heap?debug=1), goroutine dumps, /metrics, /debug/vars, gctrace logs and binary heap profiles — use heapdoc escape FILE, or heapdoc tui HEAP --escape FILE\n`);
      expect(readFileSync(walked, 'utf8').split('\n')).toEqual([
        `heapdoc: skipped ${join(folder, 'm.txt')}: compiler -m output (go build -gcflags=-m) — use heapdoc escape FILE, or heapdoc tui HEAP --escape FILE`,
        `heapdoc: error: ${folder}: no dump here (its 1 file is not a format heapdoc tui reads) — check the capture step that saved these files (curl -f fails on an HTTP error instead of saving the error page), or leave this input out`,
        '',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('heapdoc tui FILE opens the view (tui is a command, not a file); a redirected stderr gets no terminal control', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-tui-stderr-'));
    const err = join(dir, 'stderr.txt');
    const pane = open(`${heapdoc('tui', SEED)} 2>${quote(err)}`);
    await pane.waitFor('the overview', (t) => t.includes('[1 Overview]'));
    const lines = await pane.press('q', 'the exit', (t) => t.includes('[exit'));
    expect(lines.find((l) => l.startsWith('[exit'))).toBe('[exit 0, tty restored]');
    // Was ESC[?25h (Ink's cli-cursor restoring the cursor on process.stderr, whatever it is).
    expect(readFileSync(err, 'utf8')).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });

  describe('heapdoc watch', () => {
    let server: http.Server | undefined;
    afterEach(async () => {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    it('updates the views live as snapshots arrive, and quits', async () => {
      const heaps = [1, 2, 3, 4, 5].map((n) => readSample(`go1.23/leak/snap${n}.heap-debug1.txt`));
      const goroutines = [1, 5].map((n) => readSample(`go1.23/leak/snap${n}.goroutine-debug1.txt`));
      let h = 0;
      let g = 0;
      server = http.createServer((req, res) => {
        if (req.url?.startsWith('/debug/pprof/heap')) res.end(heaps[Math.min(h++, heaps.length - 1)]);
        else if (req.url?.startsWith('/debug/pprof/goroutine')) res.end(goroutines[Math.min(g++, goroutines.length - 1)]);
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const pane = open(heapdoc('watch', `http://127.0.0.1:${port}/debug/pprof/heap?debug=1`, '--interval', '300ms'));
      // A slow goroutine fetch (a loaded machine) is tried again at the next poll, never given up on.
      let lines = await pane.waitFor('the live line with goroutines', (_t, l) => /● live · [1-9]\d* snapshots? · every 300ms · .* goroutines ✓/.test(l[21] ?? ''));
      lines = await pane.waitFor('a series of 3 snapshots or more', (t) => /● live · ([3-9]|\d\d) snapshots/.test(t) && t.includes('Series'));
      const series = lines[0]?.match(/(\d) Series/)?.[1] ?? '4';
      // The first row is `HeapAlloc` when the latest dump was read between GCs (go1.23/leak's are), else `live`.
      await pane.press(series, 'the Series pane', (t) => t.includes('Series ·') && /^ {2}(?:live|HeapAlloc) +[▁▂▃▄▅▆▇█]{3,}/m.test(t));
      // The pane keeps updating: the leaking site shows up once the series has seen it grow.
      lines = await pane.waitFor('the growing site', (t) => /\+\d+\.\d MiB [▁▂▃▄▅▆▇█]+ +main\.newSession/.test(t));
      expect(lines.some((l) => /^Leak suspected/.test(l))).toBe(true);
      await pane.press('q', 'the shell', (t) => t.includes('[exit 0, tty restored]'));
    });
  });
});
