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
 * go1.19-audit46-appendmap, plain/heap-t46.txt beside it in a folder of its own. The dump holds the
 * profile's samples, so the profile is read into it (pbpair47): one snapshot, the one-dump report,
 * not a series of one asking for the dump given.
 */
describe('a binary profile beside the dump of its moment in another folder', () => {
  const A = 'test/fixtures/captured/go1.19-audit46-appendmap';
  it('is read into plain/heap-t46.txt: the one-dump report, no "Not in the series", no series words for one snapshot', async () => {
    const out = await runCli(['heap-t46.pb.gz', 'plain/heap-t46.txt', '--no-color'], { cwd: A });
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^Read between GCs: HeapAlloc 25\.7 MiB, 54\.5% of the 47\.1 MiB Go holds/);
    expect(out.stdout).not.toContain('Not in the series');
    expect(out.stdout).not.toContain('Cannot tell yet');
    expect(out.stdout).not.toContain('each of the 1 heap dumps');
  });
});
