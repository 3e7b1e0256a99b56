/**
 * `heapdoc watch URL [--interval 5s] [--save DIR] [--count N]`: polls a live heap?debug=1,
 * /metrics or /debug/vars endpoint (WATCHED_ENDPOINTS; and the same host's goroutine?debug=1 when it is served), keeps the snapshots so the
 * series builds up, and shows them in the interactive report, updating live. Without a terminal
 * (a pipe, CI) or with --plain it prints one summary line per poll instead, and never waits for
 * keys. Exit code 0 when at least one poll succeeded, 2 otherwise (or for a usage error); a signal
 * (SIGINT, SIGTERM) ends it with 128 + its number, as usual.
 */
import { wholeNumber } from '../numbers.js';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { makeDirectory } from '../../common/directories.js';
import { Option, type Command } from 'commander';
import { parseGoVersion } from '../../input/goversion.js';
import type { AnalyzeOptions, SnapshotAnalysis } from '../../analyze/snapshot.js';
import { cannotCreate, HeapdocError } from '../../input/errors.js';
import { formatCount, parseBytes } from '../../text/units.js';
import { timeoutMsOf } from '../../input/sources.js';
import { addSchemeHint, looksLikeAddress, maskCredentials, refuseCredentials } from '../../input/urls.js';
import { canDrawUi, openKeyboard } from '../../tui/terminal.js';
import { loadWatchUi } from '../../tui/load.js';
import { Watcher, WATCHED_ENDPOINTS, type WatchConfig } from '../../tui/watch/poller.js';
import { parseTargetSelector } from '../../exposition/targets.js';
import { heldGrowthWords, leakWords, pollJson, summaryLine, type PollContext } from '../../tui/watch/summary.js';
import { printDiagnostic, printNote, printProblem } from '../output.js';
import { writeStdout } from '../../report/write.js';
import { stripControl } from '../../text/sanitize.js';

export interface WatchFlags {
  interval: string;
  save?: string;
  count?: string;
  keep: string;
  plain?: boolean;
  format?: 'text' | 'json';
  timeout: string;
  maxBytes: string;
  goVersion?: string;
  target?: string;
}

/** `5s`, `500ms`, `1.5m`, `1h`, or plain seconds; undefined when it is not a duration. */
export function parseInterval(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
  return Math.round(Number(m[1]) * scale);
}

export function watchConfig(urlText: string, flags: WatchFlags): WatchConfig {
  // `localhost:6060` parses as a URL of the scheme `localhost:`: an address that lost its http://.
  if (looksLikeAddress(urlText)) throw new HeapdocError(`${urlText}: not an http(s) URL`, addSchemeHint(urlText, 'heapdoc watch'));
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new HeapdocError(`${maskCredentials(urlText)}: not a URL`, `pass ${WATCHED_ENDPOINTS}: heapdoc watch 'http://127.0.0.1:6060/debug/pprof/heap?debug=1'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HeapdocError(`${maskCredentials(urlText)}: heapdoc watch polls http(s) URLs`);
  refuseCredentials(url, urlText, () => 'serve pprof without a login on a local port (or reach it through ssh -L), or save dumps with curl -u USER and pass the files to heapdoc');
  const intervalMs = parseInterval(flags.interval);
  if (intervalMs === undefined || intervalMs < 100) throw new HeapdocError(`--interval ${flags.interval}: not a duration of at least 100ms`, 'write it as 5s, 500ms or 1m');
  const timeoutMs = timeoutMsOf(flags.timeout);
  const maxBytes = parseBytes(flags.maxBytes);
  if (maxBytes === undefined) throw new HeapdocError(`--max-bytes ${flags.maxBytes}: not a size`);
  const analyze: AnalyzeOptions = {};
  if (flags.goVersion !== undefined) {
    const v = parseGoVersion(flags.goVersion);
    if (!v) throw new HeapdocError(`--go-version ${flags.goVersion}: not a Go version`, 'write it as 1.21 or go1.21.5');
    analyze.goVersion = v;
  }
  return {
    url,
    intervalMs,
    keep: wholeNumber('keep', flags.keep, 1),
    timeoutMs,
    maxBytes,
    analyze,
    ...(flags.count !== undefined ? { count: wholeNumber('count', flags.count, 1) } : {}),
    ...(flags.save !== undefined ? { saveDir: flags.save } : {}),
    ...(flags.target !== undefined ? { target: parseTargetSelector(flags.target) } : {}),
  };
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('poll a live heap?debug=1, /metrics or /debug/vars endpoint and watch where the memory goes, snapshot after snapshot')
    .argument('<url>', "the heap?debug=1, /metrics or /debug/vars endpoint, e.g. 'http://127.0.0.1:6060/debug/pprof/heap?debug=1'")
    .option('--interval <duration>', 'time between polls (e.g. 5s, 500ms, 1m)', '5s')
    .option('--save <dir>', 'write every heap (and goroutine) dump into this directory')
    .option('--count <n>', 'stop polling after n polls')
    .option('--keep <n>', 'snapshots kept for the series (the oldest are dropped)', '60')
    .option('--plain', 'print one summary line per poll even on a terminal')
    .addOption(new Option('-f, --format <format>', 'per poll, without the interactive view: a text line, or one JSON document (JSON Lines)').choices(['text', 'json']))
    .option('--go-version <version>', 'the Go version of the process (e.g. 1.21); inferred when possible')
    .option('--target <labels>', "which process of a /metrics page with several targets (a Prometheus /federate page) to follow: job=NAME,instance=HOST:PORT (either, or both)")
    .option('--timeout <seconds>', 'give up on a poll after this long', '15')
    .option('--max-bytes <bytes>', 'refuse responses larger than this', '512MiB')
    .addHelpText('after', `
URL is a heap?debug=1 endpoint, a Prometheus /metrics endpoint (client_golang) or an expvar
/debug/vars endpoint: MemStats from each poll. On a terminal the interactive report opens and
updates with every poll (q quits); the goroutine?debug=1 endpoint of the same host is polled too
when it is served. Otherwise (a pipe,
CI, --plain, --format) one line per poll is printed: text, or with --format json one JSON
document per poll (JSON Lines; a failed poll is a document with "ok": false).

watch follows one process. A /metrics page holding several (samples labelled job/instance: a
Prometheus /federate page) fails each poll with a line listing its targets until --target picks
one; a target that leaves the page fails the poll the same way.

Examples:
  heapdoc watch 'http://127.0.0.1:6060/debug/pprof/heap?debug=1'
  heapdoc watch 'http://127.0.0.1:6060/debug/pprof/heap?debug=1' --interval 30s --save dumps/
  heapdoc watch 'http://127.0.0.1:6060/debug/pprof/heap?debug=1' --count 3 --plain
  heapdoc watch http://127.0.0.1:2112/metrics --interval 15s
  heapdoc watch http://127.0.0.1:6060/debug/vars --count 10 --plain
  heapdoc watch 'http://prometheus:9090/federate?match[]={job="api"}' --target instance=10.0.0.1:2112
  heapdoc watch 'http://127.0.0.1:6060/debug/pprof/heap?debug=1' --format json | jq -c '.snapshot.breakdown'

Exit codes: 0 when a poll succeeded; 2 for a usage error or when no poll succeeded. Stopped by
a signal (Ctrl-C without the UI: SIGINT; kill: SIGTERM), 128 + its number, as a shell reports a
signalled program: 130, 143 (129 for SIGHUP), whatever the polls did. q or Ctrl-C in the UI quits
as --count does.`)
    .action(async (url: string, flags: WatchFlags) => {
      await runWatch(url, flags);
    });
}

async function runWatch(url: string, flags: WatchFlags): Promise<void> {
  const config = watchConfig(url, flags);
  if (config.saveDir !== undefined) prepareSaveDirectory(config.saveDir);
  const watcher = new Watcher(config);
  if (!flags.plain && flags.format === undefined && canDrawUi()) {
    const keyboard = openKeyboard(false);
    if (keyboard) {
      const { runWatchUi } = await loadWatchUi();
      await runWatchUi(watcher, keyboard);
      // A signal's code (run.tsx: 128 + its number) stays, as it does without the UI.
      if (watcher.status().snapshots === 0 && !process.exitCode) process.exitCode = 2;
      return;
    }
  }
  let previous: SnapshotAnalysis | undefined;
  let succeeded = false;
  const failures = new FailureStreak();
  const cycles = new GcCycles();
  await watcher.run(async (result) => {
    for (const d of result.diagnostics) if (d.severity === 'error') printDiagnostic(d);
    // The verdict of the snapshots kept so far: a failed poll drops none of them, so it keeps their leak flag.
    const leak = leakWords(watcher.view().report);
    if (!result.snapshot) {
      const said = failures.failed(result.error?.message ?? 'the poll failed', result.error?.hint);
      if (said) printProblem(said.message, said.hint);
      if (flags.format === 'json') await writeStdout(pollJson(result, leak === undefined ? {} : { leak }));
      return;
    }
    const noGcSince = cycles.poll(result.seq, result.restarted ? undefined : result.snapshot.stats?.int('NumGC'));
    const held = heldGrowthWords(watcher.view().report);
    const context: PollContext = { ...(noGcSince !== undefined ? { noGcSince } : {}), ...(leak !== undefined ? { leak } : {}), ...(held !== undefined ? { held } : {}) };
    const ended = failures.succeeded();
    if (ended > 1) printNote(`${stripControl(url)} answered again after ${formatCount(ended)} failed polls`);
    succeeded = true;
    // A restarted process is compared with nothing of the one before; its next poll, with this one.
    await writeStdout(flags.format === 'json' ? pollJson(result, context) : `${summaryLine(result, result.restarted ? undefined : previous, context)}\n`);
    for (const path of result.saved) process.stderr.write(`saved ${stripControl(path)}\n`);
    previous = result.snapshot;
  });
  if (!succeeded) process.exitCode = 2;
}

/**
 * The GC cycle of each poll, by NumGC: the first poll of the cycle a later one shares (no GC ran
 * between them, so their HeapAlloc differ by what was allocated, garbage included).
 */
export class GcCycles {
  private numGC: number | undefined;
  private since = 0;

  /** Poll `seq` with `numGC` (undefined: unknown, or a restart): the first poll of its cycle when an earlier one shares it. */
  poll(seq: number, numGC: number | undefined): number | undefined {
    if (numGC !== undefined && numGC === this.numGC) return this.since;
    this.numGC = numGC;
    this.since = seq;
    return undefined;
  }
}

/**
 * The failed polls in a row of a plain watch: a target that died made the same line at every
 * poll (82 lines in 82 s). The first failure is said whole; the same failure again is said only at
 * the 10th, 100th, 1,000th… poll in a row, and the next poll that succeeds says how many failed.
 */
export class FailureStreak {
  private message: string | undefined;
  private count = 0;

  /** A failed poll: what to print, or undefined when it is the last failure again. */
  failed(message: string, hint: string | undefined): { message: string; hint?: string } | undefined {
    if (message !== this.message) {
      this.message = message;
      this.count = 1;
      return hint === undefined ? { message } : { message, hint };
    }
    this.count++;
    return isPowerOfTen(this.count) ? { message: `${message} (the same at each of the last ${formatCount(this.count)} polls)` } : undefined;
  }

  /** A poll that succeeded: how many failed in a row before it (0 if none). */
  succeeded(): number {
    const count = this.count;
    this.message = undefined;
    this.count = 0;
    return count;
  }
}

function isPowerOfTen(n: number): boolean {
  for (let p = 10; p <= n; p *= 10) if (p === n) return true;
  return false;
}

/** --save DIR, created if need be: a directory this user can write, checked before the first poll. */
export function prepareSaveDirectory(dir: string): void {
  const hint = 'give --save a directory you can write (it is created if need be)';
  try {
    makeDirectory(dir);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOTDIR' && e.path === resolve(dir)) throw new HeapdocError(`--save ${dir}: a file is there, not a directory`, hint);
    throw cannotCreate(`--save ${dir}`, error, hint);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new HeapdocError(`--save ${dir}: permission denied`, hint);
  }
}
