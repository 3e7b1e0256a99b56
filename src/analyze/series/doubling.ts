/**
 * A buffer that doubles (reasoning.md §7): a heap profile's site where bytes.Buffer grows its one
 * array (`bytes.growSlice`, `bytes.(*Buffer).grow`), holding one object or very few, each large, and
 * having allocated there about twice what it holds — the copies it outgrew, each half the next
 * (4 + 8 + 16 + 32 MiB before a 64 MiB one). Such a buffer's in-use bytes are its capacity, not its
 * length: they stay flat while its length grows inside it and double when it is full, each level
 * lasting twice as long as the one before. So a live heap that rose once at it and then held, or
 * held all along, does not show that it stopped growing (the captured go1.19-audit42-bufleak, an
 * audit log in a global bytes.Buffer never truncated: its ?gc=1 dumps t34–t72, 32.2 MiB → 64.2 MiB at
 * one step then flat, were "A plateau, not a leak … it grew once, then stopped", and t57–t72 "Stable").
 *
 * This reads the frame and the object count, not sizes alone (a map's buckets are never guessed from
 * their sizes, reasoning.md §7): the function names what allocated, the count says it is one array,
 * and an object far larger than the sampling rate is always sampled, so its count is exact.
 * runtime.growslice (append) is left out: append grows a large slice by about a quarter, so its
 * site allocates about five times what it holds, no doubling; the staircase words (staircase.ts) cover it.
 */
import type { SeriesSite } from './model.js';

/** The functions where bytes.Buffer reallocates its array: its site is named by them (profile.ts: the first frame not in package runtime). */
const BUFFER_GROWTH: ReadonlySet<string> = new Set(['bytes.growSlice', 'bytes.(*Buffer).grow']);

/** At most this many objects: one buffer, or very few that each doubled. */
export const DOUBLING_MAX_OBJECTS = 4;
/** Each at least this large: far above the default 512 KiB sampling rate, so the count is exact. */
export const DOUBLING_MIN_OBJECT_BYTES = 4 * 1024 * 1024;
/**
 * Allocated there, over in use: a buffer that doubled from small has allocated its size and each
 * half below it, about twice (1.5 after a single doubling); more is buffers made anew (a batch's).
 */
export const DOUBLING_ALLOC_RATIO = { min: 1.4, max: 2.5 } as const;

/** The site's stacks grow a bytes.Buffer: its function is where the buffer reallocates. */
export function growsBuffer(site: Pick<SeriesSite, 'function'>): boolean {
  return BUFFER_GROWTH.has(site.function);
}

/** A buffer that doubled, at the latest profile: the site, how many objects, what they hold and what the site allocated. */
export interface DoublingBuffer {
  site: SeriesSite;
  objects: number;
  bytes: number;
  allocBytes: number;
}

/**
 * The largest site of `sites` (one profile's) that is a buffer that doubled (above), holding
 * `minBytes` or more; undefined when none is.
 */
export function doublingBuffer(sites: readonly SeriesSite[] | undefined, minBytes: number): DoublingBuffer | undefined {
  const found = (sites ?? []).flatMap((site): DoublingBuffer[] => {
    const objects = Math.round(site.inuseObjects);
    const allocBytes = site.allocBytes ?? 0;
    const ratio = site.inuseBytes > 0 ? allocBytes / site.inuseBytes : 0;
    const doubled = growsBuffer(site) && site.profiler !== true && site.inuseBytes >= minBytes && objects >= 1 && objects <= DOUBLING_MAX_OBJECTS
      && site.inuseBytes / objects >= DOUBLING_MIN_OBJECT_BYTES && ratio >= DOUBLING_ALLOC_RATIO.min && ratio <= DOUBLING_ALLOC_RATIO.max;
    return doubled ? [{ site, objects, bytes: site.inuseBytes, allocBytes }] : [];
  });
  return found.sort((a, b) => b.bytes - a.bytes)[0];
}

/**
 * Whether a level held longer than a buffer still doubling at a steady pace holds one: filled at a
 * steady rate from small, it reaches each capacity when its length reaches half of it, and doubles
 * again once its length has doubled — each level lasts as long as the process took to reach it.
 * `heldMs`: how long the level held at least (the readings at it, by LastGC); `sinceFirstGcMs`: from
 * the process's first GC (PauseEnd's first entry, which a ring of 256 keeps while NumGC ≤ 256) to
 * the last reading. A level held over half that time would have doubled had the buffer kept its
 * pace: it stopped, or slowed (the captured go1.19-audit31-bufreset, a 128 MiB buffer Reset and
 * reused, held 56.6 s of its 65.7 s since the first GC; go1.19-audit42-bufleak's 64 MiB level,
 * 14.9 s of 71.7 s). Unknown ages (no PauseEnd, a ring that wrapped) never outlast.
 */
export function outlastedDoubling(heldMs: number, sinceFirstGcMs: number | undefined): boolean {
  return sinceFirstGcMs !== undefined && sinceFirstGcMs > 0 && heldMs > sinceFirstGcMs / 2;
}
