/**
 * The goroutine grammars on ≥100 MB built from real records of the corpus (leak/snap5):
 * - debug=1, the records repeated as they are (frame lines repeat, as across a real profile's stacks);
 * - debug=1 with every PC shifted per repetition, so that no frame line repeats (the worst case for
 *   the frame-line cache);
 * - debug=2, the dump repeated with its goroutine ids renumbered (every header differs, as in a real
 *   dump; file lines repeat, as they do in a real one).
 */
import { readFileSync } from 'node:fs';
import { GoroutineProfileReader } from '../src/grammar/goroutine/index.js';
import { TracebackReader } from '../src/grammar/traceback/index.js';
import { compare, type BenchResult } from './harness.js';

const CHUNK = 1 << 20;

/** Chunks of about 1 MiB: `head`, then `body(k)` for k = 0, 1, … until `targetBytes`. */
function build(head: string, body: (k: number) => string, targetBytes: number): { chunks: string[]; repetitions: number } {
  const chunks: string[] = [];
  let current = head;
  let size = head.length;
  let k = 0;
  while (size < targetBytes) {
    const part = body(k++);
    current += part;
    size += part.length;
    if (current.length >= CHUNK) {
      chunks.push(current);
      current = '';
    }
  }
  if (current) chunks.push(current);
  return { chunks, repetitions: k };
}

export function benchGoroutineProfile(fixture: string, targetBytes: number, distinctFrames: boolean): BenchResult {
  const text = readFileSync(fixture, 'utf8');
  const headerEnd = text.indexOf('\n') + 1;
  const body = `${text.slice(headerEnd).trimEnd()}\n\n`;
  const perBody = [...body.matchAll(/^(\d+) @/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const shift = (k: number): string => body.replace(/0x([0-9a-f]+)/g, (_m, hex: string) => `0x${(parseInt(hex, 16) + k * 0x1000000).toString(16)}`);
  // The header's total is the sum of the counts: written once the number of repetitions is known.
  const { chunks, repetitions } = build('goroutine profile: total 0\n', distinctFrames ? shift : () => body, targetBytes);
  chunks[0] = (chunks[0] ?? '').replace(/total \d+/, `total ${repetitions * perBody}`);
  const name = `goroutine?debug=1 grammar (${distinctFrames ? 'every frame line distinct' : 'records repeated'})`;
  return compare(name, chunks, (input) => {
    const reader = new GoroutineProfileReader('bench');
    for (const chunk of input) reader.push(chunk);
    const { profile, diagnostics } = reader.end();
    return `${profile.records.length.toLocaleString('en-US')} records, ${profile.recordTotal.toLocaleString('en-US')} goroutines, ${diagnostics.length} diagnostics`;
  });
}

export function benchTraceback(fixture: string, targetBytes: number): BenchResult {
  const text = `${readFileSync(fixture, 'utf8').trimEnd()}\n\n`;
  const renumber = (k: number): string => text.replace(/^goroutine (\d+)|in goroutine (\d+)$/gm, (m, id?: string, parent?: string) =>
    id !== undefined ? `goroutine ${Number(id) + k * 1_000_000}` : `in goroutine ${Number(parent) + k * 1_000_000}`);
  const { chunks } = build('', renumber, targetBytes);
  return compare('goroutine?debug=2 grammar (ids renumbered)', chunks, (input) => {
    const reader = new TracebackReader('bench');
    for (const chunk of input) reader.push(chunk);
    const { dump, diagnostics } = reader.end();
    return `${dump.goroutineCount.toLocaleString('en-US')} goroutines, ${dump.stacks.length} distinct stacks kept, ${diagnostics.length} diagnostics`;
  });
}
