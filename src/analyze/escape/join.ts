/**
 * The join between a heap profile and compiler -m output (docs/reasoning.md §5): a profile
 * frame names an absolute path (`/build/run-go1.23/src/seed/main.go:29`), the compiler a path
 * relative to where `go build` ran (`./main.go:29:32`, `net/http/server.go:…`,
 * `../../../go-1.23.2/src/log/log.go:…`). Files are matched by path suffix on whole segments:
 * the compiler's path, without its leading `./`, `../` or `$GOROOT`, must be a suffix of the
 * frame's path; the longest such path wins, and a tie between two different files is refused
 * (ambiguous) rather than guessed. A bare name (`./main.go`) says nothing of the directory, so
 * the package must agree too: the `# package` header the compiler printed the file under, and the
 * package of the frame's function (`join/lib.Grow` is `join/lib`'s: the `./main.go` of `# join`
 * is not its file), when the function names it (framePackage, packageFits).
 *
 * Typical use (heapdoc analyze HEAP --escape M):
 *
 *   const index = buildEscapeIndex(parseGcflags(text).messages);
 *   escapesAt(index, frame.file, frame.line);              // what the compiler said at that line
 *   compareAllocationSite(index, frame.file, frame.line);  // …and whether it agrees with the profile
 */
import { detachMessage, indexOfTopLevel } from '../../grammar/gcflags/messages.js';
import { detach } from '../../grammar/common/strings.js';
import type { CompilerMessage } from '../../grammar/gcflags/index.js';
import { causeOf, describeFinding, withStatement, type ClosureStatement, type EscapeCause, type StatementAt } from './cause.js';
import { MESSAGES_PER_KIND, type SiteStatus } from './site-report.js';
import { ExplanationLinker, isExplainedKind, type LinkedGroup } from './link.js';
import { closureParent, isPackageInit, joinedColumnNote, withoutTypeArguments, type UnnamedClosure } from './names.js';
import { isMapFunction, packageOf as functionPackage } from '../profile.js';

export type { SiteStatus };
export { withoutTypeArguments };

/** A compiler diagnostic as the join returns it: a -m line, with its -m=2 explanation folded in. */
export interface JoinedDiagnostic extends CompilerMessage {
  /** For heap values and leaks: why (see cause.ts). */
  cause?: EscapeCause;
  /** For heap values and leaks: the reason chain in words. */
  sentence?: string;
  /** The go or defer statement the program's source line holds, where it was read (cause `goroutine` or `deferred`: cause.ts StatementAt). */
  statement?: ClosureStatement;
  /** The function the escape analysis placed it in, when the index was given one (Placement). */
  placedIn?: string;
  /** Placement.sharedWith: the compiler printed no column, and these functions could hold it too. */
  sharedWith?: readonly string[];
  /** Placement.inlinedFrom: a copy of this function's body, inlined there. */
  inlinedFrom?: string;
  /** Placement.closureAt: at plain -m, in a closure the output does not name, starting at this column. */
  closureAt?: UnnamedClosure;
}

/**
 * Where the escape analysis (EscapeAnalyzer.add: DiagnosticInfo) placed a message: its function,
 * the function whose inlined body it is, and, when the compiler printed no column on a line of
 * several functions, the others that could hold it besides `function`, which encloses them.
 * What tells a closure's messages from the others' on a line of several closures.
 */
export interface Placement {
  function: string | undefined;
  inlinedFrom?: string | undefined;
  sharedWith?: readonly string[] | undefined;
  /** At plain -m, a closure the output does not name (not inlinable) holds it: where it starts (`function` undefined). */
  closureAt?: UnnamedClosure | undefined;
  /** A `func literal` no declaration puts there (DiagnosticInfo.goWrapper): a go statement's call wrapper, said as `heapdoc escape` says it. */
  goWrapper?: boolean | undefined;
  /** The compiler declares it a go statement's wrapper (DiagnosticInfo.goDeclared): its statement without a source line. */
  goDeclared?: boolean | undefined;
}

interface FileEntry {
  /** The path as the compiler printed it. */
  file: string;
  package: string | undefined;
  /** The path's segments without the leading relative part (`./`, `../..`, `$GOROOT`). */
  segments: string[];
  /** The last segments of the package path (`seed`, `net/http`), for ties. */
  packageSegments: string[];
  byLine: Map<number, JoinedDiagnostic[]>;
  /** Diagnostics not kept, by line: past MESSAGES_PER_KIND of one kind at one line. */
  omitted: Map<number, number>;
  /** The kinds that reached MESSAGES_PER_KIND, by line. */
  full: Map<number, Set<JoinedDiagnostic['kind']>>;
  /** `inlining call to F` positions, by line: the column and F, in the output's order (outermost first). */
  calls: Map<number, InlinedCallAt[]>;
  /**
   * Another package's file that this package compiled only for the generic functions it
   * instantiates (go1.19 prints `./store/store.go` under `# example.com/prog` for main's
   * `store.NewCache[string, int]`): its other functions were not compiled here (see instantiatedOnly).
   */
  foreign: boolean;
  /**
   * The functions the output declares in the file (`can inline F` / `cannot inline F: …` at F's
   * `func` line), closures left out, in the output's order; `complete` when a `cannot inline` is
   * among them (-m=2, which declares every function, not only the inlinable ones).
   */
  declarations: Declaration[];
  complete: boolean;
  /** The closures declared at a line (`can inline main.func1`), by line: a line of several functions. */
  closures: Map<number, string[]>;
  /**
   * Every closure the output declares in the file, at any line (a wanted file's), with its
   * position and its `can inline … as:` text: which closure captures a variable that a
   * `F capturing by value: x` line names (keeper.ts closureKeeper), at lines no site asks about.
   */
  closureDeclarations: ClosureDeclaration[];
  /**
   * `func literal escapes to heap` at lines not wanted, with their -m=2 explanations, by line:
   * where a captured value's closure goes (funcLiteralsAt), which a site's own line does not say.
   */
  funcLiterals: Map<number, JoinedDiagnostic[]>;
  /**
   * `make(map[…]…) does not escape` at any line of the file (a wanted one's): a map whose header is
   * on its function's stack while its buckets grow on the heap, at the lines that store into it
   * (stackMapsIn), which no site asks about.
   */
  stackMaps: JoinedDiagnostic[];
  /**
   * `moved to heap: x` at any line of the file (a wanted one's): the one line -m prints of a local variable (go1.19
   * escape.go: nothing of one kept on the stack), which says whether a function's large locals are on its goroutines'
   * stacks (stackLocalsAt), at lines no site asks about.
   */
  movedVariables: JoinedDiagnostic[];
}

/** A function's `func` line in the compiler output. */
interface Declaration {
  line: number;
  name: string;
}

/** A closure's `func` literal in the compiler output (`can inline subscribe.func1 with cost 9 as: func(Event) { … }`). */
export interface ClosureDeclaration {
  name: string;
  line: number;
  column: number | undefined;
  /** The body `can inline … as:` prints (-m=2), undefined for `cannot inline` and plain -m. */
  body: string | undefined;
}

/** A closure (`main.func1`, `(*T).M.func2`, `serve.func2.deferwrap1`, `glob..func1`, a range-over-func body `f-range1`): declared inside another function, so not where that one ends. */
const isClosure = (name: string): boolean => /(?:\.(?:func|deferwrap|gowrap)\d+|-range\d+)(?:\.\d+)*$/.test(name) || name.includes('glob.');

/** A call inlined at a column of a line (`inlining call to F`). */
export interface InlinedCallAt {
  column: number;
  callee: string;
}

export interface EscapeIndex {
  /** Entries by file name (the last path segment). */
  readonly byBase: ReadonlyMap<string, readonly FileEntry[]>;
  /** Diagnostics indexed. */
  readonly size: number;
}

/** Path segments, `\` read as `/`, without empty and `.` segments. */
export function pathSegments(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/** The compiler path's own part: what follows its leading `..` / `$GOROOT` / `$WORK` segments. */
function significantSegments(file: string): string[] {
  const segments = pathSegments(file);
  let start = 0;
  while (start < segments.length && (segments[start] === '..' || segments[start]?.startsWith('$'))) start++;
  return segments.slice(start);
}

/** How many trailing segments `a` and `b` share. */
export function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * Indexes compiler diagnostics by file and line. -m=2 explanations are folded into the -m line
 * they explain (`reasons`, `cause`, `sentence`); a header with no -m line is kept as it is.
 * `<autogenerated>` positions and lines without a position are left out (no source file).
 */
export function buildEscapeIndex(diagnostics: Iterable<CompilerMessage>): EscapeIndex {
  const builder = new EscapeIndexBuilder();
  for (const d of diagnostics) builder.add(d);
  return builder.finish();
}

/**
 * buildEscapeIndex, message by message as the compiler output streams
 * (GcflagsReadOptions.onMessage), so the messages need not be kept; packageHeader() at every
 * `# package` header (onPackage) deals out the explanations waiting, as EscapeAnalyzer does:
 * without it two builds' output of one package, one after the other, would keep every
 * explanation of both and each -m line would be matched among all of them (quadratic).
 */
export class EscapeIndexBuilder {
  private readonly linker = new ExplanationLinker<Placement>();
  /** The placements of explanations waiting in the linker: one with no -m line is joined with its own. */
  private readonly explanationPlacements = new WeakMap<CompilerMessage, Placement>();
  private readonly entries = new Map<string, FileEntry>();
  private readonly byBase = new Map<string, FileEntry[]>();
  private size = 0;
  /** The file and the package of the last message, and the lines `wanted` asks of that file. */
  private lastFile: string | undefined;
  private lastPackage: string | undefined;
  private lastLines: ReadonlySet<number> | undefined;

  /**
   * `wanted`: the lines that will be looked up, by file name (a path's last segment; see
   * wantedLines in sites.ts). A message at any other line is not indexed, nor linked, nor
   * explained: of `go build -gcflags=all=-m=2 std` (220 MB, a million messages) a heap profile
   * asks about a few hundred lines. Every file still gets its entry, which tells a file the
   * compiler says nothing about at a line (silent) from one it did not build (not covered).
   * `statementAt`: the go or defer statement at a position, from the program's source where it is
   * found (cause.ts withStatement): a looping defer's closure is not a goroutine's.
   */
  constructor(private readonly wanted?: ReadonlyMap<string, ReadonlySet<number>>, private readonly statementAt?: StatementAt) {}

  /** `placement`: where the escape analysis placed the message (EscapeAnalyzer.add's answer), kept with it. */
  add(d: CompilerMessage, placement?: Placement): void {
    if (d.kind === 'inlining-call') this.inlinedCall(d);
    if (d.kind === 'can-inline' || d.kind === 'cannot-inline') this.declaration(d);
    if (isStackMap(d)) this.anyLine(this.entryFor(d)?.stackMaps, d, placement);
    if (isMovedVariable(d)) this.anyLine(this.entryFor(d)?.movedVariables, d, placement);
    if (this.wanted !== undefined && !this.isWanted(d) && !isEscapingFuncLiteral(d)) return;
    // A line already full of this kind: not linked nor explained (an -m=2 explanation of a
    // dropped line goes with it, uncounted).
    if (hasSourcePosition(d)) {
      const entry = this.entryOf(d);
      if (isFull(entry, d)) {
        if (!d.explanation) omit(entry, d.line);
        return;
      }
    }
    if (d.explanation && placement !== undefined) this.explanationPlacements.set(d, placement);
    for (const group of this.linker.add(d, placement)) this.settle(group);
    if (!d.explanation && !isExplainedKind(d.kind)) this.put(placed(joined(d, [], undefined, false, this.statementAt), placement));
  }

  /**
   * Where a call is inlined (`inlining call to F` at a line:column), without indexing the line as
   * a message: the compiler reports the inlined body's values at the call's position, and a site
   * at that line that is not in F is not joined to them (compareAllocationSite, `ownFrame`). `add`
   * does it too; `heapdoc analyze --escape` passes the inlining calls here only.
   */
  inlinedCall(d: CompilerMessage): void {
    if (d.kind !== 'inlining-call' || d.subject === undefined || d.column === undefined || !hasSourcePosition(d)) return;
    if (this.wanted !== undefined && !this.isWanted(d)) return;
    const entry = this.entryOf(d);
    const list = entry.calls.get(d.line);
    const column = d.column;
    const callee = d.subject;
    if (list?.some((c) => c.column === column && c.callee === callee)) return;
    const call = { column, callee: detach(callee) };
    if (list) list.push(call);
    else entry.calls.set(d.line, [call]);
  }

  /**
   * A function's `func` line (`can inline F`, `cannot inline F: …`), whatever lines are wanted (of
   * the files wanted): what tells a line of another build (the source edited since, or another
   * program) from a line the compiler was silent about. `add` does it too; `heapdoc analyze
   * --escape` passes the inlining decisions here only.
   */
  declaration(d: CompilerMessage): void {
    const name = d.subject;
    if (name === undefined || !hasSourcePosition(d) || d.detail === 'repeated recursive cycle') return;
    if (isClosure(name)) {
      this.closureDeclaration(d, name);
      this.closure(d, name);
      return;
    }
    if (this.wanted !== undefined && !this.isWantedFile(d)) return;
    const entry = this.entryOf(d);
    if (d.kind === 'cannot-inline') entry.complete = true;
    if (!entry.declarations.some((e) => e.line === d.line && e.name === name)) entry.declarations.push({ line: d.line, name: detach(name) });
  }

  /** A closure declared at a line (wanted): the line holds code of several functions. */
  private closure(d: CompilerMessage, name: string): void {
    if (this.wanted !== undefined && !this.isWanted(d)) return;
    const entry = this.entryOf(d);
    const list = entry.closures.get(d.line);
    if (list?.includes(name)) return;
    if (list) list.push(detach(name));
    else entry.closures.set(d.line, [detach(name)]);
  }

  /** A closure's declaration at any line of a wanted file (FileEntry.closureDeclarations). */
  private closureDeclaration(d: CompilerMessage, name: string): void {
    const list = this.entryFor(d)?.closureDeclarations;
    // Bounded as the stack maps: a generated file can declare thousands of closures.
    if (list === undefined || list.length >= STACK_MAPS_PER_FILE || list.some((c) => c.line === d.line && c.column === d.column && c.name === name)) return;
    const as = d.kind === 'can-inline' ? d.message.indexOf(' as: ') : -1;
    list.push({ name: detach(name), line: d.line, column: d.column, body: as < 0 ? undefined : detach(d.message.slice(as + ' as: '.length)) });
  }

  /** The entry of a message of a wanted file (any line), or undefined. */
  private entryFor(d: CompilerMessage): FileEntry | undefined {
    return !hasSourcePosition(d) || (this.wanted !== undefined && !this.isWantedFile(d)) ? undefined : this.entryOf(d);
  }

  /** A message kept at any line of a file wanted (FileEntry.stackMaps: a map made on its function's stack; movedVariables). */
  private anyLine(list: JoinedDiagnostic[] | undefined, d: CompilerMessage, placement: Placement | undefined): void {
    // Bounded: a generated file can make thousands of maps; no site needs more than its function's.
    if (list === undefined || list.length >= STACK_MAPS_PER_FILE || list.some((m) => m.line === d.line && m.column === d.column)) return;
    list.push(placed(detachMessage(d), placement));
  }

  packageHeader(): void {
    for (const group of this.linker.flush()) this.settle(group);
  }

  finish(): EscapeIndex {
    this.packageHeader();
    return { byBase: this.byBase, size: this.size };
  }

  private settle(group: LinkedGroup<Placement>): void {
    const d = group.diagnostic;
    // Explanations with no -m line stand in for it (without the `explanation` flag).
    const placement = group.data ?? (d.explanation ? this.explanationPlacements.get(d) : undefined);
    this.put(placed(joined(d.explanation ? { ...d, explanation: false, reasons: [] } : d, group.explanations, group.dropped, placement?.goWrapper === true, this.statementAt, placement?.function, placement?.goDeclared === true), placement));
  }

  /** Whether `wanted` asks about the message's line (its file's entry made either way). */
  private isWanted(d: CompilerMessage): boolean {
    if (!hasSourcePosition(d)) return false;
    if (d.file !== this.lastFile || d.package !== this.lastPackage) {
      // Files are the grammar's interned strings and come a file at a time: one lookup a file.
      const entry = this.entryOf(d);
      this.lastFile = d.file;
      this.lastPackage = d.package;
      this.lastLines = this.wanted?.get(entry.segments[entry.segments.length - 1] ?? d.file);
    }
    return this.lastLines?.has(d.line) ?? false;
  }

  /** Whether `wanted` asks about any line of the message's file. */
  private isWantedFile(d: CompilerMessage): boolean {
    this.isWanted(d);
    return this.lastLines !== undefined;
  }

  private entryOf(d: CompilerMessage): FileEntry {
    const key = `${d.package ?? ''}\u0000${d.file}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const segments = significantSegments(d.file);
      entry = { file: d.file, package: d.package, segments, packageSegments: pathSegments(d.package?.replace(/ \[.*\]$/, '') ?? ''), byLine: new Map(), omitted: new Map(), full: new Map(), calls: new Map(), foreign: false, declarations: [], complete: false, closures: new Map(), closureDeclarations: [], funcLiterals: new Map(), stackMaps: [], movedVariables: [] };
      entry.foreign = instantiatedOnly(entry);
      this.entries.set(key, entry);
      const base = segments[segments.length - 1] ?? d.file;
      const list = this.byBase.get(base);
      if (list) list.push(entry);
      else this.byBase.set(base, [entry]);
    }
    return entry;
  }

  private put(d: JoinedDiagnostic): void {
    if (!hasSourcePosition(d)) return;
    const entry = this.entryOf(d);
    // A closure at a line no site asks about: kept apart, for funcLiteralsAt only (a line's own lookups stay as they were).
    if (this.wanted !== undefined && isEscapingFuncLiteral(d) && !this.isWanted(d)) {
      const list = entry.funcLiterals.get(d.line);
      if (list === undefined) entry.funcLiterals.set(d.line, [detachMessage(d)]);
      else if (list.length < MESSAGES_PER_KIND) list.push(detachMessage(d));
      return;
    }
    if (isFull(entry, d)) {
      omit(entry, d.line);
      return;
    }
    const atLine = entry.byLine.get(d.line);
    const kept = detachMessage(d);
    if (atLine) atLine.push(kept);
    else entry.byLine.set(d.line, [kept]);
    this.size++;
    // Counted only once the line is long: most lines never get there.
    if (atLine && atLine.length >= MESSAGES_PER_KIND && countOfKind(atLine, d.kind) >= MESSAGES_PER_KIND) {
      const full = entry.full.get(d.line);
      if (full) full.add(d.kind);
      else entry.full.set(d.line, new Set([d.kind]));
    }
  }
}

/** `moved to heap: x` (a -m line, not an -m=2 header): a local variable the compiler put on the heap. */
function isMovedVariable(d: CompilerMessage): boolean {
  return d.kind === 'moved-to-heap' && !d.explanation;
}

/** How many stack maps (FileEntry.stackMaps, and movedVariables) a file keeps. */
const STACK_MAPS_PER_FILE = 256;

/** `make(map[K]V) does not escape` (a -m line, not an -m=2 header): the map's header is on the stack (walkMakeMap). */
function isStackMap(d: CompilerMessage): boolean {
  return d.kind === 'does-not-escape' && !d.explanation && d.subject?.startsWith('make(map[') === true;
}

/** `func literal escapes to heap` (its -m=2 explanation's header too): a closure on the heap. */
function isEscapingFuncLiteral(d: CompilerMessage): boolean {
  return d.kind === 'escapes-to-heap' && d.subject === 'func literal';
}

/**
 * The closures the compiler put on the heap at a line of a compiler file (`./main.go` as it
 * printed it, of package `pkg`), with their explanations: where a value captured at that line
 * goes (keeper.ts). Those of lines no site asked about too (FileEntry.funcLiterals).
 */
export function funcLiteralsAt(index: EscapeIndex, compilerFile: string, pkg: string | undefined, line: number): JoinedDiagnostic[] {
  const base = significantSegments(compilerFile).at(-1) ?? compilerFile;
  const entry = index.byBase.get(base)?.find((e) => e.file === compilerFile && e.package === pkg);
  if (entry === undefined) return [];
  return [...entry.byLine.get(line) ?? [], ...entry.funcLiterals.get(line) ?? []].filter(isEscapingFuncLiteral);
}

/**
 * The closures the output declares inside function `fn` (`subscribe` → `subscribe.func1`,
 * `subscribe.func1.1`) in a compiler file (`./main.go` as it printed it, of package `pkg`), at
 * any line: the closures that can capture a variable of `fn` (keeper.ts closureKeeper).
 */
export function closuresOf(index: EscapeIndex, compilerFile: string, pkg: string | undefined, fn: string): ClosureDeclaration[] {
  const base = significantSegments(compilerFile).at(-1) ?? compilerFile;
  const entry = index.byBase.get(base)?.find((e) => e.file === compilerFile && e.package === pkg);
  return entry?.closureDeclarations.filter((c) => c.name.startsWith(`${fn}.`) && isClosure(c.name)) ?? [];
}

/** The closure the output declares at a position (`can inline subscribe.func1` at main.go:26:32), if it does. */
export function closureDeclaredAt(index: EscapeIndex, compilerFile: string, pkg: string | undefined, line: number, column: number | undefined): ClosureDeclaration | undefined {
  const base = significantSegments(compilerFile).at(-1) ?? compilerFile;
  const entry = index.byBase.get(base)?.find((e) => e.file === compilerFile && e.package === pkg);
  return entry?.closureDeclarations.find((c) => c.line === line && c.column === column);
}

/**
 * The closure a position below its `func` literal's line is in (a capture step of a closure over
 * several lines: `buf` at main.go:63:12 in `multi.func1`, declared at 62:17): the closure declared
 * last before the position. Any closure declared between the one around the position and the
 * position is nested in it, so the last one is it unless it is nested in another closure (then
 * which of them holds the position is not known: undefined).
 */
export function closureAround(index: EscapeIndex, compilerFile: string, pkg: string | undefined, line: number, column: number): ClosureDeclaration | undefined {
  const base = significantSegments(compilerFile).at(-1) ?? compilerFile;
  const entry = index.byBase.get(base)?.find((e) => e.file === compilerFile && e.package === pkg);
  let last: ClosureDeclaration | undefined;
  for (const c of entry?.closureDeclarations ?? []) {
    const before = c.line < line || (c.line === line && (c.column ?? 0) < column);
    if (before && (last === undefined || c.line > last.line || (c.line === last.line && (c.column ?? 0) > (last.column ?? 0)))) last = c;
  }
  const parent = last === undefined ? undefined : closureParent(last.name);
  return last !== undefined && parent !== undefined && !isClosure(parent) ? last : undefined;
}

/** Whether d's line already holds MESSAGES_PER_KIND diagnostics of d's kind. */
function isFull(entry: FileEntry, d: CompilerMessage): boolean {
  return entry.full.get(d.line)?.has(d.kind) ?? false;
}

function omit(entry: FileEntry, line: number): void {
  entry.omitted.set(line, (entry.omitted.get(line) ?? 0) + 1);
}

function countOfKind(list: readonly JoinedDiagnostic[], kind: JoinedDiagnostic['kind']): number {
  let n = 0;
  for (const d of list) if (d.kind === kind) n++;
  return n;
}

/** The same message at the same column: a package and its test variant compiled the same line. */
function sameDiagnostic(a: JoinedDiagnostic, b: JoinedDiagnostic): boolean {
  return a.column === b.column && a.kind === b.kind && a.message === b.message;
}

/** A position in a source file: not `<autogenerated>`, not a line without a position. */
function hasSourcePosition(d: CompilerMessage): boolean {
  return d.line !== 0 && d.file !== '' && !d.file.startsWith('<');
}

/** A joined diagnostic with where the escape analysis placed it (JoinedDiagnostic.placedIn …), when it was given. */
function placed(d: JoinedDiagnostic, placement: Placement | undefined): JoinedDiagnostic {
  if (placement === undefined || (placement.function === undefined && placement.inlinedFrom === undefined && placement.closureAt === undefined)) return d;
  const out: JoinedDiagnostic = { ...d };
  if (placement.closureAt !== undefined) out.closureAt = placement.closureAt;
  if (placement.function !== undefined) out.placedIn = placement.function;
  if (placement.sharedWith !== undefined && placement.sharedWith.length > 0) out.sharedWith = placement.sharedWith;
  if (placement.inlinedFrom !== undefined) out.inlinedFrom = placement.inlinedFrom;
  return out;
}

/**
 * A -m line with its -m=2 explanations folded in: cause, sentence, reasons, function. `goWrapper`:
 * Placement.goWrapper; `statementAt`: the source's go or defer statement (EscapeIndexBuilder);
 * `placedIn`: the function the analysis placed it in (Placement.function), a deferred closure's;
 * `goDeclared`: Placement.goDeclared, `go` where no source line says.
 */
function joined(d: CompilerMessage, explanations: readonly CompilerMessage[], dropped?: number, goWrapper = false, statementAt?: StatementAt, placedIn?: string, goDeclared = false): JoinedDiagnostic {
  if (!isExplainedKind(d.kind) && d.kind !== 'leaking-closure-reference') return d;
  const all = d.reasons?.length ? [d, ...explanations] : explanations;
  const paths = all.map((e) => e.reasons ?? []).filter((p) => p.length > 0);
  const input: Parameters<typeof causeOf>[0] = { kind: d.kind, paths };
  if (d.subject !== undefined) input.subject = d.subject;
  if (d.target !== undefined) input.target = d.target;
  const chained = causeOf(input);
  const statement = chained === 'goroutine' ? statementAt?.(d.file, d.line, d.column) ?? (goDeclared ? 'go' : undefined) : undefined;
  const cause = withStatement(chained, statement);
  const fn = d.function ?? explanations.find((e) => e.function !== undefined)?.function ?? placedIn;
  const out: JoinedDiagnostic = { ...d, cause, sentence: describeFinding(d.subject ?? d.message, d.kind, cause, paths, d.target, dropped, goWrapper, statement, fn) };
  if (statement !== undefined) out.statement = statement;
  const reasons = paths.flat();
  if (reasons.length > 0) out.reasons = reasons;
  const omitted = all.reduce((n, e) => n + (e.reasonsOmitted ?? 0), 0);
  if (omitted > 0) out.reasonsOmitted = omitted;
  if (out.function === undefined) {
    const named = explanations.find((e) => e.function !== undefined)?.function;
    if (named !== undefined) out.function = named;
  }
  return out;
}

export type FileMatch =
  | { status: 'matched'; file: string; package?: string }
  | { status: 'ambiguous'; candidates: string[] }
  | { status: 'none' };

/**
 * Which compiler file a profile path is, if the -m output has exactly one that fits; with the
 * frame's function, one of its package (framePackage).
 */
export function matchFile(index: EscapeIndex, profileFile: string, frameFunction?: string): FileMatch {
  const matched = resolve(index, profileFile, framePackage(frameFunction));
  if (matched === undefined) return { status: 'none' };
  if (Array.isArray(matched)) return { status: 'ambiguous', candidates: matched.map((e) => e.file) };
  return matched.package === undefined ? { status: 'matched', file: matched.file } : { status: 'matched', file: matched.file, package: matched.package };
}

/** Whether the -m output has a file that is `profileFile` for a frame of package `pkg` (framePackage; undefined: any), exactly one or several. */
export function coversFile(index: EscapeIndex, profileFile: string, pkg: string | undefined): boolean {
  return resolve(index, profileFile, pkg) !== undefined;
}

type Resolved = FileEntry | FileEntry[] | undefined;

/** resolve's answers by index and profile path: a merge copies its entries' lines, once a file, not once a site. */
const resolved = new WeakMap<EscapeIndex, Map<string, Resolved>>();

/** `pkg`: the frame's package (framePackage), undefined when not known: then any package's file fits. */
function resolve(index: EscapeIndex, profileFile: string, pkg?: string): Resolved {
  let cache = resolved.get(index);
  if (!cache) resolved.set(index, (cache = new Map()));
  const key = pkg === undefined ? profileFile : `${pkg}\u0000${profileFile}`;
  if (cache.has(key)) return cache.get(key);
  const out = resolveFile(index, profileFile, pkg);
  cache.set(key, out);
  return out;
}

/**
 * The package a profile frame's function is in, as the compiler's `# package` header names it
 * (`join/lib.Grow` → `join/lib`; a `%2e` in the symbol is the path's dot: `gopkg.in/yaml.v3`);
 * undefined when its name does not say: package main's functions are `main.F` whatever its import
 * path (`# example.com/prog`), and a generic function's code is compiled by every package that
 * instantiates it (FileEntry.foreign).
 */
export function framePackage(frameFunction: string | undefined): string | undefined {
  if (frameFunction === undefined || frameFunction.includes('[')) return undefined;
  const pkg = functionPackage(frameFunction).replace(/%2e/gi, '.');
  return pkg === '' || pkg === 'main' || pkg === frameFunction ? undefined : pkg;
}

/**
 * Whether a compiler file can hold a frame of package `pkg`. A path with directories
 * (`runtime/time.go`, `lib/main.go`) must fit the frame's path whole, which says enough: its
 * package need not be the function's (runtime's `//go:linkname timeSleep time.Sleep` is `time.Sleep`
 * in runtime/time.go). A bare name (`./main.go`) is its package's file only. Any fits when either
 * package is not known.
 */
function packageFits(entry: FileEntry, pkg: string | undefined): boolean {
  return pkg === undefined || entry.package === undefined || entry.segments.length > 1 || packageOf(entry) === pkg;
}

function resolveFile(index: EscapeIndex, profileFile: string, pkg: string | undefined): Resolved {
  const segments = pathSegments(profileFile);
  const base = segments[segments.length - 1];
  if (base === undefined) return undefined;
  const candidates = index.byBase.get(base)?.filter((entry) => packageFits(entry, pkg));
  if (!candidates || candidates.length === 0) return undefined;
  // Every segment the compiler printed must agree: `net/http/server.go` is not `/x/foo/server.go`.
  const fits = candidates.filter((entry) => commonSuffix(entry.segments, segments) === entry.segments.length);
  // One build prints a file under several spellings: relative to the build directory where the
  // compiling package's directory is under it (`gen/gen.go`, main's `./gen/gen.go`), absolute where
  // it is not (go1.19, package `a` instantiating gen's generic code: `/tmp/three/gen/gen.go`). The
  // absolute one fits more segments of the frame's path, so it alone won, and the others' messages
  // (another instantiation's) were dropped; a profile from another root fits only the relative one.
  const relative = bestFit(fits.filter((e) => !isAbsolute(e.file)), segments);
  const absolute = bestFit(fits.filter((e) => isAbsolute(e.file)), segments);
  if (relative === undefined || Array.isArray(relative)) return absolute ?? relative;
  if (Array.isArray(absolute)) return absolute;
  // The same file as the relative spelling: an absolute path that ends with it, when that names a
  // directory (or its package's is the file's), is that path under the build directory.
  const sameFile = (entry: FileEntry): boolean => commonSuffix(entry.segments, relative.segments) === relative.segments.length
    && (relative.segments.length >= 2 || commonSuffix(relative.packageSegments, entry.segments.slice(0, -1)) >= 1);
  const spellings = absolute ? [absolute] : candidates.filter((e) => isAbsolute(e.file) && !fits.includes(e) && sameFile(e));
  if (absolute && !sameFile(absolute)) return absolute;
  return spellings.length > 0 ? mergeEntries([relative, ...spellings]) : relative;
}

/** An absolute path as the compiler prints one (`/tmp/x.go`, `C:\\x.go`). */
function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
}

/** Of entries that fit the frame's path (`segments`), the longest fit: one entry, merged ties, or the tied candidates (ambiguous). */
function bestFit(fits: readonly FileEntry[], segments: readonly string[]): Resolved {
  let tied: FileEntry[] = [];
  let bestScore = -1;
  for (const entry of fits) {
    const shared = entry.segments.length;
    if (shared > bestScore) {
      tied = [entry];
      bestScore = shared;
    } else if (shared === bestScore) {
      tied.push(entry);
    }
  }
  if (tied.length <= 1) return tied[0];
  // Ties have the same path. One file compiled by several packages is one file, each message once:
  // a package and its test variant (`p`, `p [p.test]`), or a path with directories that one package
  // owns and others compiled (go1.19 prints `store/store.go` under `# example.com/prog2/store` and,
  // for its generic Keys[T] instantiated in main, `./store/store.go` under `# example.com/prog2`).
  const owning = tied.filter(owns);
  if (new Set(owning.map(packageOf)).size <= 1) return mergeEntries([...owning, ...tied.filter((e) => !owning.includes(e))]);
  // Several packages own the path (`./util.go` of two packages, each printed relative to its own
  // directory): the package path against the frame's directories decides, or nothing does.
  let best: FileEntry[] = [];
  let bestTie = -1;
  for (const entry of owning) {
    const tie = commonSuffix(entry.packageSegments, segments.slice(0, -1));
    if (tie > bestTie) {
      best = [entry];
      bestTie = tie;
    } else if (tie === bestTie) {
      best.push(entry);
    }
  }
  if (best.length === 1) return best[0];
  return new Set(best.map(packageOf)).size === 1 ? mergeEntries(best) : best;
}

/** The package path without its test variant's suffix (`p [p.test]` is `p`). */
function packageOf(entry: FileEntry): string {
  return entry.packageSegments.join('/');
}

/**
 * Whether an entry's package is its file's: a bare name (`./util.go`) is printed relative to its
 * package's directory; a path with directories (`store/store.go`) names that directory, which the
 * package path ends with; a package whose path does not compiled another's code (an instantiation
 * of its generic function).
 */
function owns(entry: FileEntry): boolean {
  const dirs = entry.segments.slice(0, -1);
  return dirs.length === 0 || commonSuffix(entry.packageSegments, dirs) === dirs.length;
}

/**
 * Whether an entry is another package's file compiled by this one only for its generic functions:
 * a path under the build's directory (`./store/store.go`, `store/store.go`: not `/…`, `../…` or
 * `$GOROOT/…`, whose directories need not spell the package path) in a directory that the
 * package's path does not end with (owns). Instantiated code is the only code of another package
 * the compiler reports under a package's header; inlined calls are reported at the call.
 */
function instantiatedOnly(entry: FileEntry): boolean {
  if (entry.package === undefined || owns(entry)) return false;
  const raw = entry.file.replace(/\\/g, '/');
  return !raw.startsWith('/') && !/^[A-Za-z]:/.test(raw) && significantSegments(raw).length === pathSegments(raw).length;
}

function mergeEntries(entries: FileEntry[]): FileEntry {
  const first = entries[0] as FileEntry;
  const byLine = new Map<number, JoinedDiagnostic[]>();
  const omitted = new Map<number, number>();
  const calls = new Map<number, InlinedCallAt[]>();
  for (const entry of entries) {
    for (const [line, list] of entry.calls) {
      const merged = calls.get(line) ?? [];
      for (const c of list) if (!merged.some((m) => m.column === c.column && m.callee === c.callee)) merged.push(c);
      calls.set(line, merged);
    }
    for (const [line, list] of entry.byLine) {
      const merged = byLine.get(line) ?? [];
      for (const d of list) if (!merged.some((m) => sameDiagnostic(m, d))) merged.push(d);
      byLine.set(line, merged);
    }
    // A line cut in both variants was cut for the same messages: the larger count, not the sum.
    for (const [line, n] of entry.omitted) omitted.set(line, Math.max(n, omitted.get(line) ?? 0));
  }
  const declarations: Declaration[] = [];
  for (const entry of entries) for (const d of entry.declarations) if (!declarations.some((m) => m.line === d.line && m.name === d.name)) declarations.push(d);
  const closures = new Map<number, string[]>();
  for (const entry of entries) {
    for (const [line, names] of entry.closures) closures.set(line, [...new Set([...(closures.get(line) ?? []), ...names])]);
  }
  const closureDeclarations: ClosureDeclaration[] = [];
  for (const entry of entries) for (const c of entry.closureDeclarations) if (!closureDeclarations.some((m) => m.line === c.line && m.column === c.column && m.name === c.name)) closureDeclarations.push(c);
  const funcLiterals = new Map<number, JoinedDiagnostic[]>();
  for (const entry of entries) {
    for (const [line, list] of entry.funcLiterals) {
      const merged = funcLiterals.get(line) ?? [];
      for (const d of list) if (!merged.some((m) => sameDiagnostic(m, d))) merged.push(d);
      funcLiterals.set(line, merged);
    }
  }
  return { ...first, byLine, omitted, full: new Map(), calls, foreign: entries.every((e) => e.foreign), declarations, complete: entries.some((e) => e.complete), closures, closureDeclarations, funcLiterals };
}

/**
 * What the compiler said at `line` of the profile's `file` (an absolute path from a heap profile
 * frame). Empty when the -m output has no such file (of the frame's package, with `frameFunction`),
 * or when two of its files fit equally well.
 * With `frameFunction` (a stack frame's function, as the profile names it: `main.main.func2`), only
 * what can be that function's on a line of several functions (ownFunction: a closure's messages
 * are not its parent's; those the output leaves to the line, with their note, stay).
 */
export function escapesAt(index: EscapeIndex, file: string, line: number, frameFunction?: string): JoinedDiagnostic[] {
  const entry = resolve(index, file, framePackage(frameFunction));
  if (!entry || Array.isArray(entry)) return [];
  const all = entry.byLine.get(line) ?? [];
  return frameFunction === undefined ? all : ownFunction(all, entry.closures.get(line), frameFunction);
}

export interface SiteComparison {
  status: SiteStatus;
  /** The compiler file matched, as it printed it. */
  compilerFile?: string;
  /** Every diagnostic at the line (joined). */
  diagnostics: JoinedDiagnostic[];
  /** The heap values among them (escapes-to-heap, moved-to-heap). */
  heap: JoinedDiagnostic[];
  /** One or two sentences for a person: what the compiler says and, when it disagrees, why it may. */
  explanation: string;
  /** Diagnostics at the line not kept (more than MESSAGES_PER_KIND of one kind); 0 for most. */
  omitted: number;
  /**
   * With a frame: the heap values at the line that are the bodies' of calls inlined there, not the
   * frame's (the explanation names them); empty for most.
   */
  inlinedHeap: JoinedDiagnostic[];
  /** A silent line whose allocation is the runtime's work under the frame (a map's growth, an append's): what the explanation says of it. */
  runtimeWork?: RuntimeWork;
}

/** A `make(T, …)` subject's arguments (the type first), undefined for any other subject. */
function makeArguments(subject: string): string[] | undefined {
  if (!subject.startsWith('make(') || !subject.endsWith(')')) return undefined;
  const args: string[] = [];
  let rest = subject.slice(5, -1);
  for (let at = indexOfTopLevel(rest, ', '); at >= 0; at = indexOfTopLevel(rest, ', ')) {
    args.push(rest.slice(0, at));
    rest = rest.slice(at + 2);
  }
  args.push(rest);
  return args;
}

/** `make(T, n)` with a size that is not a literal, or a literal too large for the stack. */
function variableOrLargeMake(subject: string): boolean {
  return makeArguments(subject)?.slice(1).some((a) => !/^\d+$/.test(a) || Number(a) > 64 * 1024) ?? false;
}

/**
 * A profile frame whose line is looked up (compareAllocationSite): `inlined` is the function the
 * frame's PC is inside of, inlined at this line (the frame before it in the stack, at the same
 * PC, or in Go 1.19 of the same function entry), undefined when none is.
 */
export interface OwnFrame {
  inlined: string | undefined;
  /** The frame's function (`example.com/prog/store.NewRecord`): a file compiled only for its generic functions (FileEntry.foreign) covers only theirs. */
  function?: string;
  /** The frame's package (framePackage), when `function` is not given: only a file of that package is the frame's. */
  package?: string | undefined;
  /** The runtime's work under the frame in the site's stacks (sites.ts runtimeWork), asked for only when the line has no heap value of the frame's own. */
  runtime?: () => RuntimeWork | undefined;
}

/**
 * A runtime function called from the frame's line that made the allocation (a map's growth, an
 * append's): what -m does not report. `called`: the runtime function called from the line, when
 * the profile prints it (Go's writers, text and binary, hide `runtime.` frames at a stack's top;
 * Go 1.24+ map code is `internal/runtime/maps`); `unprinted`: the PCs under the frame that a
 * debug=1 dump does not print, the fewest and the most of one of the site's stacks (the same
 * line reached through two calls: 3 PCs under a map's growth at main.go:21, 5 under its overflow
 * buckets' during an evacuation).
 */
export interface RuntimeWork {
  called: string | undefined;
  unprinted: { stacks: number; fewest: number; most: number };
}

/**
 * Whether a frame's function (`main.newRecord`, `net/http.ListenAndServe`) is the callee `inlining call to` names (`newRecord`, `http.ListenAndServe`).
 * Type arguments are compared as `[...]`: a profile prints a generic function's as `[...]`
 * (`store.NewCache[...]`), the compiler its shapes (`store.NewCache[go.shape.string_0,go.shape.*uint8_1]`).
 */
export function isCallee(frameFunction: string, callee: string): boolean {
  const frame = withoutTypeArguments(frameFunction);
  const called = withoutTypeArguments(callee);
  return frame === called || frame.endsWith(`.${called}`) || frame.endsWith(`/${called}`);
}

/**
 * The messages at a line that are the frame's own: those at the position of a call inlined there
 * are the inlined body's (the compiler reports them at the call: `newRecord` inlined at
 * main.go:35:36 has its `&Record{...} escapes to heap` there), kept only when the frame's PC is in
 * that body (`inlined`, or a callee inlined at the same column: `useA` and its `mk` at 56:7).
 * Messages without a column (Go < 1.10) are kept.
 */
function ownMessages(all: JoinedDiagnostic[], calls: readonly InlinedCallAt[] | undefined, inlined: string | undefined): JoinedDiagnostic[] {
  if (calls === undefined || calls.length === 0) return all;
  return all.filter((d) => {
    if (d.column === undefined) return true;
    const here = calls.filter((c) => c.column === d.column);
    return here.length === 0 || (inlined !== undefined && here.some((c) => isCallee(inlined, c.callee)));
  });
}

/**
 * The messages at a line of several functions (closures declared there) that can be the frame's
 * function's, by where the escape analysis placed them (Placement): in it, a copy of its body, or,
 * printed without a column, in it or in one of the others that could hold it. Twelve closures on
 * one line are twelve heap sites, and each gets its own `make` (go1.19-escape-straddle), not all
 * twelve. Messages placed nowhere stay. A frame whose function is a closure that none of the line's
 * declared closures names (nor encloses) is one plain -m does not declare (not inlinable): it gets
 * the messages placed in a closure the output does not name (`closureAt`, whose parent is the
 * frame's), and none placed in a named function (go1.19-escape-oneline: `main.main.func1`, the `go
 * func() { defer wg.Done(); … }()` at 27:6, gets its `make([]byte, 1000)`, not `main.func2`'s). Every
 * message stays when the frame's function is otherwise none the line's closures name: named
 * otherwise than the analysis names it, nothing tells its messages.
 */
function ownFunction(list: readonly JoinedDiagnostic[], closures: readonly string[] | undefined, frameFunction: string | undefined): JoinedDiagnostic[] {
  if (frameFunction === undefined) return [...list];
  const unnamed = list.some((d) => d.closureAt !== undefined);
  if (closures === undefined && !unnamed) return [...list];
  const known = (closures ?? []).some((c) => {
    for (let f: string | undefined = c; f !== undefined; f = closureParent(f)) if (isCallee(frameFunction, f)) return true;
    return false;
  });
  if (!known) {
    if (!unnamed) return [...list];
    const parent = closureParent(frameFunction);
    // A declared function's frame (main.main): what is in a closure starting at the line is not its.
    if (parent === undefined) return list.filter((d) => d.closureAt === undefined);
    return list.filter((d) => (d.placedIn === undefined && d.inlinedFrom === undefined && d.sharedWith === undefined && d.closureAt === undefined)
      || (d.closureAt !== undefined && (d.closureAt.parent === undefined || isCallee(parent, d.closureAt.parent))));
  }
  return list.filter((d) => (d.placedIn === undefined && d.closureAt === undefined) || (d.placedIn !== undefined && isCallee(frameFunction, d.placedIn))
    || (d.inlinedFrom !== undefined && isCallee(frameFunction, d.inlinedFrom)) || (d.sharedWith?.some((f) => isCallee(frameFunction, f)) ?? false));
}

/**
 * A message's words with, when the compiler printed no column on a line of several functions, in
 * which it could be (`column not printed: in main or one of its 9 closures at this line`).
 */
function withColumnNote(words: string, d: JoinedDiagnostic): string {
  const note = joinedColumnNote(d);
  return note === undefined ? words : `${words} (${note})`;
}

/**
 * Compares a profile allocation site (a frame's file and line) with what the compiler said
 * there. With `ownFrame`, only the messages of the frame's own code (ownMessages). A profile site where the compiler says only "does not escape" is the interesting case
 * (reasoning.md §5; golang/go#46908): escape is not allocation. Causes, most likely first:
 *  - the value is too large for the stack or its size is not a constant (Go 1.25+ reports a
 *    non-constant `make([]T, n)` as "does not escape" and heap-allocates it when it is big);
 *  - string/[]byte conversions and concatenations that "do not escape" still allocate when the
 *    result is longer than their 32-byte stack buffer;
 *  - the allocation is inside a function called (not inlined) from this line;
 *  - the profile and the -m output come from different builds (edited source, Go version, flags).
 */
export function compareAllocationSite(index: EscapeIndex, file: string, line: number, ownFrame?: OwnFrame): SiteComparison {
  const pkg = ownFrame?.package ?? framePackage(ownFrame?.function);
  const entry = resolve(index, file, pkg);
  if (!entry) {
    const others = pkg === undefined ? undefined : resolve(index, file);
    const other = others === undefined ? undefined : Array.isArray(others) ? others[0] : others;
    const theirs = other === undefined ? '' : `; its ${other.file} is package ${other.package ?? '?'}'s, not ${pkg ?? '?'}'s`;
    return { status: 'not-covered', diagnostics: [], heap: [], omitted: 0, inlinedHeap: [],
      explanation: `the compiler output has no file that matches ${file}${theirs}: build its package with -gcflags=-m (or -gcflags=all=-m for dependencies)` };
  }
  if (Array.isArray(entry)) {
    return { status: 'ambiguous', diagnostics: [], heap: [], omitted: 0, inlinedHeap: [],
      explanation: `several compiler files match ${file} equally well (${entry.map((e) => e.file).join(', ')}); not joined` };
  }
  if (entry.foreign && ownFrame?.function !== undefined && !ownFrame.function.includes('[')) {
    // A profile names a generic function with its type arguments (`store.NewCache[...]`).
    return { status: 'not-covered', diagnostics: [], heap: [], omitted: 0, inlinedHeap: [],
      explanation: `the compiler output has ${entry.file} only for the generic functions ${entry.package ?? 'another package'} instantiates, not ${ownFrame.function}: build its package with -gcflags=-m (or -gcflags=all=-m for dependencies)` };
  }
  const otherBuild = ownFrame?.function !== undefined ? anotherBuild(entry, line, ownFrame.function) : undefined;
  if (otherBuild !== undefined) return { status: 'not-covered', diagnostics: [], heap: [], omitted: 0, inlinedHeap: [], explanation: otherBuild };
  const all = entry.byLine.get(line) ?? [];
  const diagnostics = ownFrame === undefined ? all : ownFunction(ownMessages(all, entry.calls.get(line), ownFrame.inlined), entry.closures.get(line), ownFrame.function);
  const omitted = entry.omitted.get(line) ?? 0;
  const heap = diagnostics.filter((d) => d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap');
  const where = `${entry.file}:${line}`;
  if (heap.length > 0) {
    const what = heap.map((d) => withColumnNote(d.sentence ?? d.message, d)).join('; ');
    return { status: 'agrees', compilerFile: entry.file, diagnostics, heap, omitted, inlinedHeap: [], explanation: `the compiler says at ${where}: ${what}` };
  }
  const stays = diagnostics.filter((d) => d.kind === 'does-not-escape');
  const inlined = diagnostics.filter((d) => d.kind === 'inlining-call').map((d) => d.subject ?? d.message);
  if (stays.length > 0) {
    const subjects = stays.map((d) => d.subject ?? d.message);
    const reasons: string[] = [];
    // A map's make: its header is what does not escape (walkMakeMap), its buckets are the runtime's.
    if (subjects.some((s) => s.startsWith('make(map[') && !smallHint(s))) {
      reasons.push('a map that does not escape has only its header on the stack (and its first bucket, for a hint of 8 or less): for a larger hint, or one that is not a constant, runtime.makemap allocates its buckets on the heap (runtime.makeBucketArray), which -m does not report');
    }
    if (subjects.some((s) => !s.startsWith('make(map[') && variableOrLargeMake(s))) {
      reasons.push('a make whose size is not a constant or is too large for the stack is allocated on the heap even when it does not escape (Go 1.25+ reports such makes as "does not escape")');
    }
    if (subjects.some((s) => /^(?:\(?string\)?\(|\(?\[\](?:byte|rune)\)?\(|.* \+ )/.test(s))) {
      reasons.push('string and []byte conversions or concatenations that do not escape still allocate when the result is longer than their 32-byte stack buffer');
    }
    reasons.push(`the allocation may be inside a function called from this line${inlined.length > 0 ? ` (${inlined.join(', ')} ${inlined.length === 1 ? 'is' : 'are'} inlined here)` : ''}`);
    reasons.push('or the profile and the -m output come from different builds (edited source, another Go version or flags)');
    return {
      status: 'disagrees', compilerFile: entry.file, diagnostics, heap, omitted, inlinedHeap: [],
      explanation: `the profile allocates at ${where} but the compiler says ${subjects.map((s) => `"${s} does not escape"`).join(', ')}: ${reasons.join('; ')}`,
    };
  }
  if (ownFrame !== undefined) {
    const calls = inlinedHeapAt(all, entry.calls.get(line), diagnostics, line);
    const maps = ownFrame.function === undefined ? [] : stackMapsIn(entry, ownFrame.function, line);
    return { status: 'silent', compilerFile: entry.file, diagnostics, heap, omitted, inlinedHeap: calls.flatMap((c) => c.heap), ...silentAtFrame(where, calls, ownFrame, maps) };
  }
  const explanation = inlined.length > 0
    ? `the compiler reports no heap value at ${where}; the allocation is probably inside ${inlined.join(', ')}, inlined there`
    : `the compiler reports nothing about heap values at ${where}: ${SILENT_CAUSES}`;
  return { status: 'silent', compilerFile: entry.file, diagnostics, heap, omitted, inlinedHeap: [], explanation };
}

/**
 * Why the output cannot be of the profile's build at this line, when it shows it: the line is in
 * another function of the output while the frame's function is declared elsewhere in the file (the
 * source was edited since), or the output declares every function of the file (-m=2) and not the
 * frame's (another program's file of the same name). Closures and generic functions are not
 * checked: the compiler and the profile name them differently.
 */
function anotherBuild(entry: FileEntry, line: number, frameFunction: string): string | undefined {
  // A package's initialisation (`main.init`, its package-level variables' initialisers) is never declared.
  if (entry.declarations.length === 0 || isClosure(frameFunction) || frameFunction.includes('[') || isPackageInit(frameFunction)) return undefined;
  let enclosing: Declaration | undefined;
  for (const d of entry.declarations) if (d.line <= line && (!enclosing || d.line > enclosing.line)) enclosing = d;
  const own = entry.declarations.filter((d) => isCallee(frameFunction, d.name));
  if (enclosing && isCallee(frameFunction, enclosing.name)) return undefined;
  const rebuild = 'rebuild with -gcflags=-m=2 from the source the profiled binary was built from';
  const inOther = enclosing ? `; line ${line} is in ${enclosing.name} there` : '';
  if (own.length > 0) {
    return `this -m output is not of the profiled build: it declares ${frameFunction} at ${entry.file}:${own.map((d) => d.line).join(', ')}${inOther} (the source changed since): ${rebuild}`;
  }
  if (!entry.complete) return undefined;
  return `this -m output is not of the profiled build: it has no ${frameFunction} in ${entry.file}${inOther}: ${rebuild}`;
}

/**
 * The heap values the compiler reports at a caller's line for the copy of `callee`'s body inlined
 * there (at the columns of its `inlining call to` lines): what stands for an inlined function's
 * own line when the output does not cover its file (bufpool: `bytes.Repeat` inlined into
 * main.render, its `make([]byte, len(bytes.b) * bytes.count)` reported at main.go:24:23 and
 * bytes.go not built with -m). Empty when the file does not match or nothing is inlined there.
 */
export function inlinedBodyHeap(index: EscapeIndex, file: string, line: number, callee: string, pkg: string | undefined): JoinedDiagnostic[] {
  const entry = resolve(index, file, pkg);
  if (entry === undefined || Array.isArray(entry)) return [];
  const columns = new Set((entry.calls.get(line) ?? []).filter((c) => isCallee(callee, c.callee)).map((c) => c.column));
  if (columns.size === 0) return [];
  return (entry.byLine.get(line) ?? []).filter((d) => d.column !== undefined && columns.has(d.column) && (d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap'));
}

const SILENT_CAUSES = 'the allocation is inside a function called from this line, or by the runtime (append or map growth), or the line moved since the -m output was made';

/** The calls inlined at a line (by column: `useA` and its `mk` share 56:7) with their heap values there that are not the frame's (`own`). */
function inlinedHeapAt(all: readonly JoinedDiagnostic[], calls: readonly InlinedCallAt[] | undefined, own: readonly JoinedDiagnostic[], line: number): Array<{ at: string; callees: string[]; heap: JoinedDiagnostic[] }> {
  const out: Array<{ at: string; callees: string[]; heap: JoinedDiagnostic[] }> = [];
  for (const call of calls ?? []) {
    const at = `${line}:${call.column}`;
    const known = out.find((c) => c.at === at);
    if (known) {
      known.callees.push(call.callee);
      continue;
    }
    const heap = all.filter((d) => d.column === call.column && (d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap') && !own.includes(d));
    if (heap.length > 0) out.push({ at, callees: [call.callee], heap });
  }
  return out;
}

/**
 * A frame's line with no heap value of its own: whose the line's heap values are (calls inlined
 * there: the compiler reports their bodies at the call), and what made the allocation when the
 * stacks show the runtime under the line (a map's growth, an append's), which -m does not report.
 */
function silentAtFrame(where: string, calls: ReturnType<typeof inlinedHeapAt>, frame: OwnFrame, maps: readonly JoinedDiagnostic[]): { explanation: string; runtimeWork?: RuntimeWork } {
  const theirs = calls.map((c) => `${c.callees.join(' and ')}'s, inlined at ${c.at} (${c.heap.map((d) => d.subject ?? d.message).join(', ')})`);
  const head = theirs.length > 0
    ? `the heap values the compiler reports at ${where} are ${theirs.join('; ')}, shown at ${calls.length === 1 && calls[0]?.callees.length === 1 ? 'its' : 'their'} own sites`
    : `the compiler reports nothing about heap values at ${where}`;
  const work = frame.runtime?.();
  if (work !== undefined) {
    const what = work.called === undefined
      ? `${unprintedWords(work.unprinted)} under the line that a debug=1 dump does not print, most often a map's growth or an append's, which -m does not report`
      : `${runtimeWorkWords(work.called)} (${work.called}, called from this line), which -m does not report`;
    // A map's growth, or what may be one (PCs a dump does not print): a map made on the frame's stack is named.
    const grows = work.called === undefined || isMapFunction(work.called) ? stackMapWords(maps, where, frame.function, work.called) : '';
    return { explanation: `${head}; this allocation is the runtime's, made for this line: ${what}${grows}`, runtimeWork: work };
  }
  return {
    explanation: `${theirs.length > 0
      ? `${head}; this allocation is not one of them: the runtime makes it for this line (an append's or a map's growth, which -m does not report)`
      : `${head}: ${SILENT_CAUSES}`}${stackMapWords(maps, where, frame.function, undefined)}`,
  };
}

/**
 * The maps the frame's function makes on its stack (`make(map[…]…) does not escape`, FileEntry.stackMaps):
 * those the escape analysis placed in it, or, placed nowhere, at a line of its span (the function
 * that declares the frame's line, `func` line included, up to the next declaration with -m=2, which
 * declares every function; up to the frame's line with -m, which declares only the inlinable ones).
 */
function stackMapsIn(entry: FileEntry, frameFunction: string, line: number): JoinedDiagnostic[] {
  if (entry.stackMaps.length === 0) return [];
  const span = functionSpan(entry, frameFunction, line);
  return entry.stackMaps.filter((m) => inFunction(m, frameFunction, span));
}

/** The lines of the frame's function stackMapsIn reads (`end` exclusive), undefined when the output does not declare it there. */
function functionSpan(entry: FileEntry, frameFunction: string, line: number): { start: number; end: number } | undefined {
  let enclosing: Declaration | undefined;
  for (const d of entry.declarations) if (d.line <= line && (!enclosing || d.line > enclosing.line)) enclosing = d;
  const own = enclosing !== undefined && isCallee(frameFunction, enclosing.name) ? enclosing : undefined;
  if (own === undefined) return undefined;
  const next = !entry.complete ? undefined : entry.declarations.filter((d) => d.line > own.line).reduce<number | undefined>((m, d) => (m === undefined || d.line < m ? d.line : m), undefined);
  return { start: own.line, end: next ?? line + 1 };
}

/** A message of the frame's function: placed in it by the escape analysis, or, placed nowhere, in its span (functionSpan). */
function inFunction(m: JoinedDiagnostic, frameFunction: string, span: { start: number; end: number } | undefined): boolean {
  return m.placedIn !== undefined || m.inlinedFrom !== undefined
    ? m.inlinedFrom === undefined && m.placedIn !== undefined && isCallee(frameFunction, m.placedIn)
    : span !== undefined && m.closureAt === undefined && m.line >= span.start && m.line < span.end;
}

/** What the compiler output says of a function's local variables (stackLocalsAt): its file as printed and the ones it moved to the heap. */
export interface StackLocals {
  compilerFile: string;
  moved: JoinedDiagnostic[];
}

/**
 * The variables the compiler moved to the heap out of the frame's function (`moved to heap: x`, FileEntry.movedVariables),
 * for a goroutine group whose stacks are large frames: none means its locals, large arrays included, are on its stack.
 * Undefined when the output does not cover the frame's file, is of another build (anotherBuild), or moved a variable it
 * places neither in the function nor out of it (-m declares only inlinable functions, so a span may be unknown).
 */
export function stackLocalsAt(index: EscapeIndex, file: string, line: number, frameFunction: string): StackLocals | undefined {
  const entry = resolve(index, file, framePackage(frameFunction));
  if (!entry || Array.isArray(entry) || entry.foreign || anotherBuild(entry, line, frameFunction) !== undefined) return undefined;
  const span = functionSpan(entry, frameFunction, line);
  const moved = entry.movedVariables.filter((m) => inFunction(m, frameFunction, span));
  const placedOut = (m: JoinedDiagnostic): boolean => m.placedIn !== undefined || m.inlinedFrom !== undefined || m.closureAt !== undefined
    || (span !== undefined && (m.line < span.start || entry.complete));
  if (entry.movedVariables.some((m) => !moved.includes(m) && !placedOut(m))) return undefined;
  return { compilerFile: entry.file, moved };
}

/**
 * What "does not escape" means for a map the frame's function makes while the runtime grows a map
 * for the frame's line (reasoning.md §5; go1.19 src/cmd/compile/internal/walk/builtin.go
 * walkMakeMap, src/runtime/map.go): the compiler puts the map's header (hmap) on the stack, and its
 * first bucket when the hint is at most 8 (bucketCnt), but every bucket array the map grows into
 * is the runtime's heap allocation (hashGrow → makeBucketArray → newarray; overflow buckets
 * (*hmap).newoverflow), which -m never reports. `called`: the runtime function under the line
 * when the profile prints it (Go 1.24+ maps are internal/runtime/maps' tables, not buckets).
 * Which map the line stores into neither the profile nor -m says: "if". Empty without such a map.
 */
function stackMapWords(maps: readonly JoinedDiagnostic[], where: string, frameFunction: string | undefined, called: string | undefined): string {
  const first = maps[0];
  if (first === undefined || frameFunction === undefined) return '';
  const at = maps.map((m, i) => `${i === 0 ? `${m.file}:` : ''}${m.line}:${m.column ?? '?'}`).join(', ');
  const subjects = [...new Set(maps.map((m) => m.subject ?? m.message))];
  const stays = `${subjects.join(', ')} ${maps.length === 1 ? 'does' : 'do'} not escape`;
  const firstBucket = maps.every((m) => smallHint(m.subject ?? '')) ? ` and first bucket${maps.length === 1 ? '' : 's'}` : '';
  const swiss = called?.startsWith('internal/runtime/maps.') === true;
  const one = maps.length === 1;
  const growth = swiss ? `the tables ${one ? 'it grows' : 'they grow'} into are allocated on the heap (internal/runtime/maps)`
    : `the bucket arrays ${one ? 'it grows' : 'they grow'} into are allocated on the heap (runtime.makeBucketArray from runtime.hashGrow; overflow buckets by runtime.(*hmap).newoverflow)`;
  const their = one ? `the map made at ${at} (${stays}) has its header${firstBucket}` : `the ${maps.length} maps made at ${at} (${stays}) have their headers${firstBucket}`;
  return `; ${their} on ${frameFunction}'s stack, but ${growth}: if ${where} stores into ${one ? 'that map' : 'one of them'}, this allocation is its ${swiss ? 'tables' : 'buckets'}, and "does not escape" is said of the header`;
}

/** `make(map[K]V)` or `make(map[K]V, n)` with a literal n of at most 8: its first bucket on the stack too (walkMakeMap). */
function smallHint(subject: string): boolean {
  const hint = makeArguments(subject)?.[1];
  return hint === undefined || (/^\d+$/.test(hint) && Number(hint) <= MAP_BUCKET_ENTRIES);
}

/** A map bucket's entries (runtime/map.go bucketCnt): a hint up to this puts the first bucket on the stack. */
const MAP_BUCKET_ENTRIES = 8;

/** `its stack has 3 runtime PCs`, `its 4 stacks have 2 to 5 runtime PCs`: what a dump does not print under a line. */
function unprintedWords({ stacks, fewest, most }: RuntimeWork['unprinted']): string {
  const pcs = `${most === 1 ? 'PC' : 'PCs'}`;
  if (stacks === 1) return `its stack has ${most} runtime ${pcs}`;
  return fewest === most ? `its ${stacks} stacks have ${most} runtime ${pcs} each` : `its ${stacks} stacks have ${fewest} to ${most} runtime PCs`;
}

/** What a runtime function called from a line allocates for it, in words. */
function runtimeWorkWords(fn: string): string {
  if (isMapFunction(fn)) return "a map's growth";
  if (fn === 'runtime.growslice') return "an append's growth";
  return 'its own work';
}
