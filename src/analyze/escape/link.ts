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
import type { CompilerMessage } from '../../grammar/gcflags/index.js';

/** The kinds an explanation can explain (the -m lines that name a heap value or a leak). */
export function isExplainedKind(kind: CompilerMessage['kind']): boolean {
  return kind === 'escapes-to-heap' || kind === 'moved-to-heap' || kind === 'leaking-param' || kind === 'leaking-param-content';
}

/**
 * Same place, same name. Parameters of inlined bodies are qualified in headers (`log.b`) but not
 * in -m lines (`b`).
 */
export function linkKey(d: CompilerMessage): string | undefined {
  if (!d.subject || d.line === 0) return undefined;
  const where = `${d.file}\u0000${d.line}\u0000${d.column ?? ''}`;
  if (d.kind === 'leaking-param' || d.kind === 'leaking-param-content') return `p\u0000${where}\u0000${d.subject.slice(d.subject.lastIndexOf('.') + 1)}`;
  // go1.25+: the -m line says `append escapes to heap`, its header `append(s, x) escapes to heap in F:`.
  return `v\u0000${where}\u0000${d.subject.startsWith('append(') ? 'append' : d.subject}`;
}

/** What makes two explanations copies of each other: the same target and steps (the function may differ). */
function explanationSignature(e: CompilerMessage): string {
  let signature = e.target ?? '';
  for (const r of e.reasons ?? []) signature += `\u0000${r.message}\u0000${r.file ?? ''}:${r.line ?? ''}:${r.column ?? ''}`;
  return signature;
}

/** No group complete (most diagnostics): one shared empty list, not a new one each. */
const NONE: readonly never[] = [];

/** A -m line with the explanations that explain it, or explanations that have no -m line. */
export interface LinkedGroup<T = undefined> {
  /** The -m line (or, for explanations alone, the first of them). */
  diagnostic: CompilerMessage;
  explanations: CompilerMessage[];
  /** What the caller attached to the -m line when it was read (e.g. its function). */
  data: T | undefined;
}

interface Waiting<T> {
  headers: CompilerMessage[];
  lines: { diagnostic: CompilerMessage; data: T | undefined }[];
}

/**
 * Holds explanations until the -m lines they explain have arrived. A -m line with no explanation
 * waiting is released at once; one with explanations waiting stays until the package ends,
 * because the same position may have more -m lines to share them with (an inlined body printed
 * twice, several `append`s of one inlined call). At the end of a package each position's
 * explanations are dealt out to its -m lines.
 */
export class ExplanationLinker<T = undefined> {
  private waiting = new Map<string, Waiting<T>>();
  private packageName: string | undefined;
  private started = false;
  /** The key of the last diagnostic asked about: `add` and `peek` ask about the same one in turn. */
  private keyed: CompilerMessage | undefined;
  private key: string | undefined;

  private keyOf(d: CompilerMessage): string | undefined {
    if (d !== this.keyed) {
      this.keyed = d;
      this.key = linkKey(d);
    }
    return this.key;
  }

  /**
   * True when `add(d)` would complete nothing but `d` itself: the same package as the line before,
   * no explanation waiting, and `d` no explanation (most lines; the caller may skip `add`).
   */
  idle(d: CompilerMessage): boolean {
    return this.started && this.waiting.size === 0 && d.explanation !== true && d.package === this.packageName;
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
    if (!explained && this.waiting.size === 0) {
      // No explanation waits (plain -m output, or none in this package yet): the line is complete.
      done.push({ diagnostic: d, explanations: [], data });
      return done;
    }
    const key = this.keyOf(d);
    if (key === undefined) {
      done.push({ diagnostic: d, explanations: explained ? [d] : [], data });
      return done;
    }
    const entry = this.waiting.get(key);
    if (explained) {
      if (entry) entry.headers.push(d);
      else this.waiting.set(key, { headers: [d], lines: [] });
    } else if (entry && entry.headers.length > 0) {
      entry.lines.push({ diagnostic: d, data });
    } else {
      done.push({ diagnostic: d, explanations: [], data });
    }
    return done;
  }

  /** The explanations waiting for a -m line's position and name (for a first look before the package ends). */
  peek(d: CompilerMessage): readonly CompilerMessage[] {
    if (this.waiting.size === 0) return NONE;
    const key = this.keyOf(d);
    return key === undefined ? [] : this.waiting.get(key)?.headers ?? [];
  }

  /** Deals every waiting explanation out to its -m lines (end of a package, or of the input). */
  flush(): LinkedGroup<T>[] {
    if (this.waiting.size === 0) return [];
    const groups: LinkedGroup<T>[] = [];
    for (const { headers, lines } of this.waiting.values()) groups.push(...deal(headers, lines));
    this.waiting = new Map();
    return groups.sort((a, b) => a.diagnostic.inputLine - b.diagnostic.inputLine);
  }
}

function deal<T>(headers: CompilerMessage[], lines: { diagnostic: CompilerMessage; data: T | undefined }[]): LinkedGroup<T>[] {
  const bySubject = new Map<string, CompilerMessage[]>();
  for (const h of headers) {
    const list = bySubject.get(h.subject ?? '');
    if (list) list.push(h);
    else bySubject.set(h.subject ?? '', [h]);
  }
  if (lines.length === 0) {
    return [...bySubject.values()].map((group) => ({ diagnostic: group[0] as CompilerMessage, explanations: unique(group), data: undefined }));
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
  const seen = new Set<string>();
  return headers.filter((h) => {
    const signature = explanationSignature(h);
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  });
}
