/**
 * Joins -m=2 explanations to the -m lines they explain. The compiler prints, for one value:
 *
 *   ./main.go:29:32: make([]byte, 1000) escapes to heap:        ← explanation (escape/solve.go)
 *   ./main.go:29:32:   flow: hello = &{storage for make([]byte, 1000)}:
 *   …
 *   ./main.go:29:32: make([]byte, 1000) escapes to heap         ← the -m line (escape/escape.go)
 *
 * and `wg escapes to heap:` (three times, one per path) … `moved to heap: wg`, and
 * `parameter log.b leaks to ~r0 with derefs=0:` … `leaking param: b to result ~r0 level=0`.
 * Explanations come first (solve runs before finish, per batch of functions), at the same
 * position, about the same name. They wait here until their -m line arrives; a new `# package`
 * releases whatever is left, so memory is bounded by one package's explanations.
 */
import { detach } from '../../grammar/common/strings.js';
import type { CompilerMessage, EscapeKind, EscapeReason } from '../../grammar/gcflags/index.js';
import type { PathSummary } from './cause.js';

/** The kinds an explanation can explain (the -m lines that name a heap value or a leak). */
export function isExplainedKind(kind: CompilerMessage['kind']): boolean {
  return kind === 'escapes-to-heap' || kind === 'moved-to-heap' || kind === 'leaking-param' || kind === 'leaking-param-content';
}

/**
 * What one place and name holds until its package ends: the explanations (the most in
 * `go build -gcflags=all=-m=2 std`, go1.19, is 437, a parameter of go/types' subst.go) and the
 * -m lines waiting for them (the most is 3). Past these, explanations are dropped and -m lines
 * go out without one: output made to hurt would otherwise hold millions and deal them out in
 * quadratic time.
 */
const HEADERS_PER_SLOT = 4096;
const LINES_PER_SLOT = 256;

/** No group complete (most diagnostics): one shared empty list, not a new one each. */
const NONE: readonly never[] = [];

/**
 * The name an explanation and its -m line share at one place: parameters of inlined bodies are
 * qualified in headers (`log.b`) but not in -m lines (`b`); go1.25+ says `append escapes to heap`
 * in the -m line where its header says `append(s, x) escapes to heap in F:`. Undefined for a
 * diagnostic that cannot be linked (no subject or no position).
 */
function linkName(d: CompilerMessage, leak: boolean): string | undefined {
  const subject = d.subject;
  if (!subject || d.line === 0) return undefined;
  if (leak) return subject.slice(subject.lastIndexOf('.') + 1);
  return subject.startsWith('append(') ? 'append' : subject;
}

function isLeak(d: CompilerMessage): boolean {
  return d.kind === 'leaking-param' || d.kind === 'leaking-param-content';
}

/** Same place, same name (see linkName), as one string. */
export function linkKey(d: CompilerMessage): string | undefined {
  const leak = isLeak(d);
  const name = linkName(d, leak);
  if (name === undefined) return undefined;
  return `${leak ? 'p' : 'v'}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ''}\u0000${name}`;
}

/**
 * An explanation header held in place of the compiler's message once no finding will show its
 * steps (EscapeAnalyzer decides): what the linker, the causes and the counts read of it, its
 * steps as their summary, its strings detached from the input.
 * A package's explanations wait until its end, and a package's can be big: go/types' -m=2 output
 * is ~70 MB, ~240 MiB of messages and steps held whole (~150 bytes each held so).
 */
export class HeldExplanation implements CompilerMessage {
  readonly explanation = true;
  readonly reasons: undefined = undefined;
  readonly kind: EscapeKind;
  readonly file: string;
  readonly line: number;
  readonly column: number | undefined;
  readonly package: string | undefined;
  readonly message: string;
  readonly subject: string | undefined;
  readonly function: string | undefined;
  readonly target: string | undefined;
  readonly level: number | undefined;
  readonly inputLine: number;
  readonly kindIndex: number | undefined;
  /** The summary of the steps (undefined when there were none). */
  readonly path: PathSummary | undefined;
  /**
   * For a finding that shows only its sentence (EscapeAnalysisOptions.keepPaths false): the steps
   * in words (`describePath`; undefined when there were none), and what tells a copy of the same
   * explanation (`stepsKey`). Undefined when no finding will be made of it.
   */
  readonly chain: string | undefined;
  readonly copyKey: string | undefined;

  constructor(d: CompilerMessage, path: PathSummary | undefined, sentence?: { chain: string | undefined; copyKey: string }) {
    this.kind = d.kind;
    this.file = d.file; // interned by the reader: one string per file
    this.line = d.line;
    this.column = d.column;
    this.package = d.package; // detached by the reader
    this.message = detach(d.message);
    this.subject = d.subject === undefined ? undefined : detach(d.subject);
    this.function = d.function === undefined ? undefined : detach(d.function);
    this.target = d.target === undefined ? undefined : detach(d.target);
    this.level = d.level;
    this.inputLine = d.inputLine;
    this.kindIndex = d.kindIndex;
    this.path = path;
    this.chain = sentence?.chain === undefined ? undefined : detach(sentence.chain);
    this.copyKey = sentence === undefined ? undefined : detach(sentence.copyKey);
  }
}

/**
 * What sameExplanation compares of an explanation's steps, as one string: each step's message,
 * file, line and column, the strings prefixed with their length (no separator can be confused
 * with a character of them).
 */
export function stepsKey(reasons: readonly EscapeReason[] | undefined): string {
  let key = '';
  for (const r of reasons ?? NONE) {
    const file = r.file ?? '';
    key += `${r.message.length}:${r.message}${file.length}:${file}${r.line ?? '-'},${r.column ?? '-'};`;
  }
  return key;
}

/**
 * Two explanations that are copies of each other: the same target and steps (the function may
 * differ). Compared field by field, not by a signature string per explanation: most groups are
 * one explanation, and the rest are two or three. An explanation held for its causes alone is no
 * one's copy: copies only repeat a path, and causeOfSummaries reads paths as a set (any, every,
 * the first to decide); the number of paths shows only in a finding's sentence, and no finding is
 * made of those. One held for its sentence keeps its steps' key (stepsKey) for this.
 */
function sameExplanation(a: CompilerMessage, b: CompilerMessage): boolean {
  if ((a.target ?? '') !== (b.target ?? '')) return false;
  if (a instanceof HeldExplanation || b instanceof HeldExplanation) {
    // Held for a sentence: compared by their steps' key (one held without it comes once no finding will be made).
    return a instanceof HeldExplanation && b instanceof HeldExplanation && a.copyKey !== undefined && a.copyKey === b.copyKey;
  }
  const ra = a.reasons ?? NONE;
  const rb = b.reasons ?? NONE;
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i] as EscapeReason;
    const y = rb[i] as EscapeReason;
    if (x.message !== y.message || (x.file ?? '') !== (y.file ?? '') || x.line !== y.line || x.column !== y.column) return false;
  }
  return true;
}


/** A -m line with the explanations that explain it, or explanations that have no -m line. */
export interface LinkedGroup<T = undefined> {
  /** The -m line (or, for explanations alone, the first of them). */
  diagnostic: CompilerMessage;
  explanations: CompilerMessage[];
  /** What the caller attached to the -m line when it was read (e.g. its function). */
  data: T | undefined;
  /**
   * Explanations at the group's place and name past HEADERS_PER_SLOT, not held: more paths than
   * `explanations` shows may exist (some may be copies of those held). Absent when none was dropped.
   */
  dropped?: number;
}

interface Waiting<T> {
  headers: CompilerMessage[];
  lines: { diagnostic: CompilerMessage; data: T | undefined }[];
}

/** One place and name with explanations waiting (see linkName); the others of its line follow in `next`. */
interface Slot<T> extends Waiting<T> {
  /** Explanations past HEADERS_PER_SLOT, counted and not held. */
  dropped: number;
  leak: boolean;
  column: number | undefined;
  name: string;
  next: Slot<T> | undefined;
}

/**
 * Holds explanations until the -m lines they explain have arrived. A -m line with no explanation
 * waiting is released at once; one with explanations waiting stays until the package ends,
 * because the same position may have more -m lines to share them with (an inlined body printed
 * twice, several `append`s of one inlined call). At the end of a package each position's
 * explanations are dealt out to its -m lines.
 */
export class ExplanationLinker<T = undefined> {
  /**
   * What waits, by file and line (then a short chain of columns and names): no key string is
   * built and hashed per diagnostic. Files are the grammar's interned strings.
   */
  private waiting = new Map<string, Map<number, Slot<T>>>();
  /** The same slots, in the order they came (for flush). */
  private slots: Slot<T>[] = [];
  private packageName: string | undefined;
  private started = false;
  /** The slot of the last diagnostic asked about: `add` and `peek` ask about the same one in turn. */
  private asked: CompilerMessage | undefined;
  private askedSlot: Slot<T> | undefined;

  /** The slot waiting for a diagnostic's place and name; with `create`, made when there is none. */
  private slotOf(d: CompilerMessage, create: boolean): Slot<T> | undefined {
    if (d === this.asked && (this.askedSlot !== undefined || !create)) return this.askedSlot;
    const leak = isLeak(d);
    const name = linkName(d, leak);
    if (name === undefined) return undefined;
    let lines = this.waiting.get(d.file);
    let first = lines?.get(d.line);
    let slot = first;
    while (slot !== undefined && (slot.leak !== leak || slot.column !== d.column || slot.name !== name)) slot = slot.next;
    if (slot === undefined && create) {
      if (lines === undefined) {
        lines = new Map();
        this.waiting.set(d.file, lines);
      }
      slot = { headers: [], lines: [], dropped: 0, leak, column: d.column, name, next: first };
      first = slot;
      lines.set(d.line, slot);
      this.slots.push(slot);
    }
    this.asked = d;
    this.askedSlot = slot;
    return slot;
  }

  /**
   * True when `add(d)` would complete nothing but `d` itself: the same package as the line before,
   * no explanation waiting, and `d` no explanation (most lines; the caller may skip `add`).
   */
  idle(d: CompilerMessage): boolean {
    return this.started && this.slots.length === 0 && d.explanation !== true && d.package === this.packageName;
  }

  /** Reads one diagnostic; returns the groups now complete (usually none, or the line itself). */
  add(d: CompilerMessage, data?: T): readonly LinkedGroup<T>[] {
    let done: LinkedGroup<T>[] | undefined;
    if (!this.started || d.package !== this.packageName) {
      done = this.flush();
      this.packageName = d.package;
      this.started = true;
    }
    const explained = d.explanation === true;
    if (!explained && !isExplainedKind(d.kind)) return done ?? NONE;
    done ??= [];
    if (!explained && this.slots.length === 0) {
      // No explanation waits (plain -m output, or none in this package yet): the line is complete.
      done.push({ diagnostic: d, explanations: [], data });
      return done;
    }
    const slot = this.slotOf(d, explained);
    if (explained) {
      if (slot === undefined) done.push({ diagnostic: d, explanations: [d], data });
      else if (slot.headers.length < HEADERS_PER_SLOT) slot.headers.push(d);
      else slot.dropped++;
    } else if (slot !== undefined && slot.headers.length > 0 && slot.lines.length < LINES_PER_SLOT) {
      slot.lines.push({ diagnostic: d, data });
    } else {
      done.push({ diagnostic: d, explanations: [], data });
    }
    return done;
  }

  /** The explanations waiting for a -m line's position and name (for a first look before the package ends). */
  peek(d: CompilerMessage): readonly CompilerMessage[] {
    if (this.slots.length === 0) return NONE;
    return this.slotOf(d, false)?.headers ?? NONE;
  }

  /** Deals every waiting explanation out to its -m lines (end of a package, or of the input). */
  flush(): LinkedGroup<T>[] {
    if (this.slots.length === 0) return [];
    const groups: LinkedGroup<T>[] = [];
    for (const { headers, lines, dropped } of this.slots) {
      const dealt = deal(headers, lines);
      // Which of them the dropped ones would have gone to is unknown: each may have more.
      if (dropped > 0) for (const group of dealt) group.dropped = dropped;
      groups.push(...dealt);
    }
    this.waiting = new Map();
    this.slots = [];
    this.asked = undefined;
    this.askedSlot = undefined;
    return groups.sort((a, b) => a.diagnostic.inputLine - b.diagnostic.inputLine);
  }
}

/** Headers grouped by subject, in the order subjects came. */
function bySubjectOf(headers: readonly CompilerMessage[]): Map<string, CompilerMessage[]> {
  const bySubject = new Map<string, CompilerMessage[]>();
  for (const h of headers) {
    const list = bySubject.get(h.subject ?? '');
    if (list) list.push(h);
    else bySubject.set(h.subject ?? '', [h]);
  }
  return bySubject;
}

function deal<T>(headers: CompilerMessage[], lines: { diagnostic: CompilerMessage; data: T | undefined }[]): LinkedGroup<T>[] {
  // By subject only where it decides (no -m line, or several): most positions have one -m line.
  if (lines.length === 0) {
    return [...bySubjectOf(headers).values()].map((group) => ({ diagnostic: group[0] as CompilerMessage, explanations: unique(group), data: undefined }));
  }
  const groups = lines.map((line) => ({ diagnostic: line.diagnostic, explanations: [] as CompilerMessage[], data: line.data }));
  if (groups.length === 1) {
    (groups[0] as LinkedGroup<T>).explanations = unique(headers);
    return groups;
  }
  const leak = lines[0]?.diagnostic.kind === 'leaking-param' || lines[0]?.diagnostic.kind === 'leaking-param-content';
  if (leak) {
    // A parameter's leaks: to the heap (`leaking param: p`, `leaking param content: p`) and to
    // results (`… to result ~r0 level=0`). A result leak that a heap leak makes redundant has a
    // header but no -m line of its own: it goes with the heap line.
    const dealt = new Map<string, number>();
    for (const h of headers) {
      const result = h.target !== undefined && !h.target.startsWith('{') ? h.target.slice(h.target.lastIndexOf('.') + 1) : undefined;
      let pool = `result ${result ?? ''}`;
      let candidates = result === undefined ? [] : groups.filter((g) => g.diagnostic.target === result);
      if (candidates.length === 0) {
        pool = 'heap';
        candidates = groups.filter((g) => g.diagnostic.target === undefined);
      }
      if (candidates.length === 0) {
        pool = 'any';
        candidates = groups;
      }
      const n = dealt.get(pool) ?? 0;
      dealt.set(pool, n + 1);
      (candidates[n % candidates.length] as LinkedGroup<T>).explanations.push(h);
    }
    for (const g of groups) g.explanations = unique(g.explanations);
    return groups;
  }
  // Headers about different expressions (appends of one inlined call) are different values;
  // otherwise as many copies as -m lines (an inlined body printed twice), dealt in turn.
  const bySubject = bySubjectOf(headers);
  if (bySubject.size === groups.length) {
    [...bySubject.values()].forEach((group, i) => { (groups[i] as LinkedGroup<T>).explanations = unique(group); });
  } else {
    headers.forEach((h, i) => { (groups[i % groups.length] as LinkedGroup<T>).explanations.push(h); });
  }
  return groups;
}

/** One copy of each explanation (an inlined body printed twice repeats them word for word). */
function unique(headers: CompilerMessage[]): CompilerMessage[] {
  if (headers.length < 2) return headers.slice();
  if (headers.length > 16) return uniqueByKey(headers);
  const kept: CompilerMessage[] = [];
  for (const h of headers) if (!kept.some((k) => sameExplanation(k, h))) kept.push(h);
  return kept;
}

/**
 * `unique` of many headers by a key of what sameExplanation compares (linear, not quadratic): a
 * held explanation without a copy key is no one's copy.
 */
function uniqueByKey(headers: CompilerMessage[]): CompilerMessage[] {
  const seen = new Set<string>();
  const kept: CompilerMessage[] = [];
  for (const h of headers) {
    const copy = h instanceof HeldExplanation ? h.copyKey : stepsKey(h.reasons);
    const key = copy === undefined ? undefined : `${h instanceof HeldExplanation ? 'h' : 'r'}${h.target ?? ''}\u0000${copy}`;
    if (key !== undefined && seen.has(key)) continue;
    if (key !== undefined) seen.add(key);
    kept.push(h);
  }
  return kept;
}
