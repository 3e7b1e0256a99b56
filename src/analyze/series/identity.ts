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
import { dirname, posix } from 'node:path';
import type { FrameRows } from '../../grammar/heap/model.js';
import { formatCount } from '../../text/units.js';

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

/**
 * Why `b` cannot be the binary of `a`, in words (`… here, … there`: b, then a); undefined when nothing
 * disagrees. `here`/`there`: the words that place b's and a's sides (`in go1.23/leak`).
 */
function identityConflict(a: BinaryIdentity, b: BinaryIdentity, here = 'here', there = 'there'): string | undefined {
  const says = (x: string, y: string): string => `${y} ${here}, ${x} ${there}`;
  for (const [pc, fns] of a.pcs) {
    const other = b.pcs.get(pc);
    if (!other) continue;
    let shared = false;
    for (const [fn, place] of fns) {
      const at = other.get(fn);
      if (at === undefined) continue;
      shared = true;
      if (at !== place) return `PC ${pc} (${fn}) is at ${says(place, at)}`;
    }
    if (!shared) return `PC ${pc} is ${says(describe(fns), describe(other))}`;
  }
  for (const [fn, file] of a.files) {
    const at = b.files.get(fn);
    if (at !== undefined && at !== file) return `${fn} is defined in ${says(file, at)}`;
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

/** The dumps of one program (programsOf), and the identity of them all. */
export interface Program {
  identity: BinaryIdentity;
  members: IdentifiedDump[];
  /** The capture folder it is named by, when byCaptureFolder joined several folders' (`huge` for huge/gc1, huge/plain…). */
  folder?: string;
}

/** Whether an identity holds anything to compare (a dump with no record, a scrape, a vars document: nothing). */
function holdsFrames(identity: BinaryIdentity): boolean {
  return identity.files.size > 0 || identity.pcs.size > 0;
}

/** A dump's folder: the folder of its first file (a moment read from two, `a.heap.pb.gz + a.vars.json`, is in one). */
export function folderOf(source: string): string {
  return posix.dirname(source.split(' + ')[0] ?? source);
}


/** Whether a dump joins a program: its binary agrees with the program's. */
function agrees(program: Program, identity: BinaryIdentity): boolean {
  return identityConflict(program.identity, identity) === undefined;
}

/** Adds a dump (or a program's dumps) to a program: its members and its identity. */
function join(program: Program, members: readonly IdentifiedDump[], identity: BinaryIdentity): void {
  mergeIdentity(program.identity, identity);
  program.members.push(...members);
}

/** The dumps, each joining the first program it agrees with (a new one when none does): the one-process check. */
function byBinary(dumps: readonly IdentifiedDump[]): Program[] {
  const programs: Program[] = [];
  for (const d of dumps) {
    const identity = d.identity as BinaryIdentity;
    const program = programs.find((p) => agrees(p, identity));
    if (program) join(program, [d], identity);
    else {
      const copy = emptyIdentity();
      mergeIdentity(copy, identity);
      programs.push({ identity: copy, members: [d] });
    }
  }
  return programs;
}

/**
 * The programs byBinary finds, each dump then with the program of most dumps it agrees with: a dump
 * of few frames (runtime ones, which agree with any program built by the same toolchain) given
 * first goes with the program most dumps show, not with the one it met first.
 */
function byMostDumps(dumps: readonly IdentifiedDump[]): Program[] {
  const found = byBinary(dumps).sort((a, b) => b.members.length - a.members.length);
  const programs = found.map((): Program => ({ identity: emptyIdentity(), members: [] }));
  for (const d of dumps) {
    const i = Math.max(0, found.findIndex((p) => agrees(p, d.identity as BinaryIdentity)));
    join(programs[i] as Program, [d], d.identity as BinaryIdentity);
  }
  return programs.filter((p) => p.members.length > 0);
}

/**
 * The programs of the dumps when they cannot all be one binary, as a user would run heapdoc on them
 * again; none when they can. The check is the binaries' alone, as it always was (each dump joins the
 * first program it agrees with; a dump whose stacks name nothing, no record or a scrape, agrees with
 * any). The programs named are then those of each folder: a folder is one capture, the unit a user
 * runs heapdoc on (two folders of one binary are most often two runs, whose counters would refuse
 * them together), and most hold one binary; its dumps that name nothing go with the program of most
 * of its dumps, or are one of their own in a folder of such dumps alone. In input order.
 */
export function programsOf(dumps: readonly IdentifiedDump[]): Program[] {
  const identified = dumps.filter((d) => d.identity !== undefined);
  if (byBinary(identified.filter((d) => holdsFrames(d.identity as BinaryIdentity))).length < 2) return [];
  const folders = new Map<string, IdentifiedDump[]>();
  for (const d of identified) {
    const folder = folderOf(d.source);
    folders.set(folder, [...(folders.get(folder) ?? []), d]);
  }
  const programs: Program[] = [];
  for (const members of folders.values()) {
    const inFolder = byMostDumps(members.filter((d) => holdsFrames(d.identity as BinaryIdentity)));
    const bare = members.filter((d) => !holdsFrames(d.identity as BinaryIdentity));
    const [most] = inFolder;
    if (most) most.members.push(...bare);
    else if (bare.length > 0) inFolder.push({ identity: emptyIdentity(), members: bare });
    programs.push(...inFolder);
  }
  // Each program's dumps in input order.
  const order = new Map(dumps.map((d, i) => [d, i] as const));
  for (const p of programs) p.members.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return programs;
}

/**
 * The programs of programsOf (one per folder) joined under the top-most folder below the inputs'
 * common one that holds no other binary's dumps: a program's capture (`huge/` with its gc1/, plain/,
 * vars/ and goroutine/), which is what a user runs heapdoc on — audit 48 #4 suggested
 * `heapdoc huge/goroutine` (no heap at all) and `heapdoc huge/plain` (without its ?gc=1 dumps) for
 * a folder of five programs' captures. A folder whose programs disagree stays split.
 */
export function byCaptureFolder(programs: readonly Program[], oneProcess: (members: readonly IdentifiedDump[]) => boolean): Program[] {
  const root = commonFolder(programs.flatMap((p) => p.members.map((m) => folderOf(m.source))));
  const own = (p: Program): string => folderOf(p.members[0]?.source ?? '');
  const inside = (folder: string, p: Program): boolean => {
    const f = own(p);
    return f === folder || f.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
  };
  const agreeing = (folder: string): boolean => {
    const held = programs.filter((p) => inside(folder, p));
    return held.every((a, i) => held.slice(i + 1).every((b) => identityConflict(a.identity, b.identity) === undefined));
  };
  const groups = new Map<string, Program[]>();
  for (const p of programs) {
    let top = own(p);
    // Up to the common folder (which holds them all, of several binaries), never past it.
    for (let up = posix.dirname(top); up !== top && up !== root && agreeing(up); up = posix.dirname(up)) top = up;
    // Programs of one folder that disagree stay apart (keyed by themselves).
    const key = top === own(p) ? `\u0000${programs.indexOf(p)}` : top;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: Program[] = [];
  for (const group of groups.values()) {
    const members = group.flatMap((p) => p.members);
    // Named by the folder their dumps share, not one above it that other dumps on disk may share too;
    // joined only with a binary to name (dumps of frames) and as one process (two runs' folders stay two runs).
    if (group.length < 2 || !group.some((p) => holdsFrames(p.identity)) || !oneProcess(members)) {
      out.push(...group);
      continue;
    }
    const identity = emptyIdentity();
    for (const p of group) mergeIdentity(identity, p.identity);
    out.push({ identity, members, folder: commonFolder(group.map(own)) });
  }
  return out;
}

/** The folder that holds every one of `folders` (`.` for none in common). */
export function commonFolder(folders: readonly string[]): string {
  const parts = folders.map((f) => f.split('/'));
  const [first = []] = parts;
  let n = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < n && p[i] === first[i]) i++;
    n = i;
  }
  const shared = first.slice(0, n).join('/');
  return shared === '' ? (first[0] === '' && n > 0 ? '/' : '.') : shared;
}

/** `path` relative to `root` (`root` itself: `.`). */
function under(root: string, path: string): string {
  return root === '.' ? path : posix.relative(root, path) || '.';
}

/** How many names a line lists before `and N more`. */
const LISTED = 8;

/**
 * What a program is called in the problem, relative to `root`: its folder, when the folder holds no
 * other program's dumps (`folder`: a user can run heapdoc on it); else its files.
 */
function programName(program: Program, programs: readonly Program[], root: string): { name: string; short: string; folder?: string } {
  const folder = program.folder ?? folderOf(program.members[0]?.source ?? '');
  if (!programs.some((p) => p !== program && p.members.some((m) => folderOf(m.source) === folder))) {
    const name = under(root, folder);
    return { name, short: name, folder };
  }
  const files = program.members.map((m) => under(root, m.source));
  return { name: `${files.slice(0, 2).join(', ')}${files.length > 2 ? ', …' : ''}`, short: files[0] ?? '' };
}

/**
 * The problem of dumps of several programs (programsOf) given as one series, in one line: the
 * programs, each named by its folder (or files) with its count of dumps, and what tells two of them
 * apart. Two dumps: `b is not from the same program as a: …` (diff's two sides). `folders`: each
 * program's folders, when every program is named by folders (the runs a user can make instead).
 */
export function notOneProgram(programs: readonly Program[]): { message: string; folders?: string[] } {
  const root = commonFolder(programs.flatMap((p) => p.members.map((m) => folderOf(m.source))));
  const named = programs.map((p) => ({ program: p, ...programName(p, programs, root) })).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const folders = named.every((n) => n.folder !== undefined) ? { folders: named.map((n) => n.folder as string) } : {};
  const [a, b] = programs;
  if (a?.members.length === 1 && b?.members.length === 1 && programs.length === 2 && a.members[0] && b.members[0]) {
    return { message: `${b.members[0].source} is not from the same program as ${a.members[0].source}: ${identityConflict(a.identity, b.identity) ?? ''}`, ...folders };
  }
  const where = root === '.' ? 'the inputs hold' : `${root.endsWith('/') ? root : `${root}/`} holds`;
  // What tells two of them apart: the first two named whose binaries disagree.
  let why: string | undefined;
  for (const [i, x] of named.entries()) {
    for (const y of named.slice(i + 1)) why ??= identityConflict(x.program.identity, y.program.identity, `in ${y.short}`, `in ${x.short}`);
  }
  const list = named.slice(0, LISTED).map((n) => `${n.name} (${formatCount(n.program.members.length)})`).join(', ');
  const more = named.length > LISTED ? ` and ${formatCount(named.length - LISTED)} more` : '';
  return { message: `${where} dumps of more than one program: ${list}${more}${why !== undefined ? ` (${why})` : ''}`, ...folders };
}
