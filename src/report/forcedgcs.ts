/**
 * The GC log's forced GCs that came at one interval, as a report says them (exposition/forcedgcs.ts,
 * analyze/forcedgcs.ts): a count alone ("not counting 20 forced") told a program that calls
 * debug.FreeOSMemory every 5 s nothing of it (audit 46).
 */
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import { spanText } from '../exposition/gctrace.js';
import { countOf } from '../text/units.js';

/**
 * `13 GCs forced by the program itself, every ~5.0 s (gc 16 @5.0 s → gc 55 @65.1 s: runtime.GC or
 * debug.FreeOSMemory), apart from the ?gc=1 captures' 7.` when the ?gc=1 dumps beside the log told
 * theirs apart; else whose the timer is stays open (a capture fetching ?gc=1 at an interval forces
 * GCs alike). With a leak suspected, that a forced GC does not stop it. Undefined without a timer.
 */
export function forcedTimerLine(t: GcTraceAnalysis): string | undefined {
  const timer = t.forcedTimer;
  if (!timer) return undefined;
  const when = `every ~${spanText(timer.periodSeconds)} (gc ${timer.first.cycle} @${spanText(timer.first.atSeconds)} → gc ${timer.last.cycle} @${spanText(timer.last.atSeconds)}`;
  const leak = t.verdict.leak === 'suspected' ? ' A forced GC frees only what nothing reaches, and debug.FreeOSMemory returns only idle memory: neither stops the leak.' : '';
  const captures = timer.gcOneCaptures;
  if (captures !== undefined) {
    const others = t.forcedCycles - timer.count - captures;
    const rest = others > 0 ? `, and ${countOf(others, 'other forced GC')}` : '';
    return `${countOf(timer.count, 'GC')} forced by the program itself, ${when}: runtime.GC or debug.FreeOSMemory), apart from the ?gc=1 captures' ${captures}${rest}.${leak}`;
  }
  const which = timer.count === t.forcedCycles ? `All ${t.forcedCycles} forced GCs` : `${timer.count} of the ${t.forcedCycles} forced GCs`;
  return `${which} came ${when}): a timer's — the program's runtime.GC or debug.FreeOSMemory, or a capture fetching heap?gc=1 that often.${leak}`;
}
