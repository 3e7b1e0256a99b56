/**
 * Input kinds are detected from content, never from file names (contract.md): magic bytes say
 * what a binary is; the first non-empty lines say which format of the registry a text is.
 */
import { FORMATS, GOROUTINE_HEADER, startsTraceback, type DetectionHead, type FormatKind } from './registry.js';
import { HTTP_STATUS_LINE } from './foreign.js';

/** A format of the registry, or what is not one. */
export type InputKind =
  | FormatKind
  | 'gzip' // a protobuf profile (the endpoint without ?debug=1) or any gzip file
  | 'binary'
  | 'utf16' // text saved as UTF-16 (PowerShell's `>` on Windows PowerShell 5)
  | 'utf32' // text saved as UTF-32 (its byte-order mark begins as UTF-16's does)
  | 'empty'
  | 'unknown';

export interface Detection {
  kind: InputKind;
  /** Binary data that begins as a protobuf message does (a profile's first field tag). */
  protobuf?: true;
  /** The first non-empty line (for messages), without control characters. */
  firstLine: string;
  /** An unknown text with a goroutine header in its head: the 1-based line where the goroutine dump (or the crash's output) starts. */
  tracebackStart?: { line: number; text: string };
  /**
   * UTF-16 or UTF-32 text: the kind of its head once decoded (a heap dump PowerShell 5 saved with
   * `>`), so a dump a directory walk found is said as UTF-16 or UTF-32, not skipped as "not a dump".
   */
  decoded?: InputKind;
  /**
   * An unknown text that is an HTTP response (curl -i output) whose status is not 2xx: its status
   * ("502 Bad Gateway") and Content-Type, when a header says it. An error page is no dump to cut
   * out of the response: the refusal says the status, not "drop -i". `body`: the body's first
   * line, when the head holds one (net/http's `404 page not found`).
   */
  httpError?: { status: string; contentType?: string; body?: string };
  /**
   * Binary data after text of a format (a dump, then bytes of another file, then maybe another
   * dump: `cat` of a damaged copy): the format, the first NUL byte's offset and its 1-based line.
   */
  textBefore?: { kind: InputKind; nul: number; line: number };
}

/** How many bytes detection looks at: enough for the first lines of every format. */
export const DETECTION_BYTES = 64 * 1024;

/**
 * The first byte is a protobuf field tag a profile.proto Profile can start with: a field number
 * of 1–14 and a wire type of varint, 64-bit, length-delimited or 32-bit (Go writes sample_type
 * first: 0x0a). Gzip around zeros (a gzip bomb) or other binary data is not taken for a profile.
 */
function startsLikeProtobuf(head: Uint8Array): boolean {
  if (isTarArchive(head)) return false; // a .tgz begins with a file name, which reads as a tag too
  const tag = head[0] ?? 0;
  const field = tag >> 3;
  const wire = tag & 7;
  return field >= 1 && field <= 14 && (wire === 0 || wire === 1 || wire === 2 || wire === 5);
}

/** POSIX tar: `ustar` at offset 257 of the first header (an npm package, `tar czf` of a folder). */
function isTarArchive(head: Uint8Array): boolean {
  return head[257] === 0x75 && head[258] === 0x73 && head[259] === 0x74 && head[260] === 0x61 && head[261] === 0x72;
}

/** A line of the head as messages quote it: each control character a space. */
function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function detectKind(head: Uint8Array): Detection {
  if (head.length === 0) return { kind: 'empty', firstLine: '' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip', firstLine: '' };
  // UTF-16 without a byte-order mark, and binary data, hold NUL bytes: one native search decides
  // for nearly every text, where a loop over the head's bytes cost lint ~10 µs a file.
  const hasNul = firstNul(head) >= 0;
  if (hasUtf32Bom(head)) return { kind: 'utf32', firstLine: '', decoded: utf32Kind(head) };
  if (hasUtf16Bom(head) || (hasNul && looksUtf16(head))) return { kind: 'utf16', firstLine: '', decoded: utf16Kind(head) };
  if (hasNul || manyOddBytes(head)) {
    const textBefore = hasNul ? textBeforeNul(head) : undefined;
    return { kind: 'binary', firstLine: '', ...(startsLikeProtobuf(head) ? { protobuf: true } : {}), ...(textBefore ? { textBefore } : {}) };
  }
  const lines = new HeadLines(head);
  const firstLine = printable(lines.first).slice(0, 120);
  if (lines.first === '') return { kind: 'empty', firstLine };
  const format = FORMATS.find((f) => f.detect(lines));
  if (format) return { kind: format.kind, firstLine };
  const start = lines.lines.some((l) => GOROUTINE_HEADER.test(l)) ? tracebackStart(head) : undefined;
  if (start) return { kind: 'unknown', firstLine, tracebackStart: start };
  const httpError = httpErrorOf(lines, head);
  return httpError ? { kind: 'unknown', firstLine, httpError } : { kind: 'unknown', firstLine };
}

/**
 * An HTTP response's non-2xx status (`HTTP/1.1 502 Bad Gateway`: the words after the version), its
 * Content-Type header (the first one, above the body) and its body's first line.
 */
function httpErrorOf(lines: HeadLines, head: Uint8Array): Detection['httpError'] {
  if (!HTTP_STATUS_LINE.test(lines.first)) return undefined;
  const status = lines.first.slice(lines.first.indexOf(' ') + 1);
  if (status.startsWith('2')) return undefined;
  const header = lines.sample.find((l) => /^content-type:/i.test(l));
  const contentType = header?.slice(header.indexOf(':') + 1).trim();
  const body = bodyFirstLine(head);
  return {
    status: printable(status).trim().slice(0, 60),
    ...(contentType ? { contentType: printable(contentType).slice(0, 60) } : {}),
    ...(body ? { body: printable(body).slice(0, 60) } : {}),
  };
}

/** The first non-empty line below an HTTP response's headers (the first empty line after its status line), trimmed; undefined without a body. */
function bodyFirstLine(head: Uint8Array): string | undefined {
  const text = UTF8.decode(head.subarray(0, FIRST_LINE_BYTES));
  const headersEnd = /\r?\n\r?\n/g;
  headersEnd.lastIndex = Math.max(0, text.indexOf('HTTP/'));
  if (!headersEnd.exec(text)) return undefined;
  return text.slice(headersEnd.lastIndex).split(/\r?\n/).find((l) => l.trim() !== '')?.trim();
}

/** A head that is text of a format up to its first NUL byte (whole lines of it, no other odd bytes): where the binary part starts. */
function textBeforeNul(head: Uint8Array): Detection['textBefore'] {
  const nul = firstNul(head);
  const text = head.subarray(0, nul);
  if (nul <= 0 || text.indexOf(0x0a) < 0 || manyOddBytes(text)) return undefined;
  const format = FORMATS.find((f) => f.detect(new HeadLines(text)));
  if (!format) return undefined;
  let line = 1;
  for (let at = text.indexOf(0x0a); at >= 0; at = text.indexOf(0x0a, at + 1)) line++;
  return { kind: format.kind, nul, line };
}

/** Where a goroutine dump or crash output starts in a head that has other lines above it (a log): its 1-based line, counting empty lines. */
function tracebackStart(head: Uint8Array): { line: number; text: string } | undefined {
  const all = UTF8.decode(head).split('\n');
  const index = all.findIndex((l) => startsTraceback(l));
  const line = all[index];
  return line === undefined ? undefined : { line: index + 1, text: printable(line).slice(0, 60).trimEnd() };
}

/**
 * What the detectors read of a head. The whole head is decoded and split only for a detector that
 * asks for more than the first line: a heap dump's is enough, and lint detects every file of a
 * directory (64 KiB each). A class, not an object literal with getters: the literal's getters
 * were closures of their own for every file, and its hidden class with them, which V8 keeps
 * outside the young generation; the head's lines then outlived young-generation collections.
 */
class HeadLines implements DetectionHead {
  readonly first: string;
  private nonEmpty: string[] | undefined;

  constructor(private readonly head: Uint8Array) {
    this.first = firstNonEmptyLine(head) ?? (this.lines[0] ?? '').trim();
  }

  get lines(): string[] {
    return (this.nonEmpty ??= nonEmptyLines(this.head));
  }

  get sample(): string[] {
    return this.lines.slice(0, 20);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** How many bytes are decoded to look for the first line before the whole head is. */
const FIRST_LINE_BYTES = 4096;

function nonEmptyLines(bytes: Uint8Array): string[] {
  return UTF8.decode(bytes).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
}

/**
 * The first non-empty line, trimmed, from the first FIRST_LINE_BYTES bytes: '' when the head is
 * that short and has none; undefined when it is longer and no whole line (its newline included)
 * is in them, and the caller reads the whole head. A line cut at the prefix's end (or a character
 * cut in two there) is never taken.
 */
function firstNonEmptyLine(head: Uint8Array): string | undefined {
  const whole = head.length <= FIRST_LINE_BYTES;
  const text = UTF8.decode(whole ? head : head.subarray(0, FIRST_LINE_BYTES)).replace(/^\uFEFF/, '');
  for (let start = 0; ;) {
    const newline = text.indexOf('\n', start);
    if (newline < 0 && !whole) return undefined;
    const line = text.slice(start, newline < 0 ? text.length : newline).trim();
    if (line !== '' || newline < 0) return line;
    start = newline + 1;
  }
}

/** Control characters that no text format here contains (tab, newlines, form feed excepted). */
const ODD_BYTE = /[\x00-\x08\x0e-\x1f\x7f]/;

/** Many such bytes in the first 4 KiB: binary data, though it holds no NUL. */
function manyOddBytes(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  const bytes = Buffer.from(head.buffer, head.byteOffset, n);
  if (!ODD_BYTE.test(bytes.toString('latin1'))) return false; // the common case, by a native scan
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) odd++;
  }
  return odd > n / 20;
}

/** Where the first NUL byte is, or -1. No text dump holds one: past the head, it means damage. */
export function firstNul(bytes: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0);
}

/** UTF-32's byte-order marks, FF FE 00 00 (little-endian: UTF-16's FF FE, then a NUL character) and 00 00 FE FF. */
function hasUtf32Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) || (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff);
}

/**
 * UTF-16 text: a byte-order mark, or (without one: looksUtf16) ASCII text with a NUL beside
 * every character, which is what UTF-16 makes of the ASCII that every dump is made of.
 */
function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** The kind of a UTF-16 head's text (little-endian unless its BOM or its NULs say big-endian). */
function utf16Kind(head: Uint8Array): InputKind {
  const bigEndian = (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0 && head[1] !== 0);
  const text = new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le').decode(head.subarray(0, head.length & ~1));
  const kind = detectKind(Buffer.from(text, 'utf8')).kind;
  return kind === 'utf16' ? 'unknown' : kind;
}

/**
 * The kind of a UTF-32 head's text (its BOM says the byte order). TextDecoder has no UTF-32: the
 * characters are read four bytes at a time; one past U+10FFFF is U+FFFD, as a decoder makes it.
 */
function utf32Kind(head: Uint8Array): InputKind {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.length & ~3);
  const bigEndian = bytes[0] === 0;
  let text = '';
  for (let at = 4; at < bytes.length; at += 4) {
    const code = bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at);
    text += String.fromCodePoint(code > 0x10ffff ? 0xfffd : code);
  }
  const kind = detectKind(Buffer.from(text, 'utf8')).kind;
  return kind === 'utf16' || kind === 'utf32' ? 'unknown' : kind;
}

function looksUtf16(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (oddNul > pairs * 0.9 && evenNul === 0) || (evenNul > pairs * 0.9 && oddNul === 0);
}
