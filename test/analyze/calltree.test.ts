/**
 * The stacks summed by function (pprof -top -cum / -tree), on real dumps. The heap-leak numbers
 * are what `go tool pprof -top -cum -unit=B` prints for the same process's 06-t6.heap.pb.gz
 * (inuse_space and alloc_space): main.main 26,093,610 B in use and 835,594,239 B allocated,
 * main.scratch 809,500,629 B allocated, main.remember 26,093,610 B.
 */
import { describe, expect, it } from 'vitest';
import { callTree, functionUsage, type CallNode } from '../../src/analyze/calltree.js';
import { summarizeProfile, type Usage } from '../../src/analyze/profile.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { readFixture } from '../helpers/fixtures.js';

function profileOf(rel: string) {
  return summarizeProfile(parseHeapDump(readFixture(rel), rel).dump);
}

const usage = (inuseObjects: number, inuseBytes: number, allocObjects: number, allocBytes: number): Usage => ({ inuseObjects, inuseBytes, allocObjects, allocBytes });

/** The node's children's cum and its own sites add up to its cum: no stack counted twice or lost. */
function checkSums(node: CallNode): void {
  const sum = usage(0, 0, 0, 0);
  for (const part of [...node.children.map((c) => c.cum), ...node.sites.map((s) => s.usage)]) {
    sum.inuseObjects += part.inuseObjects;
    sum.inuseBytes += part.inuseBytes;
    sum.allocObjects += part.allocObjects;
    sum.allocBytes += part.allocBytes;
  }
  expect(sum, node.function).toEqual(node.cum);
  node.children.forEach(checkSums);
}

describe('functionUsage on the heap-leak scenario (06-t6)', () => {
  const profile = profileOf('scenarios/heap-leak/06-t6.heap-debug1.txt');
  const functions = functionUsage(profile);
  const byName = (name: string) => functions.find((f) => f.function === name);

  it('makes main.main responsible, cumulatively, for every byte main.remember keeps', () => {
    expect(byName('main.remember')).toMatchObject({ flat: usage(1592, 26_093_610, 1592, 26_093_610), cum: usage(1592, 26_093_610, 1592, 26_093_610), line: 18 });
    expect(byName('main.main')).toMatchObject({ flat: usage(0, 0, 0, 0), cum: usage(1592, 26_093_610, 100_407, 835_594_239), line: 37 });
    expect(byName('runtime.main')?.cum.inuseBytes).toBe(26_093_610);
    expect(byName('main.scratch')).toMatchObject({ flat: usage(0, 0, 98_815, 809_500_629), cum: usage(0, 0, 98_815, 809_500_629) });
  });

  it('lists the largest cum in use first, ties by allocated bytes then name', () => {
    expect(functions.slice(0, 4).map((f) => f.function)).toEqual(['main.main', 'runtime.main', 'main.remember', 'runtime.malg']);
  });

  it('sums flat to the profile total (each stack has one innermost frame)', () => {
    expect(functions.reduce((n, f) => n + f.flat.inuseBytes, 0)).toBe(profile.inuseBytes);
    expect(functions.reduce((n, f) => n + f.flat.allocBytes, 0)).toBe(profile.allocBytes);
    expect(profile.allocBytes).toBe(850_436_244);
  });
});

describe('callTree on the heap-leak scenario (06-t6)', () => {
  const profile = profileOf('scenarios/heap-leak/06-t6.heap-debug1.txt');

  it('goes from main.main down to its allocation sites (callees)', () => {
    const tree = callTree(profile, 'main.main', 'callees') as CallNode;
    expect(tree.cum).toEqual(usage(1592, 26_093_610, 100_407, 835_594_239));
    expect(tree.children.map((c) => [c.function, c.cum.inuseBytes, c.cum.allocBytes])).toEqual([
      ['main.remember', 26_093_610, 26_093_610],
      ['main.scratch', 0, 809_500_629],
    ]);
    const remember = tree.children[0] as CallNode;
    expect(remember.sites.map((s) => [s.site.function, s.site.line, s.usage.inuseBytes])).toEqual([['main.remember', 18, 26_093_610]]);
    expect(remember.children).toEqual([]);
    checkSums(tree);
  });

  it('goes from main.remember up to the goroutine\'s first frame (callers)', () => {
    const tree = callTree(profile, 'main.remember', 'callers') as CallNode;
    expect(tree.cum.inuseBytes).toBe(26_093_610);
    const path: string[] = [];
    for (let n: CallNode | undefined = tree; n; n = n.children[0]) path.push(n.function);
    expect(path).toEqual(['main.remember', 'main.main', 'runtime.main']);
    // The path ends at the outermost frame, where the stacks' site is named.
    expect(tree.children[0]?.children[0]?.sites.map((s) => s.site.function)).toEqual(['main.remember']);
    checkSums(tree);
  });

  it('has no tree for a function on no stack', () => {
    expect(callTree(profile, 'main.nowhere', 'callees')).toBeUndefined();
  });
});

describe('recursion (go1.19 stacks baseline: regexp/syntax.(*compiler).compile twice, runtime.doInit three times in one stack)', () => {
  const profile = profileOf('corpus/go1.19/stacks/baseline.heap-debug1.txt');
  const functions = functionUsage(profile);
  // The record `1: 2688 [1: 2688]` at 512 KiB sampling: 195 objects, 525,633 bytes unsampled.
  const record = usage(195, 525_633, 195, 525_633);

  it('counts a function once per stack in its cum', () => {
    expect(functions.find((f) => f.function === 'runtime.doInit')?.cum).toEqual(record);
    expect(functions.find((f) => f.function === 'regexp/syntax.(*compiler).compile')?.cum).toEqual(record);
    expect(functions.find((f) => f.function === 'regexp/syntax.(*compiler).inst')?.flat).toEqual(record);
    expect(profile.inuseBytes).toBe(525_633 + 524_496 + 524_328);
  });

  it('shows the recursive calls as the function again below itself, the stack counted once', () => {
    const tree = callTree(profile, 'runtime.doInit', 'callees') as CallNode;
    expect(tree.cum).toEqual(record);
    const path: string[] = [];
    for (let n: CallNode | undefined = tree; n; n = n.children[0]) path.push(n.function);
    expect(path).toEqual([
      'runtime.doInit', 'runtime.doInit', 'runtime.doInit', 'internal/profile.init', 'regexp.MustCompile', 'regexp.Compile', 'regexp.compile',
      'regexp/syntax.Compile', 'regexp/syntax.(*compiler).compile', 'regexp/syntax.(*compiler).compile', 'regexp/syntax.(*compiler).cap', 'regexp/syntax.(*compiler).inst',
    ]);
    checkSums(tree);
    const callers = callTree(profile, 'regexp/syntax.(*compiler).compile', 'callers') as CallNode;
    expect(callers.cum).toEqual(record);
    expect(callers.children[0]?.function).toBe('regexp/syntax.(*compiler).compile');
    checkSums(callers);
  });
});
