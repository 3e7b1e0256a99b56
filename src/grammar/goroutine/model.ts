/**
 * The typed model of a goroutine profile (`goroutine?debug=1`), written by runtime/pprof's
 * printCountProfile: the Go 1.26+ `goroutineleak?debug=1` and the other count profiles of the
 * same shape (`threadcreate`) read as one too.
 * Every node keeps the input position it was read from.
 */
import type { PprofFrame } from '../common/frames.js';
import type { Labels } from '../common/labels.js';
import type { Position } from '../common/positions.js';

export type { PprofFrame } from '../common/frames.js';
export type { Labels } from '../common/labels.js';

/** `goroutine profile: total 764` */
export interface GoroutineProfileHeader {
  /** The word before ` profile:`: `goroutine`, `goroutineleak`, `threadcreate`, … */
  name: string;
  /** The header's N: the number of goroutines (threads…) in the profile, i.e. the sum of the record counts. */
  total: number;
  position: Position;
}

/** One `COUNT @ 0x… 0x…` record: `count` goroutines with this stack (and these labels). */
export interface GoroutineProfileRecord {
  count: number;
  /** The raw PCs of the `@` list, as printed (runtime frames included). */
  pcs: string[];
  /** From a `# labels: {…}` line right after the record line; undefined when there is none. */
  labels: Labels | undefined;
  /** The symbolized frame lines, innermost first. The runtime hides runtime frames at the top (and runtime.goexit). */
  frames: PprofFrame[];
  position: Position;
}

export interface GoroutineProfile {
  /** The header's name (`goroutine`, `goroutineleak`, `threadcreate`…); undefined without a header. */
  kind: string | undefined;
  header: GoroutineProfileHeader | undefined;
  records: GoroutineProfileRecord[];
  /** The sum of the record counts (equals `header.total` in a dump the runtime wrote). */
  recordTotal: number;
  /** Lines in the input (the last one counted even without a final newline). */
  lineCount: number;
  /**
   * The input's last line, when the input ends without a line end: a frame read there may be cut
   * short, so the binary's identity leaves it out (as a heap dump's: SampledSites.cutLine).
   */
  cutLine?: number;
  /** A binary profile (/debug/pprof/goroutine without ?debug=1), read as its text would be. */
  encoding?: 'protobuf';
}
