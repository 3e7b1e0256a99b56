/**
 * Audit 48 #6 on the captured go1.19-audit48-tiny (README there: 20,000 `new(int8)` at main.go:28
 * and 20,000 `&small{}`, 12 B without pointers, at main.go:31, kept every second): the tiny
 * allocator packs both into 16-byte blocks and profiles only a new block, as 16 B (runtime/malloc.go
 * maxTinySize), so the profile's 884,749 "objects" at main.go:28 are blocks. With the compiler's -m
 * naming the tiny allocation at the line, the sites say so in text, Markdown and JSON, and
 * HeapObjects is said to count blocks; 16 B an object alone (no -m, or a string's 16 B) says nothing.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit48-tiny';
const T68 = `${D}/gc1/heap-t68.txt`;

const NOTE = [
  '  Tiny blocks: main.go:28 (new(int8)) and main.go:31 (&small{...}, if small is under 16 B without pointers) record 16 B an object.',
  "  Go's tiny allocator packs objects under 16 B without pointers into 16-byte blocks and profiles only a new block, as 16 B, at the line that started it: values from other lines packed into that block count there, so objects and bytes here are per block, not per value.",
  '  HeapObjects (1,341,058) counts each block as one object too, fewer than the values the program keeps.',
];

interface JsonSite { function: string; line: number | null; inuseBytes: number; inuseObjects: number; tinyBlocks?: { expression: string; kind: string } }
function sitesOf(stdout: string): JsonSite[] {
  return (JSON.parse(stdout) as { snapshots: { profile: { sites: JsonSite[] } }[] }).snapshots[0]?.profile.sites ?? [];
}

describe('tiny allocations (audit48-tiny gc1/heap-t68.txt --escape escape-m.txt): the counts are 16-byte blocks', () => {
  it('text: the note under the sites names main.go:28 and main.go:31 and HeapObjects', async () => {
    const r = await runCli(['analyze', T68, '--escape', `${D}/escape-m.txt`]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(NOTE[0] as string);
    expect(lines.slice(at - 1, at + 3)).toEqual(['  … 2 more sites (--top N, or --format json for all)', ...NOTE]);
    // The sites themselves are as the profile says: 884,749 blocks at :28, 229,379 at :31.
    expect(lines).toContain('   13.5 MiB   884,749    13.5 MiB  main.leak');
    expect(lines).toContain('    3.5 MiB   229,379     3.5 MiB  main.leak');
    expect(r.stdout).toContain('GC: 19 GC cycles (7 forced) · last pause 54.8 µs · GC CPU 0.29% · next GC at 91.9 MiB · 1,341,058 live objects');
  });

  it('-m=2 output joins the same way', async () => {
    const r = await runCli(['analyze', T68, '--escape', `${D}/escape-m2.txt`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('Tiny blocks'))).toEqual([NOTE[0]]);
  });

  it('JSON: tinyBlocks on main.go:28 (new) and main.go:31 (a literal), on no other site', async () => {
    const r = await runCli(['analyze', T68, '--escape', `${D}/escape-m.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const tiny = sitesOf(r.stdout).filter((s) => s.tinyBlocks !== undefined).map((s) => [s.line, s.inuseObjects, s.tinyBlocks]);
    expect(tiny).toEqual([
      [28, 884749, { expression: 'new(int8)', kind: 'new' }],
      [31, 229379, { expression: '&small{...}', kind: 'literal' }],
    ]);
  });

  it('Markdown: the note as one paragraph', async () => {
    const r = await runCli(['analyze', T68, '--escape', `${D}/escape-m.txt`, '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Tiny blocks'))).toEqual([
      "Tiny blocks: main.go:28 (new(int8)) and main.go:31 (&amp;small{...}, if small is under 16 B without pointers) record 16 B an object. Go's tiny allocator packs objects under 16 B without pointers into 16-byte blocks and profiles only a new block, as 16 B, at the line that started it: values from other lines packed into that block count there, so objects and bytes here are per block, not per value. HeapObjects (1,341,058) counts each block as one object too, fewer than the values the program keeps.",
    ]);
  });

  it('without -m, 16 B an object is no evidence: no note, no tinyBlocks', async () => {
    const text = await runCli(['analyze', T68]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain('Tiny blocks');
    const json = await runCli(['analyze', T68, '--format', 'json']);
    expect(sitesOf(json.stdout).filter((s) => s.tinyBlocks !== undefined)).toEqual([]);
  });

  it('a 16-byte site whose line -m names a string concatenation is not called tiny blocks (audit-tui prog2 main.go:21)', async () => {
    const d = 'test/fixtures/captured/go1.19-audit-tui';
    const r = await runCli(['analyze', `${d}/prog2.heap-debug1.txt`, '--escape', `${d}/prog2.m2.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const sites = sitesOf(r.stdout);
    const concat = sites.find((s) => s.function === 'main.main.func1' && s.line === 21);
    expect(concat && [concat.inuseObjects, Math.round(concat.inuseBytes / concat.inuseObjects), concat.tinyBlocks]).toEqual([5386, 16, undefined]);
    expect(sites.filter((s) => s.tinyBlocks !== undefined)).toEqual([]);
  });
});
