/**
 * The `escape` analysis, fed one diagnostic at a time (streaming): it links -m=2 explanations to
 * their -m lines, gives every heap value a cause, names the enclosing function where the output
 * allows it, and counts by kind, cause, package, file and function. It keeps the counts and at
 * most `limit` findings per list, so memory stays bounded however large the input.
 */
import { detach } from '../../grammar/common/strings.js';
import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import { detachMessage } from '../../grammar/gcflags/messages.js';
import type { CompilerMessage, EscapeKind, EscapeReason, EscapeSummary } from '../../grammar/gcflags/index.js';
import { ESCAPE_KINDS } from '../../grammar/gcflags/model.js';
import { causeOfSummaries, decidingPath, describeFindingOf, describePath, ESCAPE_CAUSES, summarizePath, withStatement, type ClosureStatement, type EscapeCause, type PathSummary, type StatementAt } from './cause.js';
import { ExplanationLinker, HeldExplanation, isExplainedKind, linkKey, stepsKey, type LinkedGroup } from './link.js';
import { closureParent, isRangeBody, PACKAGE_INIT, withoutTypeArguments, type UnnamedClosure } from './names.js';

export type FindingKind = 'moved-to-heap' | 'escapes-to-heap' | 'leaking-param' | 'leaking-param-content' | 'leaking-closure-reference';

/** One heap value or leaking parameter, with the explanations the -m=2 output gave for it. */
export interface EscapeFinding {
  kind: FindingKind;
  file: string;
  line: number;
  column?: number;
  package?: string;
  function?: string;
  /**
   * The function whose inlined body this is (`remember`, inlined into `main`): the compiler
   * reports an inlined copy at the call site, where `inlining call to remember` stands.
   */
  inlinedFrom?: string;
  /**
   * The compiler printed no column (go1.19 prints none from column 255 on) and the line holds code
   * of several functions (closures declared on it without a column): how many of them could hold
   * the value besides `function`, which encloses them all (undefined when none does). See
   * `columnNote`.
   */
  lineFunctions?: number;
  /** At plain -m: the value is in a closure the output does not name (not inlinable), starting at this column of its line (see columnNote). */
  closureAt?: UnnamedClosure;
  /**
   * `function` is the closure the compiler makes of a method value (`put := records.Put` at
   * main.go:62:16 is `ingest.func1`): the method, as -m=2 names it (`(*Cache[int,*main.Record]).Put`),
   * or `''` when only the captured receiver says it is one (see EscapeAnalyzer.methodValueOf).
   */
  methodValue?: string;
  subject: string;
  message: string;
  target?: string;
  level?: number;
  inputLine: number;
  /** One reason chain per explanation (the compiler may explain a value several times); none when the analysis ran with `keepPaths: false`. */
  paths: EscapeReason[][];
  cause: EscapeCause;
  /** The chain in words: `make([]byte, 1000) escapes: assigned to hello at main.go:29:25 → …`. */
  sentence: string;
}

/** What the analysis adds to a diagnostic (the JSON report prints it beside the diagnostic). */
export interface DiagnosticInfo {
  /**
   * False when `filter` excludes the diagnostic. For a `provisional` one, by its guessed function:
   * onFunctionSettled says what the filter makes of the function it is settled to.
   */
  matches: boolean;
  function: string | undefined;
  /** The diagnostic is about an inlined copy of this function (see EscapeFinding.inlinedFrom). */
  inlinedFrom: string | undefined;
  cause: EscapeCause | undefined;
  /**
   * The compiler printed no column and the line holds code of several functions (see
   * EscapeFinding.lineFunctions): the others that could hold it besides `function`, which encloses
   * them all. Undefined for the rest.
   */
  sharedWith: readonly string[] | undefined;
  /** At plain -m: in a closure the output does not name (EscapeFinding.closureAt); `function` is then undefined. */
  closureAt: UnnamedClosure | undefined;
  /** A `func literal` that no declaration puts at its position: a go statement's call wrapper, when its -m=2 chain says it is handed to a goroutine (isGoWrapper). */
  goWrapper?: true | undefined;
  /** The compiler declares that func literal a go statement's wrapper (go1.21 on: `.gowrap1`): the statement is `go` without a source line (declaredStatement). */
  goDeclared?: true | undefined;
  /**
   * Set (an id) on a -m=2 explanation whose `function` is a guess the lines after it may change
   * (its position is below what is known to be in a closure, above what is known to be outside
   * it: docs/escape.md), when EscapeAnalysisOptions.onFunctionSettled is given: that callback
   * later gets the id with the function its finding is given (its -m line's), the same for both,
   * and whether `filter` lets it through with that function.
   */
  provisional?: number | undefined;
}

export interface CountRow {
  name: string;
  total: number;
  byKind: Partial<Record<EscapeKind, number>>;
}

export interface FindingList {
  /** All findings of the list that matched the filter. */
  total: number;
  /** The first `limit` of them, sorted by package, file and line. */
  items: EscapeFinding[];
}

export interface EscapeAnalysis {
  source: string;
  commands: string[];
  /** The grammar's counts over the whole input. */
  input: EscapeSummary;
  /** Problems with the input (unrecognized or cut lines); the JSON report's `problems`. */
  diagnostics: Diagnostic[];
  filter?: string;
  /** -m=2 explanations were present: causes come from the compiler's reasons, not from guesses. */
  explained: boolean;
  /** Diagnostics that matched the filter, by kind (explanations included, as in the JSON). */
  byKind: Partial<Record<EscapeKind, number>>;
  /** The same without the -m=2 explanations: one count per -m message line. */
  messages: Partial<Record<EscapeKind, number>>;
  /** -m=2 explanations that matched the filter. */
  explanations: number;
  /** Heap values (moved to heap + escapes to heap, -m lines) by cause. */
  heapByCause: Partial<Record<EscapeCause, number>>;
  /** Leaking parameters by cause. */
  leaksByCause: Partial<Record<EscapeCause, number>>;
  moved: FindingList;
  escapes: FindingList;
  leaks: FindingList;
  compileErrors: FindingListOf<CompilerMessage>;
  unrecognized: FindingListOf<CompilerMessage>;
  /** Sorted by heap values, then by messages. */
  packages: CountRow[];
  files: CountRow[];
  /** Only where the output names the function or lets it be found (see docs/escape.md). */
  functions: CountRow[];
  /** With EscapeAnalysisOptions.topRows: how many rows each table had before it was cut to its first rows. */
  rowCounts?: { packages: number; files: number; functions: number };
  /** With EscapeAnalysisOptions.topRows: the heap values counted in all the function rows (heapCount summed), not only the rows kept. */
  functionHeap?: number;
  /**
   * The closures of `functions` that are method values (`ingest.func1`, `put := records.Put`), with
   * their method as -m=2 names it (`(*Cache[int,*main.Record]).Put`; `''` when only the captured
   * receiver says it is one): EscapeFinding.methodValue, by closure. Absent when there is none.
   */
  methodValues?: Record<string, string>;
}

export interface FindingListOf<T> {
  total: number;
  items: T[];
}

export interface EscapeAnalysisOptions {
  /** Keep only diagnostics whose package, file or function contains this text. */
  filter?: string;
  /** Findings kept per list; undefined keeps all. */
  limit?: number;
  /**
   * Whether `add` gives each message its cause as soon as it is read (`DiagnosticInfo.cause`,
   * what the streamed JSON prints beside it). Default true; the text report, which prints only
   * the counts and findings, passes false and saves a cause per explanation and per -m line.
   */
  messageCauses?: boolean;
  /**
   * Whether findings keep their reason chains (`paths`, default true): the terminal UI shows
   * them; the text report prints only the sentence made of them (`--limit 0` on the whole -m=2
   * output of std kept a million steps for nothing).
   */
  keepPaths?: boolean;
  /**
   * Called when the function of an explanation that `add` gave a provisional guess
   * (DiagnosticInfo.provisional) is settled: with its -m line, or when the package or input ends;
   * `matches`, whether `filter` lets the explanation through with that function (the counts do
   * the same). Not called for one the linker dropped (past what it holds of one value): its guess
   * stands, and DiagnosticInfo.matches with it.
   */
  onFunctionSettled?: (id: number, fn: string | undefined, matches: boolean) => void;
  /**
   * Rows the package, file and function tables keep, the first by heap values then messages
   * (the text report prints 10); `rowCounts` and `functionHeap` then say what the tables held in
   * all. Undefined keeps every row (the JSON's tables, the terminal UI's). A selection, not a
   * sort: sorting the ~40,000 function rows of the std output (each row's counts made into an
   * object first, names tied by localeCompare) was most of what `finish` cost (docs/performance.md).
   */
  topRows?: number;
  /**
   * The statement at a position, read from the program's source where it is found: tells a
   * looping `defer`'s closure from a `go` statement's (cause.ts withStatement). Without it the
   * sentence says both.
   */
  statementAt?: StatementAt;
}

interface Declaration {
  line: number;
  column: number;
  name: string;
  /**
   * A closure's enclosing function, from its name (`main` of `main.func1`, `F.func2` of the
   * nested `F.func2.1`, `F` of the go/defer wrapper `F.gowrap1`); undefined for a declared function.
   */
  parent: string | undefined;
  /** A go/defer wrapper (`F.gowrap1`, `F.deferwrap1`): it holds one statement, and ends with its line. */
  wrapper: boolean;
  /**
   * A range-over-func loop's body (`F-range1`, go1.23+): the closures and loop bodies in it are
   * named after `parent`, the function around the loop (names.ts isRangeBody).
   */
  range: boolean;
  /**
   * For a closure, what the output lets be known of its extent (its end is never printed): the last
   * position known to be inside it (its declaration at first), and the first position after its
   * declaration known to be outside it (see EscapeAnalyzer.witness). A go/defer wrapper holds one
   * statement: it ends with its line.
   */
  insideLine: number;
  insideColumn: number;
  outsideLine: number;
  outsideColumn: number;
}

/** (line, column) of a before (line2, column2). */
function before(line: number, column: number, line2: number, column2: number): boolean {
  return line < line2 || (line === line2 && column < column2);
}

/**
 * The column of a position the compiler printed none for: after every column of its line (go1.19
 * prints none from column 255 on: cmd/internal/src's colMax; Go < 1.10 prints none at all).
 */
const NO_COLUMN = Number.MAX_SAFE_INTEGER;

/** Placements by reasons more than this many in one package are not kept (output made to hurt). */
const PLACED_PER_PACKAGE = 4096;

/** Where a line shared by several functions puts a message without a column (EscapeAnalyzer.sharedLine). */
interface SharedLine {
  /** The function that encloses every one that could hold it (or the one that does). */
  function: string | undefined;
  /** How many others could hold it: `others.length`. */
  among: number;
  others: readonly string[];
}

const NO_OTHERS: readonly string[] = [];

/**
 * The column of a value printed without one that its -m=2 steps give (go1.19 prints none from
 * column 255 on, but a step may stand before it): the first step of the first flow, at the value's
 * own line, that has a column. The first flow's steps are the expressions that hold the value, up
 * to where it is assigned (`from return make([]byte, 1792) (return) at ./main.go:22:252`, `from b
 * := make([]byte, 6144) (assign) at ./main.go:25:254`): one statement, in the value's own function.
 */
function reasonColumn(d: CompilerMessage): number | undefined {
  const reasons = d.reasons;
  if (reasons === undefined) return undefined;
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i] as EscapeReason;
    if (r.step === 'flow' && i > 0) break;
    if (r.step === 'from' && r.column !== undefined && r.line === d.line && r.file === d.file) return r.column;
  }
  return undefined;
}

/** Where plainPlace puts a message: a function, or a closure plain -m does not name; `shared`, sharedLine's answer. */
interface PlainPlace {
  function: string | undefined;
  closureAt: UnnamedClosure | undefined;
  shared?: SharedLine;
}

/** A closure starting at a column of a line: its name, when the output declares it (or it is found: lineStarts). */
interface ClosureStart {
  column: number;
  name: string | undefined;
}

/**
 * The closures that start at a line with a column, in column order: those declared there (`can
 * inline main.func2` at 27:67) and those only a `func literal` message shows (plain -m declares only
 * inlinable functions: `go func() { defer wg.Done(); … }()` at 27:6 is not), unnamed. A first
 * nested closure (`main.func3.1`, go1.22+ too) whose parent is not declared at the
 * line names the start just before it, when that is unnamed: its parent (`g := func() func() []byte
 * { …; return func() []byte { … } }`: main.func3 at 33:7, main.func3.1 at 33:63). The parent starts
 * before it, and no other closure can come between: it would be a child of the parent numbered
 * before the first.
 */
function lineStarts(list: readonly Declaration[], line: number, literals: readonly number[] | undefined): ClosureStart[] {
  const starts: ClosureStart[] = [];
  for (let i = declarationAt(list, line, NO_COLUMN); i >= 0 && (list[i] as Declaration).line === line; i--) {
    const x = list[i] as Declaration;
    if (x.parent !== undefined && x.column !== NO_COLUMN && !x.wrapper) starts.push({ column: x.column, name: x.name });
  }
  for (const column of literals ?? []) if (!starts.some((s) => s.column === column)) starts.push({ column, name: undefined });
  starts.sort((a, b) => a.column - b.column);
  for (let i = 1; i < starts.length; i++) {
    const name = (starts[i] as ClosureStart).name;
    const parent = name === undefined || !FIRST_CHILD.test(name) ? undefined : closureParent(name);
    const previous = starts[i - 1] as ClosureStart;
    if (parent !== undefined && closureParent(parent) !== undefined && previous.name === undefined && !starts.some((s) => s.name === parent)) previous.name = parent;
  }
  return starts;
}

/**
 * Whether a message at a range-over-func loop body's line (plainPlace) is about one of its loop
 * variables: a parameter's leak, or an identifier that does not escape or is moved to the heap
 * (`ra does not escape` at net/http/fs.go:1025:6, the body `parseRange-range1` declared at 1025:2),
 * after the `for`.
 */
function loopVariable(d: CompilerMessage, column: number, starts: readonly ClosureStart[]): boolean {
  if (starts.some((s) => s.column === column)) return false;
  if (d.kind === 'leaking-param' || d.kind === 'leaking-param-content') return true;
  return (d.kind === 'does-not-escape' || d.kind === 'moved-to-heap') && d.subject !== undefined && IDENTIFIER.test(d.subject);
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A closure's name that says it is the first declared in its parent: `main.func3.1` (`main.func3.func1`: one inlined). */
const FIRST_CHILD = /\.(?:func)?1$/;

/**
 * The function a position of a line at plain -m is in, by the closures that start there
 * (lineStarts): the last one that starts at or before it (`strictly`: before it, for a closure's
 * own `func literal`), or, before them all, the function around the first. As at -m=2, a closure is
 * taken to run up to the next one's start on its line: plain -m prints nothing of where it ends
 * (`go func(b []byte) { … }(make([]byte, n))`: the make is taken to be the closure's). A closure
 * the output does not name gives `closureAt`, with the function it is in.
 */
function placeAt(starts: readonly ClosureStart[], column: number, strictly: boolean): PlainPlace {
  let at = -1;
  for (let i = 0; i < starts.length; i++) if ((starts[i] as ClosureStart).column < column || (!strictly && (starts[i] as ClosureStart).column === column)) at = i;
  if (at < 0) {
    // Before every closure of the line: in the function around the first, when a name says which.
    const first = starts.find((s) => s.name !== undefined);
    const parent = first?.name === undefined ? undefined : closureParent(first.name);
    const around = parent !== undefined && (first === starts[0] || closureParent(parent) === undefined) ? parent : undefined;
    return { function: around, closureAt: undefined };
  }
  const start = starts[at] as ClosureStart;
  if (start.name !== undefined) return { function: start.name, closureAt: undefined };
  return { function: undefined, closureAt: { column: start.column, parent: placeAt(starts, start.column, true).function } };
}

/** The declarations at exactly (line, column) that end at index `at` of a sorted list, in order. */
function sameLine(list: readonly Declaration[], at: number, line: number, column: number): Declaration[] {
  let first = at;
  while (first >= 0 && (list[first] as Declaration).line === line && (list[first] as Declaration).column === column) first--;
  return list.slice(first + 1, at + 1);
}

/** `F`, then the functions its closure name says enclose it: `main.func1.2` → `main.func1` → `main`. */
function enclosingChain(name: string): string[] {
  const chain = [name];
  for (let parent = closureParent(name); parent !== undefined; parent = closureParent(parent)) chain.push(parent);
  return chain;
}

/** The innermost function that is or encloses every one of `names` (by their closure names), undefined when none does. */
function enclosingAll(names: readonly string[]): string | undefined {
  const chains = names.map((n) => new Set(enclosingChain(n)));
  return enclosingChain(names[0] ?? '').find((f) => chains.every((c) => c.has(f)));
}

/** The declaration a position is in: its index in a file's sorted declarations (-1: before the first). */
function declarationAt(list: readonly Declaration[], line: number, column: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = list[mid] as Declaration;
    if (candidate.line < line || (candidate.line === line && candidate.column <= column)) {
      at = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return at;
}

/**
 * Where a declaration at (line, column) goes in a sorted list: after every one at or before it.
 * Most come in the order of the source (the end of the list); the same output read again (the
 * bench's nine copies, two builds one after another) walked back over the rest of the file each.
 */
function insertionPoint(list: readonly Declaration[], line: number, column: number): number {
  const last = list[list.length - 1];
  return last === undefined || compareDeclaration(last, line, column) <= 0 ? list.length : declarationAt(list, line, column) + 1;
}

/** True when declaration `at` of `list` is the one a position is in (at or after it, before the next). */
function isDeclarationAt(list: readonly Declaration[], at: number, line: number, column: number): boolean {
  const here = at < 0 ? undefined : list[at];
  if (here !== undefined && (here.line > line || (here.line === line && here.column > column))) return false;
  const next = list[at + 1];
  return next === undefined || next.line > line || (next.line === line && next.column > column);
}

const EXAMPLES = 20;

/** An explanation whose function is a guess, while it waits for the -m line that settles it (EscapeAnalyzer.provisional). */
interface Provisional {
  /** DiagnosticInfo.provisional (none without onFunctionSettled). */
  id: number | undefined;
  /** Its kind's index in ESCAPE_KINDS. */
  kind: number;
  /** Whether the filter lets it through with the guessed function. */
  matches: boolean;
}

/** No explanations (shared, never written to). */
const NO_MESSAGES: readonly CompilerMessage[] = [];

/**
 * Counts by key, in the order keys first came (the order of the report's objects). A Map, not a
 * `Partial<Record>` bumped in place: objects that gain keys in different orders have different
 * shapes, and a property store across many shapes is slow (five per compiler message).
 */
type Tally<K extends string> = Map<K, number>;

function bump<K extends string>(tally: Tally<K>, key: K): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

function counts<K extends string>(tally: Tally<K>): Partial<Record<K, number>> {
  return Object.fromEntries(tally) as Partial<Record<K, number>>;
}

/** A kind's index in ESCAPE_KINDS (for messages made without the reader's `kindIndex`). */
const KIND_INDEX = new Map<EscapeKind, number>(ESCAPE_KINDS.map((kind, i) => [kind, i]));

/**
 * Messages by kind, in the order kinds first came (as a Tally, without a Map lookup and store
 * per count: five counts per compiler message).
 */
class KindCounts {
  private readonly counts: number[] = ESCAPE_KINDS.map(() => 0);
  private readonly order: number[] = [];

  add(kind: number): void {
    const n = this.counts[kind] as number;
    this.counts[kind] = n + 1;
    if (n === 0) this.order.push(kind);
  }

  countOf(kind: number): number {
    return this.counts[kind] as number;
  }

  record(): Partial<Record<EscapeKind, number>> {
    const out: Partial<Record<EscapeKind, number>> = {};
    for (const kind of this.order) out[ESCAPE_KINDS[kind] as EscapeKind] = this.counts[kind] as number;
    return out;
  }
}

/**
 * A CountRow while it is counted. Rows are kept to the end, one per function, and a function's
 * messages are of two or three kinds: its first three kinds are counted in the row itself, in the
 * order they came, the rest in a KindCounts made for the few rows that need it (one per row, a
 * count for each of ESCAPE_KINDS, was most of a row's memory).
 */
class Row {
  total = 0;
  private kind0 = -1;
  private count0 = 0;
  private kind1 = -1;
  private count1 = 0;
  private kind2 = -1;
  private count2 = 0;
  private more: KindCounts | undefined = undefined;

  constructor(readonly name: string) {}

  add(kind: number): void {
    this.total++;
    if (this.kind0 === kind) this.count0++;
    else if (this.kind1 === kind) this.count1++;
    else if (this.kind2 === kind) this.count2++;
    else if (this.kind0 < 0) {
      this.kind0 = kind;
      this.count0 = 1;
    } else if (this.kind1 < 0) {
      this.kind1 = kind;
      this.count1 = 1;
    } else if (this.kind2 < 0) {
      this.kind2 = kind;
      this.count2 = 1;
    } else {
      (this.more ??= new KindCounts()).add(kind);
    }
  }

  /** Messages of the kind at `kind` in ESCAPE_KINDS (what `record()[kind]` holds, without the object). */
  countOf(kind: number): number {
    if (this.kind0 === kind) return this.count0;
    if (this.kind1 === kind) return this.count1;
    if (this.kind2 === kind) return this.count2;
    return this.more?.countOf(kind) ?? 0;
  }

  /** heapCount of the row's record. */
  heap(): number {
    return this.countOf(MOVED_TO_HEAP) + this.countOf(ESCAPES_TO_HEAP);
  }

  record(): Partial<Record<EscapeKind, number>> {
    const out: Partial<Record<EscapeKind, number>> = {};
    if (this.kind0 >= 0) out[ESCAPE_KINDS[this.kind0] as EscapeKind] = this.count0;
    if (this.kind1 >= 0) out[ESCAPE_KINDS[this.kind1] as EscapeKind] = this.count1;
    if (this.kind2 >= 0) out[ESCAPE_KINDS[this.kind2] as EscapeKind] = this.count2;
    return this.more === undefined ? out : Object.assign(out, this.more.record());
  }
}

const MOVED_TO_HEAP = KIND_INDEX.get('moved-to-heap') as number;
const ESCAPES_TO_HEAP = KIND_INDEX.get('escapes-to-heap') as number;

/** A row before another in the tables: more heap values, then more messages, then by name. */
function rowBefore(a: Row, aHeap: number, b: Row, bHeap: number): boolean {
  return (bHeap - aHeap || b.total - a.total || a.name.localeCompare(b.name)) < 0;
}

/**
 * The first `top` rows in the order the tables' sort gives (`rows` in `finish`: heap values, then
 * messages, then name; a stable sort, so rows alike stay in the order they came), chosen in one
 * pass: a row is compared with the last of those kept so far, and most rows (no heap value) lose
 * there without a name compared.
 */
function firstRows(rows: Iterable<Row>, top: number): Row[] {
  const kept: Row[] = [];
  const heaps: number[] = [];
  if (top <= 0) return kept;
  for (const row of rows) {
    const heap = row.heap();
    const n = kept.length;
    // A row that ties the last kept one stays after it: it came later.
    if (n === top && !rowBefore(row, heap, kept[n - 1] as Row, heaps[n - 1] as number)) continue;
    let at = n === top ? n - 1 : n;
    while (at > 0 && rowBefore(row, heap, kept[at - 1] as Row, heaps[at - 1] as number)) at--;
    kept.splice(at, 0, row);
    heaps.splice(at, 0, heap);
    if (kept.length > top) {
      kept.pop();
      heaps.pop();
    }
  }
  return kept;
}

/** Rows by name; the last row counted is kept at hand (messages come a package and a file at a time). */
class RowTable {
  readonly rows = new Map<string, Row>();
  private lastRow: Row | undefined;
  /**
   * The name the last row was counted by, as the caller passed it: the grammar hands the same
   * string object for a file or package line after line, which compares by identity, where the
   * row's own (detached) copy of the name would be compared character by character.
   */
  private lastName: string | undefined;

  count(name: string, kind: number): void {
    let row = this.lastRow;
    if (name !== this.lastName) {
      row = this.rows.get(name);
      if (!row) {
        row = new Row(detach(name));
        this.rows.set(row.name, row);
      }
      this.lastRow = row;
      this.lastName = name;
    }
    (row as Row).add(kind);
  }
}

function countRow(row: Row): CountRow {
  return { name: row.name, total: row.total, byKind: row.record() };
}

function compareFindings(a: { package?: string; file: string; line: number; column?: number; inputLine: number }, b: typeof a): number {
  return (a.package ?? '').localeCompare(b.package ?? '') || a.file.localeCompare(b.file) || a.line - b.line
    || (a.column ?? 0) - (b.column ?? 0) || a.inputLine - b.inputLine;
}

export class EscapeAnalyzer {
  private readonly linker = new ExplanationLinker<string>();
  private readonly filter: string | undefined;
  private readonly limit: number;
  private readonly messageCauses: boolean;
  private readonly keepPaths: boolean;
  /** Function declarations by file (from `can inline F` / `cannot inline F` lines), sorted. */
  private readonly declarations = new Map<string, Declaration[]>();
  private lastDeclarationFile: string | undefined;
  private lastDeclarations: Declaration[] | undefined;
  /**
   * The closures of `declarations` whose extent the lines below them bound (not go/defer
   * wrappers: `bound`), by file, sorted alike: witness and calledAt walk every declaration above a
   * position and act on these only, and a file of the standard library declares hundreds of
   * functions and a few closures (the walk of all was ~5 % of the samples of a `-m` std profile).
   */
  private readonly closures = new Map<string, Declaration[]>();
  private lastClosures: Declaration[] | undefined;
  /**
   * The last declaration enclosingFunction found, and in which list: the messages of a function
   * come together, and most are in the one found for the message before.
   */
  private foundIn: readonly Declaration[] | undefined;
  private foundAt = -1;
  /** Packages whose output lists every function (-m=2 prints `cannot inline F: …` for the rest). */
  private readonly completePackages = new Set<string>();
  /**
   * Calls inlined so far, by `file:line:column` of the call: the callee (the first inlined there:
   * the outermost) and the function the call is in, found when the `inlining call to` line is
   * read. The compiler prints a function's inlined calls right after its own `can inline` /
   * `cannot inline` line and before the next function's — closures declared earlier in the
   * same function included — so the declarations read so far name it, where the position alone
   * would name the closure (`main.func1`) declared above the call.
   */
  private readonly inlinedCalls = new PositionMap<InlinedCall>();
  /**
   * The function of the last `can inline` / `cannot inline` line read (see ownCall): `name`, its
   * declaration's; `own`, the line's, another shape instantiation at the same position (`instances`).
   */
  private lastDeclared: { file: string; name: string; own: string } | undefined;
  /**
   * Shape instantiations of a generic function, by the name of each: go1.19 declares every one at
   * the generic's name (`NewCache[go.shape.int_0,go.shape.*uint8_1]` and
   * `NewCache[go.shape.string_0,go.shape.string_1]` at main.go:19:6), where the position alone
   * names the first (see `shaped`).
   */
  private readonly instances = new Map<string, string[]>();
  /** Closures that are method values, with their method (EscapeFinding.methodValue), by name. */
  private readonly methodValues = new Map<string, string>();
  /**
   * Explanations held by the linker that assign their value to the initialisation's static
   * temporary (assignsInitTemporary): their -m line is init's too, whatever is declared above it.
   */
  private readonly initValues = new Set<CompilerMessage>();
  /**
   * The functions of the last run of `can inline` / `cannot inline` lines (the declarations read
   * since the last `inlining call` line before them), and whether a call was read since: the
   * compiler prints a function's calls after the run its line is in (see packageCall).
   */
  private readonly run = new Set<string>();
  private callsRead = false;
  /**
   * Values printed without a column on a line shared by several functions that their -m=2 steps
   * place (placedByReasons), by linkKey: the function, or null when two explanations of one key
   * disagree or one has no step with a column. Until the package ends: its -m lines and
   * explanations alone are settled by then.
   */
  private readonly placed = new Map<string, string | null>();
  /**
   * Packages printed at plain -m (not in completePackages): the columns of the `func literal`
   * messages read so far, by file and line, where a closure starts; a line holding one, or a
   * closure's declaration, is a line of several functions (plainPlace). Until the package ends.
   */
  private readonly literals = new Map<string, Map<number, number[]>>();
  private lastLiteralsFile: string | undefined;
  private lastLiterals: Map<number, number[]> | undefined;
  /** The lines where closures are declared, by file (the file asked about last kept at hand). */
  private readonly closureLines = new Map<string, Set<number>>();
  private lastClosureFile: string | undefined;
  private lastClosureLines: Set<number> | undefined;
  /** plainPlace's answer for the last message asked about: add, record and finding ask in turn. */
  private plainMessage: CompilerMessage | undefined;
  private plainAnswer: PlainPlace | undefined;
  private explained = false;
  /**
   * Whether the last enclosingFunction answer is a guess between what is known of a closure's
   * extent (inGap): the lines read after it may decide otherwise (see DiagnosticInfo.provisional).
   */
  private guessed = false;
  /**
   * Explanations held by the linker whose function was a guess, by what the linker holds: their
   * provisional id (DiagnosticInfo.provisional), and with `filter`, what is counted of them once
   * the filter decides on their settled function (their kind; `matches`, the guess's decision).
   */
  private readonly provisional = new Map<CompilerMessage, Provisional>();
  private provisionalCount = 0;
  private readonly onFunctionSettled: ((id: number, fn: string | undefined, matches: boolean) => void) | undefined;
  private readonly topRows: number | undefined;
  private readonly statementAt: StatementAt | undefined;
  /** The last message whose cause was decided from itself alone (see `cause`). */
  private aloneMessage: CompilerMessage | undefined;
  private aloneCause: EscapeCause = 'unknown';

  private readonly byKind = new KindCounts();
  private readonly messages = new KindCounts();
  private explanationCount = 0;
  private readonly heapByCause: Tally<EscapeCause> = new Map();
  private readonly leaksByCause: Tally<EscapeCause> = new Map();
  private readonly lists = {
    moved: { total: 0, items: [] as EscapeFinding[] },
    escapes: { total: 0, items: [] as EscapeFinding[] },
    leaks: { total: 0, items: [] as EscapeFinding[] },
  };
  private readonly compileErrors: FindingListOf<CompilerMessage> = { total: 0, items: [] };
  private readonly unrecognized: FindingListOf<CompilerMessage> = { total: 0, items: [] };
  private readonly packages = new RowTable();
  private readonly files = new RowTable();
  private readonly functions = new RowTable();

  constructor(options: EscapeAnalysisOptions = {}) {
    this.filter = options.filter === '' ? undefined : options.filter;
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
    this.messageCauses = options.messageCauses ?? true;
    this.keepPaths = options.keepPaths ?? true;
    this.onFunctionSettled = options.onFunctionSettled;
    this.topRows = options.topRows;
    this.statementAt = options.statementAt;
  }

  /** Reads one diagnostic (in input order) and says what the analysis adds to it. */
  add(d: CompilerMessage): DiagnosticInfo {
    // Each field read once: messages come in several shapes (their optional fields), so every
    // read of `d` is a megamorphic load, and this runs for every line of the input.
    const kind = d.kind;
    const file = d.file;
    const line = d.line;
    const column = d.column;
    const explanation = d.explanation === true;
    if (kind === 'can-inline' || kind === 'cannot-inline' || kind === 'big-function') this.declare(d, kind);
    else if (d.function !== undefined && line !== 0) this.witness(file, line, column ?? 0, d.function);
    if (kind === 'can-inline' || kind === 'capturing') this.methodValueOf(d);
    const ownCall = kind === 'inlining-call' ? this.ownCall(d) : undefined;
    if (kind === 'inlining-call') this.callsRead = true;
    if (ownCall !== undefined) this.witness(file, line, column ?? 0, ownCall);
    if (kind === 'inlining-call' && d.subject !== undefined && line !== 0) this.calledAt(file, line, column ?? 0, d.subject);
    const inlined = this.inlinedAt(kind, file, line, column);
    // No package lists every function (plain -m): no declaration can name the enclosing one.
    if (d.subject === 'func literal' && column !== undefined && line !== 0) this.literal(d, file, line, column);
    this.guessed = false;
    let fn = d.function ?? this.shaped(inlined?.into ?? this.enclosingFunction(d), kind === 'inlining-call' ? undefined : d.subject);
    if (kind === 'inlining-call' && ownCall === undefined && this.packageCall(d, fn)) fn = PACKAGE_INIT;
    const initValue = explanation && inlined === undefined && d.function === undefined && fn !== PACKAGE_INIT && assignsInitTemporary(d);
    if (initValue) fn = PACKAGE_INIT;
    // An explanation whose function the lines after it may change: the filter decides on the one
    // it is settled to (`settle`), as the JSON writes it.
    const guessed = explanation && this.guessed && column !== undefined && (this.onFunctionSettled !== undefined || this.filter !== undefined);
    const provisional = guessed && this.onFunctionSettled !== undefined ? ++this.provisionalCount : undefined;
    if (kind === 'inlining-call') this.noteInlinedCall(d, fn, ownCall !== undefined);
    if ((kind === 'leaking-param' || kind === 'leaking-param-content') && fn !== undefined && d.reasons !== undefined) this.parameterUsed(d, fn);
    const matches = this.filter === undefined || this.matches(d, fn);
    // Every field set, undefined or not: one object shape for every message.
    const info: DiagnosticInfo = { matches, function: fn, inlinedFrom: inlined?.callee, cause: undefined, sharedWith: undefined, closureAt: undefined, goWrapper: this.declaredAsGoWrapper(d) || undefined, goDeclared: this.declaredStatement(d) === 'go' || undefined, provisional };
    if (explanation) this.explained = true;

    const explainedKind = isExplainedKind(kind);
    if (this.linker.idle(d)) {
      // What `settle` would make of the line alone, without the group made to hand it over.
      if (explainedKind) this.record(d, d.reasons?.length ? [d] : NO_MESSAGES, this.shaped(inlined?.into, d.subject) ?? fn);
    } else {
      let held: CompilerMessage = d;
      if (explanation) {
        held = this.waiting(d, fn, inlined?.into, guessed);
        if (guessed) this.provisional.set(held, { id: provisional, kind: d.kindIndex ?? (KIND_INDEX.get(kind) as number), matches });
        if (initValue) this.initValues.add(held);
      }
      for (const group of this.linker.add(held, fn)) this.settle(group);
    }
    if (explanation) {
      // Listed with the -m line it explains (or alone, if none comes) when its package ends.
      if (this.messageCauses) info.cause = this.cause(d, [d]);
    } else if (explainedKind || kind === 'leaking-closure-reference') {
      // A first look for the streamed JSON: the explanations waiting for this line right now.
      const waiting = this.linker.peek(d);
      if (this.messageCauses) info.cause = this.cause(d, d.reasons?.length ? [d, ...waiting] : waiting);
      const explicit = waiting.length === 0 ? undefined : waiting.find((e) => e.function !== undefined)?.function;
      if (explicit !== undefined && info.function === undefined) info.function = explicit;
      else if (this.initValues.size > 0 && waiting.some((e) => this.initValues.has(e))) info.function = PACKAGE_INIT;
    }
    if (column === undefined && info.function !== undefined && d.function === undefined && inlined === undefined) {
      // Without a column on a line of several functions: the others that could hold it.
      const shared = this.sharedLineOf(d);
      if (shared !== undefined && shared.among > 0 && shared.function === info.function) info.sharedWith = shared.others;
    }
    if (fn === undefined && d.function === undefined && inlined?.into === undefined) info.closureAt = this.closureAtOf(d);
    if (kind === 'leaking-closure-reference') this.settle({ diagnostic: d, explanations: [], data: fn });
    // A guessed explanation is counted when the filter decides on its settled function (settle).
    if (!matches || (guessed && this.filter !== undefined)) return info;

    const index = d.kindIndex ?? (KIND_INDEX.get(kind) as number);
    this.byKind.add(index);
    if (explanation) {
      this.explanationCount++;
      return info;
    }
    this.messages.add(index);
    if (kind === 'compile-error') this.example(this.compileErrors, d);
    if (kind === 'unrecognized') this.example(this.unrecognized, d);
    this.packages.count(d.package ?? '(no package header)', index);
    if (file) this.files.count(file, index);
    if (info.function !== undefined) this.functions.count(info.function, index);
    return info;
  }

  /**
   * A `# package` header was read (GcflagsReadOptions.onPackage): the explanations still waiting
   * are dealt out now. Without this a header that repeats the package name above it (two builds'
   * output one after another) would keep every explanation of both, and each -m line would be
   * looked up among all of them.
   */
  packageHeader(): void {
    for (const group of this.linker.flush()) this.settle(group);
    this.guessesStand();
    this.placed.clear();
    this.callsRead = false;
    this.run.clear();
    this.literals.clear();
    this.lastLiterals = undefined;
    this.lastLiteralsFile = undefined;
  }

  finish(read: { summary: EscapeSummary; commands: string[]; diagnostics: Diagnostic[] }, source: string): EscapeAnalysis {
    for (const group of this.linker.flush()) this.settle(group);
    this.guessesStand();
    const sortList = (list: FindingList): FindingList => ({ total: list.total, items: [...list.items].sort(compareFindings) });
    const top = this.topRows;
    const rows = (table: RowTable): CountRow[] => (top === undefined
      ? [...table.rows.values()].map(countRow).sort((a, b) => heapCount(b) - heapCount(a) || b.total - a.total || a.name.localeCompare(b.name))
      : firstRows(table.rows.values(), top).map(countRow));
    const analysis: EscapeAnalysis = {
      source,
      commands: read.commands,
      input: read.summary,
      diagnostics: read.diagnostics,
      explained: this.explained,
      byKind: this.byKind.record(),
      messages: this.messages.record(),
      explanations: this.explanationCount,
      heapByCause: counts(this.heapByCause),
      leaksByCause: counts(this.leaksByCause),
      moved: sortList(this.lists.moved),
      escapes: sortList(this.lists.escapes),
      leaks: sortList(this.lists.leaks),
      compileErrors: this.compileErrors,
      unrecognized: this.unrecognized,
      packages: rows(this.packages),
      files: rows(this.files),
      functions: rows(this.functions),
    };
    if (this.filter !== undefined) analysis.filter = this.filter;
    if (top !== undefined) {
      analysis.rowCounts = { packages: this.packages.rows.size, files: this.files.rows.size, functions: this.functions.rows.size };
      let heap = 0;
      for (const row of this.functions.rows.values()) heap += row.heap();
      analysis.functionHeap = heap;
    }
    const methods = [...this.methodValues].filter(([closure]) => this.functions.rows.has(closure));
    if (methods.length > 0) analysis.methodValues = Object.fromEntries(methods);
    return analysis;
  }

  private matches(d: CompilerMessage, fn: string | undefined): boolean {
    const filter = this.filter;
    if (filter === undefined) return true;
    return (d.package?.includes(filter) ?? false) || d.file.includes(filter) || (fn?.includes(filter) ?? false);
  }

  private cause(d: CompilerMessage, explanations: readonly CompilerMessage[]): EscapeCause {
    // A -m line with no explanation but its own steps is asked about twice in a row (`add` for the
    // streamed JSON, `record` when the line is settled): the answer depends on the line alone.
    const alone = explanations.length === 0 || (explanations.length === 1 && explanations[0] === d);
    if (alone && d === this.aloneMessage) return this.aloneCause;
    const cause = this.causeOf(d, explanations);
    if (alone) {
      this.aloneMessage = d;
      this.aloneCause = cause;
    }
    return cause;
  }

  /**
   * True when the lists the explanation `d` can go to are full: a parameter's leak explains a
   * leak; a value's escape a value escaping or a variable moved to the heap (the linker joins
   * them by that: link.ts, linkName). No finding made from now on will show its steps, and the
   * linker may hold it without them (HeldExplanation).
   */
  private listsFull(d: CompilerMessage): boolean {
    const { moved, escapes, leaks } = this.lists;
    if (d.kind === 'leaking-param' || d.kind === 'leaking-param-content') return leaks.items.length >= this.limit;
    return moved.items.length >= this.limit && escapes.items.length >= this.limit;
  }

  /**
   * True when no finding will show the steps of the explanation `d`: the lists are full, or
   * `--filter` rejects every function its finding can be given: the explanation's own, or the one
   * its position is in (the -m line's, at the same position). `fn` is what add found for `d` (its
   * own function, else its position's); `into`, the function a call inlined at its position is in.
   * A function named by another explanation of the same place could still let the finding
   * through; the byte-for-byte comparisons in docs/performance.md found none.
   */
  private stepsUnseen(d: CompilerMessage, fn: string | undefined, into: string | undefined, guessed: boolean): boolean {
    if (this.listsFull(d)) return true;
    // A guessed function is not what the filter decides on (`settle`).
    if (this.filter === undefined || guessed || this.matches(d, fn)) return false;
    if (d.function === undefined) return true; // fn was the position's function
    return !this.matches(d, into ?? this.enclosingFunction(d));
  }

  /**
   * What of the explanation `d` waits in the linker: `d` itself while a finding may show its steps;
   * else a HeldExplanation with their summary, and, while a finding may still be made of it, its
   * sentence's part (findings that keep no steps: keepPaths false). `guessed`: `fn` is a guess the
   * lines after it may change.
   */
  private waiting(d: CompilerMessage, fn: string | undefined, into: string | undefined, guessed: boolean): CompilerMessage {
    const unseen = this.stepsUnseen(d, fn, into, guessed);
    if (!unseen && this.keepPaths) return d;
    const steps = d.reasons && d.reasons.length > 0 ? d.reasons : undefined;
    const path = steps && summarizePath(steps);
    return unseen ? new HeldExplanation(d, path) : new HeldExplanation(d, path, { chain: steps && describePath(steps), copyKey: stepsKey(steps) });
  }

  private causeOf(d: CompilerMessage, explanations: readonly CompilerMessage[]): EscapeCause {
    const paths: PathSummary[] = [];
    for (const e of explanations) {
      if (e.reasons && e.reasons.length > 0) paths.push(summarizePath(e.reasons));
      else if (e instanceof HeldExplanation && e.path !== undefined) paths.push(e.path);
    }
    // The -m line says where a parameter leaks (`to result ~r0`); a header says where one path goes.
    const cause = causeOfSummaries(d.kind, d.subject, d.target, paths);
    return cause === 'goroutine' ? withStatement(cause, this.statementOf(d)) : cause;
  }

  /** The go or defer statement at d's position, where the source line is found (statementAt). */
  private statementOf(d: CompilerMessage): ClosureStatement | undefined {
    return this.statementAt?.(d.file, d.line, d.column);
  }

  /** A -m line with its explanations (or explanations alone) becomes a finding. */
  private settle(group: LinkedGroup<string>): void {
    const d = group.diagnostic;
    const explanations = d.reasons?.length && !d.explanation ? [d, ...group.explanations] : group.explanations;
    const named = group.explanations.find((e) => e.function !== undefined)?.function ?? this.initValueOf(group.explanations);
    const fn = named ?? this.shaped(this.inlinedCopy(d)?.into ?? group.data ?? this.functionOf(d), d.subject);
    this.record(d, explanations, fn, group.dropped);
    if (this.provisional.size === 0) return;
    for (const e of group.explanations) {
      const guess = this.provisional.get(e);
      if (guess === undefined) continue;
      this.provisional.delete(e);
      const matches = this.filter === undefined || this.matches(e, fn);
      if (this.filter !== undefined && matches) this.countExplanation(guess.kind);
      if (guess.id !== undefined) this.onFunctionSettled?.(guess.id, fn, matches);
    }
  }

  /** PACKAGE_INIT when one of a -m line's explanations is a package-level initialiser's (initValues). */
  private initValueOf(explanations: readonly CompilerMessage[]): string | undefined {
    if (this.initValues.size === 0) return undefined;
    let init = false;
    for (const e of explanations) if (this.initValues.delete(e)) init = true;
    return init ? PACKAGE_INIT : undefined;
  }

  /** The explanations whose function was a guess and that the linker dropped: counted by the guess (it stands). */
  private guessesStand(): void {
    if (this.filter !== undefined) for (const guess of this.provisional.values()) if (guess.matches) this.countExplanation(guess.kind);
    this.provisional.clear();
  }

  /** Counts an explanation that the filter lets through. */
  private countExplanation(kind: number): void {
    this.byKind.add(kind);
    this.explanationCount++;
  }

  /** Counts a heap value or a leak by its cause, and keeps its finding while the list has room. */
  private record(d: CompilerMessage, explanations: readonly CompilerMessage[], fn: string | undefined, dropped = 0): void {
    const kind = d.kind as FindingKind;
    const list = kind === 'moved-to-heap' ? this.lists.moved : kind === 'escapes-to-heap' ? this.lists.escapes
      : kind === 'leaking-param' || kind === 'leaking-param-content' || kind === 'leaking-closure-reference' ? this.lists.leaks : undefined;
    if (!list || !this.matches(d, fn)) return;
    const cause = this.cause(d, explanations);
    list.total++;
    // A value or parameter the -m=2 output explains without its -m line (Go 1.19 prints `func
    // literal escapes to heap:` or `parameter .this leaks to {heap} with derefs=0:` and its flow, no
    // summary): counted in its package, file and function too, so that their heap and leaks
    // columns add up to the lists.
    if (d.explanation === true) {
      const index = d.kindIndex ?? (KIND_INDEX.get(kind) as number);
      this.packages.count(d.package ?? '(no package header)', index);
      if (d.file) this.files.count(d.file, index);
      if (fn !== undefined) this.functions.count(fn, index);
    }
    // The finding (its sentence above all) only for the ones kept: `limit` of millions.
    if (list.items.length < this.limit) list.items.push(detachMessage(this.finding(d, kind, explanations, cause, fn, dropped)));
    if (list === this.lists.leaks) bump(this.leaksByCause, cause);
    else bump(this.heapByCause, cause);
  }

  /** `dropped`: explanations of it past what the linker holds of one value (link.ts LinkedGroup.dropped). */
  private finding(d: CompilerMessage, kind: FindingKind, explanations: readonly CompilerMessage[], cause: EscapeCause, fn: string | undefined, dropped: number): EscapeFinding {
    const chains = chainsOf(d, explanations, cause);
    const finding: EscapeFinding = {
      kind, file: d.file, line: d.line, subject: d.subject ?? d.message, message: d.message, inputLine: d.inputLine,
      paths: this.keepPaths ? pathsOf(explanations) : [], cause,
      sentence: describeFindingOf(d.subject ?? d.message, kind, cause, chains.count, chains.first, d.target, dropped, cause === 'goroutine' && this.isGoWrapper(d, explanations),
        cause === 'goroutine' || cause === 'deferred' ? this.statementOf(d) ?? this.declaredStatement(d) : undefined, fn),
    };
    if (d.column !== undefined) finding.column = d.column;
    if (d.package !== undefined) finding.package = d.package;
    if (fn !== undefined) finding.function = fn;
    const method = fn === undefined ? undefined : this.methodValues.get(fn);
    if (method !== undefined) finding.methodValue = method;
    const shared = this.sharedLineOf(d);
    if (shared !== undefined && shared.among > 0 && shared.function === fn) finding.lineFunctions = shared.among;
    const closureAt = fn === undefined ? this.closureAtOf(d) : undefined;
    if (closureAt !== undefined) finding.closureAt = closureAt;
    const inlined = this.inlinedCopy(d);
    if (inlined) finding.inlinedFrom = inlined.callee;
    if (d.target !== undefined) finding.target = d.target;
    if (d.level !== undefined) finding.level = d.level;
    return finding;
  }

  private example(list: FindingListOf<CompilerMessage>, d: CompilerMessage): void {
    list.total++;
    if (list.items.length < Math.min(EXAMPLES, this.limit)) list.items.push(detachMessage(d));
  }

  /** `can inline F` / `cannot inline F: …` sit on F's name: a declaration, where the output has one. */
  private declare(d: CompilerMessage, kind: 'can-inline' | 'cannot-inline' | 'big-function'): void {
    if (d.line === 0 || d.function === undefined) return;
    if (kind === 'cannot-inline' && d.detail === 'repeated recursive cycle') return; // a call site
    if (this.callsRead) {
      this.run.clear();
      this.callsRead = false;
    }
    if (d.package !== undefined && (kind === 'cannot-inline' || d.cost !== undefined)) this.completePackages.add(d.package);
    if (kind === 'big-function') return;
    let list = this.declarationsOf(d.file);
    if (!list) {
      list = [];
      this.declarations.set(detach(d.file), list);
      this.lastDeclarations = list;
    }
    const line = d.line;
    // Without a column, after every column of its line (go1.19 prints none from column 255 on).
    const column = d.column ?? NO_COLUMN;
    const at = insertionPoint(list, line, column);
    // The same declaration again (a position holds one function); without a column, the same name
    // (twelve closures of one line past column 254 share the position `main.go:22`).
    const previous = d.column !== undefined ? list[at - 1] : sameLine(list, at - 1, line, column).find((x) => x.name === d.function);
    // The name detached: kept for the whole input, it must not keep the chunk it was read from.
    if (previous && previous.line === line && previous.column === column) {
      const own = previous.name === d.function ? previous.name : this.instance(previous.name, d.function);
      this.lastDeclared = { file: d.file, name: previous.name, own };
      this.run.add(own);
      return;
    }
    const name = detach(d.function);
    this.lastDeclared = { file: d.file, name, own: name };
    this.run.add(name);
    const parent = closureParent(name);
    const wrapper = parent !== undefined && WRAPPER.test(name);
    const declaration: Declaration = {
      line, column, name, parent, wrapper, range: parent !== undefined && isRangeBody(name),
      insideLine: line, insideColumn: wrapper ? Number.MAX_SAFE_INTEGER : column,
      outsideLine: wrapper ? line + 1 : Number.MAX_SAFE_INTEGER, outsideColumn: 0,
    };
    list.splice(at, 0, declaration);
    if (parent !== undefined && !wrapper) this.addClosure(d.file, declaration);
    if (parent !== undefined) this.closureLine(d.file, line);
    if (parent !== undefined && !wrapper) this.learnExtent(d.file, list, declaration);
    // The declaration is in its parent (a declared function: in itself), so outside any closure
    // above it that is not that parent or one of its enclosing closures.
    this.witness(d.file, line, column, parent ?? name);
  }

  /**
   * What the output read so far tells of a closure just declared: the declarations below it in
   * the file, and the calls inlined below it in a function known by the printing order (ownCall).
   */
  private learnExtent(file: string, list: readonly Declaration[], closure: Declaration): void {
    for (const other of list) {
      if (other !== closure) bound(closure, other.line, other.column, other.parent ?? other.name);
    }
    this.inlinedCalls.forEachIn(file, closure.line, (line, column, call) => {
      if (call.own && call.into !== undefined) bound(closure, line, column, call.into);
    });
  }

  /**
   * The output says that the position (line, column) is in function `fn`'s own body: a
   * variable's declaration in `F capturing by value: x`, `F ignoring self-assignment`, a value
   * of `… escapes to heap in F:` (go1.25+), a closure's declaration (in its parent); or it is
   * taken to be (ownCall, a guess). Every closure declared above it in the file then extends at
   * least to it (when it is `fn` or encloses `fn`) or ends before it (a closure's body is one
   * piece of the source: one that does not hold `fn` cannot reach past a position of `fn` below
   * its start).
   */
  private witness(file: string, line: number, column: number, fn: string): void {
    const list = this.closuresOf(file);
    if (list === undefined) return;
    for (const closure of list) {
      if (!before(closure.line, closure.column, line, column)) break;
      bound(closure, line, column, fn);
    }
  }

  /**
   * The first step of a parameter's leak is a use of the parameter (`from w (interface-converted)
   * at ./main.go:82:14`): in the body of the parameter's function `fn` (or of a closure inside it).
   */
  private parameterUsed(d: CompilerMessage, fn: string): void {
    const first = d.reasons?.find((r) => r.step === 'from');
    if (first?.file === d.file && first.line !== undefined && first.line !== 0) this.witness(d.file, first.line, first.column ?? 0, fn);
  }

  /**
   * A closure is called (inlined) at a position below its declaration: it ends before it (a
   * closure cannot call itself by its name; `ptrval := func(…) {…}` then `ptrval(v1)`).
   */
  private calledAt(file: string, line: number, column: number, callee: string): void {
    const list = this.closuresOf(file);
    if (list === undefined) return;
    for (const closure of list) {
      if (!before(closure.line, closure.column, line, column)) break;
      if (closure.name === callee && before(line, column, closure.outsideLine, closure.outsideColumn)) {
        closure.outsideLine = line;
        closure.outsideColumn = column;
      }
    }
  }

  /**
   * The function an `inlining call to F` line is taken to be in by the printing order, when its
   * position agrees: the last function whose `can inline` / `cannot inline` line was read, if it
   * is also the last declared at or above the call. A guess, not a fact: go1.19 prints the calls
   * as it walks a function's body, and a closure's line and calls where it meets the closure, so
   * a call printed after a closure and placed below it is in the closure or, past the closure's
   * end, in the enclosing function (reflect's deepValueEqual calls at 71:18 after its
   * `ptrval := func…` at 63:13). The closure's calls come first, and a call of the closure itself
   * ends it (calledAt). go1.22+ prints every declaration first, then the calls: there only the
   * last declared function's own zone is affected, which the position alone gave it anyway.
   */
  private ownCall(d: CompilerMessage): string | undefined {
    const last = this.lastDeclared;
    if (last === undefined || last.file !== d.file || d.line === 0 || d.column === undefined) return undefined;
    const list = this.declarationsOf(d.file);
    const at = list === undefined ? -1 : declarationAt(list, d.line, d.column);
    return at >= 0 && (list as Declaration[])[at]?.name === last.name ? last.own : undefined;
  }

  /**
   * A closure that is a method value (`put := records.Put`): go1.19 makes one of a generic type's
   * method value (`ingest.func1` at main.go:62:16) that captures the receiver as `.rcvr1` (`ingest
   * capturing by value: .rcvr1` at the closure's position) and calls the method (`can inline
   * ingest.func1 … as: func(int, *Record) { (*Cache[go.shape.int_0,go.shape.*uint8_1]).Put(&.dict.(*Cache[int,*main.Record]).Put,
   * .rcvr1, a0, a1) }`): its method is the dictionary's entry (`(*Cache[int,*main.Record]).Put`),
   * or the one called on the receiver (`.rcvr1.Put(a0)`).
   */
  private methodValueOf(d: CompilerMessage): void {
    if (d.kind === 'can-inline') {
      const name = d.function;
      const body = d.message.indexOf(' as: ');
      if (name === undefined || body < 0 || closureParent(name) === undefined || !RECEIVER.test(d.message.slice(body))) return;
      const text = d.message.slice(body);
      const method = DICTIONARY_METHOD.exec(text)?.[1] ?? RECEIVER_METHOD.exec(text)?.[1] ?? '';
      this.methodValues.set(detach(name), detach(method));
      return;
    }
    if (d.subject === undefined || !RECEIVER_NAME.test(d.subject) || d.column === undefined) return;
    const closure = this.declarationsOf(d.file)?.find((x) => x.line === d.line && x.column === d.column && x.parent !== undefined);
    if (closure !== undefined && !this.methodValues.has(closure.name)) this.methodValues.set(closure.name, '');
  }

  /**
   * Another function declared at a declaration's position (`name`): a shape instantiation of the
   * same generic is noted in `instances` (the name detached); anything else is taken for the
   * declaration (a position holds one function).
   */
  private instance(name: string, other: string): string {
    if (genericOf(name) === undefined || genericOf(name) !== genericOf(other)) return name;
    let group = this.instances.get(name);
    if (group === undefined) this.instances.set(name, (group = [name]));
    const known = group.find((n) => n === other);
    if (known !== undefined) return known;
    const own = detach(other);
    group.push(own);
    this.instances.set(own, group);
    return own;
  }

  /**
   * The shape instantiation a value of a generic function's code is in, when its text names the
   * shapes of one only (`&Cache[go.shape.string_0,go.shape.string_1]{...}` at main.go:20:9 is
   * `NewCache[go.shape.string_0,go.shape.string_1]`'s, not the first declared there); when it
   * names none or several, the generic function, its type arguments read as `[...]` as a profile
   * prints them (`parameter c` at main.go:23:7 is explained once per instantiation of
   * `(*Cache[...]).Put`, and `parameter k` at 23:27 only for the string shape's: the first
   * declared there was named for both). `fn` for a function of one instantiation.
   */
  private shaped(fn: string | undefined, subject: string | undefined): string | undefined {
    // Not skipped for a text without a shape (the forty-sixth session's perfesc46 did, −0.2 %): such
    // a text is then the generic function's, not its first instantiation's (closure46, generics46.test).
    if (fn === undefined || subject === undefined || this.instances.size === 0) return fn;
    const group = this.instances.get(fn);
    return group === undefined ? fn : instanceNamed(group, subject) ?? withoutTypeArguments(fn);
  }

  /**
   * Whether an `inlining call` line that is not printed with its function's (ownCall) is in the
   * package's initialisation (PACKAGE_INIT), though its position is in declared function `fn`. The
   * compiler prints the calls of a function after the run of `can inline` / `cannot inline` lines
   * its own is in (go1.19: the function's alone, or with its closures; go1.21: a batch of mutually
   * recursive functions; go1.22+: every declaration of the package first), and the
   * initialisation, which is never declared, is inlined into last, after the functions it calls.
   * A call placed by its position in `fn` but printed after a run that holds neither `fn` nor a
   * closure of it is not `fn`'s: it is package-level code below `fn` (`var records =
   * NewCache[int, *Record]()` at main.go:55:34 of go1.19-audit45-generics, printed after the run
   * of `NewCache[go.shape.int_0,go.shape.*uint8_1]` and `NewCache[go.shape.string_0,go.shape.string_1]`,
   * below `newRecord`). Only in a package printed at -m=2 (plain -m declares only inlinable functions).
   */
  private packageCall(d: CompilerMessage, fn: string | undefined): boolean {
    // The initialisation's calls are in every file of its package: the run may be of another file.
    if (this.run.size === 0 || fn === undefined || fn === PACKAGE_INIT || closureParent(fn) !== undefined) return false;
    // A closure's line among the calls (go1.26's `typeEncoder.OnceValue[…].func3`, a closure of an
    // inlined generic, declared amid calls printed after every declaration) starts no function's calls.
    if (this.lastDeclared === undefined || closureParent(this.lastDeclared.name) !== undefined) return false;
    if (d.package === undefined || !this.completePackages.has(d.package)) return false;
    const own = this.instances.get(fn) ?? [fn];
    for (const name of this.run) if (own.some((f) => within(name, f))) return false;
    return true;
  }

  /** The declarations of a file (the file asked about last kept at hand: messages come a file at a time). */
  /**
   * Whether an escaping `func literal` handed to a goroutine is the wrapper the compiler makes of a
   * `go f(x)` statement, not a literal of the source: go1.18–1.20's escape analysis
   * (escape/call.go goDeferStmt) rewrites it as `go func() { f(x1) }()` at the go statement's
   * position after the inliner ran, so no `can inline` / `cannot inline` line declares a closure
   * there, where -m=2 declares every closure of the source; go1.21+ names it `F.gowrap1`. Known
   * from -m=2 output only (plain -m declares only the inlinable functions; with -l none).
   */
  private isGoWrapper(d: CompilerMessage, explanations: readonly CompilerMessage[]): boolean {
    return explanations.some((e) => (e.reasons?.length ?? 0) > 0 || e instanceof HeldExplanation) && this.declaredAsGoWrapper(d);
  }

  /**
   * isGoWrapper by the declarations alone (known when the message is read: every `can inline` /
   * `cannot inline` line of a file comes before its escape messages): what `add` tells the join
   * (DiagnosticInfo.goWrapper), whose -m=2 chains then decide as `finding`'s do.
   */
  private declaredAsGoWrapper(d: CompilerMessage): boolean {
    if (d.subject !== 'func literal' || d.column === undefined) return false;
    const list = this.declarationsOf(d.file);
    if (list === undefined || list.length === 0) return false;
    const here = list.find((x) => x.line === d.line && x.column === d.column);
    return here === undefined ? true : here.wrapper && here.name.includes('.gowrap');
  }

  /**
   * `go` where the compiler declares the func literal at `d` as a go statement's wrapper (go1.21 on:
   * `routine4.gowrap1`), which says the statement no source line was read for; undefined otherwise
   * (go1.19 declares no wrapper: a go statement's and a looping defer's read alike).
   */
  private declaredStatement(d: CompilerMessage): ClosureStatement | undefined {
    if (d.subject !== 'func literal' || d.column === undefined) return undefined;
    const here = this.declarationsOf(d.file)?.find((x) => x.line === d.line && x.column === d.column);
    return here?.wrapper && here.name.includes('.gowrap') ? 'go' : undefined;
  }

  private declarationsOf(file: string): Declaration[] | undefined {
    if (file !== this.lastDeclarationFile) {
      this.lastDeclarationFile = file;
      this.lastDeclarations = this.declarations.get(file);
      this.lastClosures = this.closures.get(file);
    }
    return this.lastDeclarations;
  }

  /** The closures of a file that lines below them bound (see `closures`), kept at hand with its declarations. */
  private closuresOf(file: string): Declaration[] | undefined {
    this.declarationsOf(file);
    return this.lastClosures;
  }

  /** Adds a closure just inserted in its file's declarations to `closures`, in the same order. */
  private addClosure(file: string, closure: Declaration): void {
    let list = this.closuresOf(file);
    if (list === undefined) {
      list = [];
      this.closures.set(detach(file), list);
      this.lastClosures = list;
    }
    list.splice(insertionPoint(list, closure.line, closure.column), 0, closure);
  }

  /**
   * The function a line is in: the last function declared at or before it in the same file. Only
   * for packages printed at -m=2, where every function has a `can inline` / `cannot inline` line;
   * at plain -m only inlinable functions are listed, so a guess could name the wrong one.
   */
  private enclosingFunction(d: CompilerMessage): string | undefined {
    this.guessed = false;
    if (d.line === 0 || d.package === undefined) return undefined;
    if (!this.completePackages.has(d.package)) return this.plainPlace(d)?.function;
    const shared = this.sharedLineOf(d);
    if (shared !== undefined) return shared.function;
    const list = this.declarationsOf(d.file);
    const fn = list && list.length > 0 ? this.functionAt(list, d.line, d.column ?? NO_COLUMN, d.subject) : undefined;
    // The initialisation has no parameters: one leaking there is an autogenerated method's (an
    // interface's method, placed at its declaration in the interface type).
    return fn === PACKAGE_INIT && (d.kind === 'leaking-param' || d.kind === 'leaking-param-content') ? undefined : fn;
  }

  /**
   * A position without a column on a line where functions are declared without one (go1.19 prints
   * no column from 255 on: `./main.go:22: can inline main.func7`, twelve closures on one line;
   * Go < 1.10 prints none): nothing orders it among them, so it could be in any of them, or in the
   * function around them at the end of the columns printed. Not one taken at random: the one that
   * encloses them all (by their names: `main` of `main.func6` … `main.func12`), with how many
   * others could hold it; one alone is it. A `func literal` line is a closure's own declaration
   * there: in the closures' parent when they have one. Undefined when the line declares none
   * without a column (the position, at the end of the line, decides as with a column).
   */
  private sharedLine(list: readonly Declaration[], line: number, subject: string | undefined, endOfColumns?: () => string | undefined): SharedLine | undefined {
    const here = sameLine(list, declarationAt(list, line, NO_COLUMN), line, NO_COLUMN);
    if (here.length === 0) return undefined;
    const parents = new Set(here.map((x) => x.parent));
    const [parent] = parents;
    if (subject === 'func literal' && parents.size === 1 && parent !== undefined) return { function: parent, among: 0, others: NO_OTHERS };
    const candidates = new Set(here.map((x) => x.name));
    // A declared function starts its line; else the line's printed columns end in a function (a closure declared at one of them, or the one around).
    if (!here.some((x) => x.parent === undefined)) {
      const before = endOfColumns !== undefined ? endOfColumns() : this.functionAt(list, line, NO_COLUMN - 1, subject);
      if (before !== undefined) candidates.add(before);
    }
    const names = [...candidates];
    if (names.length === 1) return { function: names[0], among: 0, others: NO_OTHERS };
    const around = enclosingAll(names);
    const others = names.filter((n) => n !== around);
    return { function: around, among: others.length, others };
  }

  /** Notes a closure declared at a line (plainPlace looks at its lines). */
  private closureLine(file: string, line: number): void {
    let lines = this.closureLines.get(file);
    if (!lines) {
      this.closureLines.set(detach(file), (lines = new Set()));
      this.lastClosureFile = undefined;
    }
    lines.add(line);
  }

  /** Notes where a `func literal` message of a package at plain -m stands: a closure starts there. */
  private literal(d: CompilerMessage, file: string, line: number, column: number): void {
    if (d.package === undefined || this.completePackages.has(d.package)) return;
    let lines = this.literalsOf(file);
    if (!lines) {
      this.literals.set(detach(file), (lines = new Map()));
      this.lastLiteralsFile = file;
      this.lastLiterals = lines;
    }
    const columns = lines.get(line);
    if (!columns) lines.set(line, [column]);
    else if (!columns.includes(column)) columns.push(column);
  }

  private literalsOf(file: string): Map<number, number[]> | undefined {
    if (file !== this.lastLiteralsFile) {
      this.lastLiteralsFile = file;
      this.lastLiterals = this.literals.get(file);
    }
    return this.lastLiterals;
  }

  /**
   * Where a message of a package printed at plain -m is, when its line holds several functions'
   * code (closures start there: a closure's declaration, `can inline main.func2`, or a `func
   * literal` message); undefined on other lines, where plain -m names no function (it declares only
   * inlinable ones). See lineStarts and placeAt; a message without a column is placed as at -m=2
   * (sharedLine), the end of the line's printed columns placed by placeAt.
   */
  private plainPlace(d: CompilerMessage): PlainPlace | undefined {
    if (d === this.plainMessage) return this.plainAnswer;
    this.plainMessage = d;
    this.plainAnswer = undefined;
    const { file, line } = d;
    if (file !== this.lastClosureFile) {
      this.lastClosureFile = file;
      this.lastClosureLines = this.closureLines.get(file);
    }
    if (!(this.lastClosureLines?.has(line) ?? false) && this.literalsOf(file)?.get(line) === undefined) return undefined;
    const list = this.declarationsOf(file) ?? [];
    const starts = lineStarts(list, line, this.literalsOf(file)?.get(line));
    let answer: PlainPlace;
    if (d.column === undefined) {
      const end = placeAt(starts, NO_COLUMN, false);
      const shared = list.length > 0 ? this.sharedLine(list, line, d.subject, () => end.function) : undefined;
      answer = shared === undefined ? end : { function: shared.function, closureAt: undefined, shared };
    } else {
      // A closure's own `func literal` is in the function around it: its parent, by its name, or
      // where the places before its start are.
      const column = d.column;
      const named = d.subject === 'func literal' ? starts.find((s) => s.column === column)?.name : undefined;
      const parent = named === undefined ? undefined : closureParent(named);
      answer = parent !== undefined ? { function: parent, closureAt: undefined } : placeAt(starts, column, d.subject === 'func literal');
      // A range-over-func loop's body is declared at its `for`: on that line only its loop
      // variables (its parameters) are its own, the rest (the range expression, the iterator's
      // call inlined at the `for`, `#state1`) the function around the loop's.
      const body = answer.function;
      if (body !== undefined && isRangeBody(body) && !loopVariable(d, column, starts)) answer = { function: closureParent(body), closureAt: undefined };
    }
    this.plainAnswer = answer;
    return answer;
  }

  /** At plain -m, the closure the output does not name that a message is in (plainPlace). */
  private closureAtOf(d: CompilerMessage): UnnamedClosure | undefined {
    if (d.column === undefined || d.line === 0 || d.package === undefined || this.completePackages.has(d.package)) return undefined;
    return this.plainPlace(d)?.closureAt;
  }

  /**
   * sharedLine of a message without a column, in a package printed at -m=2; one that its -m=2
   * steps place (placedByReasons) is in that function alone.
   */
  private sharedLineOf(d: CompilerMessage): SharedLine | undefined {
    if (d.column !== undefined || d.line === 0 || d.package === undefined) return undefined;
    if (!this.completePackages.has(d.package)) return this.plainPlace(d)?.shared;
    const list = this.declarationsOf(d.file);
    const shared = list && list.length > 0 ? this.sharedLine(list, d.line, d.subject) : undefined;
    if (shared === undefined || shared.among === 0) return shared;
    const placed = this.placedByReasons(d, list as Declaration[], shared);
    return placed === undefined ? shared : { function: placed, among: 0, others: NO_OTHERS };
  }

  /**
   * The function a value printed without a column on a shared line is in, when its -m=2 steps say:
   * the one at the column of its first step there (reasonColumn), if it could hold the value (one
   * of the line's, or the one around them). An explanation places its -m line (the same linkKey),
   * which has no steps of its own, nor has an explanation held without them; two that disagree, or
   * one without such a step, place none of that key. Undefined when nothing places it.
   */
  private placedByReasons(d: CompilerMessage, list: readonly Declaration[], shared: SharedLine): string | undefined {
    const key = linkKey(d);
    if (key === undefined) return undefined;
    if (!d.reasons?.length) return this.placed.get(key) ?? undefined;
    const column = reasonColumn(d);
    const fn = column === undefined ? undefined : this.functionAt(list, d.line, column, undefined);
    const fits = fn !== undefined && (fn === shared.function || shared.others.includes(fn));
    const known = this.placed.get(key);
    if (known === undefined && this.placed.size >= PLACED_PER_PACKAGE) return fits ? fn : undefined;
    const now = fits && (known === undefined || known === fn) ? fn : null;
    if (known !== now) this.placed.set(key, now);
    return now ?? undefined;
  }

  /** The function a position with a column (or past the columns of its line) is in; see enclosingFunction. */
  private functionAt(list: readonly Declaration[], line: number, column: number, subject: string | undefined): string | undefined {
    // Checked against the list as it is now: declarations inserted since keep it in range (lists only grow).
    let at = this.foundAt;
    if (list !== this.foundIn || !isDeclarationAt(list, at, line, column)) {
      at = declarationAt(list, line, column);
      this.foundIn = list;
      this.foundAt = at;
    }
    // A declared function's line before its name is its receiver (`func (b *Box[T]) Keep`): go1.19
    // places an instantiated generic method at its name (7:18), after the receiver `b` (7:7).
    const next = list[at + 1];
    if (next !== undefined && next.parent === undefined && next.line === line) return next.name;
    let found = list[at];
    // A closure's own `func literal` line sits on the closure's declaration (`serve.func2`): it
    // belongs to the function the closure's name says encloses it (`serve`).
    if (subject === 'func literal' && found && found.parent !== undefined && found.line === line && found.column === column) return found.parent;
    // Before the file's first function: a package-level variable's initialiser.
    if (found === undefined) return PACKAGE_INIT;
    // Past what is known of a closure (Declaration: its end is not in the output), the function
    // that encloses it: a closure is usually a few lines inside a longer function, and nothing
    // the compiler printed places the position in it. A wrapper of a go/defer statement ends
    // with its line.
    while (found !== undefined && found.parent !== undefined && pastClosure(found, line, column)) {
      if (inGap(found, line, column)) this.guessed = true;
      const parent = parentOf(list, at, found.parent);
      // Past a package-level closure (`glob..func1`): the package's initialisation, never declared.
      if (parent < 0) return found.parent === PACKAGE_INIT ? PACKAGE_INIT : found.name;
      at = parent;
      found = list[at];
    }
    if (found !== undefined && found.parent !== undefined && inGap(found, line, column)) this.guessed = true;
    return found?.name;
  }

  /**
   * `inlining call to F` at a position: remembered with the function the call is in, `into` (see
   * inlinedCalls; `add` found it: such a line names no function and is no inlined copy).
   */
  private noteInlinedCall(d: CompilerMessage, into: string | undefined, own: boolean): void {
    if (d.line === 0 || d.column === undefined || d.subject === undefined) return;
    if (this.inlinedCalls.has(d.file, d.line, d.column)) return;
    this.inlinedCalls.add(d.file, d.line, d.column, { callee: detach(d.subject), into, own });
  }

  /** A heap value or leak reported where a call was inlined is in the callee's inlined body. */
  private inlinedCopy(d: CompilerMessage): { callee: string; into: string | undefined } | undefined {
    return this.inlinedAt(d.kind, d.file, d.line, d.column);
  }

  /** `inlinedCopy` from the diagnostic's fields (`add` has them at hand). */
  private inlinedAt(kind: EscapeKind, file: string, line: number, column: number | undefined): { callee: string; into: string | undefined } | undefined {
    if (kind === 'inlining-call' || kind === 'can-inline' || kind === 'cannot-inline') return undefined;
    // Only a diagnostic with a column: an inlined call is told by its column.
    return line === 0 || column === undefined ? undefined : this.inlinedCalls.get(file, line, column);
  }

  private functionOf(d: CompilerMessage): string | undefined {
    return d.function ?? this.enclosingFunction(d);
  }
}

/**
 * How many of the explanations have steps, and in words the one `cause` was decided from
 * (decidingPath: the label and the chain of one explanation): what a finding's sentence says of
 * them (describeFinding), from the steps or from what a held explanation kept.
 */
function chainsOf(d: CompilerMessage, explanations: readonly CompilerMessage[], cause: EscapeCause): { count: number; first: string | undefined } {
  const chained = explanations.filter((e) => (e.reasons !== undefined && e.reasons.length > 0) || (e instanceof HeldExplanation && e.chain !== undefined));
  const summaries = chained.length > 1 ? chained.map((e) => (e instanceof HeldExplanation ? e.path : undefined) ?? summarizePath(e.reasons ?? [])) : [];
  const shown = chained[decidingPath(d.kind, d.subject, d.target, summaries, cause)];
  const first = shown === undefined ? undefined : shown instanceof HeldExplanation ? shown.chain : describePath(shown.reasons ?? []);
  return { count: chained.length, first };
}

/** The reason chains of explanations (those with steps). */
function pathsOf(explanations: readonly CompilerMessage[]): EscapeReason[][] {
  const paths: EscapeReason[][] = [];
  for (const e of explanations) if (e.reasons && e.reasons.length > 0) paths.push(e.reasons);
  return paths;
}

/** A value at a column of a line; the other columns of the line with values follow in `next`. */
interface ColumnEntry<T> {
  column: number;
  value: T;
  next: ColumnEntry<T> | undefined;
}

/** Lines kept in a file's array: more than any real source file has, few enough for memory. */
const DENSE_LINES = 1 << 20;

/**
 * Values by file, line and column, without building a `file:line:column` string per lookup (one
 * per compiler message): files are the grammar's interned strings, and a file's lines an array
 * indexed by line (small integers; an array read, not a Map's hash lookup, per message), each
 * holding a short chain of the few columns with a value. The file asked about last is kept at
 * hand: messages come a file at a time.
 */
class PositionMap<T> {
  private readonly files = new Map<string, (ColumnEntry<T> | undefined)[]>();
  private lastFile: string | undefined;
  private lastLines: (ColumnEntry<T> | undefined)[] | undefined;
  /** Positions past DENSE_LINES (no real source file), by `file:line`. */
  private readonly far = new Map<string, ColumnEntry<T>>();

  private linesOf(file: string): (ColumnEntry<T> | undefined)[] | undefined {
    if (file !== this.lastFile) {
      this.lastFile = file;
      this.lastLines = this.files.get(file);
    }
    return this.lastLines;
  }

  get(file: string, line: number, column: number): T | undefined {
    let entry: ColumnEntry<T> | undefined;
    if (line < DENSE_LINES) {
      const lines = this.linesOf(file);
      if (lines === undefined || line >= lines.length) return undefined;
      entry = lines[line];
    } else {
      entry = this.far.get(`${file}:${line}`);
    }
    for (; entry !== undefined; entry = entry.next) {
      if (entry.column === column) return entry.value;
    }
    return undefined;
  }

  /** Every value in `file` at `fromLine` or below. */
  forEachIn(file: string, fromLine: number, visit: (line: number, column: number, value: T) => void): void {
    const lines = this.linesOf(file);
    for (let line = fromLine; lines !== undefined && line < lines.length; line++) {
      for (let entry = lines[line]; entry !== undefined; entry = entry.next) visit(line, entry.column, entry.value);
    }
  }

  has(file: string, line: number, column: number): boolean {
    return this.get(file, line, column) !== undefined;
  }

  /** Sets the value at a position that has none (see `has`); the value is not undefined. */
  add(file: string, line: number, column: number, value: T): void {
    if (line >= DENSE_LINES) {
      const key = `${file}:${line}`;
      this.far.set(key, { column, value, next: this.far.get(key) });
      return;
    }
    let lines = this.linesOf(file);
    if (lines === undefined) {
      lines = [];
      this.files.set(detach(file), lines);
      this.lastLines = lines;
    }
    // Filled up to the line, not written past the end: a holey jump would make it a dictionary.
    while (lines.length <= line) lines.push(undefined);
    lines[line] = { column, value, next: lines[line] };
  }
}

const WRAPPER = /\.(?:gowrap|deferwrap)\d+$/;

/**
 * Whether a position at or below a closure's declaration is taken to be past its end: known to be
 * (at or below a position outside it), or below the line of the last position known to be inside
 * it (its declaration's line holds its parameters, and a one-line closure's body). Between the two
 * nothing in the output decides; the enclosing function is taken. Against the sources of go1.19's
 * std (test/fixtures/captured/go1.19-std-m2) this names the wrong function for 22 of 13,376
 * messages, where taking the last declaration above did for 155: the rest are closures whose
 * heap values lie below every position known to be in them (reflect's StructOf.func5, os/user's lookupUser.func1 …).
 * A closure nested in a closure (`main.func1.1`) that no position of another function below its
 * start is known to be outside of yet is taken to run on: its parent's guess would skip it and
 * the parent alike, up to the declared function (`make` at 11:14 of
 * test/fixtures/captured/go1.19-audit34-nest, in `main.func1.1` declared at 9:7, was `main`'s).
 * Not a closure of a declared function: go1.19 prints a function's inlined calls after its
 * closures' declarations, and (*pageAlloc).sysGrow's 24 calls at runtime/mpagealloc_64bit.go:167
 * … 187 would become its closure func3's (137:29); in go1.19's std no nested closure changes.
 * A package-level closure (`glob..func1`) is not guessed to end with its line: it is most of the
 * code below it (`var bufPool = sync.Pool{New: func() any {` … `}}`, io.go:601), where the
 * package's initialisation holds a few short expressions.
 */
function pastClosure(closure: Declaration, line: number, column: number): boolean {
  if (!before(line, column, closure.outsideLine, closure.outsideColumn)) return true;
  if (line <= closure.insideLine || closure.parent === PACKAGE_INIT) return false;
  const nested = closure.parent !== undefined && closureParent(closure.parent) !== undefined;
  return !nested || closure.outsideLine !== Number.MAX_SAFE_INTEGER;
}

/**
 * Whether nothing in the output read so far decides if the position is in the closure: below the
 * last line known to be in it, before the first position known to be outside it (pastClosure
 * guesses). Later lines may decide (a parameter's use, a capture, a declaration below it).
 */
function inGap(closure: Declaration, line: number, column: number): boolean {
  return !closure.wrapper && closure.parent !== PACKAGE_INIT && line > closure.insideLine && before(line, column, closure.outsideLine, closure.outsideColumn);
}

/** The declaration named `name` above declaration `at` (a closure's parent), -1 when there is none. */
function parentOf(list: readonly Declaration[], at: number, name: string): number {
  for (let i = at - 1; i >= 0; i--) if ((list[i] as Declaration).name === name) return i;
  return -1;
}

/**
 * Narrows what is known of `closure` by a position of `fn`'s own body (see witness): the position
 * is inside the closure when `fn` is it or a closure nested in it, else the closure ends before it.
 * Nothing is learnt of a declared function, nor of a position above the closure or of a wrapper;
 * nor of a range-over-func loop's body by a position of the function around the loop or of a
 * closure named after it: go1.23+ names the closures and loop bodies in the body so (isRangeBody).
 */
function bound(closure: Declaration, line: number, column: number, fn: string): void {
  if (closure.parent === undefined || closure.wrapper) return;
  if (!before(closure.line, closure.column, line, column)) return;
  if (within(fn, closure.name)) {
    if (before(closure.insideLine, closure.insideColumn, line, column)) {
      closure.insideLine = line;
      closure.insideColumn = column;
    }
  } else if (closure.range && within(fn, closure.parent)) {
    return;
  } else if (before(line, column, closure.outsideLine, closure.outsideColumn)) {
    closure.outsideLine = line;
    closure.outsideColumn = column;
  }
}

/**
 * Whether function `fn` is `name` or a closure its name says is nested in it: `main.func1.1`,
 * `main.func1.gowrap1`, `main.func1-range1` in `main.func1` (not `main.func10`).
 */
function within(fn: string, name: string): boolean {
  if (fn === name) return true;
  if (fn.length <= name.length || !fn.startsWith(name)) return false;
  const next = fn.charCodeAt(name.length);
  return next === DOT || next === DASH;
}

const DOT = 46;
const DASH = 45;

interface InlinedCall {
  /** The function inlined there (the first `inlining call to` at the position: the outermost). */
  callee: string;
  /** The function the call is in. */
  into: string | undefined;
  /** `into` is known from the printing order (ownCall), not from the position alone. */
  own: boolean;
}

/** The receiver a method value's closure captures (`.rcvr1`), in its body or as the captured name. */
const RECEIVER = /\.rcvr\d+\b/;
const RECEIVER_NAME = /^\.rcvr\d+$/;
/** The method of a generic method value, by its dictionary entry: `&.dict.(*Cache[int,*main.Record]).Put`. */
const DICTIONARY_METHOD = /&\.dict\.(\(.*?\)\.[\p{L}_][\p{L}\p{N}_]*)/u;
/** The method called on the captured receiver: `.rcvr1.Put(`. */
const RECEIVER_METHOD = /\.rcvr\d+\.([\p{L}_][\p{L}\p{N}_]*)\(/u;

/** A generic function's name without its type arguments (`NewCache[]`, `(*Cache[]).Put`); undefined for another. */
function genericOf(name: string): string | undefined {
  const open = name.indexOf('[');
  const close = name.lastIndexOf(']');
  return open < 0 || close < open ? undefined : `${name.slice(0, open + 1)}${name.slice(close)}`;
}

/** A generic function's type arguments (`go.shape.int_0`, `go.shape.*uint8_1`): its brackets' text, split at its own commas. */
function typeArguments(name: string): string[] {
  const open = name.indexOf('[');
  const close = name.lastIndexOf(']');
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = start; i < close; i++) {
    const c = name[i];
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      args.push(name.slice(start, i));
      start = i + 1;
    }
  }
  args.push(name.slice(start, close));
  return args;
}

/**
 * The instantiation of `group` whose shapes the text names most (each shape of its type arguments
 * found in it, not followed by a digit: `go.shape.int_0` is not `go.shape.int_01`); undefined
 * when none or several name the most.
 */
function instanceNamed(group: readonly string[], text: string): string | undefined {
  if (!text.includes('go.shape.')) return undefined;
  let best: string | undefined;
  let most = 0;
  let tie = false;
  for (const name of group) {
    let n = 0;
    for (const shape of typeArguments(name)) if (shape.startsWith('go.shape.') && namesShape(text, shape)) n++;
    if (n > most) {
      best = name;
      most = n;
      tie = false;
    } else if (n === most && n > 0) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

function namesShape(text: string, shape: string): boolean {
  for (let at = text.indexOf(shape); at >= 0; at = text.indexOf(shape, at + 1)) {
    const next = text.charCodeAt(at + shape.length);
    if (!(next >= 48 && next <= 57)) return true;
  }
  return false;
}

function compareDeclaration(a: Declaration, line: number, column: number): number {
  return a.line - line || a.column - column;
}

/** Heap values (moved + escapes) counted in a row. */
export function heapCount(row: CountRow): number {
  return (row.byKind['moved-to-heap'] ?? 0) + (row.byKind['escapes-to-heap'] ?? 0);
}

/** Leaks counted in a row: the kinds of the leaks list (leaking params, their content, closure references). */
export function leakCount(row: CountRow): number {
  return (row.byKind['leaking-param'] ?? 0) + (row.byKind['leaking-param-content'] ?? 0) + (row.byKind['leaking-closure-reference'] ?? 0);
}

export { ESCAPE_CAUSES };

/**
 * Whether a -m=2 explanation assigns its value to a static temporary of the package's
 * initialisation (`from (T)(main..stmp_0@0) = X (assign)`): the compiler's staticinit makes
 * `pkg..stmp_N` for a package-level variable's initialiser (`var cache = &Entrée[…]{données:
 * map[…]{}}`), so the value is init's, whatever function is declared above its line (the
 * position alone names the one-line method above the `var` block, go1.19-audit46-unigeneric).
 */
function assignsInitTemporary(d: CompilerMessage): boolean {
  const steps = d.reasons;
  if (steps === undefined) return false;
  for (const step of steps) if (step.note === 'assign' && step.expression?.includes('..stmp_') === true) return true;
  return false;
}
