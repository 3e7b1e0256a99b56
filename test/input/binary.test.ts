/**
 * Binary data inside a text input (input/binary.ts), piece by piece as a stream gives it: the part
 * from the NUL byte's line to a dump's first line is made empty lines, wherever the pieces are cut.
 * Real bytes: go1.19-audit38-mutexleak's t01 and t02 (?gc=1 heap dumps) around
 * go1.19-audit-verdicts/a-slowleak's 01-moment1.heap-gc1.pb.gz (a gzip'd protobuf profile, 1,828
 * bytes, its first NUL byte its 4th); larger captured dumps cut short (a capture that stopped) with
 * the profile joined after them, so that its NUL byte's line straddles the first 64 KiB.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BinarySkipper, newlinesIn, partsSaid, type BinaryPart } from '../../src/input/binary.js';
import { openBytes } from '../../src/input/sources.js';
import { readInput } from '../../src/input/pipeline.js';
import { ROOT } from '../helpers/fixtures.js';
import { runCli } from '../helpers/cli.js';
import { sarifSchemaErrors } from '../lint/sarif-schema.js';

const read = (f: string): Buffer => readFileSync(join(ROOT, 'test/fixtures', f));
const T01 = read('captured/go1.19-audit38-mutexleak/gc1/t01.heap-debug1-gc1.txt');
const T02 = read('captured/go1.19-audit38-mutexleak/gc1/t02.heap-debug1-gc1.txt');
const PB = read('captured/go1.19-audit-verdicts/a-slowleak/01-moment1.heap-gc1.pb.gz');

/** The text a skipper passes on of `bytes` cut into pieces of `size`, and the parts it found; the lines passed counted as streamText counts them. */
function skim(bytes: Buffer, size: number): { text: string; parts: BinaryPart[] } {
  const lines = { passed: 0 };
  const skipper = new BinarySkipper({ passed: () => lines.passed });
  const out: Buffer[] = [];
  const take = (pieces: Uint8Array[]): void => {
    for (const piece of pieces) {
      lines.passed += newlinesIn(piece, 0, piece.length);
      out.push(Buffer.from(piece));
    }
  };
  for (let at = 0; at < bytes.length; at += size) take(skipper.push(bytes.subarray(at, at + size)));
  take(skipper.end());
  return { text: Buffer.concat(out).toString('latin1'), parts: skipper.parts };
}

/** The profile's 1,828 bytes hold 6 newline bytes: t02's header starts on line 40 + 6. */
const NEWLINES = [...PB].filter((b) => b === 0x0a).length;

describe('BinarySkipper: t01, a gzip\'d profile, t02', () => {
  const joined = Buffer.concat([T01, PB, T02]);
  const expected = `${T01.toString('latin1')}${'\n'.repeat(NEWLINES)}${T02.toString('latin1')}`;

  it('the profile is one part, lines 40 to 46, its newlines kept; t01 and t02 pass whole, at any piece size', () => {
    expect([T01.length, PB.length, T02.length, NEWLINES]).toEqual([2141, 1828, 2166, 6]);
    for (const size of [joined.length, 4096, 2143, 2144, 3969, 3970, 3975, 100, 7, 1]) {
      const { text, parts } = skim(joined, size);
      expect(text, `pieces of ${size}`).toBe(expected);
      expect(parts, `pieces of ${size}`).toEqual([{ start: 2141, nul: 2144, end: 3969, resumed: true, line: 40, newlines: 6 }]);
    }
  });

  it('a profile at the end: one part to the end of the input; two profiles: two parts', () => {
    expect(skim(Buffer.concat([T01, PB]), 512).parts).toEqual([{ start: 2141, nul: 2144, end: 3969, resumed: false, line: 40, newlines: 6 }]);
    for (const size of [1000, 7, 1]) {
      const twice = skim(Buffer.concat([T01, PB, T02, PB, T01]), size);
      expect(twice.parts.map((p) => [p.start, p.end, p.line, p.resumed])).toEqual([[2141, 3969, 40, true], [6135, 7963, 85, true]]);
      expect(twice.text).toBe(`${T01.toString('latin1')}${'\n'.repeat(6)}${T02.toString('latin1')}${'\n'.repeat(6)}${T01.toString('latin1')}`);
    }
  });

  it('a file\'s line is what its reader counts again before the part, else unknown', () => {
    const file = new BinarySkipper({ before: (offset) => (offset === 2141 ? 39 : undefined) });
    file.push(joined);
    file.end();
    expect(file.parts.map((p) => [p.start, p.line])).toEqual([[2141, 40]]);
    const unknown = new BinarySkipper({ before: () => undefined });
    unknown.push(joined);
    expect(unknown.parts.map((p) => p.line)).toEqual([undefined]);
  });
});

/**
 * A captured dump cut short at `cut` bytes (mid-line), the profile joined after it, then another
 * whole dump of the same process: the part runs from the cut line's start to the next dump.
 */
function cutThenProfile(first: string, cut: number, second: string): Buffer {
  return Buffer.concat([read(first).subarray(0, cut), PB, read(second)]);
}

/** go1.19-audit28-overlimit's 04 cut at 65,534 bytes, in its line 766 (98 bytes from 65,453): the NUL byte's line straddles 65,536. */
const STRADDLE = cutThenProfile('captured/go1.19-audit28-overlimit/run/plain/04.heap-debug1.txt', 65_534, 'captured/go1.19-audit28-overlimit/run/plain/05.heap-debug1.txt');
const STRADDLE_PART: BinaryPart = { start: 65_453, nul: 65_537, end: 67_362, resumed: true, line: 766, newlines: 6 };
/** go1.19-audit28-bufgrow's long/gc1/05 cut at 65,540 bytes, 543 bytes into its 578-byte PauseNs line (line 805, from 64,997): a line longer than 256 bytes across 65,536. */
const LONG = cutThenProfile('captured/go1.19-audit28-bufgrow/long/gc1/05.heap-gc1.txt', 65_540, 'captured/go1.19-audit28-bufgrow/long/gc1/06.heap-gc1.txt');
const LONG_PART: BinaryPart = { start: 64_997, nul: 65_543, end: 67_368, resumed: true, line: 805, newlines: 6 };

/** The text expected: the input up to the part, its newlines, the input from where the text resumes. */
function around(bytes: Buffer, part: BinaryPart): string {
  return `${bytes.toString('latin1', 0, part.start)}${'\n'.repeat(part.newlines)}${bytes.toString('latin1', part.end)}`;
}

/** A stream cut into pieces of `size` (standard input, a URL), read as openInput reads one: its text and its parts. */
async function streamed(bytes: Buffer, size: number): Promise<{ text: string; parts: BinaryPart[] }> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  const opened = await openBytes(Readable.from(pieces), '-');
  let text = '';
  for await (const piece of opened.text) text += piece;
  return { text, parts: opened.binary.parts };
}

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-binary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file read as readInput reads one (its 64 KiB head, then MiB reads): its text and its parts. */
async function fromFile(bytes: Buffer, name: string): Promise<{ text: string; parts: BinaryPart[] | undefined }> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  let text = '';
  const input = await readInput({ type: 'file', name: file, path: file }, {
    accepts: ['memstats', 'sites'], commandReads: 'heap dumps',
    observe: async function* (pieces) {
      for await (const piece of pieces) {
        text += piece;
        yield piece;
      }
    },
  });
  return { text, parts: input?.binaryParts };
}

describe('a NUL byte\'s line across the first 64 KiB, a long line cut at a piece\'s end: the same text and part, however the input is cut', () => {
  for (const [what, bytes, part] of [['straddling 65,536', STRADDLE, STRADDLE_PART], ['longer than 256 bytes', LONG, LONG_PART]] as const) {
    it(`${what}: the part from the line's start; a file and a stream cut in pieces of 1, 7, 256, 257, 4,096 and 65,536 bytes alike`, async () => {
      // The numbers read from the input itself: the line of the cut, the first NUL byte, the next dump's first line.
      expect(bytes.lastIndexOf(0x0a, part.nul) + 1).toBe(part.start);
      expect([bytes.indexOf(0), bytes.indexOf('heap profile:', part.nul), newlinesIn(bytes, 0, part.start) + 1]).toEqual([part.nul, part.end, part.line]);
      const expected = around(bytes, part);
      const file = await fromFile(bytes, `${part.line}.txt`);
      expect(file.parts).toEqual([part]);
      expect(file.text === expected).toBe(true);
      for (const size of [1, 7, 256, 257, 4096, 65_536, bytes.length]) {
        const { text, parts } = await streamed(bytes, size);
        expect(parts, `pieces of ${size}`).toEqual([part]);
        expect(text === expected, `pieces of ${size}`).toBe(true);
      }
    }, 120_000);
  }

  // t01's last line made 70,000 bytes long (its newline replaced by spaces), then the profile: the NUL byte 70,003 bytes into line 39.
  const longLine = (length: number): Buffer => Buffer.concat([T01.subarray(0, T01.length - 1), Buffer.alloc(length - (T01.length - 1 - LINE39), 0x20), PB, T02]);
  const LINE39 = T01.lastIndexOf(0x0a, T01.length - 2) + 1;

  it('a NUL byte on a line longer than 64 KiB: the whole line is the part (was: its head passed as text), from a file and streams of 1, 7 and 65,536-byte pieces alike', async () => {
    const long = longLine(70_000);
    const nul = long.indexOf(0);
    const part: BinaryPart = { start: LINE39, nul, end: LINE39 + 70_000 + PB.length, resumed: true, line: 39, newlines: 6 };
    expect([LINE39, nul, newlinesIn(long, 0, LINE39) + 1, long.indexOf('heap profile:', nul)]).toEqual([2122, 72_125, 39, 73_950]);
    const expected = around(long, part);
    // Nothing of line 39 reaches the parser: t01's 38 lines, 6 empty lines, t02.
    expect(expected).toBe(`${T01.toString('latin1', 0, LINE39)}${'\n'.repeat(6)}${T02.toString('latin1')}`);
    for (const size of [1, 7, 65_536, 1 << 20]) {
      const { text, parts } = skim(long, size);
      expect(parts, `pieces of ${size}`).toEqual([part]);
      expect(text === expected, `pieces of ${size}`).toBe(true);
    }
    for (const size of [1, 7, 65_536]) {
      const { text, parts } = await streamed(long, size);
      expect(parts, `stream of ${size}`).toEqual([part]);
      expect(text === expected, `stream of ${size}`).toBe(true);
    }
    const file = await fromFile(long, 'long-line.txt');
    expect(file.parts).toEqual([part]);
    expect(file.text === expected).toBe(true);
  }, 120_000);

  it('a line longer than the parser reads (4 MiB: more than its 1 MiB of characters) is passed on, and a NUL byte on it starts the part there, at any piece size', () => {
    const long = longLine(4 * (1 << 20) + 100);
    const nul = long.indexOf(0);
    const part: BinaryPart = { start: nul, nul, end: nul - 3 + PB.length, resumed: true, line: 39, newlines: 6 };
    for (const size of [4096, 65_536, 1 << 20, long.length]) {
      const { text, parts } = skim(long, size);
      expect(parts, `pieces of ${size}`).toEqual([part]);
      expect(text === around(long, part), `pieces of ${size}`).toBe(true);
    }
  }, 120_000);
});

describe('many parts (hostile input): each costs its own bytes, not those before it', () => {
  it('t01, then `heap profile: \\0` 20,000 times: 20,000 parts of 15 bytes on line 40, in one piece or in 64 KiB ones (was: Maximum call stack size exceeded)', () => {
    const many = Buffer.concat([T01, Buffer.from('heap profile: \0'.repeat(20_000), 'latin1')]);
    for (const size of [many.length, 65_536]) {
      const started = performance.now();
      const { text, parts } = skim(many, size);
      expect([parts.length, parts[0], parts[19_999]]).toEqual([20_000, { start: 2141, nul: 2155, end: 2156, resumed: true, line: 40, newlines: 0 }, { start: 2141 + 15 * 19_999, nul: 2155 + 15 * 19_999, end: many.length, resumed: false, line: 40, newlines: 0 }]);
      expect(text).toBe(T01.toString('latin1'));
      expect(performance.now() - started, `pieces of ${size}`).toBeLessThan(20_000);
    }
  });
});

describe('many parts (hostile input): the first five said each, the rest as one line', () => {
  // t01 (2,141 bytes, 39 lines), then `heap profile: \0` 10,000 times: parts of 15 bytes on line 40, to byte 152,141 (70,000 were 70,000 lines).
  const many = Buffer.concat([T01, Buffer.from('heap profile: \0'.repeat(10_000), 'latin1')]);
  const file = join(dir, 'many-parts.txt');
  writeFileSync(file, many);
  const part = (i: number): BinaryPart => ({ start: 2141 + 15 * i, nul: 2155 + 15 * i, end: 2156 + 15 * i, resumed: true, line: 40, newlines: 0 });
  const words = (i: number): [string, string] => [
    `line 40: binary data (a NUL byte at byte ${(2155 + 15 * i).toLocaleString('en-US')}), 15 bytes up to the next dump (line 40), skipped; the text before and after it was read`,
    `the input is damaged or another file was joined into it: cut the binary part out (head -c ${2141 + 15 * i} FILE > before.txt; tail -c +${2157 + 15 * i} FILE > after.txt), or capture the dumps again`,
  ];
  const more: [string, string] = ['… and 9,995 more binary parts (bytes 2,216–152,141), skipped', 'binary data in many places: is the input a text dump? Capture the dumps again (?debug=1), one file each'];
  /** As Markdown writes text: `>` escaped, a URL's query as code. */
  const md = (text: string): string => text.replaceAll('>', '&gt;').replace('(?debug=1)', '(`?debug=1`)');
  const said = [0, 1, 2, 3, 4].map(words).concat([more]);

  it('partsSaid: five parts as they are, then one for the rest: how many, from the sixth\'s start to the last\'s end', () => {
    const parts = [0, 1, 2, 3, 4, 5, 6].map(part);
    expect(partsSaid(parts.slice(0, 5))).toEqual(parts.slice(0, 5));
    expect(partsSaid(parts)).toEqual([...parts.slice(0, 5), { more: 2, start: 2216, end: 2246, line: 40 }]);
  });

  it('analyze and lint (stylish, Markdown, JSON, SARIF): 6 lines for 10,000 parts, exit 2; JSON counts them all (binaryPartCount)', async () => {
    expect(many.length).toBe(152_141);
    const analyze = await runCli([file, '--format', 'json']);
    expect(analyze.code).toBe(2);
    expect(analyze.stderr).toBe(said.map(([m, h]) => `heapdoc: error: ${file}: ${m} — ${h}\n`).join(''));
    const lint = await runCli(['lint', file]);
    // lint says them once, in its report (audit 44 F13c: on stderr too, as analyze says them).
    expect([lint.code, lint.stderr]).toEqual([2, '']);
    expect(lint.stdout).toBe(`\n${file}\n${said.map(([m, h]) => `  40:1  error  ${m.replace('line 40: ', '')}\n               ${h}\n`).join('')}\n✖ 6 problems (6 errors, 0 warnings)\n✖ 1 input read in part (binary data skipped), 1 dump linted\n`);
    const markdown = await runCli(['lint', file, '--format', 'markdown']);
    expect(markdown.stdout.split('\n').filter((l) => l.startsWith('| <code>'))).toEqual(said.map(([m, h]) => `| <code>${file}</code> | 40:1 | error | — | ${md(`${m.replace('line 40: ', '')} — ${h}`)} |`));
    const json = await runCli(['lint', file, '--format', 'json']);
    const entries = JSON.parse(json.stdout) as { filePath: string; readInPart: boolean; binaryPartCount: number; errorCount: number; messages: Record<string, unknown>[] }[];
    expect(entries.map((e) => [e.filePath, e.readInPart, e.binaryPartCount, e.errorCount, e.messages.length])).toEqual([[file, true, 10_000, 6, 6]]);
    expect(entries[0]?.messages[4]?.binaryPart).toEqual({ startByte: 2201, nulByte: 2215, endByte: 2216, resumed: true });
    expect(entries[0]?.messages[5]).toEqual({ ruleId: null, severity: 2, message: more[0], line: 40, column: 1, fix: more[1], moreBinaryParts: { count: 9995, startByte: 2216, endByte: 152_141 } });
    const sarif = await runCli(['lint', file, '--format', 'sarif']);
    expect(sarifSchemaErrors(JSON.parse(sarif.stdout))).toEqual([]);
    const notes = (JSON.parse(sarif.stdout) as { runs: { invocations: { toolExecutionNotifications: { locations: { physicalLocation: { region: unknown } }[]; properties: unknown }[] }[] }[] }).runs[0]?.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => [n.locations[0]?.physicalLocation.region, n.properties]).slice(4)).toEqual([
      [{ startLine: 40, byteOffset: 2201, byteLength: 15 }, { readInPart: true }],
      [{ startLine: 40, byteOffset: 2216, byteLength: 149_925 }, { readInPart: true, moreBinaryParts: 9995 }],
    ]);
  }, 120_000);
});

describe('the CLI on both: one problem line, exit 2, the same dumps from the file and from standard input', () => {
  for (const [bytes, part] of [[STRADDLE, STRADDLE_PART], [LONG, LONG_PART]] as const) {
    it(`line ${part.line}: the part said once, the dumps read alike`, async () => {
      const file = join(dir, `cli-${part.line}.txt`);
      writeFileSync(file, bytes);
      const said = (name: string): string => `heapdoc: error: ${name}: line ${part.line}: binary data (a NUL byte at byte ${part.nul.toLocaleString('en-US')}), ${(part.end - part.start).toLocaleString('en-US')} bytes up to the next dump (line ${(part.line ?? 0) + part.newlines}), skipped; the text before and after it was read`
        + ` — the input is damaged or another file was joined into it: cut the binary part out (head -c ${part.start} FILE > before.txt; tail -c +${part.end + 1} FILE > after.txt), or capture the dumps again`;
      const r = await runCli([file, '--format', 'json']);
      const s = await runCli(['-', '--format', 'json'], { input: bytes });
      expect([r.code, s.code]).toEqual([2, 2]);
      expect(r.stderr.split('\n').filter((l) => l.includes('binary data'))).toEqual([said(file)]);
      expect(s.stderr.split('\n').filter((l) => l.includes('binary data'))).toEqual([said('-')]);
      expect(s.stderr.replaceAll('standard input', file).replaceAll('-: ', `${file}: `)).toBe(r.stderr);
      const read = (out: string): unknown => (JSON.parse(out) as { snapshots: { source: string; memStats?: { HeapAlloc: number } }[] }).snapshots.map((sn) => [sn.source.slice(sn.source.lastIndexOf(':')), sn.memStats?.HeapAlloc]);
      expect(read(s.stdout)).toEqual(read(r.stdout));
      // No piece of the cut line reached the parser as text: no diagnostic beside the part.
      expect([(JSON.parse(r.stdout) as { diagnostics: unknown[] }).diagnostics, (JSON.parse(s.stdout) as { diagnostics: unknown[] }).diagnostics]).toEqual([[], []]);
    }, 120_000);
  }
});

describe('a stream\'s lines are counted to its end: a part after its first MiB has its line', () => {
  // goroutine-leak's t4 and t5 (debug=2 goroutine dumps: 547,757 and 683,238 bytes, 28,928 lines), the profile, then t6:
  // the part from byte 1,230,995 (line 28,929) to t6's first block, whose header follows the profile mid-line (line 28,935).
  // Was: to t6's second block (line 28,957), its first lost (2,403 goroutines read of t6's 2,404).
  const G = 'scenarios/goroutine-leak';
  const bytes = Buffer.concat([read(`${G}/04-t4.goroutine-debug2.txt`), read(`${G}/05-t5.goroutine-debug2.txt`), PB, read(`${G}/06-t6.goroutine-debug2.txt`)]);
  const part: BinaryPart = { start: 1_230_995, nul: 1_230_998, end: 1_232_823, resumed: true, line: 28_929, newlines: 6 };

  it('streamed in pieces of 4,096 and 65,536 bytes, and read from a file: the same part, its line', async () => {
    expect([bytes.indexOf(0), newlinesIn(bytes, 0, part.start) + 1, newlinesIn(bytes, part.start, part.end)]).toEqual([part.nul, part.line, part.newlines]);
    for (const size of [4096, 65_536]) expect((await streamed(bytes, size)).parts, `pieces of ${size}`).toEqual([part]);
  }, 120_000);

  it('standard input and the file say the same line (was `-: byte 1230995:` from standard input)', async () => {
    const file = join(dir, 'goroutines.txt');
    writeFileSync(file, bytes);
    const said = (name: string): string => `heapdoc: error: ${name}: line 28929: binary data (a NUL byte at byte 1,230,998), 1,828 bytes up to the next dump (line 28935), skipped; the text before and after it was read`
      + ' — the input is damaged or another file was joined into it: cut the binary part out (head -c 1230995 FILE > before.txt; tail -c +1232824 FILE > after.txt), or capture the dumps again';
    const r = await runCli([file, '--format', 'json']);
    const s = await runCli(['-', '--format', 'json'], { input: bytes });
    expect([r.code, s.code]).toEqual([2, 2]);
    expect(r.stderr.split('\n').filter((l) => l.includes('binary data'))).toEqual([said(file)]);
    expect(s.stderr.split('\n').filter((l) => l.includes('binary data'))).toEqual([said('-')]);
    // t6 read whole, its first block (goroutine 2562, running) included: 2,404 goroutines, as 06-t6 alone has (was 2,403, from line 28957).
    const totals = (out: string): unknown => (JSON.parse(out) as { goroutines: { source: string; total: number }[] }).goroutines.map((g) => [g.source.slice(g.source.lastIndexOf(':') + 1), g.total]);
    expect(totals(r.stdout)).toEqual([['1', 1604], ['12870', 2004], ['28935', 2404]]);
    expect(totals(s.stdout)).toEqual(totals(r.stdout));
  }, 120_000);
});
