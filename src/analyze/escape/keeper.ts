/**
 * What the compiler's own -m=2 words say about a joined site beyond its -m line (sites.ts):
 *
 * - where its value goes (keptBy): the growing go1.19-audit41-listener site `make([]byte, 16 << 10)`
 *   at main.go:22 is `captured by a closure at main.go:25:75`, and that closure (`func literal
 *   escapes to heap` at main.go:25:32) is `passed to append(listeners, func literal)` at
 *   main.go:25:20. Only flows the compiler printed are followed; nothing is said when they stop
 *   short (plain -m has no flows; a capture line with several closures before the capture is not
 *   guessed between).
 * - which of a line's allocations its decisions may be (linePcs): a heap?debug=1 dump gives each
 *   frame's PC (`main.buildReport+0x1fe`), -m a column; nothing ties the two. A line whose bytes
 *   are mostly at one of more PCs than the compiler has decisions there has at least one
 *   allocation with no -m line — the runtime's on the program's behalf (an append's growth, a
 *   map's), which escape analysis never reports (go1.19-audit41-churn's main.go:29: 2.6 GiB, almost
 *   all of it `append(r.Items, …)` growing the slice, beside two small escapes). No size-based
 *   guess of which allocation it is (docs/reasoning.md refuses those for a map's buckets too).
 */
import type { EscapeReason } from '../../grammar/gcflags/index.js';
import { indexOfTopLevel } from '../../grammar/gcflags/messages.js';
import type { AllocationSite } from '../profile.js';
import { formatBytes } from '../../text/units.js';
import { formatWhere, isAllocationExpression } from './cause.js';
import { closureAround, closureDeclaredAt, closuresOf, funcLiteralsAt, type ClosureDeclaration, type EscapeIndex, type JoinedDiagnostic } from './join.js';
import { closureParent } from './names.js';

/** Where a growing site's value goes, by the compiler's -m=2 flows (JSON escapeKeptBy, docs/json.md). */
export interface KeptBy {
  /** The value as the compiler names it (`make([]byte, 16 << 10)`) and where (`main.go:22:13`). */
  value: string;
  at: string;
  /**
   * The variable a closure captures the value by, where, and where the closure starts; absent when
   * the value itself goes there. `at` is the capture's step in the flows or, `from: 'capturing'`,
   * the variable's declaration that a `F capturing by value: x` line names (closureKeeper), when
   * the flows stop short (`too large for stack`); then `closure` is its name.
   */
  captured?: { variable: string; at: string; closureAt: string; from?: 'capturing'; closure?: string };
  /** `appended` to a slice (`append(S, …)`), or `stored` at an index of a map or slice (`m[k] = …`). */
  how: 'appended' | 'stored';
  /** The slice appended to (`listeners`), or the element stored (`m[id]`). */
  into: string;
  /** The slice or map that holds it (`listeners`, `m`). */
  holder: string;
  /** Where the append or the store is (`main.go:25:20`). */
  where: string;
  /** The flow in words: `buf (make([]byte, 16 << 10), main.go:22:13) is captured by the func literal at main.go:25:32 (at main.go:25:75), which is appended to listeners at main.go:25:20`. */
  sentence: string;
}

/** A store the flow ends in: an append to a slice or a store at an index, reaching the heap. */
interface Store {
  how: KeptBy['how'];
  into: string;
  holder: string;
  step: EscapeReason;
}

/** `append(listeners, func literal)` → `listeners`; undefined for anything else. */
function appendedTo(expression: string): string | undefined {
  if (!expression.startsWith('append(') || !expression.endsWith(')')) return undefined;
  const args = expression.slice('append('.length, -1);
  const comma = indexOfTopLevel(args, ', ');
  const slice = comma > 0 ? args.slice(0, comma) : undefined;
  return slice !== undefined && /^[\w.]+$/.test(slice) ? slice : undefined;
}

/** `m[id] = func literal` → `m[id]` and its holder `m`; undefined unless the left side is an index expression. */
function storedAt(expression: string): { into: string; holder: string } | undefined {
  const at = indexOfTopLevel(expression, ' = ');
  if (at <= 0) return undefined;
  const into = expression.slice(0, at);
  const match = /^([\w.]+)\[.+\]$/.exec(into);
  return match?.[1] !== undefined ? { into, holder: match[1] } : undefined;
}

/** The first append or indexed store of `reasons` whose flow reaches the heap (`flow: {heap} = …`). */
function storeOf(reasons: readonly EscapeReason[]): Store | undefined {
  let to: string | undefined;
  for (const step of reasons) {
    if (step.step === 'flow') {
      to = step.to;
      continue;
    }
    if (to !== '{heap}' || step.expression === undefined) continue;
    if (step.note === 'call parameter') {
      const slice = appendedTo(step.expression);
      if (slice !== undefined) return { how: 'appended', into: slice, holder: slice, step };
    } else if (step.note === 'assign') {
      const stored = storedAt(step.expression);
      if (stored !== undefined) return { how: 'stored', ...stored, step };
    }
  }
  return undefined;
}

/** The first `captured by a closure` step of a flow into a func literal's storage. */
function captureOf(reasons: readonly EscapeReason[]): EscapeReason | undefined {
  let to: string | undefined;
  for (const step of reasons) {
    if (step.step === 'flow') to = step.to;
    else if (step.note === 'captured by a closure' && to === '{storage for func literal}' && step.expression !== undefined && step.line !== undefined && step.column !== undefined) return step;
  }
  return undefined;
}

function whereOf(step: Pick<EscapeReason, 'file' | 'line' | 'column'>): string {
  return formatWhere(step.file, step.line, step.column);
}

function storeWords(store: Store | StoreAt): string {
  const where = 'step' in store ? whereOf(store.step) : store.where;
  return store.how === 'appended' ? `appended to ${store.into} at ${where}` : `stored in ${store.into} at ${where}`;
}

/** A store the flow ends in, as JSON has it: where it is in words (`main.go:26:20`). */
interface StoreAt {
  how: KeptBy['how'];
  into: string;
  holder: string;
  where: string;
}

/**
 * Where a heap value of a site goes, by the compiler's flows: appended to a slice or stored at an
 * index, itself or through the closure that captures it (the only escaping func literal at the
 * capture's line that starts before the capture). Undefined when the flows do not say it.
 * `closure`: the site's closure keeper (closureKeeper), which says it when the flows stop short.
 */
export function keptBy(index: EscapeIndex, diagnostics: readonly JoinedDiagnostic[], closure?: ClosureKeeper): KeptBy | undefined {
  const flows = keptByFlows(index, diagnostics);
  if (flows !== undefined || closure?.from !== 'capturing' || closure.store === undefined) return flows;
  const { store } = closure;
  return {
    value: closure.value, at: closure.at,
    captured: { variable: closure.variable, at: closure.variableAt, closureAt: closure.closureAt, from: 'capturing', closure: closure.closure },
    how: store.how, into: store.into, holder: store.holder, where: store.where,
    sentence: `${closure.variable} (${closure.value}, ${closure.at}; declared at ${closure.variableAt}) is captured by the func literal at ${closure.closureAt} (${closure.closure}), which is ${storeWords(store)}`,
  };
}

function keptByFlows(index: EscapeIndex, diagnostics: readonly JoinedDiagnostic[]): KeptBy | undefined {
  for (const d of diagnostics) {
    if ((d.kind !== 'escapes-to-heap' && d.kind !== 'moved-to-heap') || !d.reasons || d.subject === undefined) continue;
    const value = d.subject;
    const at = formatWhere(d.file, d.line, d.column);
    const own = storeOf(d.reasons);
    if (own !== undefined) return { value, at, how: own.how, into: own.into, holder: own.holder, where: whereOf(own.step), sentence: `${value} (${at}) is ${storeWords(own)}` };
    const capture = captureOf(d.reasons);
    if (capture?.line === undefined || capture.column === undefined) continue;
    const column = capture.column;
    const file = capture.file ?? d.file;
    let closures = funcLiteralsAt(index, file, d.package, capture.line).filter((c) => c.column !== undefined && c.column < column);
    // None at the capture's line: a closure over several lines, declared above it (closureAround).
    const around = closures.length === 0 ? closureAround(index, file, d.package, capture.line, column) : undefined;
    if (around !== undefined) closures = funcLiteralsAt(index, file, d.package, around.line).filter((c) => c.column === around.column);
    const columns = new Set(closures.map((c) => c.column));
    if (columns.size !== 1) continue;
    const closure = closures.find((c) => c.reasons && storeOf(c.reasons) !== undefined);
    const store = closure?.reasons && storeOf(closure.reasons);
    if (closure === undefined || store === undefined) continue;
    const closureAt = formatWhere(closure.file, closure.line, closure.column);
    const variable = capture.expression ?? '';
    return {
      value, at, captured: { variable, at: whereOf(capture), closureAt }, how: store.how, into: store.into, holder: store.holder, where: whereOf(store.step),
      sentence: `${variable} (${value}, ${at}) is captured by the func literal at ${closureAt} (at ${whereOf(capture)}), which is ${storeWords(store)}`,
    };
  }
  return undefined;
}

/**
 * Which closure keeps a site's heap value, and why that closure stays (JSON escapeClosure,
 * docs/json.md): a value on the heap for one reason (`too large for the stack`) can be kept past
 * its call for another, a closure that captures it and escapes.
 */
export interface ClosureKeeper {
  /** The value as the compiler names it (`make([]byte, 256 << 10)`) and where (`main.go:23:15`). */
  value: string;
  at: string;
  /** The variable the closure captures (`state`), and where: the capture's step in the flows, or the variable's declaration (`main.go:23:2`). */
  variable: string;
  variableAt: string;
  /** `F capturing by value: x` or `… by ref: x` (from: 'capturing'). */
  by?: 'value' | 'reference';
  /** The closure as the compiler declares it (`subscribe.func1`), when it does, and where its func literal starts. */
  closure?: string;
  closureAt: string;
  /**
   * `flows`: the value's own -m=2 flows reach the closure (`from buf (captured by a closure)`);
   * `capturing`: they stop short (`too large for stack`), and a `F capturing by value: x` line
   * names a variable declared at the value's line, which one closure of F declared after it captures.
   */
  from: 'flows' | 'capturing';
  /** Where the closure goes when it is appended to a slice or stored at an index (as KeptBy). */
  store?: { how: KeptBy['how']; into: string; holder: string; where: string };
  /** The closure's own escape, in words (`passed to append at main.go:26:20 → the heap`). */
  escapes: string;
  /** `kept by the closure at main.go:26:32 (subscribe.func1), which captures state and is appended to observers at main.go:26:20: …`. */
  sentence: string;
}

/** Whether `name` (an identifier, `.rcvr1`) appears in `text` as a whole word. */
function mentions(text: string, name: string): boolean {
  const word = /[\w.]/;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !word.test(before)) && (after === undefined || !/\w/.test(after))) return true;
  }
  return false;
}

/**
 * The closure a `F capturing by value: x` line (`captures`: the site's line's messages) says keeps
 * heap value `d`: the one variable captured at d's line before d's column (`state := make(…)`),
 * and the one closure of F declared after that variable (several: those whose `can inline … as:`
 * body names it, when one is left). Undefined when any of these is not one: not guessed between.
 */
function capturedAtLine(index: EscapeIndex, d: JoinedDiagnostic, captures: readonly JoinedDiagnostic[]): { capture: JoinedDiagnostic; declaration: ClosureDeclaration } | undefined {
  const column = d.column;
  if (column === undefined) return undefined;
  const here = captures.filter((m) => m.kind === 'capturing' && m.file === d.file && m.line === d.line && m.column !== undefined && m.column < column && m.function !== undefined && m.subject !== undefined);
  const capture = here[0];
  if (capture === undefined || new Set(here.map((m) => m.subject)).size !== 1 || capture.function === undefined || capture.subject === undefined) return undefined;
  const variable = capture.subject;
  const from = capture.column ?? 0;
  let candidates = closuresOf(index, d.file, d.package, capture.function).filter((c) => c.line > capture.line || (c.line === capture.line && (c.column ?? 0) > from));
  if (candidates.length > 1) candidates = candidates.filter((c) => c.body === undefined || mentions(c.body, variable));
  const declaration = candidates[0];
  return declaration !== undefined && candidates.length === 1 ? { capture, declaration } : undefined;
}

/** The name the output declares a closure under at a position (`subscribe.func1`), if it does. */
function closureNameAt(index: EscapeIndex, closure: JoinedDiagnostic): string | undefined {
  return closureDeclaredAt(index, closure.file, closure.package, closure.line, closure.column)?.name;
}

/**
 * Which escaping closure keeps a heap value of a site (ClosureKeeper), by its own flows (a capture
 * step into `{storage for func literal}`) or, when they stop short, by a `capturing` line among the
 * line's messages (`lineMessages`: every message at the site's line, capture lines included).
 * Plain -m has neither: undefined, nothing guessed.
 */
export function closureKeeper(index: EscapeIndex, diagnostics: readonly JoinedDiagnostic[], lineMessages: readonly JoinedDiagnostic[]): ClosureKeeper | undefined {
  // The allocations first (`make([]byte, 128 << 10)`), before a variable moved to the heap (`buf`, its slice header).
  const allocations = [...diagnostics].sort((a, b) => Number(!isAllocationExpression(a.subject ?? '')) - Number(!isAllocationExpression(b.subject ?? '')));
  for (const d of allocations) {
    if ((d.kind !== 'escapes-to-heap' && d.kind !== 'moved-to-heap') || d.subject === undefined || d.subject === 'func literal') continue;
    const value = d.subject;
    const at = formatWhere(d.file, d.line, d.column);
    let found: { closure: JoinedDiagnostic; variable: string; variableAt: string; from: ClosureKeeper['from']; by?: ClosureKeeper['by']; name?: string } | undefined;
    const capture = d.reasons ? captureOf(d.reasons) : undefined;
    if (capture?.line !== undefined && capture.column !== undefined) {
      const column = capture.column;
      const file = capture.file ?? d.file;
      const closures = funcLiteralsAt(index, file, d.package, capture.line).filter((c) => c.column !== undefined && c.column < column);
      // None at the capture's line: a closure over several lines, declared above it (closureAround).
      const around = closures.length === 0 ? closureAround(index, file, d.package, capture.line, column) : undefined;
      const closure = around === undefined ? closures[0] : funcLiteralsAt(index, file, d.package, around.line).find((c) => c.column === around.column);
      if (closure !== undefined && (around !== undefined || new Set(closures.map((c) => c.column)).size === 1)) found = { closure, variable: capture.expression ?? '', variableAt: whereOf(capture), from: 'flows' };
    } else {
      const atLine = capturedAtLine(index, d, lineMessages);
      const closure = atLine && funcLiteralsAt(index, d.file, d.package, atLine.declaration.line).find((c) => c.column === atLine.declaration.column);
      if (atLine !== undefined && closure !== undefined) {
        found = {
          closure, variable: atLine.capture.subject ?? '', variableAt: formatWhere(atLine.capture.file, atLine.capture.line, atLine.capture.column), from: 'capturing',
          by: atLine.capture.detail === 'by ref' ? 'reference' : 'value', name: atLine.declaration.name,
        };
      }
    }
    if (found === undefined) continue;
    const { closure } = found;
    const closureAt = formatWhere(closure.file, closure.line, closure.column);
    const name = found.name ?? closureNameAt(index, closure);
    const own = closure.reasons ? storeOf(closure.reasons) : undefined;
    const store = own === undefined ? undefined : { how: own.how, into: own.into, holder: own.holder, where: whereOf(own.step) };
    const escapes = (closure.sentence ?? '').replace(/^func literal escapes: /, '');
    const goes = store !== undefined ? `is ${storeWords(store)}` : `escapes${escapes === '' ? '' : `: ${escapes}`}`;
    const kept = `kept by the closure at ${closureAt}${name !== undefined ? ` (${name})` : ''}, which captures ${found.variable} and`;
    return {
      value, at, variable: found.variable, variableAt: found.variableAt, ...(found.by !== undefined ? { by: found.by } : {}), ...(name !== undefined ? { closure: name } : {}), closureAt, from: found.from,
      ...(store !== undefined ? { store } : {}), escapes,
      sentence: closure.cause === 'deferred' && store === undefined ? `${kept} ${deferredStays(name, found.variable)}` : `${kept} ${goes}: it stays as long as that closure is reachable`,
    };
  }
  return undefined;
}

/**
 * Why a value captured by a closure deferred in a loop stays: the deferred call runs only when the
 * enclosing function (the closure's name without `.funcN`) returns, and until then the runtime's
 * defer record holds the closure.
 */
function deferredStays(closure: string | undefined, variable: string): string {
  const parent = closure === undefined ? undefined : closureParent(closure);
  return `is deferred in a loop: deferred calls run only when ${parent ?? 'the function'} returns, so the closure, its defer record (runtime.deferproc) and ${variable} stay reachable until then`;
}

/**
 * A growing site's fix from KeptBy: the flow, then what keeps such values if the holder outlives
 * the call (the compiler does not say whether it does: a global, or a field of something long-lived).
 */
export function keptByFix(kept: KeptBy): string {
  const what = kept.captured ? 'closure' : 'value';
  const done = kept.how === 'appended'
    ? `every ${what} appended to it stays${kept.captured ? ', with what it captures,' : ''} until it is removed: remove the ones that are done from ${kept.holder}${kept.captured ? ' (unregister them)' : ''}, or bound ${kept.holder}`
    : `every ${what} stored in it stays${kept.captured ? ', with what it captures,' : ''} until its entry is deleted or overwritten: delete the ones that are done from ${kept.holder}, or bound ${kept.holder}`;
  const says = kept.captured?.from === 'capturing' ? "the compiler's -m=2 capture line and the closure's flows say" : "the compiler's -m=2 flows say";
  return `${says} where it goes: ${kept.sentence}. If ${kept.holder} outlives the call (a global, or a field of something long-lived), ${done}.`;
}

/** The bytes of a site's line at one PC of its frame (JSON escapeLinePcs, docs/json.md). */
export interface LinePcs {
  /** The PC carrying most of the line's bytes, as the dump prints it: `main.buildReport+0x1fe`. */
  pc: string;
  /** Its share of the site's allocated bytes (0..1), and how many PCs of that function allocate at the line. */
  share: number;
  pcs: number;
  /** The compiler's heap decisions (escapes, moved to heap) joined to the line. */
  decisions: number;
  /** The append the compiler's flows name at the line (`append(r.Items, Item{...})`). */
  append: string;
  sentence: string;
}

/** The most bytes of a line's PCs a PC must carry to be "most" of them. */
const MOST = 0.5;

/**
 * A line whose allocated bytes are at several PCs of one function, more than the compiler's heap
 * decisions there, the most at one PC, and that appends by the compiler's flows: that PC's share,
 * and that the decisions may not be its allocation (see the module's note). Undefined otherwise:
 * for a site with no heap decision (sites.ts says a silent line's runtime work in its comparison),
 * and for a line no flow says appends (plain -m; `m[k] = make(…)`, whose bytes are most often the
 * make's, the map's growth the rest: go1.19-three-caches said "may not be" of each such line).
 */
export function linePcs(site: AllocationSite, diagnostics: readonly JoinedDiagnostic[], where: string): LinePcs | undefined {
  const heapDecisions = diagnostics.filter((d) => d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap').length;
  const appended = appendAtLine(diagnostics, site.line);
  if (heapDecisions === 0 || appended === undefined) return undefined;
  const bytes = new Map<string, number>();
  let total = 0;
  for (const share of site.stacks) {
    const frame = share.siteIndex < 0 ? undefined : share.stack.frameAt(share.siteIndex);
    if (frame?.function === undefined || frame.offset === undefined) continue;
    const entry = Number.parseInt(frame.address, 16) - Number.parseInt(frame.offset, 16);
    const key = `${entry}\t${frame.function}+0x${Number.parseInt(frame.offset, 16).toString(16)}`;
    bytes.set(key, (bytes.get(key) ?? 0) + share.usage.allocBytes);
    total += share.usage.allocBytes;
  }
  const ranked = [...bytes].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (top === undefined || total <= 0) return undefined;
  const [key, most] = top;
  const entry = key.slice(0, key.indexOf('\t'));
  const pcs = ranked.filter(([k]) => k.startsWith(`${entry}\t`)).length;
  const share = most / total;
  if (pcs < 2 || pcs <= heapDecisions || share <= MOST) return undefined;
  const pc = key.slice(key.indexOf('\t') + 1);
  const percent = share >= 0.995 && share < 1 ? '> 99' : Math.round(share * 100).toString();
  const decisions = heapDecisions === 1 ? "the compiler's decision on this line" : `the compiler's ${heapDecisions} decisions on this line`;
  return {
    pc, share, pcs, decisions: heapDecisions,
    append: appended.expression,
    sentence: `${where}: ${percent} % of its allocated bytes (${formatBytes(most)} of ${formatBytes(total)}) at ${pc}, one of ${pcs} PCs allocating on this line; ${decisions} may not be that allocation — allocations the runtime makes on the program's behalf (an append's growth, a map's) have no -m line, and this line appends (${appended.expression} at ${appended.at}, the compiler's flows say): if that slice grows an element at a time, preallocate it (make([]T, 0, n)).`,
  };
}

/**
 * An `append(S, …)` the compiler's flows name at the site's line (`from append(r.Items, Item{...})
 * (call parameter) at ./main.go:29:19`): the line appends, in the compiler's words. Plain -m has no flows.
 */
function appendAtLine(diagnostics: readonly JoinedDiagnostic[], line: number | undefined): { expression: string; at: string } | undefined {
  for (const d of diagnostics) {
    for (const step of d.reasons ?? []) {
      if (step.note === 'call parameter' && step.line === line && step.expression !== undefined && appendedTo(step.expression) !== undefined) return { expression: step.expression, at: whereOf(step) };
    }
  }
  return undefined;
}
