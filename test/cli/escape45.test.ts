/**
 * Audit 45 #7: `heapdoc escape` on go1.19-audit45-generics (README and main.go there): the
 * package-level `var ( records = NewCache[int, *Record](); labels = NewCache[string, string]();
 * size = expvar.NewInt("records") )` at main.go:55–57 is run by the package's initialisation
 * (`init`), not by `newRecord` declared above it; and the two shape instantiations of
 * `NewCache` declared at main.go:19:6 each get their own values (the string shape's
 * `&Cache[go.shape.string_0,go.shape.string_1]{...}` at 20:9 was the int shape's).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';

const G = 'test/fixtures/captured/go1.19-audit45-generics';

interface Message { kind: string; line: number; column?: number; subject?: string; function?: string; inlinedFrom?: string; explanation?: boolean; inputLine: number }
interface EscapeJson { diagnostics: Message[] }

describe('generics: package-level initialisers and shape instantiations (audit 45 #7)', () => {
  it('text: main.go:55–57 are init\'s, each NewCache shape has its own values', async () => {
    const out = await runCli(['escape', `${G}/escape-m2.txt`, '--no-color', '--limit', '0']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    const at = (prefix: string): string[] => lines.filter((l) => l.startsWith(`  main.go:${prefix}  `));
    expect(at('20:9')).toEqual([
      '  main.go:20:9  NewCache[go.shape.int_0,go.shape.*uint8_1]  [returned]',
      '  main.go:20:9  NewCache[go.shape.string_0,go.shape.string_1]  [returned]',
    ]);
    expect(at('20:29')).toEqual([
      '  main.go:20:29  NewCache[go.shape.int_0,go.shape.*uint8_1]  [stored-in-heap]',
      '  main.go:20:29  NewCache[go.shape.string_0,go.shape.string_1]  [stored-in-heap]',
    ]);
    expect([...at('55:34'), ...at('56:36'), ...at('57:25')]).toEqual([
      '  main.go:55:34  init (inlined from NewCache[go.shape.int_0,go.shape.*uint8_1])  [stored-in-heap]',
      '  main.go:55:34  init (inlined from NewCache[go.shape.int_0,go.shape.*uint8_1])  [stored-in-heap]',
      '  main.go:56:36  init (inlined from NewCache[go.shape.string_0,go.shape.string_1])  [stored-in-heap]',
      '  main.go:56:36  init (inlined from NewCache[go.shape.string_0,go.shape.string_1])  [stored-in-heap]',
      '  main.go:57:25  init (inlined from expvar.NewInt)  [call-argument]',
    ]);
    const functions = lines.slice(lines.indexOf('Functions                                                 messages   heap  leaks') + 1, lines.indexOf('Functions                                                 messages   heap  leaks') + 7);
    expect(functions).toEqual([
      '  init                                                           8      5      0',
      '  main                                                           5      3      0',
      '  ingest                                                         8      2      0',
      '  NewCache[go.shape.int_0,go.shape.*uint8_1]                     3      2      0',
      '  NewCache[go.shape.string_0,go.shape.string_1]                  3      2      0',
      '  newRecord                                                      3      2      0',
    ]);
  });

  it('JSON: the inlining calls at main.go:55–57 and the values there are init\'s; 20:9\'s by their shapes', async () => {
    const json = await reportJson<EscapeJson>(['escape', `${G}/escape-m2.txt`, '--format', 'json']);
    const rows = (line: number, column: number): string[] => json.diagnostics.filter((d) => d.line === line && d.column === column)
      .map((d) => `${d.inputLine} ${d.kind}${d.explanation === true ? ':' : ''} ${d.function ?? '-'}${d.inlinedFrom !== undefined ? ` < ${d.inlinedFrom}` : ''}`);
    expect(rows(55, 34)).toEqual([
      '26 inlining-call init',
      '179 escapes-to-heap: init < NewCache[go.shape.int_0,go.shape.*uint8_1]',
      '189 escapes-to-heap: init < NewCache[go.shape.int_0,go.shape.*uint8_1]',
      '193 escapes-to-heap init < NewCache[go.shape.int_0,go.shape.*uint8_1]',
      '194 escapes-to-heap init < NewCache[go.shape.int_0,go.shape.*uint8_1]',
    ]);
    expect(rows(57, 25)).toEqual([
      '28 inlining-call init',
      '166 escapes-to-heap: init < expvar.NewInt',
      '197 escapes-to-heap init < expvar.NewInt',
    ]);
    expect(rows(20, 9)).toEqual([
      '146 escapes-to-heap: NewCache[go.shape.int_0,go.shape.*uint8_1]',
      '154 escapes-to-heap NewCache[go.shape.int_0,go.shape.*uint8_1]',
      '156 escapes-to-heap: NewCache[go.shape.string_0,go.shape.string_1]',
      '164 escapes-to-heap NewCache[go.shape.string_0,go.shape.string_1]',
    ]);
    // newRecord keeps its own two (main.go:51), nothing of the var block below it.
    expect(json.diagnostics.filter((d) => d.function === 'newRecord' && d.kind === 'escapes-to-heap' && d.explanation !== true).map((d) => `${d.line}:${d.column} ${d.subject}`))
      .toEqual(['51:9 &Record{...}', '51:38 make([]byte, 64 << 10)']);
  });

  it('plain -m declares only inlinable functions: the var block has no function there, only its inlined callee', async () => {
    const out = await runCli(['escape', `${G}/escape-m.txt`, '--no-color', '--limit', '0']);
    expect(out.stdout.split('\n').filter((l) => l.startsWith('  main.go:55:34'))).toEqual([
      '  main.go:55:34  (inlined from NewCache[go.shape.int_0,go.shape.*uint8_1])',
      '  main.go:55:34  (inlined from NewCache[go.shape.int_0,go.shape.*uint8_1])',
    ]);
  });
});

describe('generics: the method value put := records.Put (audit 45 #17)', () => {
  it('text: ingest.func1 is said to be the method value, with the method -m=2 names', async () => {
    const out = await runCli(['escape', `${G}/escape-m2.txt`, '--no-color', '--limit', '0']);
    const lines = out.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  main.go:62:16'));
    expect(lines.slice(at, at + 2)).toEqual([
      '  main.go:62:16  ingest.func1 (the method value (*Cache[int,*main.Record]).Put)  [call-argument]',
      '    parameter a1 leaks: passed to (*Cache[go.shape.int_0,go.shape.*uint8_1]).Put at main.go:62:16 → the heap',
    ]);
  });
});
