/**
 * What identifies the binary a dump came from, so that dumps of two programs are never read as
 * one series (issue #9). Cumulative counters can rise by chance across two processes; symbols
 * cannot agree by chance:
 *  - in one binary a PC always symbolizes to the same function and file:line (debug=1 frame lines
 *    print the PC; inlined frames share it, so a PC names a set of functions, each at one place);
 *  - a function is defined in one file, so its frames always name that file (debug=2 prints no
 *    PCs, but its functions and files are compared the same way);
 *  - the main package's source directory does not move.
 * Pure: built from parsed frames, compared without reading anything.
 */
import { dirname } from 'node:path';
import type { FrameRows } from '../../grammar/heap/model.js';

/** A frame as every grammar gives it (heap and goroutine debug=1 have addresses; debug=2 does not). */
export interface IdentityFrame {
  address?: string | undefined;
  function?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  /** Where it was read: a frame read at the cut last line of its input is left out (identityOf). */
  position?: { line: number } | undefined;
}

export interface BinaryIdentity {
  /** A frame line's PC → each function it symbolizes to → `file:line`. */
  pcs: Map<string, Map<string, string>>;
  /** Function → the file it is defined in. */
  files: Map<string, string>;
  /** Directories holding package main's functions. */
  mainDirs: Set<string>;
}

function emptyIdentity(): BinaryIdentity {
  return { pcs: new Map(), files: new Map(), mainDirs: new Set() };
}

function isMainPackage(fn: string): boolean {
  return fn.startsWith('main.');
}

/** Adds frames to an identity (call once per stack; frames repeat across stacks cheaply), but those read at `cutLine`. */
function addFrames(identity: BinaryIdentity, frames: Iterable<IdentityFrame>, cutLine: number | undefined): void {
  for (const f of frames) if (cutLine === undefined || f.position?.line !== cutLine) addFrame(identity, f.address, f.function, f.file, f.line);
}

function addFrame(identity: BinaryIdentity, address: string | undefined, fn: string | undefined, file: string | undefined, line: number | undefined): void {
  if (!fn || file === undefined) return;
  if (!identity.files.has(fn)) identity.files.set(fn, file);
  if (isMainPackage(fn)) identity.mainDirs.add(dirname(file));
  if (address === undefined) return;
  let at = identity.pcs.get(address);
  if (!at) identity.pcs.set(address, (at = new Map()));
  if (!at.has(fn)) at.set(fn, `${file}:${line ?? '?'}`);
}

/**
 * Adds the frames of a text heap dump's stack, read from its frame table without frame objects;
 * a row met before (`seen`) adds nothing, as its frame adds nothing twice, nor a row first read at `cutLine`.
 */
function addRows(identity: BinaryIdentity, stack: RowStack, seen: Set<number>, cutLine: number | undefined): void {
  const rows = stack.rows;
  for (let i = 0; i < stack.depth; i++) {
    const row = stack.rowAt(i);
    if (seen.has(row)) continue;
    seen.add(row);
    if (cutLine !== undefined && rows.readLineOf(row) === cutLine) continue;
    const fn = rows.functionOf(row);
    const file = rows.fileOf(row);
    if (fn && file !== undefined) addFrame(identity, rows.addressOf(row), fn, file, rows.lineOf(row));
  }
}

/** A stack of a text heap dump: its frames are rows of its dump's frame table (grammar/heap/model.ts). */
interface RowStack {
  readonly depth: number;
  rowAt(i: number): number;
  readonly rows: FrameRows;
}

/**
 * An identity as flat lists of strings, in its Maps' order: what lint's worker threads send
 * (structured cloning copies a list of strings several times faster than a Map per PC).
 * `pcs`: PC, function, place for each function of each PC; `files`: function, file.
 */
export interface FlatIdentity {
  pcs: string[];
  files: string[];
  mainDirs: string[];
}

export function flattenIdentity(identity: BinaryIdentity): FlatIdentity {
  const pcs: string[] = [];
  for (const [pc, fns] of identity.pcs) for (const [fn, place] of fns) pcs.push(pc, fn, place);
  const files: string[] = [];
  for (const [fn, file] of identity.files) files.push(fn, file);
  return { pcs, files, mainDirs: [...identity.mainDirs] };
}

/** The identity `flattenIdentity` flattened, with its Maps in the same order. */
export function unflattenIdentity(flat: FlatIdentity): BinaryIdentity {
  const identity = emptyIdentity();
  for (let i = 0; i + 2 < flat.pcs.length; i += 3) {
    const pc = flat.pcs[i] as string;
    let at = identity.pcs.get(pc);
    if (!at) identity.pcs.set(pc, (at = new Map()));
    at.set(flat.pcs[i + 1] as string, flat.pcs[i + 2] as string);
  }
  for (let i = 0; i + 1 < flat.files.length; i += 2) identity.files.set(flat.files[i] as string, flat.files[i + 1] as string);
  for (const d of flat.mainDirs) identity.mainDirs.add(d);
  return identity;
}

/**
 * The identity of a snapshot without stacks (a scrape, a vars file): empty, one for all of them
 * (a series of scrapes would otherwise make three empty collections per scrape). Never written to.
 */
export const NO_STACKS_IDENTITY: BinaryIdentity = emptyIdentity();

/**
 * The identity of a dump's stacks. `cutLine`: the dump's last line when its input ends without a
 * line end (SampledSites.cutLine): a frame read there may be cut short (`proc.go:40` of
 * `proc.go:4098`, a PC's place that no binary has), so the identity is judged from the frames read whole.
 */
export function identityOf(stacks: Iterable<{ frames: readonly IdentityFrame[] } & Partial<RowStack>>, cutLine?: number): BinaryIdentity {
  const identity = emptyIdentity();
  // The rows met, per frame table (the stacks of one dump share one).
  const seen = new Map<FrameRows, Set<number>>();
  for (const s of stacks) {
    if (s.rows !== undefined && s.rowAt !== undefined && s.depth !== undefined) {
      let rows = seen.get(s.rows);
      if (!rows) seen.set(s.rows, (rows = new Set()));
      addRows(identity, s as RowStack, rows, cutLine);
    } else {
      addFrames(identity, s.frames, cutLine);
    }
  }
  return identity;
}

/** Whether an identity holds any frame of its binary: a dump with none (a profile without records, /debug/vars, a scrape) cannot be compared. */
export function hasFrames(identity: BinaryIdentity | undefined): boolean {
  return identity !== undefined && (identity.pcs.size > 0 || identity.files.size > 0 || identity.mainDirs.size > 0);
}

/** Why `b` cannot be the binary of `a`, in words (`… here, … there`: b, then a); undefined when nothing disagrees. */
function identityConflict(a: BinaryIdentity, b: BinaryIdentity): string | undefined {
  const says = (x: string, y: string): string => `${y} here, ${x} there`;
  for (const [pc, fns] of a.pcs) {
    const other = b.pcs.get(pc);
    if (!other) continue;
    let shared = false;
    for (const [fn, place] of fns) {
      const there = other.get(fn);
      if (there === undefined) continue;
      shared = true;
      if (there !== place) return `PC ${pc} (${fn}) is at ${says(place, there)}`;
    }
    if (!shared) return `PC ${pc} is ${says(describe(fns), describe(other))}`;
  }
  for (const [fn, file] of a.files) {
    const there = b.files.get(fn);
    if (there !== undefined && there !== file) return `${fn} is defined in ${says(file, there)}`;
  }
  if (a.mainDirs.size > 0 && b.mainDirs.size > 0 && ![...a.mainDirs].some((d) => b.mainDirs.has(d))) {
    return `package main is in ${says([...a.mainDirs].sort()[0] ?? '', [...b.mainDirs].sort()[0] ?? '')}`;
  }
  return undefined;
}

function describe(fns: ReadonlyMap<string, string>): string {
  const [fn, place] = fns.entries().next().value ?? ['?', '?'];
  return `${fn} (${place})`;
}

/** Merges `from` into `into` (the identity of a growing set of dumps already found to agree). */
function mergeIdentity(into: BinaryIdentity, from: BinaryIdentity): void {
  for (const [pc, fns] of from.pcs) {
    let at = into.pcs.get(pc);
    if (!at) into.pcs.set(pc, (at = new Map()));
    for (const [fn, place] of fns) if (!at.has(fn)) at.set(fn, place);
  }
  for (const [fn, file] of from.files) if (!into.files.has(fn)) into.files.set(fn, file);
  for (const d of from.mainDirs) into.mainDirs.add(d);
}

export interface IdentifiedDump {
  source: string;
  identity?: BinaryIdentity | undefined;
}

/** Dumps found to agree, and the identity of them all. */
interface Agreeing {
  identity: BinaryIdentity;
  members: IdentifiedDump[];
}

/**
 * The dumps that cannot come from the same binary as most of them: one conflict (one line to
 * print) for each. The dumps are grouped by the program they agree on, each joining the first
 * group it agrees with; the group of most dumps (the first one's on a tie) is the series', and any
 * other dump that agrees with all of it joins it. The rest are the odd ones, each named against
 * the group's first dump: a dump of another program given first (a dump cut before its MemStats
 * sorts first by TotalAlloc) is the one blamed, not every dump after it.
 */
export function identityConflicts(dumps: readonly IdentifiedDump[]): { source: string; message: string }[] {
  const groups: Agreeing[] = [];
  for (const d of dumps) {
    if (!d.identity) continue;
    const group = groups.find((g) => identityConflict(g.identity, d.identity as BinaryIdentity) === undefined);
    if (group) {
      mergeIdentity(group.identity, d.identity);
      group.members.push(d);
    } else {
      const identity = emptyIdentity();
      mergeIdentity(identity, d.identity);
      groups.push({ identity, members: [d] });
    }
  }
  if (groups.length < 2) return [];
  const series = groups.reduce((most, g) => (g.members.length > most.members.length ? g : most));
  const accepted = new Set(series.members);
  const odd: IdentifiedDump[] = [];
  for (const d of dumps) {
    if (!d.identity || accepted.has(d)) continue;
    if (identityConflict(series.identity, d.identity) === undefined) {
      mergeIdentity(series.identity, d.identity);
      accepted.add(d);
    } else odd.push(d);
  }
  const first = dumps.find((d) => accepted.has(d))?.source ?? '';
  const there = `${first}${accepted.size > 1 ? ` (and ${accepted.size - 1} more)` : ''}`;
  return odd.map((d) => ({
    source: d.source,
    message: `${d.source} is not from the same program as ${there}: ${identityConflict(series.identity, d.identity as BinaryIdentity) ?? ''}`,
  }));
}
