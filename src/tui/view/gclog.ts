/**
 * GC log: a GODEBUG=gctrace=1 log as the series it is — its verdict, the heap at every GC as a
 * chart (what the heap grew to before each GC, A, over what stayed live after it, C: a leak
 * raises the solid part, a peak only the shaded one), the peak against what stays, how often
 * the GC ran and its CPU share, what the scavenger returned to the OS, and what a long mark phase
 * costs (the report's Marking and Mark assists lines). A scrolled text; `e` and `y` act on the
 * longest mark's line in the log shown, or without a long mark on the GC whose assists cost most.
 */
import { gcTracePause, pauseLength } from '../../analyze/pauses.js';
import { gcPace, gcTraceMarkLines, gcTraceTitle, gcTraceVerdictText, thirdFloors } from '../../report/gctrace.js';
import { spanText, type GcTraceAnalysis } from '../../exposition/gctrace.js';
import { codeTarget, type Target } from '../effects.js';
import type { Verdict } from '../../analyze/verdict.js';
import type { Finding } from '../../analyze/rules/index.js';
import { countOf, formatBytes } from '../../text/units.js';
import { gcsPerStretch, heapChart, heapTimeColumns, peakCycle } from '../model/gclog.js';
import { sparkline } from '../model/series.js';
import type { TuiState } from '../state/reducer.js';
import { frame, padStart, seg, truncateStart, width as cells, wrapLines, type Line, type Tone } from './line.js';
import { factLines, note, sectionTitle, type PaneBody } from './pane.js';
import { largest } from '../../common/arrays.js';

const CHART_HEIGHT = 6;
const AXIS = 7;

function verdictTone(t: GcTraceAnalysis): Tone {
  return t.verdict.leak === 'suspected' ? 'red' : t.verdict.leak === 'not-suspected' ? 'green' : 'yellow';
}

function seconds(s: number | undefined): string {
  return s === undefined ? '?' : `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

function chartLines(t: GcTraceAnalysis, width: number): Line[] {
  const columns = heapTimeColumns(t, Math.max(4, width - AXIS - 1));
  if (columns.length === 0) return [note('  No GC cycle in the log.')];
  const scale = Math.max(1, ...columns.map((c) => c.peakMB));
  const rows = heapChart(columns, CHART_HEIGHT, scale);
  const lines: Line[] = rows.map((row, r) => [
    seg(`${padStart(r === 0 ? `${scale} MB` : '', AXIS - 1)}│`, { dim: true }),
    ...[...row].map((c) => seg(c, c === '█' ? { color: verdictTone(t) } : { dim: true })),
  ]);
  const axis = timeAxis(t, columns.length);
  lines.push([seg(`${padStart('0', AXIS - 1)}└${axis.rule}`, { dim: true })]);
  lines.push([seg(`${' '.repeat(AXIS)}${axis.labels}`.trimEnd(), { dim: true })]);
  return lines;
}

/**
 * The chart's x axis, `wide` cells: the log's time in seconds since the program started (gctrace's `@T`), from the
 * first GC (`gc 1 · 0.15 s`) to the last (`gc 110 · 67.3 s`), with `┴` and the time where each third of it ends, the
 * thirds the live floor row reads; a third's label that would run into another is left out. A log of no span is drawn
 * by GC number: its ends alone.
 */
function timeAxis(t: GcTraceAnalysis, wide: number): { rule: string; labels: string } {
  const n = t.atSeconds.length;
  const start = t.atSeconds[0];
  const end = t.atSeconds[n - 1];
  const first = `gc ${t.gcNumbers[0] ?? 1} · ${seconds(start)}`;
  const last = `gc ${t.gcNumbers[n - 1] ?? t.cycles} · ${seconds(end)}`;
  const span = start !== undefined && end !== undefined ? end - start : 0;
  const rule = [...'─'.repeat(wide)];
  // The ends first (which GCs the chart spans), then the thirds where they fit: never a label run into another.
  const labels: { at: number; text: string }[] = [{ at: 0, text: first }, { at: Math.max(0, wide - cells(last)), text: last }];
  if (span > 0) {
    for (const k of [1, 2]) {
      const at = Math.floor((k * wide) / 3);
      rule[at] = '┴';
      labels.push({ at, text: seconds((start ?? 0) + (k * span) / 3) });
    }
  }
  const placed: { at: number; text: string }[] = [];
  for (const label of labels) {
    const to = label.at + cells(label.text);
    if (to > wide || placed.some((p) => label.at <= p.at + cells(p.text) && p.at <= to)) continue;
    placed.push(label);
  }
  let line = '';
  for (const label of placed.sort((x, y) => x.at - y.at)) line = `${line.padEnd(label.at)}${label.text}`;
  return { rule: rule.join(''), labels: line };
}

function facts(t: GcTraceAnalysis, width: number): Line[] {
  const lines: Line[] = [];
  const peakAt = peakCycle(t);
  const last = t.liveMB[t.liveMB.length - 1];
  const pause = gcTracePause(t);
  const pace = gcsPerStretch(t.atSeconds, Math.min(30, Math.max(4, width - 50)));
  const rows: [string, string | undefined][] = [
    ['peak (A)', t.cycles ? `${t.peakMB} MB before gc ${peakAt + 1}, at ${seconds(t.atSeconds[peakAt])}` : undefined],
    ['stays (C)', last !== undefined ? `${last} MB live after the last GC${t.peakMB > 0 ? ` (${Math.round((last / t.peakMB) * 100)}% of the peak)` : ''}` : undefined],
    ['live floor', t.timeThirds ? `${thirdFloors(t)} (the lowest in each third of the log's time, ┴ on the chart's axis: a leak raises every one)` : undefined],
    ['GC pace', `${gcPace(t, 'GCs a minute')}${t.forcedCycles ? ` · ${t.forcedCycles} forced (runtime.GC, FreeOSMemory)` : ''}`],
    ['GCs over time', pace.length > 1 ? `${sparkline(pace)}  (per ${seconds(t.spanSeconds / pace.length)}, most ${largest(pace)})` : undefined],
    ['GC CPU', t.cpuPercent !== undefined ? `${t.cpuPercent}% of the CPU since the program started (as of the last GC)` : undefined],
    ['longest pause', pause ? `${pauseLength(pause)} in gc ${pause.cycle ?? '?'} (line ${pause.position?.line ?? '?'}): its stop-the-world phases` : undefined],
    ['heap goal', t.goalMB !== undefined ? `${t.goalMB} MB after the last GC${t.procs !== undefined ? ` · GOMAXPROCS ${t.procs}` : ''}` : undefined],
    ['scavenger', t.scavenger.lines > 0
      ? `${countOf(t.scavenger.lines, 'line')}${t.scavenger.forced ? ` (${t.scavenger.forced} forced)` : ''}: its runs returned ${formatBytes(t.scavenger.releasedBytes)} to the OS${t.releasedBytes !== undefined ? `; released at the last line: ${formatBytes(t.releasedBytes)} (less when the heap reuses released pages)` : ''}`
      : 'no scavenger lines (GODEBUG=scavtrace=1 prints them, Go 1.14+)'],
    ['pacer lines', t.pacerLines ? `${countOf(t.pacerLines, 'line')} of GODEBUG=gcpacertrace=1, skipped` : undefined],
    ['other lines', t.otherLines ? `${countOf(t.otherLines, 'line')} that are not the runtime's, skipped` : undefined],
    ['restarts', t.restarts ? `the GC count started again ${countOf(t.restarts, 'time')}: only the last run is shown` : undefined],
  ];
  for (const [name, value] of rows) if (value !== undefined) lines.push(...factLines(name, value, width, 14));
  return lines;
}

function gcLogLines(t: GcTraceAnalysis, width: number, summary: string, findings: readonly Finding[] | undefined): Line[] {
  const head = `GC log · ${gcTraceTitle(t)}`;
  const lines: Line[] = [[seg(head, { bold: true }), seg(` · ${truncateStart(t.source, Math.max(4, width - cells(head) - 3))}`, { dim: true })]];
  lines.push(...wrapLines(summary, width, { color: verdictTone(t), bold: true }));
  lines.push([], [seg('Heap at each GC, MB: ', { bold: true }), seg('░ before it (A, the peak)', { dim: true }), seg(' · '), seg('█ live after it (C)', { color: verdictTone(t) })]);
  lines.push(...chartLines(t, width), []);
  lines.push(...facts(t, width));
  // The report's Marking and Mark assists lines, word for word: none for a log of short marks.
  for (const mark of gcTraceMarkLines(t)) lines.push([], ...wrapLines(mark, width));
  // Without a long mark, e and y open the GC whose assists cost most: say which, as the Marking line does its longest.
  const heaviest = t.mark?.long ? undefined : t.mark?.assists?.heaviest;
  if (heaviest) lines.push(...wrapLines(`e, y: gc ${heaviest.cycle} (line ${heaviest.position.line}), whose assists took the most CPU: ${spanText(heaviest.assistMs / 1000)}, ${heaviest.sharePercent}% of its mark CPU`, width, { dim: true }));
  if (findings && findings.length > 0) {
    lines.push([], sectionTitle(`Findings of this log (${findings.length})`));
    for (const f of findings) {
      lines.push(...wrapLines(`${f.severity} ${f.ruleId}: ${f.message}`, width, {}, 4, 2));
    }
  }
  return lines;
}

/**
 * `verdict`: the report's, under which a log that differs says that its verdict is its own
 * (gcTraceVerdictText). `findings`: each log's findings by its name, listed under it (unrelated
 * dumps, `--separately`: a log's findings are on the Overview only beside the dumps of its folder,
 * and a log alone in its folder has no page there).
 */
export function gcLogBody(traces: readonly GcTraceAnalysis[], state: TuiState['gclog'], width: number, height: number, verdict?: Verdict, findings?: ReadonlyMap<string, readonly Finding[]>): PaneBody {
  const content: Line[] = [];
  // Where each log's lines start: `e` and `y` act on the log at the top of the page.
  const starts = traces.map((t, i) => {
    if (i > 0) content.push([]);
    const start = content.length;
    content.push(...gcLogLines(t, width, verdict ? gcTraceVerdictText(t, verdict, traces) : t.verdict.summary, findings?.get(t.source)));
    return start;
  });
  if (content.length === 0) content.push(sectionTitle('No GC log given.'));
  const page = Math.max(1, height);
  const scroll = Math.max(0, Math.min(state.scroll, content.length - page));
  const shown = traces[starts.filter((start) => start <= scroll).length - 1];
  const target = shown ? markTarget(shown) : undefined;
  // Never a silent key: a log of short marks and few assists has no line for e and y, and says so.
  const untargeted = shown && !target ? NOTHING_TO_OPEN : undefined;
  return { lines: frame(content.slice(scroll, scroll + page), height), list: { kind: 'scroll', count: content.length, page, target, ...(untargeted ? { untargeted } : {}) } };
}

/** What `e` and `y` say on a log without a Marking or Mark assists line. */
const NOTHING_TO_OPEN = 'nothing to open: this log\'s marks are short and its assists few';

/**
 * What `e` opens in the log and `y` copies (`gc 15 gctrace.log:15`): the longest mark's line when
 * the pane says the marks are long, else — it says the assists are large — the line of the GC
 * whose assists took the most CPU.
 */
function markTarget(t: GcTraceAnalysis): Target | undefined {
  const m = t.mark;
  if (m?.long) return codeTarget(`gc ${m.longest.cycle}`, t.source, m.longest.position.line);
  const heaviest = m?.assists?.heaviest;
  return heaviest ? codeTarget(`gc ${heaviest.cycle}`, t.source, heaviest.position.line) : undefined;
}
