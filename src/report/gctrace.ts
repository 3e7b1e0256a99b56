/** A GODEBUG=gctrace=1 log in the reports: shared by the text and Markdown formatters. */
import { spanText, type GcTraceAnalysis } from '../exposition/gctrace.js';
import { gcTracePause, pauseLength } from '../analyze/pauses.js';
import { countOf, formatBytes, formatCount } from '../text/units.js';
import { DOCS } from '../analyze/thresholds.js';
import type { Verdict } from '../analyze/verdict.js';
import { runsTrend, TREND_SHOWN } from '../text/trend.js';

/**
 * The log's verdict in its section: as it is when it is the report's, or agrees with it; said to
 * be the log's alone when the report's verdict (above, weighing the dumps) differs, so that
 * "Churn, not a leak" never stands unexplained under "Leak suspected".
 */
export function gcTraceVerdictText(t: GcTraceAnalysis, report: Verdict, logs: readonly GcTraceAnalysis[]): string {
  // A headline that is a log's own (no dumps, or the log outweighed them) needs no word.
  if (report.leak === t.verdict.leak || logs.some((l) => report.summary.startsWith(`${l.source}: `))) return t.verdict.summary;
  // Another run's or program's: weighed on its own, never with the dumps (the verdict above says so).
  if (t.otherRun) return `This log alone: ${t.verdict.summary} It is of another run or another program than the dumps, so the verdict above does not weigh it with them.`;
  return `This log alone: ${t.verdict.summary} The verdict above weighs the dumps too: the sites and goroutine groups a GC log cannot show.`;
}

/**
 * The live heap after each GC (MB): all of it up to 12 cycles, else its runs with their counts and,
 * when still too long, its first and last runs with how many GCs are left out (text/trend.ts):
 * `10 MB ×14 → 11 MB → … 1,087 more … → 50 MB ×96`, never six values and five with the rise
 * between them unsaid.
 */
export function liveAfterGc(t: GcTraceAnalysis): string {
  return t.liveMB.length > TREND_SHOWN ? runsTrend(t.liveMB, (mb) => `${mb} MB`) : `${t.liveMB.join(' → ')} MB`;
}

/** What stays vs the peak: the live heap after the last GC (C) against the largest heap before one (A). */
export function peakVersusLive(t: GcTraceAnalysis): string {
  const last = t.liveMB[t.liveMB.length - 1];
  const floors = t.timeThirds ? `; the live heap's lowest point in each third of the log's time: ${thirdFloors(t)}` : '';
  return `Peak (the largest heap before a GC, A): ${t.peakMB} MB; what stays (the live heap after the last GC, C): ${last ?? '?'} MB${floors}`;
}

/**
 * The lowest live heap in each third of the log's time (GcTraceAnalysis.timeThirds): `1 → 61 → 75 MB`, with the GCs of
 * each when they differ threefold or more (`(94, 7 and 9 GCs)`), as a busy start runs most of a log's GCs.
 */
export function thirdFloors(t: Pick<GcTraceAnalysis, 'timeThirds'>): string {
  const thirds = t.timeThirds;
  if (!thirds) return '';
  const counts = thirds.map((third) => third.cycles);
  const uneven = Math.max(...counts) >= 3 * Math.max(1, Math.min(...counts));
  return `${thirds.map((third) => third.floorMB).join(' → ')} MB${uneven ? ` (${counts.slice(0, 2).join(', ')} and ${counts[2] ?? 0} GCs)` : ''}`;
}

/**
 * How often the log's GCs ran: a rate from enough of them (gcPerMinute, forced GCs left out,
 * `rateUnit` after it), else how many in how long (`2 GCs in 48 ms`).
 */
export function gcPace(t: GcTraceAnalysis, rateUnit = 'GCs/min'): string {
  if (t.gcPerMinute !== undefined) return `${t.gcPerMinute.toFixed(1)} ${rateUnit}`;
  return t.cycles > 1 ? `${countOf(t.cycles, 'GC')} in ${spanText(t.spanSeconds)}` : countOf(t.cycles, 'GC');
}

/** GC frequency and CPU, the longest stop-the-world time, forced cycles, the goal, the scavenger, what was skipped. */
export function gcTraceFacts(t: GcTraceAnalysis): string[] {
  const pause = gcTracePause(t);
  const forced = t.forcedCycles > 0 ? `${t.forcedCycles} forced` : '';
  // A rate leaves the forced GCs out, and says so where it is given; a count (`2 GCs in 48 ms`) counts them.
  const rated = t.gcPerMinute !== undefined;
  return [
    rated && forced ? `${gcPace(t)} (not counting ${forced})` : gcPace(t),
    t.cpuPercent !== undefined ? `GC CPU ${t.cpuPercent}% since start` : '',
    pause ? `longest stop-the-world ${pauseLength(pause)} (gc ${pause.cycle ?? '?'}, line ${pause.position?.line ?? '?'})` : '',
    rated ? '' : forced,
    t.goalMB !== undefined ? `goal ${t.goalMB} MB` : '',
    t.releasedBytes !== undefined ? `${formatBytes(t.releasedBytes)} released to the OS (scavenger)` : '',
    t.pacerLines > 0 ? `${countOf(t.pacerLines, 'pacer line')} (gcpacertrace=1) skipped` : '',
    t.otherLines > 0 ? `${countOf(t.otherLines, 'other line')} skipped` : '',
    t.restarts > 0 ? `${countOf(t.restarts, 'restart')} (the last run is judged)` : '',
  ].filter(Boolean);
}

/**
 * What the mark phase costs the program, when it is worth saying: a long mark (gcTraceMarking),
 * then mark assists that are a large share of its CPU (gcTraceAssists); none for a log of short
 * marks and few assists (the JSON keeps the numbers).
 */
export function gcTraceMarkLines(t: GcTraceAnalysis): string[] {
  const marking = gcTraceMarking(t);
  // One link to the GC guide: the Marking line's, when there is one.
  return [marking, gcTraceAssists(t, marking === undefined)].filter((line): line is string => line !== undefined);
}

/**
 * What makes GCs rarer besides allocating less: how often the GC runs is the allocation rate over
 * the room the goal leaves (the GC guide); a goal a limit holds (below GOGC's, or at the live
 * heap) leaves GOGC no say in it.
 */
function rarerSetting(t: GcTraceAnalysis): string {
  return t.goalCap || t.verdict.kind === 'memory-limit' ? 'memory limit (the heap goal is a limit\'s, not GOGC\'s)' : 'GOGC';
}

/**
 * The concurrent mark when it is long (GcTraceMark.long: a large share of the time, or a long
 * median), with what it costs and what shortens it (reasoning.md §8; the GC
 * guide's Latency and Implementation-specific optimizations); undefined when it is short.
 */
function gcTraceMarking(t: GcTraceAnalysis): string | undefined {
  const m = t.mark;
  if (!m?.long) return undefined;
  const share = m.sharePercent !== undefined ? `; the GC was marking ${m.sharePercent.toFixed(1)}% of the time between GC starts` : '';
  const live = t.liveMB[t.liveMB.length - 1];
  const rarer = `allocating less or a higher ${rarerSetting(t)} makes it rarer`;
  const forced = t.forcedCycles > 0 ? ` (not the ${t.forcedCycles} forced GCs: runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1)` : '';
  return `Marking: the concurrent mark took ${spanText(m.medianMs / 1000)} at the median and up to ${spanText(m.maxMs / 1000)} (gc ${m.longest.cycle}, line ${m.longest.position.line}) over ${countOf(m.cycles, 'GC')}${share}. `
    + 'While it marks, the program pays for it: goroutines that allocate assist the marking, pointer writes go through the write barrier, and the GC takes 25% of the CPU. '
    + `Each mark lasts as long as tracing the live heap's pointers takes${live !== undefined ? ` (${live} MB live after the last GC)` : ''}: fewer pointers (indices instead of pointers, pointer-free values) or a smaller live heap shorten it, ${rarer}${forced}. See ${DOCS.gcGuide}.`;
}

/**
 * Mark assists when they are a large share of the mark's CPU (GcTraceAssists.large): the
 * goroutines that allocate while the GC marks were made to help it mark, a latency the
 * allocating code pays (reasoning.md §8; the GC guide's Latency and gcAssistAlloc); undefined otherwise.
 */
function gcTraceAssists(t: GcTraceAnalysis, see: boolean): string | undefined {
  const a = t.mark?.assists;
  if (!a?.large || !t.mark) return undefined;
  return `Mark assists: ${Math.round(a.sharePercent)}% of the GC's mark CPU (${spanText(a.assistMs / 1000)} of assists beside ${spanText(a.backgroundMs / 1000)} of background and ${spanText(a.idleMs / 1000)} of idle marking), in ${formatCount(a.cycles)} of ${countOf(t.mark.cycles, 'GC')}: `
    + 'goroutines that allocate during marking were made to help the GC (latency in the allocating code). '
    + `Allocate less in the hot path, or set a higher ${rarerSetting(t)} so GCs start less often.${see ? ` See ${DOCS.gcGuide}.` : ''}`;
}

/** `116 GCs over 12.3 s` */
export function gcTraceTitle(t: GcTraceAnalysis): string {
  return `${countOf(t.cycles, 'GC')} over ${spanText(t.spanSeconds)}`;
}
