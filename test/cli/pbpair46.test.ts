/**
 * A package-level variable's initialiser that is no inlined call (audit 46 #9): go1.19's staticinit
 * assigns it to the initialisation's static temporary (`from (T)(main..stmp_0@0) = X (assign)`), so
 * the value is init's, not the function declared above the `var` block (go1.19-audit46-unigeneric's
 * one-line generic method `(*Entrée[…]).Mettre` at main.go:20; go1.19-audit-esc's pkgvar `describe`).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const U = 'test/fixtures/captured/go1.19-audit46-unigeneric';
const MAP = '(*Entrée[go.shape.string_0,go.shape.map[string][]main.Métrique_1]).Mettre';

describe('escape: a package-level var initialiser is init\'s', () => {
  it('unigeneric: main.go:23:95 (var cache = &Entrée[…]{données: map…{}}) is init, and counted there', async () => {
    const out = await runCli(['escape', `${U}/escape-m2.txt`, '--no-color']);
    const lines = out.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  main.go:23:95'));
    expect(lines.slice(at, at + 2)).toEqual([
      '  main.go:23:95  init  [stored-in-heap]',
      '    map[string]map[string][]Métrique{} escapes: assigned to (map[string]map[string][]Métrique)(main..stmp_0@0) at main.go:23:95 → the heap',
    ]);
    const fns = lines.slice(lines.indexOf(lines.find((l) => l.startsWith('Functions')) as string) + 1).filter((l) => /^ {2}(init|\(\*Entrée)/.test(l));
    expect(fns.map((l) => l.replace(/\s+/g, ' ').trim())).toEqual(['init 3 2 0', '(*Entrée[go.shape.string_0,go.shape.map[string][]main.… 3 0 2']);
    expect(out.stdout).not.toContain(`main.go:23:95  ${MAP}`);
  });

  it('pkgvar: main.go:11:35 (var defaultRec = &Record{buf: make([]byte, 128)}) is init, not describe above it', async () => {
    const out = await runCli(['escape', 'test/fixtures/captured/go1.19-audit-esc/pkgvar.m2.txt', '--no-color']);
    expect(out.stdout.split('\n').filter((l) => l.startsWith('  main.go:11:35'))).toEqual(['  main.go:11:35  init  [stored-in-heap]']);
  });
});

/**
 * A binary profile in the project's own capture layout (audit 46 #7, #16): heap-t46.pb.gz at the top of
 * go1.19-audit46-appendmap, plain/heap-t46.txt beside it in a folder of its own. The hint names the
 * given dump of its stem instead of asking for it, and one snapshot is worded as one.
 */
describe('a binary profile beside the dump of its moment in another folder', () => {
  const A = 'test/fixtures/captured/go1.19-audit46-appendmap';
  it('names plain/heap-t46.txt instead of asking for it; one snapshot, one heap dump', async () => {
    const out = await runCli(['heap-t46.pb.gz', 'plain/heap-t46.txt', '--no-color'], { cwd: A });
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Cannot tell yet whether memory leaks: one snapshot (NumGC 16) has no other to compare with; not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.');
    expect(lines.filter((l) => l.startsWith('  Not in the series'))).toEqual([
      '  Not in the series: heap-t46.pb.gz, without MemStats (no place in TotalAlloc order); plain/heap-t46.txt, of its file stem in another folder, is in the series: files pair by folder and stem, so give the profile beside the vars or heap?debug=1 of its moment to read the two as one.',
    ]);
    expect(lines.filter((l) => l.startsWith('  HeapAlloc was read between GCs'))).toEqual([
      "  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; the heap dump was read between GCs, not right after a forced GC; the heap profile, as of the latest snapshot's last GC, had 22.1 MiB in use.",
    ]);
    expect(out.stdout).not.toContain('each of the 1 heap dumps');
  });
});
