/**
 * Hostile networks: a body cut partway, a server that stalls, a body over --max-bytes, TLS spoken
 * to a plain port. Each ends in one line and exit 2, never a stack trace. The servers are loopback
 * servers created here; every wait is bounded by --timeout.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeapdocError } from '../../src/input/errors.js';
import { DEFAULT_FETCH_OPTIONS, inputBytes, openInput, timeoutMsOf, type InputRef } from '../../src/input/sources.js';
import { runCli } from '../helpers/cli.js';
import { readCorpus } from '../helpers/fixtures.js';

const DUMP = Buffer.from(readCorpus('go1.23/memrate/rate-1.heap-debug1.txt'));
/** Stored, not compressed: large enough that gunzip is streaming when the connection fails. */
const GZIPPED = gzipSync(DUMP, { level: 0 });

let server: Server;
let base = '';
const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  // Half the gzip body, then the connection is reset.
  '/gzip-reset': (req, res) => {
    res.writeHead(200, { 'content-length': GZIPPED.length });
    res.write(GZIPPED.subarray(0, GZIPPED.length >> 1), () => setTimeout(() => req.socket.destroy(), 20));
  },
  // Half the gzip body, then nothing: only --timeout ends it.
  '/gzip-stall': (_req, res) => {
    res.writeHead(200, { 'content-length': GZIPPED.length });
    res.write(GZIPPED.subarray(0, GZIPPED.length >> 1));
  },
  '/gzip-whole': (_req, res) => res.end(GZIPPED),
  // Redirects a fuzzer tried: a Location that is no URL, and one to another scheme.
  '/redirect-garbage': (_req, res) => res.writeHead(302, { location: 'http://[::1' }).end(),
  '/redirect-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  // The whole dump at once.
  '/chunks': (_req, res) => res.end(DUMP),
  // The dump in four parts, 40 ms apart.
  '/drip': (_req, res) => {
    const part = Math.ceil(DUMP.length / 4);
    const send = (i: number): void => {
      if (i >= 4) return void res.end();
      res.write(DUMP.subarray(i * part, (i + 1) * part));
      setTimeout(() => send(i + 1), 40);
    };
    send(0);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => (ROUTES[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function urlRef(path: string, scheme = 'http'): InputRef {
  const name = `${base.replace(/^http/, scheme)}${path}`;
  return { type: 'url', name, url: new URL(name) };
}

/** Reads an input to its end and gives back the error it ends with. */
async function failure(ref: InputRef, options = DEFAULT_FETCH_OPTIONS): Promise<HeapdocError> {
  try {
    const input = await openInput(ref, options);
    for await (const _ of input.text) void _;
  } catch (error) {
    expect(error).toBeInstanceOf(HeapdocError);
    return error as HeapdocError;
  }
  throw new Error('the input was read without an error');
}

describe('a gzip body that fails partway', () => {
  it('a reset connection: one line, exit 2 (the CLI, as a user runs it)', async () => {
    const r = await runCli([`${base}/gzip-reset`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: ${base}/gzip-reset: the download failed: the server closed the connection before the answer was complete — try again; for a slow or large dump raise --timeout, or save it with curl and pass the file\n`);
  });

  it('a stalled body ends at --timeout with the timeout named', async () => {
    const error = await failure(urlRef('/gzip-stall'), { ...DEFAULT_FETCH_OPTIONS, timeoutMs: 300 });
    expect(error.message).toBe(`${base}/gzip-stall: the download failed: no complete answer within 0.3 s`);
  });

  it('a body over --max-bytes ends at the limit, not as damaged gzip', async () => {
    const error = await failure(urlRef('/gzip-whole'), { ...DEFAULT_FETCH_OPTIONS, maxBytes: 20_000 });
    expect(error.message).toBe(`${base}/gzip-whole: the response is larger than 20000 bytes`);
    expect(error.hint).toBe('raise the limit with --max-bytes, or save the dump with curl and pass the file');
  });

  it('the whole gzip body is read through gunzip', async () => {
    const input = await openInput(urlRef('/gzip-whole'));
    expect(input.detection.kind).toBe('heap');
    let chars = 0;
    for await (const text of input.text) chars += text.length;
    expect(chars).toBe(DUMP.toString('utf8').length);
  });
});

describe('--timeout bounds the network, not the parse', () => {
  it('a slow reader of a fast server is not timed out', async () => {
    // 150 ms of network time allowed; the body takes 120 ms to come and the reader 200 ms more.
    const started = performance.now();
    let bytes = 0;
    for await (const chunk of inputBytes(urlRef('/drip'), { ...DEFAULT_FETCH_OPTIONS, timeoutMs: 150 })) {
      bytes += chunk.byteLength;
      await new Promise((resolve) => setTimeout(resolve, bytes === chunk.byteLength ? 200 : 20));
    }
    expect(bytes).toBe(DUMP.length);
    expect(performance.now() - started).toBeGreaterThan(150);
  });
});

describe('TLS spoken to a plain HTTP port', () => {
  it('says so in words, without the OpenSSL text', async () => {
    const error = await failure(urlRef('/chunks', 'https'));
    expect(error.message).toBe(`${base.replace('http', 'https')}/chunks: cannot fetch: the server does not speak TLS (https) on this port`);
    expect(error.hint).toBe('pprof is usually served over plain HTTP: use http:// instead of https://');
  });
});

describe('what a fuzzer found on the network side', () => {
  it('a redirect to what is not a URL, or to file:, is one line naming it', async () => {
    const garbage = await runCli([`${base}/redirect-garbage`]);
    expect(garbage.stderr).toBe(`heapdoc: error: ${base}/redirect-garbage: the server redirected to "http://[::1", which is not a URL — pass the final URL directly\n`);
    expect(garbage.code).toBe(2);
    const file = await runCli([`${base}/redirect-file`]);
    expect(file.stderr).toBe(`heapdoc: error: ${base}/redirect-file: the server redirected to a file: URL; heapdoc follows http and https only — pass the final URL directly, or save the dump with curl and pass the file\n`);
  });

  it('a port that Node\'s fetch refuses (6000) is named as such, not as a program that is not running', async () => {
    const r = await runCli(['http://127.0.0.1:6000/debug/pprof/heap?debug=1']);
    expect(r.stderr).toBe("heapdoc: error: http://127.0.0.1:6000/debug/pprof/heap?debug=1: cannot fetch: Node's fetch refuses this port (one of the ports browsers block, as 6000 and 6665–6669) — serve pprof on another port (6060 is usual), or save the dump with curl and pass the file\n");
  });

  it('--timeout past what a timer holds is refused, not a timeout at once', () => {
    expect(timeoutMsOf('2147483')).toBe(2_147_483_000);
    expect(() => timeoutMsOf('2147484')).toThrow('--timeout 2147484: more than 2,147,483 seconds (24 days), the longest a timer holds');
    expect(() => timeoutMsOf('1e400')).toThrow('--timeout 1e400: more than 2,147,483 seconds');
    expect(() => timeoutMsOf('0')).toThrow('--timeout 0: not a positive number of seconds');
  });
});
