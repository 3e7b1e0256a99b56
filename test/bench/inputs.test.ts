/**
 * The bench's generated heap dumps are dumps Go could have written: their header has the records'
 * sums (heapdoc checks the in-use totals), so the bench times the common path, not an error's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRealisticHeap, writeRepeatedHeap, writeWorstCaseHeap } from '../../bench/inputs.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { corpusPath } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-bench-inputs-'));
const SOURCE = corpusPath('go1.23/memrate/rate-1.heap-debug1.txt');

describe('bench heap inputs', () => {
  for (const [name, write] of [['realistic', writeRealisticHeap], ['worst case', writeWorstCaseHeap], ['best case', writeRepeatedHeap]] as const) {
    it(`${name}: at least the size asked, read with no diagnostic`, () => {
      const out = join(dir, `${name}.txt`);
      const size = write(SOURCE, 1_000_000, out);
      expect(size).toBeGreaterThanOrEqual(1_000_000);
      const { dump, diagnostics } = parseHeapDump(readFileSync(out, 'utf8'), out);
      expect(diagnostics).toEqual([]);
      expect(dump.memStats?.fields.get('HeapAlloc')).toBeDefined();
    });
  }
});
