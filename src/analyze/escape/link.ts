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
import type { EscapeDiagnostic } from '../../grammar/gcflags/index.js';

/** The kinds an explanation can explain (the -m lines that name a heap value or a leak). */
export function isExplainedKind(kind: EscapeDiagnostic['kind']): boolean {
  return kind === 'escapes-to-heap' || kind === 'moved-to-heap' || kind === 'leaking-param' || kind === 'leaking-param-content';
}

/** Same place, same name. Parameters of inlined bodies are qualified in headers (`log.b`) but not in -m lines (`b`). */
export function linkKey(d: EscapeDiagnostic): string | undefined {
  if (!d.subject || d.line === 0) return undefined;
  const leak = d.kind === 'leaking-param' || d.kind === 'leaking-param-content';
  const name = leak ? d.subject.slice(d.subject.lastIndexOf('.') + 1) : d.subject;
  return `${leak ? 'p' : 'v'}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ''}\u0000${name}`;
}

function explanationSignature(e: EscapeDiagnostic): string {
  let signature = e.message;
  for (const r of e.reasons ?? []) signature += `\u0000${r.message}\u0000${r.file ?? ''}:${r.line ?? ''}:${r.column ?? ''}`;
  return signature;
}

export interface LinkResult {
  /** For a -m line: the explanations that explain it, in input order. */
  explanations: EscapeDiagnostic[];
  /** Explanations released without a -m line (at a package change): they stand alone. */
  unmatched: EscapeDiagnostic[];
}

const NOTHING: LinkResult = { explanations: [], unmatched: [] };

export class ExplanationLinker {
  private pending = new Map<string, EscapeDiagnostic[]>();
  private packageName: string | undefined;
  private started = false;

  add(d: EscapeDiagnostic): LinkResult {
    let unmatched: EscapeDiagnostic[] = [];
    if (!this.started || d.package !== this.packageName) {
      unmatched = this.flush();
      this.packageName = d.package;
      this.started = true;
    }
    if (d.explanation) {
      const key = linkKey(d);
      if (key === undefined) return { explanations: [], unmatched: [...unmatched, d] };
      const list = this.pending.get(key);
      if (list) list.push(d);
      else this.pending.set(key, [d]);
      return unmatched.length ? { explanations: [], unmatched } : NOTHING;
    }
    if (!isExplainedKind(d.kind)) return unmatched.length ? { explanations: [], unmatched } : NOTHING;
    const key = linkKey(d);
    const waiting = key === undefined ? undefined : this.pending.get(key);
    if (key === undefined || !waiting) return { explanations: [], unmatched };
    // An inlined body printed twice (same position) gives every header twice: each -m line takes one copy.
    const taken: EscapeDiagnostic[] = [];
    const left: EscapeDiagnostic[] = [];
    const seen = new Set<string>();
    for (const e of waiting) {
      const signature = explanationSignature(e);
      if (seen.has(signature)) left.push(e);
      else {
        seen.add(signature);
        taken.push(e);
      }
    }
    if (left.length > 0) {
      this.pending.set(key, left);
      return { explanations: taken, unmatched };
    }
    this.pending.delete(key);
    return { explanations: waiting, unmatched };
  }

  /** Releases every waiting explanation (end of input or of a package). */
  flush(): EscapeDiagnostic[] {
    if (this.pending.size === 0) return [];
    const left = [...this.pending.values()].flat().sort((a, b) => a.inputLine - b.inputLine);
    this.pending = new Map();
    return left;
  }
}
