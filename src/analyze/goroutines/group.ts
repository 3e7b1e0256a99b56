/**
 * Groups a goroutine dump's goroutines by creation site + top non-runtime frame + wait state.
 *
 * - debug=2 (`goroutine-traceback`): the state is the header's wait reason without its flags and
 *   without `, N minutes` (the longest wait becomes the group's `waitMinutes`); the creation site
 *   is the `created by` function (its file:line and the creating goroutine are not part of the key:
 *   one `go` statement run from many goroutines is one site).
 * - debug=1 and goroutineleak: a record has neither a state nor a creator; the runtime hides its
 *   own frames (gopark, chanrecv…) but not the standard library's waiting frames, so records group
 *   by their top non-runtime frame and the waiting frame above it (`blockedIn`: `time.Sleep`,
 *   `sync.(*Mutex).Lock`), the closest a debug=1 record comes to a wait state. `blockedIn` is part
 *   of the debug=2 key too, where the state already implies it.
 *
 * Labels are not part of the key (per-request labels would make every goroutine its own group);
 * a group keeps the labels all its goroutines share.
 */
import type { Labels } from '../../grammar/common/labels.js';
import type { Position } from '../../grammar/common/positions.js';
import type { GoroutineProfile } from '../../grammar/goroutine/model.js';
import type { TracebackDump } from '../../grammar/traceback/model.js';
import { identityOf } from '../series/identity.js';
import type { GoroutineDump } from '../../input/registry.js';
import { benignOrigin } from './benign.js';
import { isStandardLibrary, isWaitMachinery, topFrame, type FrameLike } from './frames.js';
import { clientConnRole, httpClientWaits } from './httpclient.js';
import type { GoroutineGroup, GoroutineSummary, GroupFrame } from './model.js';

/** One record (debug=1) or folded stack (debug=2), as grouping sees it. */
interface Member {
  count: number;
  frames: readonly (FrameLike & { line?: number | undefined; inlined?: boolean })[];
  state: string | undefined;
  createdBy: string | undefined;
  createdAt: { file: string | undefined; line: number | undefined } | undefined;
  labels: Labels | undefined;
  /**
   * debug=2: no `created by` line under a goroutine other than main's, whose outermost frame is the
   * program's own: the runtime started it and hid itself (finalizerGoroutine).
   */
  runtimeStarted?: boolean;
  waitMinutes: number | undefined;
  /** debug=2: the folded goroutines' ids and, beside them, each one's printed wait (undefined: none printed one). */
  ids?: readonly number[];
  minutes?: readonly number[] | undefined;
  locked: number;
  depth: number;
  truncated: boolean;
  position: Position;
}

const NO_FRAMES = '(no frames)';
/**
 * Why a goroutine has no frames. A count profile (debug=1, binary): the runtime counts the
 * goroutines while the world is stopped, then writes each one's stack; a record it never wrote
 * stays in the profile empty (go1.19 runtime/mprof.go goroutineProfileWithLabelsConcurrent: "return
 * a truncated profile"). A traceback: `goroutine running on other thread; stack unavailable`
 * (runtime/traceback.go tracebackothers, in a crash's output), or a dump cut after the header.
 */
const NO_FRAMES_WHY: Readonly<Record<'profile' | 'traceback', string>> = {
  profile: 'the runtime counted these goroutines when the profile began but wrote no stack for them: the number of goroutines changed while it was taken',
  traceback: 'the runtime printed no stack: running on another thread when a crash was printed, or the dump was cut after the header',
};
/** The runtime's finalizer goroutine (src/runtime/mfinal.go): between finalizers it is the runtime's own (benign). */
const FINALIZER_LOOP = 'runtime.runfinq';

function group(source: string, kind: string, total: number, members: readonly Member[], truncated: boolean): GoroutineSummary {
  const byKey = new Map<string, GoroutineGroup>();
  const sharedLabels = new Map<GoroutineGroup, Labels | undefined>();
  const folded = new Map<GoroutineGroup, Member[]>();
  for (const m of members) {
    const top = topFrame(m.frames);
    const fn = top?.function ?? NO_FRAMES;
    const key = `${m.state ?? ''}\u0001${fn}\u0001${m.createdBy ?? ''}\u0001${top?.blockedIn ?? ''}`;
    let g = byKey.get(key);
    if (!g) {
      g = { count: 0, function: fn, position: m.position };
      if (!top) g.noFrames = NO_FRAMES_WHY[kind === 'goroutine-traceback' ? 'traceback' : 'profile'];
      if (m.state) g.state = m.state;
      if (m.createdBy !== undefined) g.createdBy = m.createdBy;
      const frame = top ? m.frames[top.index] : undefined;
      if (top?.blockedIn !== undefined) g.blockedIn = top.blockedIn;
      const inner = top && top.innermost !== top.index ? m.frames[top.innermost] : undefined;
      if (inner?.function !== undefined && isStandardLibrary(inner.function) && !isWaitMachinery(inner) && !isStandardLibrary(fn)) g.waitsIn = inner.function;
      const role = top ? clientConnRole(m.frames, top, m.state) : undefined;
      if (role !== undefined) g.clientConn = role;
      if (frame?.file !== undefined) g.file = frame.file;
      if (frame?.line !== undefined) g.line = frame.line;
      if (m.frames.length > 0) g.stack = m.frames.map(groupFrame);
      if (m.createdAt?.file !== undefined) g.createdAt = { file: m.createdAt.file, ...(m.createdAt.line !== undefined ? { line: m.createdAt.line } : {}) };
      const origin = benignOrigin(top, m.frames);
      if (origin !== undefined) {
        g.benign = true;
        g.benignReason = origin.reason;
        g.benignHint = origin.hint;
      }
      else if (m.runtimeStarted || m.frames.some((f) => f.function === FINALIZER_LOOP)) g.finalizer = true;
      byKey.set(key, g);
      sharedLabels.set(g, m.labels);
      folded.set(g, [m]);
    } else {
      sharedLabels.set(g, intersect(sharedLabels.get(g), m.labels));
      folded.get(g)?.push(m);
    }
    g.count += m.count;
    if (m.waitMinutes !== undefined) g.waitMinutes = Math.max(g.waitMinutes ?? 0, m.waitMinutes);
    if (m.locked > 0) g.lockedToThread = (g.lockedToThread ?? 0) + m.locked;
    if (m.depth > 0) g.stackDepth = Math.max(g.stackDepth ?? 0, m.depth);
    if (m.truncated) g.truncated = true;
  }
  const groups = [...byKey.values()];
  for (const g of groups) {
    const labels = sharedLabels.get(g);
    if (labels && Object.keys(labels).length > 0) g.labels = labels;
    addMembers(g, folded.get(g) ?? []);
  }
  groups.sort((a, b) => b.count - a.count || a.function.localeCompare(b.function) || (a.state ?? '').localeCompare(b.state ?? '')
    || a.position.line - b.position.line);
  const http = httpClientWaits(groups);
  return { source, kind, total, groups, ...(truncated ? { truncated: true as const } : {}), ...(http ? { httpClient: http } : {}) };
}

/**
 * A debug=2 group's goroutines (their ids and each one's printed wait) and how many printed each
 * wait; nothing for debug=1, which has no ids.
 */
function addMembers(g: GoroutineGroup, parts: readonly Member[]): void {
  if (parts.length === 0 || parts.some((m) => m.ids === undefined)) return;
  const total = parts.reduce((n, m) => n + (m.ids?.length ?? 0), 0);
  const ids = new Float64Array(total);
  const minutes = new Uint32Array(total);
  const counts = new Map<number, number>();
  let at = 0;
  for (const m of parts) {
    ids.set(m.ids ?? [], at);
    const waits = m.minutes;
    if (waits) {
      minutes.set(waits, at);
      for (const w of waits) if (w > 0) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    at += m.ids?.length ?? 0;
  }
  g.members = { ids, minutes };
  if (counts.size > 0) g.waitCounts = [...counts].sort((a, b) => a[0] - b[0]).map(([w, count]) => ({ minutes: w, count }));
}

function groupFrame(f: Member['frames'][number]): GroupFrame {
  const out: GroupFrame = { function: f.function ?? `? ${f.address ?? ''}`.trim() };
  if (f.file !== undefined) out.file = f.file;
  if (f.line !== undefined) out.line = f.line;
  if (f.inlined) out.inlined = true;
  return out;
}

/** The labels two sets have in common (same key, same value); undefined when either has none. */
function intersect(a: Labels | undefined, b: Labels | undefined): Labels | undefined {
  if (!a || !b) return undefined;
  const out: Labels = {};
  for (const [k, v] of Object.entries(a)) if (Object.prototype.hasOwnProperty.call(b, k) && b[k] === v) out[k] = v;
  return out;
}

/** A goroutine dump of any kind, as the input pipeline read it. */
export function summarizeGoroutines(dump: GoroutineDump, source: string): GoroutineSummary {
  return 'profile' in dump ? summarizeGoroutineProfile(dump.profile, source) : summarizeTraceback(dump.traceback, source);
}

/** A `goroutine?debug=1` profile (or `goroutineleak`, or another count profile such as `threadcreate`). */
export function summarizeGoroutineProfile(profile: GoroutineProfile, source: string): GoroutineSummary {
  const members: Member[] = profile.records.map((r) => ({
    count: r.count, frames: r.frames, state: undefined, createdBy: undefined, createdAt: undefined, labels: r.labels,
    waitMinutes: undefined, locked: 0, depth: r.pcs.length, truncated: false, position: r.position,
  }));
  const kind = profile.kind ?? 'goroutine';
  const total = profile.header?.total ?? profile.recordTotal;
  // The header's total is the sum of the records the runtime wrote: fewer read is a dump cut short.
  const cut = profile.recordTotal < total ? { read: profile.recordTotal } : {};
  return { ...group(source, kind, total, members, false), ...cut, ...(profile.encoding ? { binary: true as const } : {}), identity: identityOf(profile.records, profile.cutLine) };
}

/** A `goroutine?debug=2` traceback dump. */
export function summarizeTraceback(dump: TracebackDump, source: string): GoroutineSummary {
  const members: Member[] = dump.stacks.map((s) => ({
    count: s.count, frames: s.frames, state: s.state === '' ? undefined : s.state, createdBy: s.createdBy?.function, createdAt: s.createdBy,
    labels: s.labels, waitMinutes: s.waitMinutes, ids: s.ids, minutes: s.minutes, locked: s.lockedToThread,
    depth: s.frames.length + (s.elided?.frames ?? 0), truncated: s.truncated, position: s.position,
    ...(finalizerGoroutine(s) ? { runtimeStarted: true } : {}),
  }));
  const c = dump.crash;
  const oom = c?.outOfMemory;
  const outOfMemory = oom
    ? { outOfMemory: { ...(oom.requestBytes !== undefined ? { requestBytes: oom.requestBytes } : {}), ...(oom.heapSysBytes !== undefined ? { heapSysBytes: oom.heapSysBytes } : {}) } }
    : {};
  const raiser = c ? raisingGoroutine(dump) : undefined;
  const crash = c
    ? { crash: { kind: c.kind, message: c.message, ...(c.earlier ? { earlier: c.earlier } : {}), ...(c.signal !== undefined ? { signal: c.signal } : {}), line: c.line, ...outOfMemory, ...(raiser ? { goroutine: raiser } : {}) } }
    : {};
  return { ...group(source, 'goroutine-traceback', dump.goroutineCount, members, dump.truncated), ...crash, identity: identityOf(dump.stacks) };
}

/**
 * The finalizer goroutine as goroutine?debug=2 prints it while it runs a finalizer: the runtime's
 * frames (runtime.runfinq) and its creator (runtime.createfing) are hidden there (traceback.go
 * showframe, GOTRACEBACK below system), so it is the one goroutine without a `created by` line
 * whose outermost frame is the program's (main.runFinalizers.func2), not main.main of goroutine 1.
 * A cgo callback has no creator either, but is locked to its thread; a cut stack may lack its line.
 */
function finalizerGoroutine(s: TracebackDump['stacks'][number]): boolean {
  const outer = s.frames[s.frames.length - 1]?.function;
  return s.createdBy === undefined && !s.ids.includes(1) && s.lockedToThread === 0 && !s.truncated && s.elided === undefined
    && outer !== undefined && outer !== 'main.main' && !isStandardLibrary(outer);
}

/**
 * The goroutine a crash's output names first, when it was `[running]`: the runtime prints the
 * goroutine that panicked or threw before the others (runtime/traceback.go, tracebackothers).
 * Stacks are folded, so the first goroutine is the first id of the stack printed highest.
 */
function raisingGoroutine(dump: TracebackDump): NonNullable<NonNullable<GoroutineSummary['crash']>['goroutine']> | undefined {
  const first = dump.stacks.reduce<TracebackDump['stacks'][number] | undefined>((a, s) => (a === undefined || s.position.line < a.position.line ? s : a), undefined);
  const id = first?.ids[0];
  if (!first || id === undefined || first.state !== 'running') return undefined;
  const top = topFrame(first.frames);
  const frame = top ? first.frames[top.index] : undefined;
  return { id, function: top?.function ?? NO_FRAMES, ...(frame?.file !== undefined ? { file: frame.file } : {}), ...(frame?.line !== undefined ? { line: frame.line } : {}) };
}
