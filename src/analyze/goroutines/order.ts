/**
 * The order goroutine dumps were taken in, as far as it is known. Heap dumps are ordered by
 * TotalAlloc, a counter that only rises within one process (reasoning.md §3); goroutine dumps
 * carry no such counter but goroutine ids, which the runtime hands out rising: a debug=2 dump's
 * highest id says when it was taken among others. A debug=1 dump has no ids: its place is its
 * name's, known only among names numbered alike (`t01`, `t02`, …, `t10`; `2026-12-06T22-12-42.566Z`).
 * A name of another kind (`last` beside `t01`…`t10`) sorts before or after them by its letters,
 * which say nothing of when it was taken: its place is unknown, and no trend reads it
 * (tracks.ts countingDumps) — the captured go1.19-audit38-mutexleak's `last.goroutine-debug2.txt`,
 * taken last and read first, turned 17 → 296 goroutines into "296 → 273: a burst in flight".
 * A name may also say the debug level after the endpoint's word (`goroutine1-t060.txt` and
 * `goroutine2-t060.txt`, `t060-goroutine1.txt`: debug=1 and debug=2 of one moment): when every
 * such digit is the level its dump's content shows, and both levels are there, the digit names
 * the format, not a moment — the two are one moment (`t060`), ordered by its other numbers or its
 * debug=2 ids. Read as moments `1-t060`, `1-t220`, `2-t060`, `2-t220`, the captured
 * go1.19-audit39-goroleak's main.worker 123 → 442 was 123 → 442 → 127 → 446: "stable".
 */
import { compareNatural } from '../../common/order.js';
import { captureFolder, captureStem } from '../../common/stems.js';
import { formatCount } from '../../text/units.js';
import type { GoroutineSummary } from './model.js';

/** A dump whose place a trend reads: one that counts every goroutine (not a crash's output, nor a goroutineleak profile). */
function countsEvery(d: Pick<GoroutineSummary, 'kind' | 'crash'>): boolean {
  return (d.kind === 'goroutine' || d.kind === 'goroutine-traceback') && d.crash === undefined;
}

/** The highest goroutine id a debug=2 dump shows; undefined for a dump without ids (debug=1). */
export function highestGoroutineId(d: Pick<GoroutineSummary, 'groups'>): number | undefined {
  let highest: number | undefined;
  for (const g of d.groups) {
    const ids = g.members?.ids;
    if (!ids) return undefined;
    for (const id of ids) if (highest === undefined || id > highest) highest = id;
  }
  return highest;
}

/** The debug level a dump's content shows: 2 for a traceback (debug=2), 1 for debug=1 text; undefined for the binary profile. */
function levelOf(d: Pick<GoroutineSummary, 'kind' | 'binary'>): number | undefined {
  return d.kind === 'goroutine-traceback' ? 2 : d.kind === 'goroutine' && !d.binary ? 1 : undefined;
}

/**
 * The endpoint's word followed by a debug level and no other digit (`goroutine1-t060`,
 * `t060-goroutine2`), or by no digit at all (`goroutine-t01` beside `goroutine2-t01`: the level is
 * its content's, said only where another name says one).
 */
const LEVEL_IN_NAME = /goroutine([12])?(?!\d)/i;

/**
 * Each dump's moment within one folder's dumps that count every goroutine, by file stem
 * (captureStem) — except when the names say each dump's debug level after the endpoint's word
 * (LEVEL_IN_NAME) and every such digit is its dump's level, both levels there and some stem then
 * shared by two dumps: the stem of the name without that digit (`goroutine1-t060`,
 * `goroutine2-t060` → `t060`). `paired`: the digit was taken out.
 */
function momentStems<T extends GoroutineSummary>(dumps: readonly T[]): { stem: Map<T, string>; paired: boolean } {
  const plain = new Map(dumps.map((d) => [d, captureStem(d.source)] as const));
  const named = dumps.flatMap((d) => {
    const base = d.source.slice(captureFolder(d.source).length);
    const m = LEVEL_IN_NAME.exec(base);
    return m ? [{ d, level: m[1] === undefined ? levelOf(d) : Number(m[1]), said: m[1] !== undefined, stem: captureStem(`${base.slice(0, m.index + 'goroutine'.length)}${base.slice(m.index + m[0].length)}`) }] : [];
  });
  const levels = new Set(named.map((n) => n.level));
  const stems = named.map((n) => n.stem);
  // A name without the digit (`goroutine-t01`) pairs only with names that say theirs (`goroutine2-t01`, audit 41: read as moments `2-t01`…).
  if (levels.size < 2 || !named.some((n) => n.said) || named.some((n) => n.level === undefined || levelOf(n.d) !== n.level) || new Set(stems).size === stems.length) return { stem: plain, paired: false };
  for (const n of named) plain.set(n.d, n.stem);
  return { stem: plain, paired: true };
}

/**
 * Whether the order of two names is known from them: the same stem (one moment), or stems whose
 * first difference is in a number both have there (`t01`/`t10`, `01-t1`/`02-t2-later`); not
 * `last`/`t01` nor `after`/`before`, whose order is their letters'.
 */
function numberedAlike(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const digit = (s: string, at: number): boolean => at < s.length && s.charCodeAt(at) >= 48 && s.charCodeAt(at) <= 57;
  // The difference may fall inside a number (`t10`/`t11`): the number begins before it.
  return digit(a, i) && digit(b, i);
}

/** `t01…t10`: the stems of the first and the last of a run of dumps. */
function runWords(run: readonly GoroutineSummary[]): string {
  const [first, last] = [captureStem(run[0]?.source ?? ''), captureStem(run[run.length - 1]?.source ?? '')];
  return first === last ? first : `${first}…${last}`;
}

/**
 * The dumps of one folder that count every goroutine, in name order, placed: by name when every
 * name is numbered alike (t01…t05); else every one by its highest goroutine id when each has ids
 * (names then order equal ids); else by name, the longest run of names numbered alike, and the
 * others unplaced with why. Two runs as long leave none placed.
 */
function placeFolder<T extends GoroutineSummary>(named: readonly T[], folder: string): { order: T[]; unplaced: ReadonlyMap<T, string>; moments: ReadonlyMap<T, string> } {
  const { stem: stemOf, paired } = momentStems(named);
  const stem = (d: T): string => stemOf.get(d) ?? captureStem(d.source);
  // Names that say the debug level: by moment, then by name (debug=1 before debug=2 of a moment).
  const byName = paired ? [...named].sort((a, b) => compareNatural(stem(a), stem(b)) || compareNatural(a.source, b.source)) : named;
  const moments = new Map(paired ? byName.map((d) => [d, `${folder}${stem(d)}`] as const) : []);
  if (byName.length < 2) return { order: [...byName], unplaced: new Map(), moments };
  const runs: T[][] = [];
  for (const d of byName) {
    const run = runs[runs.length - 1];
    const before = run?.[run.length - 1];
    // Two dumps of one moment (debug=1 and debug=2 of t19) continue the run they are in.
    if (run && before && (stem(before) === stem(d) || numberedAlike(stem(before), stem(d)))) run.push(d);
    else runs.push([d]);
  }
  // Names numbered alike, all of them, say the order they were taken in: a highest goroutine id falls when the newest goroutines end.
  if (runs.length === 1) return { order: [...byName], unplaced: new Map(), moments };
  // Each moment (file stem: debug=1 and debug=2 of one moment) by the highest id its dumps show, when every moment has one.
  const momentId = new Map<string, number>();
  for (const d of byName) {
    const id = highestGoroutineId(d);
    if (id !== undefined) momentId.set(stem(d), Math.max(momentId.get(stem(d)) ?? id, id));
  }
  if (byName.every((d) => momentId.has(stem(d)))) {
    const keyed = byName.map((d) => ({ d, id: momentId.get(stem(d)) ?? 0 }));
    return { order: keyed.sort((a, b) => a.id - b.id).map(({ d }) => d), unplaced: new Map(), moments };
  }
  const longest = Math.max(...runs.map((r) => r.length));
  // The moments with ids (debug=2), by them, when two or more have them and no run of names is longer: the others (debug=1 alone) unplaced.
  const withIds = byName.filter((d) => momentId.has(stem(d))).map((d) => ({ d, id: momentId.get(stem(d)) ?? 0 })).sort((a, b) => a.id - b.id).map(({ d }) => d);
  const byIds = new Set(withIds.map(stem)).size >= 2 && withIds.length >= longest;
  const kept = byIds ? withIds : runs.filter((r) => r.length === longest).length === 1 ? runs.find((r) => r.length === longest) ?? [] : [];
  const others = byName.filter((d) => !kept.includes(d));
  const where = folder === '' ? '' : ` of ${folder}`;
  const noIds = (them: string): string => `a goroutine?debug=1 dump carries no goroutine ids to order ${them} by`;
  const why = kept.length > 0
    ? `The goroutine ${others.length === 1 ? 'dump' : 'dumps'} ${others.map((d) => d.source.slice(folder.length)).join(', ')} ${others.length === 1 ? 'is' : 'are'} not in the goroutine trend: ${others.length === 1 ? 'its place' : 'their places'} among the ${formatCount(kept.length)} goroutine dumps ${runWords(kept)}${where}${byIds ? ' (ordered by their goroutine ids)' : ''} cannot be known — ${others.length === 1 ? 'its name does' : 'their names do'} not continue their numbering, and ${noIds(others.length === 1 ? 'it' : 'them')}; give the files in the order they were taken, one by one, or name ${others.length === 1 ? 'it' : 'them'} to follow ${captureStem(kept[kept.length - 1]?.source ?? '')}.`
    : `The order of the ${formatCount(byName.length)} goroutine dumps${where} cannot be known — their names are not numbered alike (${runs.map(runWords).join(', ')}), and ${noIds('them')}: none is in the goroutine trend; give the files in the order they were taken, one by one, or number their names.`;
  return { order: [...kept], unplaced: new Map(others.map((d) => [d, why])), moments };
}

/**
 * `d` without the mark of a place unknown, or with `why`; with `moment` (momentStems: its name
 * says its debug level) when it has none of a stream's.
 */
function marked<T extends GoroutineSummary>(d: T, why: string | undefined, moment?: string): T {
  const timed = moment === undefined || d.moment !== undefined ? d : { ...d, moment };
  if (why === undefined) {
    if (timed.unplaced === undefined) return timed;
    const { unplaced: _unplaced, ...rest } = timed;
    return rest as T;
  }
  return timed.unplaced === why ? timed : { ...timed, unplaced: why };
}

/**
 * Goroutine dumps in the order they were taken, as far as it is known. `given`: the sources whose
 * place is the one they were given in — named one by one on the command line, documents of one
 * stream (`cat t01 t10 last | heapdoc`) — kept there. The others, found in a folder (or by a
 * glob), are ordered within their folder, in the places its dumps held: by name when all are
 * numbered alike, else by highest goroutine id when each has ids, else by name (compareNatural); a dump whose name says nothing of its place
 * is marked `unplaced`, with why (a copy: a watch orders its dumps again as more arrive).
 */
export function orderGoroutineDumps<T extends GoroutineSummary>(dumps: readonly T[], given?: ReadonlySet<string>): T[] {
  const result = [...dumps];
  const folders = new Map<string, number[]>();
  // Dumps kept where they were given are still one moment when their names say the debug level (momentStems).
  const givenFolders = new Map<string, T[]>();
  for (const d of dumps) {
    if (!given?.has(d.source) || !countsEvery(d)) continue;
    const list = givenFolders.get(captureFolder(d.source));
    if (list) list.push(d);
    else givenFolders.set(captureFolder(d.source), [d]);
  }
  const givenMoments = new Map<T, string>();
  for (const [folder, list] of givenFolders) {
    const { stem, paired } = momentStems(list);
    if (paired) for (const [d, s] of stem) givenMoments.set(d, `${folder}${s}`);
  }
  dumps.forEach((d, i) => {
    if (given?.has(d.source)) {
      result[i] = marked(d, d.unplaced, givenMoments.get(d));
      return;
    }
    const folder = captureFolder(d.source);
    const at = folders.get(folder);
    if (at) at.push(i);
    else folders.set(folder, [i]);
  });
  for (const [folder, at] of folders) {
    const byName = at.map((i) => dumps[i] as T).sort((a, b) => compareNatural(a.source, b.source));
    const { order, unplaced, moments } = placeFolder(byName.filter(countsEvery), folder);
    let next = 0;
    // Each dump that counts every goroutine takes the next place of the folder's order; the others keep their names' places.
    const placed = byName.map((d) => {
      if (!countsEvery(d)) return d;
      const taken = unplaced.has(d) ? d : order[next++] ?? d;
      return marked(taken, unplaced.get(d), moments.get(taken));
    });
    at.forEach((i, k) => {
      result[i] = placed[k] ?? (dumps[i] as T);
    });
  }
  return result;
}

/** Why some goroutine dumps are in no trend (orderGoroutineDumps' marks), each reason once: a sentence each. */
export function unplacedWords(dumps: readonly Pick<GoroutineSummary, 'unplaced'>[]): string[] {
  return [...new Set(dumps.flatMap((d) => (d.unplaced === undefined ? [] : [d.unplaced])))];
}
