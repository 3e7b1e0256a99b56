/**
 * A GC log's forced GCs at one interval told apart from the ?gc=1 dumps' beside it
 * (exposition/forcedgcs.ts): right after the GC it forced, a ?gc=1 dump's NumGC is that GC's number
 * in the log of the same run, so the forced GCs left are the program's own (runtime.GC,
 * debug.FreeOSMemory). The captured go1.19-audit46-freeosleak: 20 forced GCs, its seven ?gc=1
 * dumps' NumGC 18, 30, 37, 43, 48, 53 and 56 among them, the other 13 every ~5.0 s.
 */
import { namesGcOne } from '../common/stems.js';
import { forcedTimer, type ForcedTimer } from '../exposition/forcedgcs.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import type { SnapshotAnalysis } from './snapshot.js';

/**
 * The log's timer of forced GCs with the GCs of the ?gc=1 dumps among `snapshots` left out: the
 * dumps whose name says ?gc=1 (stems.ts namesGcOne), heap?debug=1 text (a binary profile's MemStats
 * are another capture's), whose NumGC is a forced GC of the log; and only when some of those GCs
 * fall within the timer's run, the capture running meanwhile, is it told as the program's (gcOneCaptures);
 * else its words leave open whose it is. Without such dumps, the log's own (its forcedTimer).
 */
export function forcedTimerBeside(trace: Pick<GcTraceAnalysis, 'forcedGcs' | 'forcedTimer'>, snapshots: readonly Pick<SnapshotAnalysis, 'source' | 'stats' | 'origin'>[]): ForcedTimer | undefined {
  const forced = new Set(trace.forcedGcs.map((f) => f.cycle));
  const gcOnes = new Set(snapshots.flatMap((s) => {
    const numGC = s.stats?.int('NumGC');
    return s.origin === undefined && namesGcOne(s.source) && numGC !== undefined && forced.has(numGC) ? [numGC] : [];
  }));
  const timer = gcOnes.size > 0 ? forcedTimer(trace.forcedGcs, gcOnes) : undefined;
  // The program's only while the capture ran: a timer before or after its ?gc=1 GCs may be another capture's, whose dumps are not given
  // (the captured go1.19-audit41-sessions: gc 34 → 50 every ~20 s, its earlier round's ?gc=1 dumps, sessions-run1/).
  const during = timer !== undefined && [...gcOnes].some((n) => n > timer.first.cycle && n < timer.last.cycle);
  if (gcOnes.size === 0) return trace.forcedTimer;
  return during ? { ...timer, gcOneCaptures: gcOnes.size } : timer;
}
