/** The heap grammar on ≥100 MB built by repeating real records from the corpus. */
import { readFileSync } from 'node:fs';
import { HeapDumpReader } from '../src/grammar/heap/index.js';
import { compare, repeatToSize, type BenchResult } from './harness.js';

export function benchHeap(fixture: string, targetBytes: number): BenchResult {
  const text = readFileSync(fixture, 'utf8');
  const memStatsAt = text.indexOf('\n# runtime.MemStats');
  const headerEnd = text.indexOf('\n') + 1;
  const head = text.slice(0, headerEnd);
  const body = `${text.slice(headerEnd, memStatsAt).trimEnd()}\n\n`;
  const tail = text.slice(memStatsAt);
  const chunks = repeatToSize(head, body, tail, targetBytes);
  return compare('heap?debug=1 grammar', chunks, (input) => {
    const reader = new HeapDumpReader('bench');
    for (const chunk of input) reader.push(chunk);
    const { dump, diagnostics } = reader.end();
    return `${dump.recordCount.toLocaleString('en-US')} records, ${dump.stacks.length} distinct stacks kept, ${diagnostics.length} diagnostics`;
  });
}
