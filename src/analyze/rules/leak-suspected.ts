import { firstOf, formatBytes, formatCount } from '../../text/units.js';
import { shellWord } from '../../input/urls.js';
import { waitAdvice } from '../goroutines/waits.js';
import { BODY_UNREAD, requestersNamed } from '../goroutines/httpclient.js';
import { ALIASED_PEAK_DOUBT, goroutineLeakOnly, leakGroups, SLOW_RISE_DOUBT } from '../series/verdict.js';
import { alsoGrowing } from './goroutine-growth.js';
import { comparedAfterForcedGC } from '../series/forced.js';
import { SERIES_THRESHOLDS } from '../series/thresholds.js';
import { DOCS } from '../thresholds.js';
import { finalizerWords, groupStart, HEAP_ONLY, heldByGoroutines, heldByGoroutinesStart, heldTrendSentence, holderWords, isCancelSite, isTimerSite, lostCancelStart, siteStart, timerCallers, timerCallersWords } from './leak-advice.js';
import { isDescriptorSite } from '../profile.js';
import type { Rule, SeriesRuleFacts } from './rule.js';
import type { LeakEvidence, SiteTrend } from '../series/model.js';
import { comparedPoints, groupSpan, siteSpan, snapshotName, snapshotNames, spanOf } from './series-words.js';
import type { Position } from '../../grammar/common/positions.js';

/** What a leak at its memory limit comes to (memlimit.ts leakAtLimitWords), in the finding's message. */
const LEAK_AT_LIMIT_SHORT = 'a leak at its memory limit, heading for GC thrash and, once the live heap outgrows the limit, an OOM kill';

/** Where the stacks are: the text report names each growing site's caller, not its stacks. */
const STACKS_WHERE = "heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).";

/** No site and no goroutine group grew (a series of /metrics scrapes or /debug/vars has no profile): where to find them. */
const NO_SITES_WHERE = 'No allocation site grew in these snapshots (a /metrics page or /debug/vars carries no heap profile): heap dumps (heap?debug=1) taken some time apart name the sites that grow, with their stacks (heapdoc analyze A B).';

/**
 * Heap profiles were read, but no site grew by siteGrowthMinBytes: a rise spread over small sites (the captured
 * go1.19-audit47-ratechange leaks 64-byte objects, ~1 MiB over its run), which NO_SITES_WHERE wrongly put down to no profile.
 */
function smallSitesWhere(first: string, last: string): string {
  return `No allocation site grew by ${formatBytes(SERIES_THRESHOLDS.siteGrowthMinBytes)} or more in these heap profiles: the rise is spread over smaller ones; heapdoc diff ${shellWord(first)} ${shellWord(last)} lists every site's change, with its stacks.`;
}

/**
 * Sites grew, but none is a leak site (the live heap's rise alone is the evidence): that they did not keep growing, and what to do.
 * "No allocation site grew" was said of the captured go1.19-audit37/sawtooth-aliased, whose main.fill grew 3.7 → 14.9 MiB, then
 * held, in dumps taken once per cycle of a cache filled and emptied: such dumps read a cycle as growth.
 */
function grownSitesWhere(sites: readonly SiteTrend[]): string {
  const words = firstOf(sites.map((s) => `${siteSpan(s, 0, sites)}${s.heldFrom === undefined ? '' : ', then held'}`), 3);
  // None held: they rose short of evidence (within sampling error, or little in the later half); more dumps tell.
  if (sites.every((s) => s.heldFrom === undefined)) return `No allocation site grew enough to be evidence: ${words}; more dumps over a longer time tell whether they keep rising. ${STACKS_WHERE}`;
  return `No allocation site kept growing: ${words}. Dumps taken once per cycle of a program that fills and empties its memory read the cycle as growth: take them more often than that cycle (several within one) and over a longer time — a site that leaks rises at each, one the cycle empties falls back. ${STACKS_WHERE}`;
}

/**
 * `Start with the HTTP client's responses: …`: the last goroutine dump's client read loops waiting
 * for a Body (groupGrowthMin or more), when the dumps are too few to call their group growing: the
 * captured go1.19-audit39-bodyleak's two dumps read "Start with bufio.NewWriterSize … A map or
 * slice that is never pruned", of the connections' own buffers.
 */
function unreadBodiesStart(count: number): string {
  return `Start with the HTTP client's responses: the last goroutine dump has ${formatCount(count)} net/http.(*persistConn).readLoop goroutines ${BODY_UNREAD}. Each such connection keeps its goroutines and their bufio buffers (bufio.NewReaderSize, bufio.NewWriterSize under net/http.(*Transport).dialConn) as long as its Body is open.`;
}

/**
 * Why HeapAlloc read between GCs (plain dumps, none after a forced GC: LeakEvidence.betweenGCs) is a leak's rise: it is no live heap
 * after GC — it counts the garbage made since the last GC, and each dump's heap profile is as of an earlier GC than its MemStats —
 * so the rise counts only with a witness of the live heap rising beside it (verdict.ts: a growing site or HeapObjects).
 */
const BETWEEN_GCS_REASON = 'HeapAlloc, read between GCs, is the live heap as of the last GC plus the garbage made since, and each dump\'s heap profile is as of an earlier GC than its MemStats; across snapshots taken at different GCs it never fell back (a dip under half its average step is the noise of what was allocated around the reading), still rose in the series\' later half, and a witness of the live heap rose with it (an allocation site\'s in-use bytes or HeapObjects)';

/**
 * The same of MemStats alone (/debug/vars documents, /metrics scrapes: SeriesVerdict.readBetweenGCs.withoutProfile), read when asked,
 * with no heap profile: HeapObjects is the witness (verdict.ts: the rise is evidence only with it).
 */
const MEMSTATS_BETWEEN_GCS_REASON = 'HeapAlloc, read between GCs (MemStats read when asked, with no heap profile), is the live heap as of the last GC plus the garbage made since; across snapshots taken at different GCs it never fell back (a dip under half its average step is the noise of what was allocated around the reading), still rose in the series\' later half, and HeapObjects, a witness of the live heap, rose with it';

/**
 * The same of the heap goal's trend (LeakEvidence.fromGoal; goaltrend.ts), every reading between GCs: the goal is what each GC set
 * from the heap it marked, so no witness beside it is needed, as none is beside a ?gc=1 series' live heap (verdict.ts).
 */
const GOAL_BETWEEN_GCS_REASON = 'The heap goal (NextGC), which each GC sets from the heap it marked live (NextGC ÷ (1 + GOGC/100) is that heap), is the live heap as of each snapshot\'s last GC, where HeapAlloc, read between GCs, adds the garbage made since; across snapshots taken at different GCs it never fell back (a dip under half its average step is noise) and still rose in the series\' later half';

/**
 * Why the floors of a recurring peak that rose at every fall are a leak's rise (LeakEvidence.underRecurringPeak; recurring.ts):
 * the live heap itself falls at every cycle, so it is the floor each fall comes back to that tells what stays.
 */
const UNDER_PEAK_REASON = 'The live heap climbed and fell back at every cycle of a recurring peak, and the floor it fell back to rose at every fall: the peak came and went, what stayed after it did not. Memory that stays live after each garbage collection is held by something reachable — a leak, whatever load comes and goes above it.';

/** `each read between GCs`, `5 of them read between GCs`: how many of `of` readings were (LeakEvidence.betweenGCs). */
function readBetweenWords(between: number, of: number): string {
  return between >= of ? 'each read between GCs' : `${formatCount(between)} of them read between GCs`;
}

/**
 * Why each kind of evidence is a leak (docs/reasoning.md §3 and §7, the "why" of each row), said in
 * the finding's why instead of the verdict's figures, which its message states already.
 */
function evidenceReason(kind: LeakEvidence['kind'], origin: SeriesRuleFacts['origin'], betweenGCs = false, withoutProfile = false, underPeak = false, fromGoal = false): string {
  switch (kind) {
    case 'live-heap':
      if (underPeak) return UNDER_PEAK_REASON;
      return `${origin === 'gctrace'
        ? 'The live heap after each GC (C in A->B->C MB) kept rising past the program\'s start-up warm-up, in the log\'s later half too'
        : fromGoal ? GOAL_BETWEEN_GCS_REASON : betweenGCs ? withoutProfile ? MEMSTATS_BETWEEN_GCS_REASON : BETWEEN_GCS_REASON
          : 'The live heap after GC never fell back (a dip under half its average step is the noise of what was allocated around the reading) and still rose in the series\' later half'}: memory that stays live after each garbage collection is held by something reachable — a leak, unlike a past peak (the live heap falls back), churn (it stays flat) or a cache that filled once and held (a plateau).`;
    case 'sites':
      return 'An allocation site whose in-use bytes rise step after step, by more than sampling error and still in the series\' later half, keeps what it allocates; one jump would be a cache warming up.';
    case 'goroutine-groups':
      return 'Goroutines that keep accumulating wait forever: each keeps its stack and everything the stack references, a leak whether or not the heap grows.';
    case 'stack-inuse':
      return `In-use stack spans are live goroutines' stacks: ${origin === 'gctrace' ? 'the log\'s MB stacks' : 'StackInuse'} never falling back and rising across GC cycles${origin === 'gctrace' ? '' : ', or across dumps while a goroutine dump shows goroutines blocked that hold it,'} points at goroutines that never exit.`;
    case 'size-classes':
      return 'A size class\'s live objects (MemStats.BySize) that keep rising across GC-separated snapshots are objects kept, of every site that allocates that size.';
  }
}

/**
 * What the confidence rests on (analyze/series/verdict.ts): high from 4 readings or more with a
 * rise at every step of one kind of evidence; a size class alone, which mixes sites, a notch lower.
 */
function confidenceReason(confidence: string, evidence: readonly LeakEvidence[]): string {
  if (evidence.every((e) => e.kind === 'size-classes')) return `${confidence === 'low' ? 'Low' : 'Medium'} confidence: a size class mixes every site that allocates its size, so its rise counts a notch below a site's${confidence === 'low' ? ' (and it did not rise at every step of 4 snapshots or more)' : ''}; a heap profile of the same moments names the sites.`;
  return confidence === 'high'
    ? 'High confidence: 4 readings or more, and a rise at every step of one of them; a heap that merely moves rises at each of n − 1 steps once in n! series.'
    : 'Medium confidence: no kind of evidence rose at every step of 4 readings or more; more dumps, some time apart, tell.';
}

/**
 * What the verdict's sentence adds to its evidence (the words after `Leak suspected (…): …;
 * ….`: a slow rise's doubt, a confirmed leak, an out-of-memory crash); the whole sentence when
 * something rewrote its start.
 */
function beyondEvidence(summary: string, confidence: string, evidence: readonly LeakEvidence[]): string {
  const base = `Leak suspected (${confidence} confidence): ${evidence.map((e) => e.text).join('; ')}.`;
  return summary.startsWith(base) ? summary.slice(base.length).trim() : summary;
}

/**
 * Whether the finding of a leak names the goroutine groups that grow (goroutines among the
 * verdict's evidence, of dumps, not a GC log): goroutine-growth's finding about them is then not
 * said a second time (series.ts groupsSaidOnce).
 */
export function namesGroups(facts: SeriesRuleFacts): boolean {
  return facts.verdict.leak === 'suspected' && facts.origin !== 'gctrace'
    && facts.verdict.evidence.some((e) => e.kind === 'goroutine-groups') && leakGroups(facts.growingGroups).length > 0;
}

/**
 * The series verdict, for CI: snapshots of one process (the dumps of one directory, or one
 * GODEBUG=gctrace=1 log) whose verdict is "leak suspected" (analyze/series/verdict.ts weighs the
 * evidence: live heap, sites, goroutine groups, stacks). Reported at the last snapshot.
 */
export const leakSuspected: Rule = {
  meta: {
    id: 'leak-suspected',
    defaultSeverity: 'error',
    description: 'Snapshots of one process show a leak: live heap, allocation sites, goroutine groups or stacks keep growing.',
    docsUrl: DOCS.gcGuide,
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts) {
    const { verdict } = facts;
    if (verdict.leak !== 'suspected') return [];
    // The readings the verdict compares: those after a forced GC, when others were read between GCs (series-words.ts comparedPoints).
    const compared = comparedPoints(facts.live).points;
    const first = compared[0];
    const last = compared[compared.length - 1];
    const groups = leakGroups(facts.growingGroups);
    const parts = verdict.evidence.flatMap((e): string[] => {
      // The floors of a recurring peak: first → last would read as the live heap's rise through the peaks.
      if (facts.origin === 'gctrace' || e.underRecurringPeak === true) return [e.text];
      // Readings after a forced GC beside others between GCs are no like for like: the verdict's words say which is which.
      if (e.kind === 'live-heap' && comparedAfterForcedGC(facts.live.map((p) => p.afterForcedGC === true))) return [e.text];
      // The heap goal's trend (NextGC ÷ (1 + GOGC/100), each reading's last GC): the verdict's own words, which name it and HeapAlloc apart.
      if (e.kind === 'live-heap' && e.fromGoal === true) return [e.text];
      if (e.kind === 'live-heap' && first && last && e.betweenGCs !== undefined) return [`HeapAlloc ${formatBytes(first.bytes)} → ${formatBytes(last.bytes)} over ${facts.live.length} snapshots taken at different GCs, ${readBetweenWords(e.betweenGCs, facts.live.length)}`];
      // Read between GCs, of a rise the verdict read elsewhere (the heap profiles' in-use): its words, never HeapAlloc's ends as "live heap"
      // (the captured go1.19-creep-plain's plain dumps were "live heap 122.7 MiB → 130.7 MiB over 5 GC-separated snapshots").
      if (e.kind === 'live-heap' && verdict.readBetweenGCs !== undefined) return [e.text];
      if (e.kind === 'live-heap' && first && last) return [`live heap ${formatBytes(first.bytes)} → ${formatBytes(last.bytes)} over ${facts.live.length} GC-separated snapshots`];
      if (e.kind === 'sites' && facts.leakSites.length > 0) return [`growing ${firstOf(facts.leakSites.map(siteSpan), 3)}`];
      if (e.kind === 'goroutine-groups' && namesGroups(facts)) return [`goroutines ${firstOf(groups.map((g) => groupSpan(g, groups)), 3)}`];
      return [e.text];
    });
    // The live heap's readings were HeapAlloc read between GCs (plain dumps): said as such, as the verdict's evidence says it.
    const between = verdict.evidence.find((e) => e.kind === 'live-heap' && e.betweenGCs !== undefined)?.betweenGCs;
    const betweenGCs = between !== undefined;
    const underPeak = verdict.evidence.some((e) => e.kind === 'live-heap' && e.underRecurringPeak === true);
    const where = facts.origin === 'gctrace'
      ? `in ${snapshotName(facts.sources[0])}`
      : `across ${facts.sources.length} snapshots, ${spanOf(facts.sources)}`;
    const named = [
      ...(first && last && facts.origin === 'snapshots' ? [`${betweenGCs ? `The snapshots compared, one per GC cycle, ${readBetweenWords(between, compared.length)}` : 'The GC-separated snapshots compared'}: ${snapshotNames(compared.map((p) => p.source)).join(', ')}.`] : []),
      ...(facts.goroutines.length > 1 && groups.length > 0 ? [`The goroutine dumps compared: ${snapshotNames(facts.goroutines.map((g) => g.source)).join(', ')}.`] : []),
    ];
    // Goroutines that pile up are the leak whether or not the heap grows: said as such when they are all the evidence.
    const goroutinesOnly = goroutineLeakOnly(verdict);
    // The why reasons, the message states the figures: why each kind is a leak, what the confidence
    // rests on (a GC log's is weighed otherwise), and what the verdict adds beyond its evidence.
    const beyond = beyondEvidence(verdict.summary, verdict.confidence, verdict.evidence);
    const reasons = [
      ...named,
      ...[...new Set(verdict.evidence.map((e) => e.kind))].map((kind) => evidenceReason(kind, facts.origin, betweenGCs, verdict.readBetweenGCs?.withoutProfile === true, underPeak, verdict.evidence.some((e) => e.fromGoal === true))),
      ...(facts.origin === 'snapshots' && !beyond.startsWith(SLOW_RISE_DOUBT) && !beyond.startsWith(ALIASED_PEAK_DOUBT) ? [confidenceReason(verdict.confidence, verdict.evidence)] : []),
      ...(beyond ? [beyond] : []),
    ];
    // Client read loops waiting for a Body are the cause of their connections' other goroutines
    // (the writeLoop, the server's (*conn).serve when the server is this program, each as many):
    // they lead those. A larger group leads them (go1.19-audit29-blocked: the writeLoop's +600 are
    // mostly requests in flight, whose advice names the 200 Bodies too).
    const bodies = groups.find((g) => g.clientConn === 'body');
    const top = bodies && bodies.growth >= (groups[0]?.growth ?? 0) ? bodies : groups[0];
    // runtime.malg (goroutine descriptors) grows with the goroutines: the group is what to fix, not the runtime's allocation.
    const site = facts.leakSites.find((x) => !isDescriptorSite(x));
    const byGroup = top !== undefined && (Boolean(waitAdvice(top)) || !site);
    // The timers' advice names a few callers; the evidence keeps them all (JSON, SARIF).
    const timers = !byGroup && site && isTimerSite(site) ? timerCallers(facts.leakSites) : [];
    const cancelSite = facts.leakSites.find(isCancelSite);
    // Goroutines blocked in the function that allocates a growing site hold it: one leak, said as one.
    const held = heldByGoroutines(facts.leakSites.filter((x) => !isDescriptorSite(x)), facts.growingGroups);
    const start = held ? heldByGoroutinesStart(held)
      : top && byGroup
      ? `${groupStart(top)}${alsoGrowing(groups.filter((g) => g !== top))}`
      // Too few goroutine dumps to call a group growing, but the last has read loops waiting for a Body: the sites are their connections'.
      : (facts.unreadBodies ?? 0) >= SERIES_THRESHOLDS.groupGrowthMin ? unreadBodiesStart(facts.unreadBodies ?? 0)
      : cancelSite ? lostCancelStart(cancelSite, facts.leakSites)
      // No goroutine dump read: what keeps the sites (a goroutine, a stuck finalizer) is asked for, not guessed.
      : site ? siteStart(site, facts.leakSites, facts.goroutines.length === 0)
      : 'A map or slice that is never pruned, a cache without a bound, or goroutines blocked forever are the usual causes.';
    const finalizer = facts.busyFinalizer ? `${finalizerWords(facts.busyFinalizer)} ` : '';
    // The Body advice names who made the requests, when the heap profiles' stacks show it.
    // The one growing array beside the growing sites (a map's buckets): what likely keeps their objects.
    // Said before the ask for a goroutine dump, which is about what else may keep them.
    const holder = facts.holder && facts.leakSites.length > 0 ? holderWords(facts.holder) : '';
    const kept = !holder ? start : start.endsWith(HEAP_ONLY) ? `${start.slice(0, -HEAP_ONLY.length)}${holder} ${HEAP_ONLY}` : `${start} ${holder}`;
    const fix = requestersNamed(`${finalizer}${kept}`, facts.httpRequesters ?? []);
    return [{
      // A leak whose heap goal a memory limit holds (verdict.leakAtLimit): where it goes, said where the finding is read first.
      // The goroutines that hold a growing site, said where every format shows it (lint's stylish and SARIF print the message only), as goroutine-long-wait's message says it.
      message: `Leak suspected (${verdict.confidence} confidence) ${where}: ${parts.join('; ')}${verdict.leakAtLimit ? `; ${LEAK_AT_LIMIT_SHORT}` : ''}.${held ? ` ${heldTrendSentence(held)}` : ''}`,
      why: reasons.join(' '),
      fix: `${facts.origin === 'gctrace'
        ? goroutinesOnly
          ? 'A GC log tells how large the goroutine stacks grow, not whose they are: take goroutine dumps (goroutine?debug=1) of the process some time apart and compare them with heapdoc analyze A B, which lists the goroutine groups that grow with their stacks.'
          : 'A GC log tells how much stays live, not what holds it: take heap dumps (heap?debug=1) of the process some time apart and compare them with heapdoc analyze A B, which lists the growing sites with their stacks.'
        : `${fix} ${facts.leakSites.length > 0 || groups.length > 0 ? STACKS_WHERE : facts.grownSites?.length ? grownSitesWhere(facts.grownSites) : facts.profiles && facts.profiles.length > 1 ? smallSitesWhere(facts.profiles[0] ?? '', facts.profiles.at(-1) ?? '') : NO_SITES_WHERE}`}`,
      // A GC log's rise ends at its last GC: the line that shows the live heap it left. A dump series'
      // leak points at its first growing site's biggest stack in the last snapshot, when that is the
      // snapshot the finding is named by (SARIF's region, stylish's line:column).
      position: facts.lastGc?.position ?? siteRecord(site, facts.sources.at(-1)),
      evidence: {
        confidence: verdict.confidence,
        ...(facts.origin === 'gctrace' ? { gcCycles: facts.live.length, ...(facts.lastGc ? { lastCycle: facts.lastGc.cycle } : {}) } : { snapshots: facts.sources.length }),
        first: facts.sources[0] ?? '',
        last: facts.sources[facts.sources.length - 1] ?? '',
        ...(first && last ? { firstLiveBytes: first.bytes, lastLiveBytes: last.bytes } : {}),
        ...(facts.leakSites[0] ? { topSite: facts.leakSites[0].function, topSiteGrowthBytes: facts.leakSites[0].growthBytes } : {}),
        ...(groups[0] ? { topGroup: groups[0].function, topGroupGrowth: groups[0].growth } : {}),
        ...(timers.length > 0 ? { timerCallerCount: timers.length, timerCallers: timerCallersWords(timers) } : {}),
        ...(verdict.leakAtLimit ? { leakAtLimit: 'yes' } : {}),
      },
    }];
  },
};

/** A growing site's record in `source` (SiteTrend.record), as a position: column 1, the record's first character. */
function siteRecord(site: SiteTrend | undefined, source: string | undefined): Position | undefined {
  const record = site?.record;
  return record && record.source === source ? { line: record.line, column: 1 } : undefined;
}
