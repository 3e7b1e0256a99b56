/**
 * What the reports (text, Markdown, the terminal UI) say of a site's join with the compiler's
 * output: how much of it the join keeps, the line for the rest, each comparison's words. A module
 * of its own so that they can say it without loading the join.
 */
import { formatCount } from '../../text/units.js';

/** What compareAllocationSite (join.ts) found at a site's line. */
export type SiteStatus =
  /** The compiler reports a heap value (escapes / moved to heap) at this line. */
  | 'agrees'
  /** The profile allocates here but the compiler says only "does not escape". */
  | 'disagrees'
  /** The compiler knows the file but says nothing about heap values at this line. */
  | 'silent'
  /** No file of the -m output is this one (another package, or -m without all=). */
  | 'not-covered'
  /** Several files of the -m output fit this path equally well. */
  | 'ambiguous';

/** What the comparison at a site's line found, in words. */
export const SITE_STATUS_WORDS: Record<SiteStatus, string> = {
  agrees: 'the compiler agrees: a heap value at this line',
  disagrees: 'the compiler says it does not escape, yet the profile allocates here',
  silent: "the compiler reports no heap value of this site's own code at this line",
  'not-covered': 'the compiler output does not cover this file',
  ambiguous: 'several compiler files match this path',
};

/**
 * At most this many diagnostics of one kind are kept at one line. A real line has a handful: the
 * most in `go build -gcflags=all=-m=2 std` (go1.19) is 31 closure notes at one line of
 * crypto/tls. Output made to hurt, or generated code squeezed onto one line, can have millions,
 * and every one kept, sentence and all, took 2.4 GB and broke the JSON report ("Invalid string
 * length"). Per kind, so that a heap value is not crowded out by the notes before it. What is past
 * the limit is counted (SiteComparison.omitted).
 */
export const MESSAGES_PER_KIND = 256;

/**
 * The line under a site's compiler messages when some are not shown: `more` not shown, of which
 * `omitted` the index did not keep (past MESSAGES_PER_KIND).
 */
export function moreMessagesSentence(more: number, omitted: number): string {
  const kept = omitted > 0 ? ` (${omitted === more ? 'not kept' : `${formatCount(omitted)} of them not kept`}: heapdoc keeps at most ${MESSAGES_PER_KIND} of one kind a line)` : '';
  return `… ${formatCount(more)} more compiler ${more === 1 ? 'message' : 'messages'} at this line${kept}`;
}

/**
 * Whether the reports that list compiler messages under a site have something to say of it:
 * messages, a disagreement, or heap values at its line that are a call's inlined there, not its
 * own (said, since grep finds them there). (A site's SiteEscape, by its shape: sites.ts imports this module.)
 */
export function hasCompilerMessages(joined: { diagnostics: readonly unknown[]; comparison: { status: SiteStatus; inlinedHeap: readonly unknown[]; runtimeWork?: unknown } }): boolean {
  return joined.diagnostics.length > 0 || joined.comparison.status === 'disagrees' || comparisonSaid(joined.comparison);
}

/**
 * Whether a report says a site's comparison in words under its messages: a disagreement, heap
 * values at the line that are not the site's, or the runtime's work under the line (a map's
 * growth, an append's: what -m never reports, which JSON and the terminal UI say too).
 */
export function comparisonSaid(comparison: { status: SiteStatus; inlinedHeap: readonly unknown[]; runtimeWork?: unknown }): boolean {
  return comparison.status === 'disagrees' || (comparison.status === 'silent' && (comparison.inlinedHeap.length > 0 || comparison.runtimeWork !== undefined));
}
