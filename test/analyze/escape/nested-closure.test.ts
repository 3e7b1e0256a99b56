/**
 * Which function a message below what is known of a closure is in (docs/escape.md, "Packages,
 * files, functions"), and the same function for a -m=2 explanation and its -m line in the JSON
 * even when the lines between them decide it. Real output: test/fixtures/captured/go1.19-audit34-nest
 * (a closure nested in a closure, main.go.txt), the corpus' seed (`serve.func2`, a handler whose
 * `"ok"` at 82:17 is placed in it only by its parameter's leak, read after the value's explanation)
 * and test/fixtures/captured/go1.19-audit31-freeos2 (the same at 35:19). With --filter, the filter
 * decides on that function too (text and JSON).
 */
import { describe, expect, it } from 'vitest';
import { EscapeAnalyzer, type EscapeAnalysis } from '../../../src/analyze/escape/index.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { EscapeJsonStream } from '../../../src/report/escape/json.js';
import { buildEscapeTree } from '../../../src/tui/model/escape.js';
import { runCli } from '../../helpers/cli.js';
import { readFixture } from '../../helpers/fixtures.js';

const NEST = 'captured/go1.19-audit34-nest/m2.txt';
const SEED = 'corpus/go1.23/compiler/seed.gcflags-m2.txt';

function analyzeText(text: string, source: string, onFunctionSettled?: (id: number, fn: string | undefined, matches: boolean) => void, filter?: string): { analysis: EscapeAnalysis; guesses: Map<number, string> } {
  const guesses = new Map<number, string>();
  const analyzer = new EscapeAnalyzer({ ...(onFunctionSettled ? { limit: 0, onFunctionSettled } : {}), ...(filter !== undefined ? { filter } : {}) });
  const read = parseGcflags(text, source, {
    keep: false,
    onMessage: (d) => {
      const info = analyzer.add(d);
      if (info.provisional !== undefined) guesses.set(info.provisional, `${d.inputLine} ${d.line}:${d.column ?? ''} ${d.subject ?? ''} ${info.function ?? '-'}`);
    },
    onPackage: () => analyzer.packageHeader(),
  });
  expect(read.diagnostics).toEqual([]);
  return { analysis: analyzer.finish(read, source), guesses };
}

const heapValues = (analysis: EscapeAnalysis): string[] =>
  [...analysis.moved.items, ...analysis.escapes.items].map((f) => `${f.line}:${f.column} ${f.subject} ${f.function ?? '-'}`);

interface JsonMessage { inputLine: number; line: number; column?: number; kind: string; function?: string }

async function jsonMessages(fixture: string, ...options: string[]): Promise<JsonMessage[]> {
  const run = await runCli(['escape', '-f', 'json', '--schema', '2', `test/fixtures/${fixture}`, ...options]);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return (JSON.parse(run.stdout) as { messages: JsonMessage[] }).messages;
}

const at = (messages: JsonMessage[], line: number, column: number): string[] =>
  messages.filter((m) => m.line === line && m.column === column && m.kind === 'escapes-to-heap').map((m) => `${m.inputLine} ${m.function ?? '-'}`);

describe('go1.19-audit34-nest: `make([]byte, 1<<20)` at 11:14 is in main.func1.1, declared at 9:7 inside main.func1 (7:5)', () => {
  it('the make is main.func1.1\'s, each func literal its parent\'s', () => {
    const { analysis } = analyzeText(readFixture(NEST), 'm2.txt');
    expect(heapValues(analysis)).toEqual([
      '7:5 func literal main',
      '9:7 func literal main.func1',
      '11:14 make([]byte, 1 << 20) main.func1.1',
    ]);
    const rows = analysis.functions.map((r) => `${r.name} ${r.total} ${(r.byKind['escapes-to-heap'] ?? 0)}`);
    expect(rows).toEqual(['main 3 1', 'main.func1 2 1', 'main.func1.1 2 1']);
  });

  it('the TUI\'s Escape pane lists it under main.func1.1', () => {
    const { analysis } = analyzeText(readFixture(NEST), 'm2.txt');
    const file = buildEscapeTree(analysis).children[0]?.children[0];
    expect(file?.children.map((fn) => `${fn.name}: ${fn.children.map((leaf) => `${leaf.finding?.line}:${leaf.finding?.column}`).join(' ')}`)).toEqual([
      'main: 7:5',
      'main.func1: 9:7',
      'main.func1.1: 11:14',
    ]);
  });

  it('heapdoc escape (text and JSON) says so of both its messages, input lines 12 and 17', async () => {
    const text = await runCli(['escape', `test/fixtures/${NEST}`]);
    expect(text.stdout).toContain('  main.go:11:14  main.func1.1  [stack-size]\n');
    expect(at(await jsonMessages(NEST), 11, 14)).toEqual(['12 main.func1.1', '17 main.func1.1']);
  });
});

describe('seed (go1.23): an explanation read before what places it gets its -m line\'s function', () => {
  it('the guesses left open and what settles them: "ok" at 82:17 serve.func2, phaseName at 72:17 serve.func1', () => {
    const settled: string[] = [];
    const { guesses } = analyzeText(readFixture(SEED), 'seed.gcflags-m2.txt', (id, fn) => settled.push(`${id} ${fn ?? '-'}`));
    expect([...guesses.entries()].map(([id, guess]) => `${id} ${guess}`)).toEqual([
      '1 133 82:17 "ok" serve',
      '2 144 72:17 phaseName serve',
    ]);
    // Settled with their -m lines, in the order these come (72:17 before 82:17).
    expect(settled).toEqual(['2 serve.func1', '1 serve.func2']);
  });

  it('the JSON gives the header and the -m line the same function (input lines 133 and 173, 144 and 170)', async () => {
    const messages = await jsonMessages(SEED);
    expect(at(messages, 82, 17)).toEqual(['133 serve.func2', '173 serve.func2']);
    expect(at(messages, 72, 17)).toEqual(['144 serve.func1', '170 serve.func1']);
    expect(at(messages, 88, 34)).toEqual(['127 serve.func3', '177 serve.func3']);
    // samples/ holds the same capture.
    const run = await runCli(['escape', '-f', 'json', '--schema', '2', 'samples/go1.23/compiler/seed.gcflags-m2.txt']);
    expect(at((JSON.parse(run.stdout) as { messages: JsonMessage[] }).messages, 82, 17)).toEqual(['133 serve.func2', '173 serve.func2']);
  });

  it('go1.19-audit31-freeos2: "freed" at 35:19 is the handler\'s (main.func1), header and -m line', async () => {
    expect(at(await jsonMessages('captured/go1.19-audit31-freeos2/escape-m2.txt'), 35, 19)).toEqual(['58 main.func1', '73 main.func1']);
  });
});

describe('seed (go1.23) with --filter: the filter decides on the function the -m line settles, not the guess', () => {
  it('the analysis: the guesses settled with what the filter makes of them (func2 lets "ok" through, not phaseName)', () => {
    const settled: string[] = [];
    const { analysis } = analyzeText(readFixture(SEED), 'seed.gcflags-m2.txt', (id, fn, matches) => settled.push(`${id} ${fn ?? '-'} ${matches}`), 'func2');
    expect(settled).toEqual(['2 serve.func1 false', '1 serve.func2 true']);
    // "ok"'s header (guessed serve's) and the parameter w's are counted: two explanations.
    expect([analysis.explanations, analysis.byKind['escapes-to-heap']]).toEqual([2, 2]);
  });

  it('JSON --filter func2: "ok"\'s header at input line 133 is written, with serve.func2, and counted', async () => {
    const run = await runCli(['escape', '-f', 'json', '--schema', '2', `test/fixtures/${SEED}`, '--filter', 'func2']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const doc = JSON.parse(run.stdout) as { messages: JsonMessage[]; summary: { explanations: number; byKind: Record<string, number> } };
    expect(doc.messages.map((m) => `${m.inputLine} ${m.line}:${m.column ?? ''} ${m.kind} ${m.function ?? '-'}`)).toEqual([
      '13 74:31 cannot-inline serve.func2',
      '14 76:3 can-inline serve.func2.deferwrap1',
      '44 75:15 inlining-call serve.func2',
      '45 76:23 inlining-call serve.func2.deferwrap1',
      '125 76:16 capturing serve.func2',
      '133 82:17 escapes-to-heap serve.func2',
      '140 74:36 leaking-param serve.func2',
      '164 74:36 leaking-param serve.func2',
      '165 74:59 does-not-escape serve.func2',
      '172 82:13 does-not-escape serve.func2',
      '173 82:17 escapes-to-heap serve.func2',
    ]);
    expect([doc.summary.explanations, doc.summary.byKind['escapes-to-heap']]).toEqual([2, 2]);
  });

  it('JSON --filter func1: phaseName\'s header at input line 144 with serve.func1; "ok"\'s not', async () => {
    const messages = await jsonMessages(SEED, '--filter', 'func1');
    expect(at(messages, 72, 17)).toEqual(['144 serve.func1', '170 serve.func1']);
    expect(at(messages, 82, 17)).toEqual([]);
  });

  it('text --filter func2: "ok" keeps its steps (as without the filter) and both explanations are counted', async () => {
    const run = await runCli(['escape', `test/fixtures/${SEED}`, '--filter', 'func2', '--limit', '0']);
    expect(run.stdout).toContain('  main.go:82:17  serve.func2  [interface-conversion]\n'
      + '    "ok" escapes: put in a variadic (...) argument at main.go:82:13 → passed to fmt.Fprint at main.go:82:13 → the heap\n');
    expect(run.stdout).toContain('  (and 2 -m=2 explanations, with the message they explain)\n');
  });
});

describe('EscapeJsonStream: the bytes from a provisional function on wait until it is settled', () => {
  const messages = parseGcflags(readFixture(NEST), 'm2.txt', { keep: true }).messages;
  const make = messages.find((d) => d.line === 11 && d.explanation === true);
  const info = { matches: true, function: 'main', inlinedFrom: undefined, cause: undefined, sharedWith: undefined, closureAt: undefined, provisional: 7 };

  it('holds the message and the rest back, then writes it with the settled function in the guess\'s place', () => {
    const json = new EscapeJsonStream('m2.txt', 2);
    json.message(make as NonNullable<typeof make>, info);
    json.message(messages[0] as NonNullable<typeof make>, undefined);
    expect(json.takeBytes().toString('utf8')).toBe('{"schemaVersion":2,"source":"m2.txt","messages":[');
    expect(json.pendingLength).toBe(0);
    json.settle(7, 'main.func1.1', true);
    const rest = json.takeBytes().toString('utf8');
    expect(rest.startsWith('\n{"kind":"escapes-to-heap","file":"./main.go","line":11,"column":14,')).toBe(true);
    expect(rest).toContain('"subject":"make([]byte, 1 << 20)","function":"main.func1.1","inputLine":12},\n{');
    expect(json.pendingLength).toBe(0);
  });

  it('leaves it out when the filter rejects the settled function: the next message loses its comma', () => {
    const json = new EscapeJsonStream('m2.txt', 2);
    json.message(make as NonNullable<typeof make>, info);
    json.message(messages[0] as NonNullable<typeof make>, undefined);
    json.settle(7, 'main.func1.1', false);
    json.end({ ...analyzeText(readFixture(NEST), 'm2.txt').analysis, diagnostics: [] });
    const doc = JSON.parse(json.take()) as { messages: { inputLine: number }[] };
    expect(doc.messages.map((m) => m.inputLine)).toEqual([(messages[0] as NonNullable<typeof make>).inputLine]);
  });

  it('a guess the filter rejects is left out when the package ends (settleAll), the one after it kept', () => {
    const json = new EscapeJsonStream('m2.txt', 2);
    json.message(make as NonNullable<typeof make>, { ...info, matches: false });
    json.settleAll();
    json.message(messages[0] as NonNullable<typeof make>, undefined);
    const text = json.take();
    expect(text.startsWith('{"schemaVersion":2,"source":"m2.txt","messages":[\n{"kind":')).toBe(true);
    expect(text).not.toContain('make([]byte');
  });

  it('a package that ends first: the guess is written (settleAll)', () => {
    const json = new EscapeJsonStream('m2.txt', 2);
    json.message(make as NonNullable<typeof make>, info);
    json.settleAll();
    json.settle(7, 'main.func1.1'); // too late: ignored
    expect(json.take()).toContain('"subject":"make([]byte, 1 << 20)","function":"main","inputLine":12}');
  });
});
