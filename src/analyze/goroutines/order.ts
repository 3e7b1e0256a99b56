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
 * The dumps of one folder that count every goroutine, in name order, placed: every one by its
 * highest goroutine id when each has ids (names then order equal ids); else by name, the longest
 * run of names numbered alike, and the others unplaced with why. Two runs as long leave none placed.
 */
function placeFolder<T extends GoroutineSummary>(byName: readonly T[], folder: string): { order: T[]; unplaced: ReadonlyMap<T, string> } {
  if (byName.length < 2) return { order: [...byName], unplaced: new Map() };
  // Each moment (file stem: debug=1 and debug=2 of one moment) by the highest id its dumps show, when every moment has one.
  const momentId = new Map<string, number>();
  for (const d of byName) {
    const id = highestGoroutineId(d);
    const stem = captureStem(d.source);
    if (id !== undefined) momentId.set(stem, Math.max(momentId.get(stem) ?? id, id));
  }
  if (byName.every((d) => momentId.has(captureStem(d.source)))) {
    const keyed = byName.map((d) => ({ d, id: momentId.get(captureStem(d.source)) ?? 0 }));
    return { order: keyed.sort((a, b) => a.id - b.id).map(({ d }) => d), unplaced: new Map() };
  }
  const runs: T[][] = [];
  for (const d of byName) {
    const run = runs[runs.length - 1];
    const before = run?.[run.length - 1];
    if (run && before && numberedAlike(captureStem(before.source), captureStem(d.source))) run.push(d);
    else runs.push([d]);
  }
  if (runs.length === 1) return { order: [...byName], unplaced: new Map() };
  const longest = Math.max(...runs.map((r) => r.length));
  const kept = runs.filter((r) => r.length === longest).length === 1 ? runs.find((r) => r.length === longest) ?? [] : [];
  const others = byName.filter((d) => !kept.includes(d));
  const where = folder === '' ? '' : ` of ${folder}`;
  const noIds = (them: string): string => `a goroutine?debug=1 dump carries no goroutine ids to order ${them} by`;
  const why = kept.length > 0
    ? `${others.map((d) => d.source.slice(folder.length)).join(', ')} ${others.length === 1 ? 'is' : 'are'} not in the goroutine trend: ${others.length === 1 ? 'its place' : 'their places'} among the ${formatCount(kept.length)} goroutine dumps ${runWords(kept)}${where} cannot be known — ${others.length === 1 ? 'its name does' : 'their names do'} not continue their numbering, and ${noIds(others.length === 1 ? 'it' : 'them')}; give the files in the order they were taken, one by one, or name ${others.length === 1 ? 'it' : 'them'} to follow ${captureStem(kept[kept.length - 1]?.source ?? '')}.`
    : `The order of the ${formatCount(byName.length)} goroutine dumps${where} cannot be known — their names are not numbered alike (${runs.map(runWords).join(', ')}), and ${noIds('them')}: none is in the goroutine trend; give the files in the order they were taken, one by one, or number their names.`;
  return { order: [...kept], unplaced: new Map(others.map((d) => [d, why])) };
}

/** `d` without the mark of a place unknown, or with `why`. */
function marked<T extends GoroutineSummary>(d: T, why: string | undefined): T {
  if (why === undefined) {
    if (d.unplaced === undefined) return d;
    const { unplaced: _unplaced, ...rest } = d;
    return rest as T;
  }
  return d.unplaced === why ? d : { ...d, unplaced: why };
}

/**
 * Goroutine dumps in the order they were taken, as far as it is known. `given`: the sources whose
 * place is the one they were given in — named one by one on the command line, documents of one
 * stream (`cat t01 t10 last | heapdoc`) — kept there. The others, found in a folder (or by a
 * glob), are ordered within their folder, in the places its dumps held: by highest goroutine id
 * when each has ids, else by name (compareNatural); a dump whose name says nothing of its place
 * is marked `unplaced`, with why (a copy: a watch orders its dumps again as more arrive).
 */
export function orderGoroutineDumps<T extends GoroutineSummary>(dumps: readonly T[], given?: ReadonlySet<string>): T[] {
  const result = [...dumps];
  const folders = new Map<string, number[]>();
  dumps.forEach((d, i) => {
    if (given?.has(d.source)) return;
    const folder = captureFolder(d.source);
    const at = folders.get(folder);
    if (at) at.push(i);
    else folders.set(folder, [i]);
  });
  for (const [folder, at] of folders) {
    const byName = at.map((i) => dumps[i] as T).sort((a, b) => compareNatural(a.source, b.source));
    const { order, unplaced } = placeFolder(byName.filter(countsEvery), folder);
    let next = 0;
    // Each dump that counts every goroutine takes the next place of the folder's order; the others keep their names' places.
    const placed = byName.map((d) => (!countsEvery(d) ? d : unplaced.has(d) ? marked(d, unplaced.get(d)) : marked(order[next++] ?? d, undefined)));
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
