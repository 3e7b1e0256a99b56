/**
 * A series' pairs of dumps that cannot be snapshots of one process (index.ts NotOneProcessPair:
 * a cumulative counter that falls, a GC cycle both hold that disagrees), said in one line for the
 * folder when there are several: a folder of several runs of one binary gave a line per pair (20
 * for the corpus's go1.19/peak, five runs). `analyze` and `lint` say it so, each with its own fix.
 */
import { HeapdocError } from '../../input/errors.js';
import { formatCount } from '../../text/units.js';
import { inputTitle } from '../../text/sanitize.js';
import { commonFolder, folderOf } from './identity.js';
import { NotOneProcessPair, type SeriesRun } from './index.js';
import { pauseEndTime } from './gcring.js';

/**
 * The one line for a series' pairs of dumps that cannot be of one process. Each pair is kept
 * (`pairs`): lint's json and sarif reports list them.
 */
export class NotOneProcessPairs extends HeapdocError {
  constructor(message: string, hint: string, readonly pairs: readonly NotOneProcessPair[]) {
    super(message, hint);
  }
}

/** How many pairs the one line names before `and N more` (lint's json and sarif reports list each). */
const PAIRS_NAMED = 4;

/**
 * `errors`, a series' problems (oneProcessProblems), with its pairs that cannot be of one process
 * in one line when there are several, in place of the first: what (N pairs of the dumps of the
 * folder, or of the file that holds them all), the first pair (named in the folder) and why, the
 * next ones named up to PAIRS_NAMED in all (and how many more), and
 * `hint`, the command's fix. One pair keeps its own line. `files`: the series' inputs — one, a
 * file of concatenated dumps, is named as given (`-`: standard input); several, by the folder that holds them all
 * (`dumps/`; `the folder` for the current one, `the inputs` for folders with none in common), in
 * which the pair's dumps are named.
 */
export function pairsInOneLine(errors: readonly HeapdocError[], files: readonly string[], hint: string): HeapdocError[] {
  const pairs = errors.filter((e): e is NotOneProcessPair => e instanceof NotOneProcessPair);
  const [first] = pairs;
  if (pairs.length < 2 || !first) return [...errors];
  const folders = files.length > 1 ? files.map(folderOf) : [];
  const root = folders.length > 0 ? commonFolder(folders) : undefined;
  const oneFolder = folders.every((f) => f === root);
  // `dumps/ holds`, as a folder of several programs is named (identity.ts notOneProgram); a file of concatenated dumps by its name.
  const several = root === '.' && !oneFolder;
  const holder = root === undefined ? inputTitle(files[0] ?? 'the input') : root !== '.' ? (root.endsWith('/') ? root : `${root}/`) : several ? 'the inputs' : 'the folder';
  const prefix = root === undefined || root === '.' || root === '/' ? undefined : `${root}/`;
  // A moment read from two files (`a.heap.pb.gz + a.vars.json`): each named in the folder.
  const named = (source: string): string => source.split(' + ').map((s) => (prefix !== undefined && s.startsWith(prefix) ? s.slice(prefix.length) : s)).join(' + ');
  const kinds = new Set(pairs.map((p) => p.evidence));
  const why = kinds.size > 1 ? 'cumulative counters fall or a GC cycle disagrees' : kinds.has('counters') ? 'cumulative counters fall' : 'a GC cycle they both hold ended at another time';
  // The first pair with why, the next ones by their dumps, up to PAIRS_NAMED in all: a folder of five runs has 21.
  const others = pairs.slice(1, PAIRS_NAMED).map((p) => `; ${named(p.later)} and ${named(p.earlier)}`).join('');
  const more = pairs.length > PAIRS_NAMED ? `; and ${formatCount(pairs.length - PAIRS_NAMED)} more` : '';
  // The runs named by their GC 1 (runsOf), when two or more are: which dump goes in which folder.
  const placed = first.runs.filter((r) => r.firstGcEnd !== undefined);
  const runs = placed.length > 1 ? `: ${runsInWords(first.runs, named)}; ${formatCount(pairs.length)} pairs` : `: ${formatCount(pairs.length)} pairs`;
  const line = new NotOneProcessPairs(
    `${holder} ${several ? 'hold' : 'holds'} dumps of ${placed.length > 1 ? `${placed.length < first.runs.length ? 'at least ' : ''}${formatCount(placed.length)} runs or processes` : 'more than one run or process'}${runs} of ${several ? 'their' : 'its'} dumps cannot be snapshots of one process, as ${why} between them (${named(first.later)} and ${named(first.earlier)}: ${first.why}${others}${more})`,
    hint, pairs);
  return errors.flatMap((e) => (e === first ? [line] : e instanceof NotOneProcessPair ? [] : [e]));
}

/** How many runs, and dumps of each, the one line names before `and N more`. */
const RUNS_NAMED = 4;
const DUMPS_NAMED = 4;

/** `dumps` named up to DUMPS_NAMED, then `and N more`. */
function dumpsInWords(dumps: readonly string[], named: (source: string) => string): string {
  const more = dumps.length > DUMPS_NAMED ? ` and ${formatCount(dumps.length - DUMPS_NAMED)} more` : '';
  return `${dumps.slice(0, DUMPS_NAMED).map(named).join(', ')}${more}`;
}

/**
 * The runs in words, so that the user knows which dumps go in which folder: `run 1 (GC 1 ended
 * 13:51:04 UTC): heap-t06.txt, heap-t16.txt, heap-t26.txt; run 2 (…): …` — the time of day when
 * every run's GC 1 ended on one day (to the millisecond when two read alike to the second), the ISO time otherwise. Dumps that hold no cycle 1 (taken
 * before any GC, or 256 cycles after) cannot be placed by it, and are said so, together.
 */
function runsInWords(runs: readonly SeriesRun[], named: (source: string) => string): string {
  const placed = runs.filter((r) => r.firstGcEnd !== undefined);
  const unplaced = runs.filter((r) => r.firstGcEnd === undefined).flatMap((r) => r.sources);
  const times = placed.map((r) => pauseEndTime(r.firstGcEnd ?? 0n));
  const oneDay = times.every((t) => t.slice(0, 10) === times[0]?.slice(0, 10) && t.endsWith('Z'));
  // Two runs started within one second (audit 47 #14: go1.19-audit47-gogc10 and gogc400, 0.1 s apart) read alike to the second: then to the millisecond.
  const seconds = times.map((t) => t.slice(11, 19));
  const clock = new Set(seconds).size < seconds.length ? 23 : 19;
  const words = placed.slice(0, RUNS_NAMED).map((run, i) => {
    const time = times[i] ?? '';
    return `run ${formatCount(i + 1)} (GC 1 ended ${oneDay ? `${time.slice(11, clock)} UTC` : time}): ${dumpsInWords(run.sources, named)}`;
  });
  const more = placed.length > RUNS_NAMED ? `; and ${formatCount(placed.length - RUNS_NAMED)} more runs` : '';
  const rest = unplaced.length > 0 ? `; ${formatCount(unplaced.length)} ${unplaced.length === 1 ? 'dump holds' : 'dumps hold'} no GC 1 to place ${unplaced.length === 1 ? 'it' : 'them'} by (${dumpsInWords(unplaced, named)})` : '';
  return `${words.join('; ')}${more}${rest}`;
}
