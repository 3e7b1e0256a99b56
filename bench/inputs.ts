/**
 * The benchmark's inputs, written to files at bench time from real corpus dumps (test/fixtures),
 * so that heapdoc, the bare line pass and `go tool pprof` read the very same bytes:
 *
 * - realistic heap: shaped like a big service's profile. Many distinct stacks, every frame drawn
 *   from the fixed pool of real PCs (and their symbolized lines) of a MemProfileRate=1 dump: each
 *   new stack splices a prefix of one real stack onto the suffix of another, so stacks are
 *   distinct while the binary's code addresses stay bounded, as in a real program.
 * - worst-case heap: the records repeated with every address shifted by a random multiple of 16,
 *   so that no two frames share a PC and nothing can be reused.
 * - best-case heap: the records repeated as they are (every stack and frame seen before).
 * - goroutine?debug=2: a real dump repeated with its goroutine ids renumbered.
 * - compiler -m output: `-gcflags=all=-m std` and `-gcflags=-m=2 encoding/json`, repeated.
 * - where Go is installed, real outputs made by the local toolchain, not repeated: the whole
 *   `-gcflags=all=-m=2 std`, and a real program's heap profile (bench/programs/parseheap).
 *
 * Deterministic: a seeded generator, so every run reads the same input.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** mulberry32: a small seeded generator (numbers in [0, 1)). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `head`, then `body(k)` for k = 0, 1, … until at least `bytes`, then `tail`; returns the size. */
function writeRepeated(out: string, head: string, body: (k: number) => string, tail: string, bytes: number, parts = Infinity): number {
  const fd = openSync(out, 'w');
  let size = 0;
  let pending: string[] = [head];
  let pendingLength = head.length;
  const flush = (): void => {
    const buffer = Buffer.from(pending.join(''), 'utf8');
    writeSync(fd, buffer);
    size += buffer.length;
    pending = [];
    pendingLength = 0;
  };
  for (let k = 0; parts === Infinity ? size + pendingLength < bytes : k < parts; k++) {
    const part = body(k);
    pending.push(part);
    pendingLength += part.length;
    if (pendingLength >= 1 << 20) flush();
  }
  pending.push(tail);
  flush();
  closeSync(fd);
  return size;
}

/** The four counts of every record line (`N: N [N: N] @ …`) in `text`, added to `into`. */
function addRecordCounts(text: string, into: number[]): void {
  for (const m of text.matchAll(/^(\d+): (\d+) \[(\d+): (\d+)\] @/gm)) for (let i = 0; i < 4; i++) into[i] = (into[i] as number) + Number(m[i + 1]);
}

/**
 * A heap dump of records made by `makeBody()` (a fresh, seeded generator each call) after `head`,
 * at least `bytes` long, whose header says the records' sums as Go's does (heapdoc checks the
 * in-use totals): a first pass counts the records it will write and adds them up, the second
 * writes the same records under the header with those sums.
 */
function writeHeapDump(out: string, head: string, makeBody: () => (k: number) => string, tail: string, bytes: number): number {
  const sums = [0, 0, 0, 0];
  const first = makeBody();
  let parts = 0;
  for (let size = head.length; size < bytes; parts++) {
    const part = first(parts);
    addRecordCounts(part, sums);
    size += part.length;
  }
  const header = head.replace(/^heap profile: *\d+: *\d+ *\[ *\d+: *\d+ *\]/, `heap profile: ${sums[0]}: ${sums[1]} [${sums[2]}: ${sums[3]}]`);
  const body = makeBody();
  return writeRepeated(out, header, body, tail, bytes, parts);
}

interface HeapSource {
  head: string;
  /** The records, each without its trailing blank line. */
  records: string[];
  /** `\n# runtime.MemStats…` to the end. */
  memStats: string;
}

function readHeapSource(path: string): HeapSource {
  const text = readFileSync(path, 'utf8');
  const headEnd = text.indexOf('\n');
  const memStatsAt = text.indexOf('\n\n# runtime.MemStats');
  const records = text.slice(headEnd + 1, memStatsAt).split('\n\n').map((r) => r.replace(/^\n+|\n+$/g, '')).filter((r) => r.includes('@'));
  return { head: `${text.slice(0, headEnd)}\n`, records, memStats: text.slice(memStatsAt + 1) };
}

/** The realistic heap dump (tools/bigheap.py's shape), at least `bytes` long. */
export function writeRealisticHeap(source: string, bytes: number, out: string): number {
  const { head, records, memStats } = readHeapSource(source);
  // Each record: its counts, its PCs, and the frame lines by PC (inlined frames share one PC).
  const parsed = records.map((record) => {
    const lines = record.split('\n');
    const pcs = (lines[0] ?? '').split('@')[1]?.trim().split(/ +/) ?? [];
    const frames = new Map<string, string[]>();
    for (const line of lines.slice(1)) {
      const pc = line.split('\t')[1];
      if (pc === undefined) continue;
      const list = frames.get(pc) ?? [];
      list.push(line);
      frames.set(pc, list);
    }
    return { pcs, frames };
  });
  // Stack PCs are return addresses; frame lines print pc-1.
  const framesOf = (frames: Map<string, string[]>, pc: string): string[] =>
    frames.get(`0x${(parseInt(pc, 16) - 1).toString(16)}`) ?? frames.get(pc) ?? [];
  const sizes = [16, 32, 48, 64, 128, 512, 4096];
  return writeHeapDump(out, head, () => {
    const random = seeded(1);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    return () => {
      const a = pick(parsed);
      const b = pick(parsed);
      const i = 1 + Math.floor(random() * a.pcs.length);
      const j = Math.floor(random() * b.pcs.length);
      const pcs = [...a.pcs.slice(0, i), ...b.pcs.slice(j)].slice(0, 32);
      const lines = pcs.flatMap((pc, k) => framesOf(k < i ? a.frames : b.frames, pc));
      const inuse = Math.floor(random() * 50);
      const more = Math.floor(random() * 50);
      const size = pick(sizes);
      return `${inuse}: ${inuse * size} [${inuse + more}: ${(inuse + more) * size}] @ ${pcs.join(' ')}\n${lines.join('\n')}\n\n`;
    };
  }, `\n${memStats}`, bytes);
}

/** The worst case (tools/bigheap-worstcase.py): every address shifted, so no two frames share a PC. */
export function writeWorstCaseHeap(source: string, bytes: number, out: string): number {
  const { head, records, memStats } = readHeapSource(source);
  return writeHeapDump(out, head, () => {
    const random = seeded(1);
    return () => records.map((record) => {
      const shift = (1 + Math.floor(random() * ((1 << 20) - 1))) * 16;
      return `${record.replace(/(?<=[ \t])0x([0-9a-f]+)/g, (_m, hex: string) => `0x${(parseInt(hex, 16) + shift).toString(16)}`)}\n\n`;
    }).join('');
  }, `\n${memStats}`, bytes);
}

/** The best case: the records repeated as they are. */
export function writeRepeatedHeap(source: string, bytes: number, out: string): number {
  const { head, records, memStats } = readHeapSource(source);
  const body = records.map((r) => `${r}\n\n`).join('');
  return writeHeapDump(out, head, () => () => body, `\n${memStats}`, bytes);
}

/** A goroutine?debug=2 dump repeated with its goroutine ids renumbered (every header differs). */
export function writeTraceback(source: string, bytes: number, out: string): number {
  const text = `${readFileSync(source, 'utf8').trimEnd()}\n\n`;
  // One dump: the ids renumbered, and one goroutine running (the handler's, in the first copy):
  // a second `[running]` block starts another dump of a stream (input/documents.ts).
  const copy = (k: number): string => text.replace(/^goroutine (\d+)|in goroutine (\d+)$/gm, (_m, id?: string, parent?: string) =>
    id !== undefined ? `goroutine ${Number(id) + k * 1_000_000}` : `in goroutine ${Number(parent) + k * 1_000_000}`);
  return writeRepeated(out, '', (k) => (k === 0 ? copy(k) : copy(k).replace(/^(goroutine \d+ )\[running\]/gm, '$1[runnable]')), '', bytes);
}

/** Compiler output repeated after its first line (the saved command line), gunzipped if needed. */
export function writeCompilerOutput(source: string, bytes: number, out: string): number {
  const raw = readFileSync(source);
  const text = (source.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const headEnd = text.indexOf('\n') + 1;
  const body = text.slice(headEnd).endsWith('\n') ? text.slice(headEnd) : `${text.slice(headEnd)}\n`;
  return writeRepeated(out, text.slice(0, headEnd), () => body, '', bytes);
}

/** The text of `sources` one after another, repeated (each Prometheus scrape stays whole, as `curl` in a loop saves them). */
export function writeRepeatedText(sources: readonly string[], bytes: number, out: string): number {
  const text = sources.map((source) => {
    const t = readFileSync(source, 'utf8');
    return t.endsWith('\n') ? t : `${t}\n`;
  }).join('');
  return writeRepeated(out, '', () => text, '', bytes);
}

/**
 * The real `go build -gcflags=all=-m=2 std` of the local Go toolchain, written to `out` whole
 * (~220 MB with Go 1.19; each release prints more): the compiler output the issue asks about,
 * not a piece of it repeated. Built with an empty build cache (a directory beside `out`, removed
 * after), so that every package is compiled and explained (~1 minute on two cores). Returns its
 * size, or undefined when the build failed.
 */
export function writeStdEscapeOutput(out: string): number | undefined {
  const cache = `${out}.gocache`;
  const fd = openSync(out, 'w');
  try {
    const build = spawnSync('go', ['build', '-gcflags=all=-m=2', 'std'], {
      env: { ...process.env, GOCACHE: cache, GOFLAGS: '' }, stdio: ['ignore', 'ignore', fd],
    });
    if (build.status !== 0) return undefined;
  } finally {
    closeSync(fd);
    rmSync(cache, { recursive: true, force: true });
  }
  return statSync(out).size;
}

/** The standard library packages parseheap parses: ~100 MB of profile with Go 1.19 (go/types: 102 MB; later releases, more). */
const PARSEHEAP_PACKAGES = ['go/types'];

/**
 * A real heap?debug=1 profile of a real Go program, written to `out` whole: parseheap
 * (bench/programs/parseheap, `program` its directory) built by the local Go toolchain and run over
 * PARSEHEAP_PACKAGES at MemProfileRate=1 (~70,000 records, ~1,000,000 frame lines, the frames
 * of one binary). Returns its size, or undefined when the build or the run failed.
 */
export function writeRealGoHeap(program: string, out: string): number | undefined {
  const work = mkdtempSync(join(tmpdir(), 'heapdoc-parseheap-'));
  try {
    const binary = join(work, 'parseheap');
    const env = { ...process.env, GOCACHE: join(work, 'cache'), GOFLAGS: '', GO111MODULE: 'on' };
    const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: program, env, stdio: 'ignore' });
    if (build.status !== 0) return undefined;
    const fd = openSync(out, 'w');
    try {
      if (spawnSync(binary, PARSEHEAP_PACKAGES, { stdio: ['ignore', fd, 'ignore'] }).status !== 0) return undefined;
    } finally {
      closeSync(fd);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return statSync(out).size;
}
