/**
 * Sites whose counts are the tiny allocator's 16-byte blocks. Go's mallocgc (runtime/malloc.go,
 * go1.19 ~line 933) packs pointer-free objects under maxTinySize (16 B) into one 16-byte block; an
 * object that fits the current block returns before the profiler is asked, so only a new block is
 * profiled, as 16 B, at the line that started it. A site's "objects" are then blocks, and values
 * from other lines packed into a block count at the line that opened it. 16 B an object alone is
 * no evidence (plenty of objects are 16 B): the compiler's -m must name a tiny allocation at the line.
 */
import type { BucketCounts } from '../grammar/heap/index.js';
import type { JoinedDiagnostic } from './escape/join.js';
import { fileLine, type AllocationSite } from './profile.js';

/** runtime/malloc.go maxTinySize: the block size, and the bound a tiny object is under. */
export const TINY_BLOCK_BYTES = 16;

/** Builtin types without pointers under 16 B: `new(T)` of one of them always goes through the tiny allocator. */
const TINY_BUILTINS = new Set(['bool', 'int8', 'uint8', 'byte', 'int16', 'uint16', 'int32', 'uint32', 'rune', 'float32', 'int64', 'uint64', 'int', 'uint', 'uintptr', 'float64', 'complex64']);

/** What the compiler reports at a site's line that makes its 16-byte records tiny blocks. */
export interface TinyEvidence {
  /** The escaping expression as -m prints it: `new(int8)`, `&small{...}`. */
  expression: string;
  /** `new` of a pointer-free builtin under 16 B (certain); `literal`: a composite literal, tiny when its type is under 16 B without pointers. */
  kind: 'new' | 'literal';
}

const COUNTS: BucketCounts = { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };

/** Every record of the site with objects is exactly 16 B an object, in use and allocated (the dump's own counts, before unsampling). */
export function allSixteenBytes(site: AllocationSite): boolean {
  let any = false;
  for (const { stack } of site.stacks) {
    for (let i = 0; i < stack.bucketCount; i++) {
      const b = stack.countsAt(i, COUNTS);
      if (b.inuseBytes !== TINY_BLOCK_BYTES * b.inuseObjects || b.allocBytes !== TINY_BLOCK_BYTES * b.allocObjects) return false;
      any ||= b.inuseObjects > 0 || b.allocObjects > 0;
    }
  }
  return any;
}

/** The tiny allocation -m reports escaping at the site's own line, when every record of the site is a 16-byte block; undefined otherwise. */
export function tinyBlocks(site: AllocationSite, joined: readonly JoinedDiagnostic[] | undefined): TinyEvidence | undefined {
  if (joined === undefined || site.line === undefined || site.runtimeOnly) return undefined;
  const at = joined.filter((d) => d.kind === 'escapes-to-heap' && d.line === site.line && d.subject !== undefined);
  const made = at.find((d) => TINY_BUILTINS.has(/^new\((\w+)\)$/.exec(d.subject as string)?.[1] ?? ''))
    ?? at.find((d) => /^&[\w.]+\{/.test(d.subject as string));
  if (made === undefined || !allSixteenBytes(site)) return undefined;
  return { expression: made.subject as string, kind: made.subject?.startsWith('new(') === true ? 'new' : 'literal' };
}

/** `main.go:28 (new(int8))`, `main.go:31 (&small{...}, if small is under 16 B without pointers)`. */
function siteWords(place: string, e: TinyEvidence): string {
  if (e.kind === 'new') return `${place} (${e.expression})`;
  const type = /^&([\w.]+)\{/.exec(e.expression)?.[1];
  return `${place} (${e.expression}, if ${type ?? 'its type'} is under 16 B without pointers)`;
}

/**
 * Said once under the sites that are tiny blocks (`places`: `main.go:28` with its evidence):
 * what their counts are, and that HeapObjects (`heapObjects`) counts blocks too.
 */
export function tinyBlocksNote(places: readonly (readonly [string, TinyEvidence])[], heapObjects: number | undefined, count: (n: number) => string): string {
  const listed = places.map(([place, e]) => siteWords(place, e));
  const objects = heapObjects !== undefined ? ` HeapObjects (${count(heapObjects)}) counts each block as one object too, fewer than the values the program keeps.` : '';
  return `Tiny blocks: ${listed.join(' and ')} ${listed.length === 1 ? 'records' : 'record'} 16 B an object. Go's tiny allocator packs objects under 16 B without pointers into 16-byte blocks and profiles only a new block, as 16 B, at the line that started it: values from other lines packed into that block count there, so objects and bytes here are per block, not per value.${objects}`;
}

/** The note for one site, as the TUI's site pane says it (the snapshot's HeapObjects left to the overview). */
export function tinyBlockSiteNote(e: TinyEvidence): string {
  return tinyBlocksNote([['this line', e]], undefined, String);
}

/** The listed sites that are tiny blocks, each with its place (`main.go:28`) and evidence; `joinedOf` gives a site's -m diagnostics (--escape). */
export function tinyBlockPlaces(sites: readonly AllocationSite[], joinedOf: (site: AllocationSite) => readonly JoinedDiagnostic[] | undefined): [string, TinyEvidence][] {
  return sites.flatMap((site) => {
    const e = tinyBlocks(site, joinedOf(site));
    return e ? [[fileLine(site.file, site.line), e] as [string, TinyEvidence]] : [];
  });
}
