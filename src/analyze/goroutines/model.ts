/**
 * The analysis of one goroutine dump, shaped as contract.md's `goroutines` entry:
 * `{ source, kind, total, groups: [{ count, state?, function, createdBy?, waitMinutes? }] }`.
 * Every field after those is an addition (contract.md: additions are welcome).
 */
import type { Labels } from '../../grammar/common/labels.js';
import type { Position } from '../../grammar/common/positions.js';
import type { BinaryIdentity } from '../series/identity.js';
import type { GoroutineKind } from '../../input/registry.js';

/** A goroutine format of the input registry; another count profile (threadcreate) keeps its header's name. */
export type GoroutineDumpKind = GoroutineKind | (string & {});

/** One frame of a group's stack, as the dump printed it. */
export interface GroupFrame {
  /** `? 0x…` for a PC the runtime could not symbolize (debug=1). */
  function: string;
  file?: string;
  line?: number;
  /** debug=2 printed `(...)`: the call was inlined into the frame below. */
  inlined?: true;
}

/** How many goroutines of a group printed a wait of `minutes` (`goroutine 7 [chan receive, 1 minutes]:`). */
export interface WaitCount {
  minutes: number;
  count: number;
}

/** A group's goroutines in a debug=2 dump: their ids (`goroutine N [`) and, beside them, each one's printed wait (0: none). */
export interface GroupMembers {
  ids: Float64Array;
  minutes: Uint32Array;
}

/**
 * The part a goroutine plays in net/http's client (httpclient.ts): `reader` (a connection's read
 * loop reading the next response), `body` (a read loop waiting for its response's Body to be read
 * or closed), `writer` (a connection's write loop), `caller` (the program's goroutine waiting inside
 * a request: `http.Get`, `Client.Do`).
 */
export type ClientConnRole = 'reader' | 'body' | 'writer' | 'caller';

/** What a dump's net/http client connections wait for (httpclient.ts httpClientWaits). */
export interface HttpClientWaits {
  /** Read loops reading the next response (`bufio.(*Reader).Peek`) or one under way. */
  reading: number;
  /** Of `reading`, as many as requests wait for their response in `(*persistConn).roundTrip`: requests in flight; the others are idle. */
  inFlight: number;
  /** Read loops waiting for a response Body to be read to EOF or closed. */
  bodyUnread: number;
  /** The program's groups waiting in `(*persistConn).roundTrip`, by function, most goroutines first. */
  callers: { function: string; count: number }[];
}

/** Goroutines with the same creation site, top non-runtime frame and wait state. */
export interface GoroutineGroup {
  count: number;
  /** The wait state or status from the header (`chan receive`, `select`, `sync.Mutex.Lock`…); debug=2 only. */
  state?: string;
  /** The top non-runtime frame (see frames.ts); `? 0x…` for an unsymbolized PC, `(no frames)` for an empty stack. */
  function: string;
  /** The function whose `go` statement created them (`created by F`); debug=2 only. */
  createdBy?: string;
  /** The longest wait among them in minutes (the runtime prints `, N minutes` from 1 minute on); debug=2 only. */
  waitMinutes?: number;
  /**
   * How many of them printed each wait, fewest minutes first (`[{ minutes: 1, count: 1004 },
   * { minutes: 2, count: 1 }]`); the others of `count` printed none (under a minute). debug=2
   * only; absent when none printed one. The longest wait is one goroutine's, not the group's.
   */
  waitCounts?: WaitCount[];
  /**
   * Each goroutine's id and printed wait (debug=2): across dumps of one process they tell the
   * goroutines woken in between from those still blocked (waits.ts wokenSince). Not part of the JSON report.
   */
  members?: GroupMembers;

  /** How many are `locked to thread`; absent when none is. */
  lockedToThread?: number;
  /** The pprof labels every goroutine of the group has (the same key and value); absent when none is shared. */
  labels?: Labels;
  /** The machinery frame above `function` when it says how they wait: `sync.(*Mutex).Lock`, `time.Sleep`… */
  blockedIn?: string;
  /**
   * The standard library's frame they wait in, under the program's `function`
   * (`net/http.(*persistConn).roundTrip` under `main.fetch`): the select or channel the state
   * names is that library's, not the program's.
   */
  waitsIn?: string;
  /** The part they play in net/http's client (httpclient.ts). */
  clientConn?: ClientConnRole;
  /** Where `function` is (of the first goroutine in the group). */
  file?: string;
  line?: number;
  /** Goroutines the program did not start itself (see benign.ts); `benignReason` says which. */
  benign?: true;
  benignReason?: string;
  /** What they are, in brackets after the group (`runtime`, `the profiler's own`: benign.ts). */
  benignHint?: string;
  /** Why the group's goroutines have no frames (`function` is `(no frames)`): what the runtime left out, and when. */
  noFrames?: string;
  /**
   * The runtime's finalizer goroutine (runtime.runfinq on the stack) running a finalizer of the
   * program: finalizers run one at a time on it, so one that blocks holds up every other.
   */
  finalizer?: true;
  /** The stack of the group's first goroutine (debug=2) or record (debug=1), innermost first, runtime frames included. */
  stack?: GroupFrame[];
  /** Where the `go` statement that created them is (`created by` file line; debug=2 only). */
  createdAt?: { file: string; line?: number };
  /** The deepest stack in the group, in frames (debug=2: printed + elided; debug=1: PCs, runtime frames included). */
  stackDepth?: number;
  /** The group holds the goroutine a truncated dump ends in: its stack is incomplete. */
  truncated?: true;
  /** The first goroutine (debug=2 header) or record (debug=1) of the group in the input. */
  position: Position;
}

export interface GoroutineSummary {
  /**
   * What identifies the binary (series/identity.ts): checked against the heap dumps it comes with.
   * Not part of the JSON report.
   */
  identity?: BinaryIdentity;
  source: string;
  /** Its moment, when it is a document of a stream cut into moments (analyze/moments.ts markStreamMoments). Not part of the JSON report. */
  moment?: string;
  kind: GoroutineDumpKind;
  /** Goroutines in the dump: the header's N (debug=1) or the number of `goroutine N [` headers (debug=2). */
  total: number;
  /** By count, largest first. In a consistent dump their counts add up to `total`. */
  groups: GoroutineGroup[];
  /** True when a debug=2 dump was cut (the runtime stops at 64 MiB): goroutines after the last one are missing. */
  truncated?: true;
  /**
   * debug=1 (and the other count profiles): the goroutines its records count, when fewer than the
   * header's `total` — the runtime writes their sum there, so the dump was cut short after them.
   */
  read?: number;
  /** The dump is a crash's output (`panic: …`, `fatal error: …`, `SIGQUIT: quit`), not goroutine?debug=2: what crashed. */
  crash?: {
    kind: 'panic' | 'fatal error' | 'signal'; message: string; earlier?: string[]; signal?: string; line: number;
    /** Out of memory: the block the runtime asked of the OS and the heap it had already (HeapSys), when printed. */
    outOfMemory?: { requestBytes?: number; heapSysBytes?: number };
    /**
     * The goroutine that raised it: the first one the crash printed, when it was `[running]` (the
     * runtime prints the goroutine that panicked or threw first); absent when none was (a deadlock,
     * a SIGQUIT sent from outside), named by its top non-runtime frame.
     */
    goroutine?: { id: number; function: string; file?: string; line?: number };
  };
  /** A binary goroutine profile (/debug/pprof/goroutine without ?debug=1), read as its debug=1 text. */
  binary?: true;
  /**
   * Its place among the goroutine dumps of its folder cannot be known (order.ts
   * orderGoroutineDumps): why, a sentence. No trend reads it (tracks.ts countingDumps).
   */
  unplaced?: string;
  /** What its net/http client connections wait for; absent when it has none. */
  httpClient?: HttpClientWaits;
}
