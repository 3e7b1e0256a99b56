/**
 * `heapdoc watch`'s engine: polls a live `heap?debug=1`, `/metrics` or `/debug/vars` endpoint (and the same host's
 * `goroutine?debug=1` when it answers), analyzes each snapshot, keeps the last `keep` of them so
 * the series builds up, and (with --save) writes every dump to disk. No terminal code here: the
 * plain line printer and the Ink UI both consume `PollResult`s and `Watcher.view()`.
 *
 * Fetches are abortable (quitting the UI must not wait for a slow server); the goroutine
 * endpoint is given up on when the server answers there with something that is not a goroutine
 * dump (a 404: it is not served). A goroutine fetch that is only slow or fails on the way is
 * tried again at the next poll.
 */
import { join } from 'node:path';
import { combineReport } from '../../analyze/combine.js';
import { summarizeGoroutines, type GoroutineSummary } from '../../analyze/goroutines/index.js';
import { analyzeSnapshot, withSeriesGoVersion, type AnalyzeOptions, type SnapshotAnalysis } from '../../analyze/snapshot.js';
import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import { detectKind, DETECTION_BYTES, type Detection } from '../../input/detect.js';
import { HeapdocError, systemError } from '../../input/errors.js';
import { makeDirectory } from '../../common/directories.js';
import { fsExtraModule } from '../../common/builtins.js';
import { wrongKind } from '../../input/kinds.js';
import { heapSnapshot } from '../../input/snapshot.js';
import { readText } from '../../input/pipeline.js';
import { analyzeExposed, exposedSnapshotsOf } from '../../analyze/exposed.js';
import { describeTarget } from '../../exposition/prometheus.js';
import { pickTarget, type TargetSelector } from '../../exposition/targets.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import type { LiveStatus } from '../view/screen.js';
import { appendAll } from '../../common/arrays.js';
import { DEFAULT_FETCH_OPTIONS, HttpStatusError, inputBytes } from '../../input/sources.js';

export interface WatchConfig {
  url: URL;
  intervalMs: number;
  /** Stop after this many polls (undefined: until stopped). */
  count?: number;
  /** Write every dump here. */
  saveDir?: string;
  /** Snapshots kept for the series (the oldest are dropped). */
  keep: number;
  timeoutMs: number;
  maxBytes: number;
  analyze?: AnalyzeOptions;
  /** Which process of a /metrics page with several targets (job/instance labels) to follow. */
  target?: TargetSelector;
  /** The clock (tests). */
  now?: () => Date;
}

export interface PollResult {
  seq: number;
  at: Date;
  snapshot?: SnapshotAnalysis;
  goroutines?: GoroutineSummary;
  /** Why the heap poll failed. */
  error?: HeapdocError;
  /** Files written (--save). */
  saved: string[];
  diagnostics: Diagnostic[];
  /** Counters fell: the process restarted, and the series started over. */
  restarted?: boolean;
}

/** What the UI draws: the report of the snapshots kept, and the watch's progress. */
export interface WatchView {
  report: AnalyzeReport | undefined;
  live: LiveStatus;
  /** Goroutines per snapshot (report.snapshots order). */
  goroutineTotals: (number | undefined)[];
}

/** What `heapdoc watch URL` accepts as URL, for messages (the goroutine endpoint is polled beside it). */
export const WATCHED_ENDPOINTS = 'a heap?debug=1, /metrics or /debug/vars endpoint (goroutine?debug=1 is polled beside it, on the same host)';

/** The same host's goroutine endpoint: `…/debug/pprof/heap` → `…/debug/pprof/goroutine?debug=1`. */
export function goroutineUrl(heap: URL): URL {
  const url = new URL(heap.href);
  const prefix = /^(.*\/debug\/pprof\/)heap\/?$/.exec(url.pathname)?.[1];
  url.pathname = prefix ? `${prefix}goroutine` : '/debug/pprof/goroutine';
  url.search = '?debug=1';
  url.hash = '';
  return url;
}

/** GETs a URL as text, as a one-shot fetch does (the same limits, redirects and messages); abortable. */
async function fetchText(url: URL, options: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }): Promise<{ text: string; detection: Detection }> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of inputBytes({ type: 'url', name: url.href, url }, { ...DEFAULT_FETCH_OPTIONS, ...options })) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  return { text: new TextDecoder('utf-8').decode(bytes), detection: detectKind(bytes.subarray(0, DETECTION_BYTES)) };
}

/**
 * The goroutine endpoint answered, and not with a goroutine dump: an HTTP error status, or a
 * body of another kind. A timeout or a dropped connection says nothing about the endpoint.
 */
function notServed(fetched: PromiseSettledResult<{ detection: Detection }>): boolean {
  if (fetched.status === 'fulfilled') return true;
  return fetched.reason instanceof HttpStatusError;
}

/**
 * Whether the heap endpoint runs a GC before each dump: net/http/pprof does when the URL's first `gc`
 * parameter is a number above 0 (`heap?debug=1&gc=1`). A heap dump fetched so names it
 * (`heap?gc=1 #3 (…)`, saved as `….heap-debug1-gc1.txt`), so that the report says its forced GC
 * was ?gc=1 (stems.ts namesGcOne), not maybe the program's runtime.GC().
 */
export function fetchesWithGc(url: URL): boolean {
  const gc = url.searchParams.get('gc') ?? '';
  // strconv.Atoi's numbers: digits, maybe signed.
  return /^\+?\d+$/.test(gc) && Number(gc) > 0;
}

/** `2025-01-02T03-04-05.678Z`: a file name that sorts by time and is valid everywhere. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-');
}

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 19)}Z`;
}

const CUMULATIVE = ['TotalAlloc', 'NumGC', 'Mallocs', 'Frees'] as const;

/** Cumulative MemStats counters never fall within one process. */
function restartedBetween(before: SnapshotAnalysis, after: SnapshotAnalysis): boolean {
  return CUMULATIVE.some((name) => {
    const a = before.stats?.int(name);
    const b = after.stats?.int(name);
    return a !== undefined && b !== undefined && b < a;
  });
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class Watcher {
  private snapshots: SnapshotAnalysis[] = [];
  private dumps: GoroutineSummary[] = [];
  private readonly totals = new WeakMap<SnapshotAnalysis, number>();
  private report: AnalyzeReport | undefined;
  private readonly goroutinesAt: URL;
  private goroutineState: LiveStatus['goroutines'] = 'pending';
  private polls = 0;
  private lastPollAt: Date | undefined;
  private restartedAt: Date | undefined;
  private lastError: string | undefined;
  private done = false;
  private cached: WatchView | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly config: WatchConfig) {
    this.goroutinesAt = goroutineUrl(config.url);
  }

  private now(): Date {
    return this.config.now?.() ?? new Date();
  }

  /** Polls once: the heap dump (required) and the goroutine dump (when served), in parallel. */
  async poll(signal?: AbortSignal): Promise<PollResult> {
    const seq = ++this.polls;
    const at = this.now();
    const limits = { timeoutMs: this.config.timeoutMs, maxBytes: this.config.maxBytes, ...(signal ? { signal } : {}) };
    const wantGoroutines = this.goroutineState !== 'unavailable';
    const [heap, goroutine] = await Promise.allSettled([
      fetchText(this.config.url, limits),
      wantGoroutines ? fetchText(this.goroutinesAt, { ...limits, timeoutMs: Math.min(limits.timeoutMs, Math.max(1000, this.config.intervalMs)) }) : Promise.reject(new Error('off')),
    ]);
    const result: PollResult = { seq, at, saved: [], diagnostics: [] };
    const stamp = fileStamp(at);
    if (heap.status === 'rejected') {
      result.error = heap.reason instanceof HeapdocError ? heap.reason : new HeapdocError(String(heap.reason));
    } else {
      const kind = heap.value.detection.kind;
      const gc = kind !== 'prometheus' && kind !== 'expvar' && fetchesWithGc(this.config.url);
      const source = `${kind === 'prometheus' ? 'metrics' : kind === 'expvar' ? 'vars' : gc ? 'heap?gc=1' : 'heap'} #${seq} (${clock(at)})`;
      const read = await readText(heap.value.detection, heap.value.text, source, ['memstats', 'sites']);
      // /metrics and /debug/vars give MemStats without a profile; a page of several targets, the one --target picks.
      const fromExposed = read && !read.heap ? exposedSnapshotsOf(read, source) : undefined;
      const picked = fromExposed?.snapshots.length ? pickTarget(fromExposed.snapshots, this.config.target, this.config.url.href) : undefined;
      const exposed = picked instanceof HeapdocError ? undefined : picked;
      if (picked instanceof HeapdocError) {
        result.error = picked;
      } else if (read?.heap && this.config.target) {
        result.error = new HeapdocError(`${this.config.url.href}: --target picks a process of a /metrics page; this is a heap dump`, 'drop --target');
      } else if (!read?.heap && !exposed) {
        result.error = wrongKind(this.config.url.href, heap.value.detection, `heapdoc watch polls ${WATCHED_ENDPOINTS}`);
      } else if (read) {
        appendAll(result.diagnostics, read.diagnostics);
        appendAll(result.diagnostics, fromExposed?.diagnostics ?? []);
        if (read.heap) result.snapshot = analyzeSnapshot(source, heapSnapshot(read.heap), read.diagnostics, this.config.analyze);
        else if (exposed) result.snapshot = analyzeExposed(source, exposed, read.diagnostics, this.config.analyze ?? {});
        const saveAs = read.heap ? `heap-debug1${gc ? '-gc1' : ''}.txt` : kind === 'expvar' ? 'vars.json' : 'metrics.txt';
        if (this.config.saveDir) await this.save(result, `${stamp}.${saveAs}`, heap.value.text);
      }
    }
    if (wantGoroutines) {
      const source = `goroutine #${seq} (${clock(at)})`;
      const read = goroutine.status === 'fulfilled' ? await readText(goroutine.value.detection, goroutine.value.text, source, ['goroutines']) : undefined;
      if (goroutine.status === 'fulfilled' && read?.goroutines) {
        result.goroutines = summarizeGoroutines(read.goroutines, source);
        appendAll(result.diagnostics, read.diagnostics.filter((d) => d.severity === 'error'));
        this.goroutineState = 'ok';
        if (this.config.saveDir) await this.save(result, `${stamp}.goroutine-debug1.txt`, goroutine.value.text);
      } else if (result.snapshot && notServed(goroutine)) {
        // The server answers, but not with a goroutine dump there: it is not served (or not pprof).
        this.goroutineState = 'unavailable';
      }
    }
    this.record(result);
    return result;
  }

  /** Saves what a poll fetched (--save); a failure (the disk full, the directory gone) is the poll's problem, and watching goes on. */
  private async save(result: PollResult, name: string, text: string): Promise<void> {
    const dir = this.config.saveDir as string;
    const path = join(dir, name);
    try {
      makeDirectory(dir);
      await (await fsExtraModule()).writeFile(path, text);
      result.saved.push(path);
    } catch (error) {
      result.diagnostics.push({ source: `--save ${dir}`, line: 0, column: 0, severity: 'error', message: `cannot save ${name}: ${systemError(error)}`, hint: 'give --save a directory you can write' });
    }
  }

  private record(result: PollResult): void {
    this.lastPollAt = result.at;
    this.lastError = result.error?.message;
    if (result.snapshot) {
      const previous = this.snapshots[this.snapshots.length - 1];
      if (previous && restartedBetween(previous, result.snapshot)) {
        // Polls come in time order: a cumulative counter that falls means a new process.
        result.restarted = true;
        this.snapshots = [];
        this.dumps = [];
      }
      this.snapshots.push(result.snapshot);
      if (result.goroutines) {
        this.dumps.push(result.goroutines);
        this.totals.set(result.snapshot, result.goroutines.total);
      }
      const keep = Math.max(1, this.config.keep);
      if (this.snapshots.length > keep) this.snapshots = this.snapshots.slice(-keep);
      if (this.dumps.length > keep) this.dumps = this.dumps.slice(-keep);
      if (!this.buildReport()) {
        // Cumulative counters fell: a new process. Its series starts with this snapshot.
        result.restarted = true;
        this.snapshots = [result.snapshot];
        this.dumps = result.goroutines ? [result.goroutines] : [];
        this.buildReport();
      }
      if (result.restarted) this.restartedAt = result.at;
    }
    this.publish();
  }

  private publish(): void {
    const report = this.report;
    this.cached = { report, goroutineTotals: report ? report.snapshots.map((s) => this.totals.get(s)) : [], live: this.status() };
    for (const listener of this.listeners) listener();
  }

  /** The report of the kept snapshots: the series over all of them, each snapshot's findings, every goroutine dump. */
  private buildReport(): boolean {
    let combined: AnalyzeReport;
    try {
      // Polls come in time order: each goroutine dump's place is the one it was polled in (goroutines/order.ts), as for dumps named one by one.
      const options = { intervalSeconds: this.config.intervalMs / 1000, givenOrder: new Set(this.dumps.map((d) => d.source)) };
      combined = combineReport(this.snapshots, this.dumps, options);
      // They are of one process (combineReport checked): a poll that shows no Go version (a heap
      // dump whose stacks name no toolchain path) learns the one the others show, as analyze's
      // snapshots do (withSeriesGoVersion), and the report is made again knowing it.
      if (withSeriesGoVersion(this.snapshots, this.config.analyze)) combined = combineReport(this.snapshots, this.dumps, options);
    } catch (error) {
      if (error instanceof HeapdocError && this.snapshots.length > 1) return false;
      throw error;
    }
    // Each snapshot's findings as analyze reports them for the same dumps (combineReport: a fact
    // the polls repeat said once, idle-heap-retained judged at the latest): the Overview lists a
    // snapshot's own under `[` `]`; keeping only the latest's left an earlier poll's view without its own.
    // Every kept goroutine dump, as for files, in the order orderGoroutineDumps gives: the
    // Goroutines pane's change since the first, the Series pane's goroutine rows and the per-dump
    // labels of a group (the latest alone named a group's first count "goroutine #30").
    this.report = combined;
    return true;
  }

  status(): LiveStatus {
    return {
      url: this.config.target ? `${this.config.url.href} {${describeTarget(this.config.target)}}` : this.config.url.href,
      intervalMs: this.config.intervalMs,
      polls: this.polls,
      snapshots: this.snapshots.length,
      ...(this.lastPollAt ? { lastPollAt: this.lastPollAt } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      goroutines: this.goroutineState,
      ...(this.done ? { done: true } : {}),
      ...(this.restartedAt ? { restartedAt: this.restartedAt } : {}),
    };
  }

  /** The current view (a new object after every poll, for React's useSyncExternalStore). */
  view = (): WatchView => {
    this.cached ??= { report: undefined, live: this.status(), goroutineTotals: [] };
    return this.cached;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Polls every `intervalMs` (start to start) until `count` polls or `signal` aborts. */
  async run(onPoll: (result: PollResult) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
    const count = this.config.count;
    for (let i = 0; count === undefined || i < count; i++) {
      if (signal?.aborted) break;
      const started = Date.now();
      const result = await this.poll(signal);
      if (signal?.aborted) break;
      await onPoll(result);
      if (count !== undefined && i + 1 >= count) break;
      await sleep(this.config.intervalMs - (Date.now() - started), signal);
    }
    this.done = true;
    this.publish();
  }
}
