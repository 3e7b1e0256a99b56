/**
 * Who called a standard-library site in the program, in the words of the text report (its sites
 * and growing sites) and of the UI's Series pane, which opens a growing site: one line a caller.
 */
import { shortPath } from '../common/stems.js';
import type { CallerShare, SiteCaller } from '../analyze/profile.js';
import { stripControl } from '../text/sanitize.js';
import { formatBytes, formatChange } from '../text/units.js';

/** Callers listed under a site before "… N more callers" in the text report. */
export const CALLERS_SHOWN = 3;

/** How a caller's file and line read: `…/progs/main.go:102` in the text report (shortPath); the UI gives its own. */
export type CallerWhere = (caller: SiteCaller) => string;

const shortWhere: CallerWhere = (caller) => (caller.file ? `${shortPath(caller.file)}:${caller.line ?? '?'}` : '');

/** `← called by main.runTimers  …/progs/main.go:102`: the program's frame under a standard-library site. */
export function callerWords(caller: SiteCaller, where: CallerWhere = shortWhere): string {
  const at = where(caller);
  return stripControl(`← called by ${caller.function}${at ? `  ${at}` : ''}`);
}

/** A site as callerLines reads it: its caller, and its callers with their bytes (in a series, their growth). */
export interface CalledSite {
  readonly caller?: SiteCaller | undefined;
  readonly callers?: readonly (CallerShare & { growthBytes?: number })[] | undefined;
}

/**
 * The lines naming who called a standard-library site (`indent` spaces before each): its caller,
 * or, when frames of the program call it from several places, each with what it allocates there
 * (most in use first; in a series, most grown first, with its growth since the first snapshot:
 * series/index.ts callerTrends), `shown` of them, then how many more.
 */
export function callerLines(site: CalledSite, indent: number, inUse: string, options: { shown?: number; where?: CallerWhere } = {}): string[] {
  const pad = ' '.repeat(indent);
  const { shown = CALLERS_SHOWN, where = shortWhere } = options;
  if (!site.callers) return site.caller ? [`${pad}${callerWords(site.caller, where)}`] : [];
  const grew = (k: { growthBytes?: number }): string => (k.growthBytes === undefined ? '' : ` (${formatChange(k.growthBytes)} since the first)`);
  const lines = site.callers.slice(0, shown).map((k) => `${pad}${callerWords(k, where)}  ${formatBytes(k.inuseBytes)} ${inUse}${grew(k)}, ${formatBytes(k.allocBytes)} allocated`);
  const more = site.callers.length - shown;
  if (more > 0) lines.push(`${pad}… ${more} more caller${more === 1 ? '' : 's'} (--format json for all)`);
  return lines;
}
