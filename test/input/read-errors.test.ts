/**
 * What heapdoc says of a file it cannot open (sources.ts cannotRead), of a file a directory walk
 * found that is a failed capture (pipeline.ts isFailedCapture), and of paths inside or outside a
 * directory (common/paths.ts).
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leavesDirectory } from '../../src/common/paths.js';
import { detectKind } from '../../src/input/detect.js';
import { isFailedCapture } from '../../src/input/pipeline.js';
import { cannotRead } from '../../src/input/sources.js';
import { artifactUri } from '../../src/lint/formatters/sarif.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

describe('cannotRead', () => {
  it('says each cause in words, with its own fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-read-'));
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    const loop = await cannotRead('d/a', join(dir, 'a'), errno('ELOOP'));
    expect([loop.message, loop.hint]).toEqual(['d/a: a symbolic link loop: d/a -> b -> a', 'fix or remove the link']);
    // EACCES on a directory (a walk lists one it could not enter): it cannot be listed, not "check that the file exists".
    const locked = await cannotRead('dumps/locked', dir, errno('EACCES'));
    expect([locked.message, locked.hint]).toEqual(['dumps/locked: permission denied: cannot list this directory (EACCES)', 'let the user running heapdoc read it (chmod u+rx dumps/locked, or run as its owner), or leave it out']);
    const emfile = await cannotRead('d/x.txt', join(dir, 'x.txt'), errno('EMFILE'));
    expect([emfile.message, emfile.hint]).toEqual(['d/x.txt: cannot read: EMFILE (too many open files in this process)', 'raise the limit (ulimit -n) or lower --concurrency']);
    const file = await cannotRead('d/x.txt', join(dir, 'x.txt'), errno('EACCES'));
    expect([file.message, file.hint]).toEqual(['d/x.txt: cannot read: EACCES (permission denied)', 'check that the file exists and is readable']);
  });
});

describe('isFailedCapture', () => {
  const detect = (text: string): ReturnType<typeof detectKind> => detectKind(Buffer.from(text));
  it('a file named after its endpoint (also empty), or saved as a capture and an HTTP error page', () => {
    expect(isFailedCapture('dumps/02-t2.heap-debug1.txt', detect('404 page not found\n'))).toBe(true);
    expect(isFailedCapture('dumps/heap.txt', detect('anything\n'))).toBe(true);
    expect(isFailedCapture('dumps/03-t3.heap-debug1.txt', detect(''))).toBe(true);
    expect(isFailedCapture('dumps/03.txt', detect('502 Bad Gateway\n'))).toBe(true);
    expect(isFailedCapture('dumps/snap.json', detect('<!DOCTYPE html>\n<html>\n'))).toBe(true);
    // wget names a file after the URL's last part; an empty file saved as a profile; a GC log (the runtime's stderr).
    expect(isFailedCapture('dumps/heap?debug=1', detect(''))).toBe(true);
    expect(isFailedCapture('dumps/goroutine?debug=2', detect(''))).toBe(true);
    expect(isFailedCapture('dumps/cpu.pb.gz', detect(''))).toBe(true);
    expect(isFailedCapture('dumps/gctrace.log', detect(''))).toBe(true);
    expect(isFailedCapture('dumps/01.gctrace.stderr.log', detect(''))).toBe(true);
  });
  it('not a process\'s output beside the captures, whose name holds its program\'s (heap-leak), unless it is an error page', () => {
    expect(isFailedCapture('scenarios/mixed/heap-leak.stderr.log', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/goroutine-leak.log', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/heap-leak.stdout.txt', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/heap-leak.stderr.log', detect('404 page not found\n'))).toBe(true);
  });
  it('not a file that is simply something else', () => {
    expect(isFailedCapture('dumps/README.md', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/empty.txt', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/main.go.txt', detect('package main\n'))).toBe(false);
    expect(isFailedCapture('dumps/notes.txt', detect('taken after the deploy\n'))).toBe(false);
    expect(isFailedCapture('dumps/.gitkeep', detect(''))).toBe(false);
    expect(isFailedCapture('dumps/report.html', detect('<html>\n'))).toBe(false);
  });
});

describe('detectKind of UTF-16 text', () => {
  it('says what the text is once decoded (little- and big-endian, with or without a BOM)', () => {
    const dump = 'heap profile: 1: 16 [1: 16] @ heap/1048576\n1: 16 [1: 16] @ 0x1\n';
    const le = Buffer.from(dump, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(detectKind(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatchObject({ kind: 'utf16', decoded: 'heap' });
    expect(detectKind(le)).toMatchObject({ kind: 'utf16', decoded: 'heap' });
    expect(detectKind(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ kind: 'utf16', decoded: 'heap' });
    expect(detectKind(Buffer.from('hello, world\n', 'utf16le'))).toMatchObject({ kind: 'utf16', decoded: 'unknown' });
  });
});

describe('leavesDirectory', () => {
  it('is true for .. and ../…, false for a name that starts with two dots (Kubernetes ..data)', () => {
    expect(leavesDirectory('..')).toBe(true);
    expect(leavesDirectory(join('..', 'x'))).toBe(true);
    expect(leavesDirectory('/abs')).toBe(true);
    expect(leavesDirectory('..data')).toBe(false);
    expect(leavesDirectory(join('..data', 'a.txt'))).toBe(false);
    expect(leavesDirectory('...')).toBe(false);
  });
  it('a SARIF artifact under ..data is a relative uri (was an absolute file:// one)', () => {
    const base = mkdtempSync(join(tmpdir(), 'heapdoc-k8s-'));
    const file = { source: '..data/a.txt', path: join(base, '..data', 'a.txt'), kind: 'heap' as const, messages: [], suppressed: [] };
    expect(artifactUri(file, base)).toBe('..data/a.txt');
    // Outside it, as before: a file: URL.
    expect(artifactUri({ ...file, path: resolve(base, '..', 'b.txt') }, base)).toBe(pathToFileURL(resolve(base, '..', 'b.txt')).href);
  });
});
