/** -m=2 explanations of the real seed program: one diagnostic each, its steps in order. */
import { describe, expect, it } from 'vitest';
import { parseGcflags, type CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { compilerText } from './helpers.js';

function explanation(text: string, file: string, line: number, column: number, subjectOrParameter: string): CompilerMessage[] {
  return parseGcflags(text).messages.filter((d) => d.explanation && d.file === file && d.line === line && d.column === column
    && d.subject === subjectOrParameter);
}

describe('routine4: make([]byte, 1000) escapes to heap (seed main.go:29:32)', () => {
  it('go1.23: the header, then three flows with their reasons, in order', () => {
    const found = explanation(compilerText('go1.23', 'seed.gcflags-m2.txt'), './main.go', 29, 32, 'make([]byte, 1000)');
    expect(found).toHaveLength(1);
    const d = found[0] as CompilerMessage;
    expect(d.kind).toBe('escapes-to-heap');
    expect(d.message).toBe('make([]byte, 1000) escapes to heap');
    expect(d.package).toBe('seed');
    expect(d.function).toBeUndefined(); // ≤1.24 headers do not name the function
    expect(d.inputLine).toBe(53);
    expect(d.reasons).toEqual([
      { message: 'flow: hello = &{storage for make([]byte, 1000)}', step: 'flow', to: 'hello', value: '&{storage for make([]byte, 1000)}' },
      { message: 'from make([]byte, 1000) (spill)', step: 'from', expression: 'make([]byte, 1000)', note: 'spill', file: './main.go', line: 29, column: 32 },
      { message: 'from hello := make([]byte, 1000) (assign)', step: 'from', expression: 'hello := make([]byte, 1000)', note: 'assign', file: './main.go', line: 29, column: 25 },
      { message: 'flow: .autotmp_1 = hello', step: 'flow', to: '.autotmp_1', value: 'hello' },
      { message: 'from .autotmp_1 = hello (assign-pair)', step: 'from', expression: '.autotmp_1 = hello', note: 'assign-pair', file: './main.go', line: 29, column: 48 },
      { message: 'flow: {storage for func literal} = .autotmp_1', step: 'flow', to: '{storage for func literal}', value: '.autotmp_1' },
      { message: 'from .autotmp_1 (captured by a closure)', step: 'from', expression: '.autotmp_1', note: 'captured by a closure', file: './main.go', line: 29, column: 48 },
    ]);
  });

  it('go1.26-devel: `in routine4` and the ← arrow', () => {
    const found = explanation(compilerText('go1.26-devel', 'seed.gcflags-m2.txt'), './main.go', 29, 32, 'make([]byte, 1000)');
    expect(found).toHaveLength(1);
    const d = found[0] as CompilerMessage;
    expect(d.message).toBe('make([]byte, 1000) escapes to heap in routine4');
    expect(d.function).toBe('routine4');
    expect(d.reasons?.map((r) => r.message)).toEqual([
      'flow: hello \u2190 &{storage for make([]byte, 1000)}',
      'from make([]byte, 1000) (spill)',
      'from hello := make([]byte, 1000) (assign)',
      'flow: .autotmp_1 \u2190 hello',
      'from .autotmp_1 = hello (assign-pair)',
      'flow: {storage for func literal} \u2190 .autotmp_1',
      'from .autotmp_1 (captured by a closure)',
    ]);
    expect(d.reasons?.[0]).toMatchObject({ to: 'hello', value: '&{storage for make([]byte, 1000)}' });
  });

  it('go1.19 and go1.21 (no gowrap): the temporary is captured at the go statement, main.go:29:62', () => {
    for (const version of ['go1.19', 'go1.21'] as const) {
      const found = explanation(compilerText(version, 'seed.gcflags-m2.txt'), './main.go', 29, 32, 'make([]byte, 1000)');
      expect(found).toHaveLength(1);
      expect(found[0]?.reasons?.map((r) => `${r.step} ${r.note ?? r.to} ${r.line ?? ''}:${r.column ?? ''}`)).toEqual([
        'flow hello :', 'from spill 29:32', 'from assign 29:25', 'flow .autotmp_2 :', 'from assign 29:62', 'flow {storage for func literal} :',
        'from captured by a closure 29:62',
      ]);
    }
  });
});

describe('other real explanations', () => {
  it('the http.HandleFunc func literal (main.go:69:32): a call parameter, or, where HandleFunc was inlined, the mux', () => {
    for (const version of ['go1.23', 'go1.26-devel'] as const) {
      const found = explanation(compilerText(version, 'seed.gcflags-m2.txt'), './main.go', 69, 32, 'func literal');
      expect(found, version).toHaveLength(1);
      expect(found[0]?.reasons?.map((r) => r.note ?? r.to)).toEqual(['{heap}', 'spill', 'call parameter']);
      expect(found[0]?.reasons?.[2]).toMatchObject({ expression: 'http.HandleFunc("/ctl/phase", func literal)', file: './main.go', line: 69, column: 17 });
    }
    expect(explanation(compilerText('go1.26-devel', 'seed.gcflags-m2.txt'), './main.go', 69, 32, 'func literal')[0]?.function).toBe('serve');
    for (const version of ['go1.19', 'go1.21'] as const) {
      const found = explanation(compilerText(version, 'seed.gcflags-m2.txt'), './main.go', 69, 32, 'func literal');
      expect(found, version).toHaveLength(1);
      expect(found[0]?.reasons?.map((r) => r.note ?? r.to)).toEqual([
        'http.handler', 'spill', 'assign-pair', 'http.handler', 'assign-pair', '{heap}', 'interface-converted', 'call parameter',
      ]);
      expect(found[0]?.reasons?.[7]?.expression).toMatch(/^\(\*http\.ServeMux\)\.Handle\(http\.mux, http\.pattern, /);
    }
  });

  it('a parameter leak header: parameter, target, derefs, and a position inside another package', () => {
    const diagnostics = parseGcflags(compilerText('go1.23', 'seed.gcflags-m2.txt')).messages;
    const leaks = diagnostics.filter((d) => d.explanation && d.kind === 'leaking-param');
    expect(leaks.map((d) => `${d.file}:${d.line}:${d.column} ${d.subject} → ${d.target} (${d.level})`)).toEqual([
      './main.go:47:12 name → {heap} (0)',
      './main.go:47:12 name → {storage for name} (0)',
      './main.go:47:12 name → {storage for name} (0)',
      '../../../go-1.23.2/src/log/log.go:397:24 log.b → ~r0 (0)',
      '../../../go-1.23.2/src/log/log.go:397:24 log.b → ~r0 (0)',
      './main.go:74:36 w → {heap} (0)',
      './main.go:69:37 w → {heap} (0)',
      '../../../go-1.23.2/src/log/log.go:405:24 log.b → ~r0 (0)',
      '../../../go-1.23.2/src/log/log.go:405:24 log.b → ~r0 (0)',
    ]);
    const logB = leaks[3] as CompilerMessage;
    expect(logB.reasons?.map((r) => r.message)).toEqual([
      'flow: {temp} = log.b',
      'from fmt.Appendf(log.b, log.format, log.v...) (call parameter)',
      'flow: ~r0 = {temp}',
      'from return fmt.Appendf(log.b, log.format, log.v...) (return)',
    ]);
    expect(logB.reasons?.[3]).toMatchObject({ file: '../../../go-1.23.2/src/log/log.go', line: 398, column: 3, note: 'return' });
  });

  it('a variable moved to the heap is explained once per path (encoding/json encode.go wg)', () => {
    const diagnostics = parseGcflags(compilerText('go1.21', 'encoding_json.gcflags-m2.txt')).messages;
    const wg = diagnostics.filter((d) => d.file === 'encoding/json/encode.go' && d.line === 354 && d.column === 3 && d.subject === 'wg');
    expect(wg.map((d) => `${d.kind}${d.explanation ? ' (explanation)' : ''}: ${d.reasons?.map((r) => r.note).filter(Boolean).join(', ') ?? ''}`)).toEqual([
      'escapes-to-heap (explanation): address-of, call parameter',
      'escapes-to-heap (explanation): address-of, call parameter',
      'capturing: ',
      'escapes-to-heap (explanation): captured by a closure, reference',
      'moved-to-heap: ',
    ]);
  });

  it('`non-constant size` reasons are kept (encoding/json decode.go:1219)', () => {
    const found = explanation(compilerText('go1.23', 'encoding_json.gcflags-m2.txt'), 'encoding/json/decode.go', 1219, 11, 'make([]byte, len(s) + 8)');
    expect(found[0]?.reasons).toEqual([
      { message: 'flow: {heap} = &{storage for make([]byte, len(s) + 8)}', step: 'flow', to: '{heap}', value: '&{storage for make([]byte, len(s) + 8)}' },
      { message: 'from make([]byte, len(s) + 8) (non-constant size)', step: 'from', expression: 'make([]byte, len(s) + 8)', note: 'non-constant size', file: 'encoding/json/decode.go', line: 1219, column: 11 },
    ]);
  });
});
