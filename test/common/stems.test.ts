import { describe, expect, it } from 'vitest';
import { captureFolder, captureMoment, captureStem, captureTime, distinctName, folderOrder, groupedByFolder, heapAllocsTwins, heapEndpointName, namesAnEndpoint, namesProcessOutput, onStandardInput, pairedCapture, sameMoment } from '../../src/common/stems.js';

describe('heapAllocsTwins: one capture saved from /debug/pprof/heap and /debug/pprof/allocs', () => {
  it('the same folder and name with the endpoint word swapped', () => {
    expect(heapAllocsTwins('runs/a/01-t1.allocs-debug1.txt', 'runs/a/01-t1.heap-debug1.txt')).toBe(true);
    expect(heapAllocsTwins('t3.heap.txt', 't3.allocs.txt')).toBe(true);
    expect(heapEndpointName('runs/a/01-t1.allocs-debug1.txt')).toBe('runs/a/01-t1.heap-debug1.txt');
    // The file's name only: a folder called allocs keeps its name.
    expect(heapAllocsTwins('allocs/01.allocs.txt', 'allocs/01.heap.txt')).toBe(true);
    expect(heapEndpointName('allocs/01.heap.txt')).toBe('allocs/01.heap.txt');
  });

  it('not two moments named alike, another folder, the same file, or a word that only contains "allocs"', () => {
    // The corpus's phases of one GC cycle, and numbered captures: two moments each.
    expect(heapAllocsTwins('default.after-gc.heap-debug1.txt', 'default.idle.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('heap.1.txt', 'heap.2.txt')).toBe(false);
    expect(heapAllocsTwins('leak/01-t1.allocs-debug1.txt', 'burst/01-t1.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('01-t1.heap-debug1.txt', '01-t1.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('01-t1.mallocs.txt', '01-t1.heap.txt')).toBe(false);
  });

  it('twins are one moment (captureMoment), as every capture of one folder and stem', () => {
    expect(captureMoment('runs/a/01-t1.allocs-debug1.txt')).toBe(captureMoment('runs/a/01-t1.heap-debug1.txt'));
  });
});

describe('captureStem: what names the moment in a file saved at it', () => {
  it('the moment before the endpoint (`03-t3.heap.pb.gz`), whatever follows it', () => {
    expect(['03-t3.heap.pb.gz', '03-t3.vars.json', '03-t3.gr1.txt', '03-t3.allocs-debug1.txt', '03-t3.goroutine_debug2.txt.gz'].map(captureStem)).toEqual(['03-t3', '03-t3', '03-t3', '03-t3', '03-t3']);
    expect(captureStem('default.after-gc.heap-debug1.txt')).toBe('default.after-gc');
    expect(captureStem('deep.goroutine-debug2.txt.gz')).toBe('deep');
  });

  it('the endpoint before the moment (`heap.1.txt`, the corpus exposition folders), or joined to it by - or _', () => {
    expect(['heap.1.txt', 'metrics.1.txt', 'vars.1.json', 'heap.1.pb.gz', 'goroutine-debug1.1.txt'].map(captureStem)).toEqual(['1', '1', '1', '1', '1']);
    expect(['heap-2.txt', 'vars_2.json', '2-metrics.txt', 'snap2_HEAP.txt', 'heap02.txt', 'metrics02.txt'].map(captureStem)).toEqual(['2', '2', '2', 'snap2', '02', '02']);
    expect(captureMoment('runs/a/metrics.3.txt')).toBe(captureMoment('runs/a/heap.3.pb.gz'));
    expect(captureMoment('runs/a/metrics.3.txt')).not.toBe(captureMoment('runs/b/heap.3.pb.gz'));
  });

  it('a name of the endpoint alone is the folder\'s one moment; a word that only contains one is not an endpoint', () => {
    expect(['heap.txt', 'vars.json', 'metrics'].map(captureStem)).toEqual(['', '', '']);
    // Not `1` (no endpoint to take off), and the number kept: `mallocs.2.txt` is another moment.
    expect(['mallocs.1.txt', 'heapster.txt', 'wheap.1.pb.gz'].map(captureStem)).toEqual(['mallocs.1', 'heapster', 'wheap.1']);
  });
});

describe('captureStem: names with dots around the endpoint (the audit\'s capture scripts)', () => {
  it('every part but the endpoint and extensions: a host, a date and a time are all the moment', () => {
    // First-part-only stems made every file of a host, or of a day, one moment (scrapes of later moments folded into the first).
    expect(['heap.myapp.1.txt', 'metrics.myapp.1.txt', 'heap.myapp.6.pb.gz', 'vars.myapp.6.json'].map(captureStem)).toEqual(['myapp.1', 'myapp.1', 'myapp.6', 'myapp.6']);
    expect(['heap.20240101.101000.txt', 'metrics.20240101.102000.txt'].map(captureStem)).toEqual(['20240101.101000', '20240101.102000']);
    expect(['api-7d9f.pod.heap.3.txt', '10.0.0.3.heap.txt', '10.0.0.4.vars.json'].map(captureStem)).toEqual(['api-7d9f.pod.3', '10.0.0.3', '10.0.0.4']);
  });

  it('without an endpoint part, the first part: a capture\'s own abbreviations stay with their moment', () => {
    expect(['03-t3.gr1.txt', '03-t3.gr2.txt', '01-t1.openmetrics.txt', '01-t1.json'].map(captureStem)).toEqual(['03-t3', '03-t3', '01-t1', '01-t1']);
  });

  it('without an endpoint part, a numbered part is the moment: names that differ only in it are moments of their own', () => {
    // A first part alone made the three one moment: of a vars file and two scrapes, two were left out.
    expect(['api-7d9f.pod.1.txt', 'api-7d9f.pod.2.txt', 'api-7d9f.pod.3.json'].map(captureStem)).toEqual(['api-7d9f.pod.1', 'api-7d9f.pod.2', 'api-7d9f.pod.3']);
    expect(['runs/a/api-7d9f.pod.1.txt', 'runs/a/api-7d9f.pod.2.txt'].map(captureMoment)).toEqual(['runs/a/api-7d9f.pod.1', 'runs/a/api-7d9f.pod.2']);
    // The moment pairs with the endpoint-named files of it, and what follows the number stays with it.
    expect(captureStem('api-7d9f.pod.3.txt')).toBe(captureStem('api-7d9f.pod.heap.3.pb.gz'));
    expect(captureStem('heap-20240101.101000.txt')).toBe(captureStem('metrics.20240101.101000.txt'));
    expect(['snap.1.gr1.txt', 'snap.1.gr2.txt', '10.0.0.3.txt', 'gc.log.1'].map(captureStem)).toEqual(['snap.1', 'snap.1', '10.0.0.3', 'gc.log.1']);
  });
});

describe('namesAnEndpoint', () => {
  it('tells a capture by its name from the other files of a folder', () => {
    for (const name of ['dumps/01-t1.heap-debug1.txt', 'heap.1.txt', 'heap02.txt', 'gctrace.log', '03-t3.goroutine_debug2.txt.gz', 'metrics.myapp.1700000000.txt', '01_vars.json', 'x/03-t3.heap.pb.gz', 'heap?debug=1', 'x/goroutine?debug=2']) {
      expect(namesAnEndpoint(name), name).toBe(true);
    }
    for (const name of ['dumps/README.md', 'main.go', 'notes.txt', 'heapdoc.config.json', 'capture.sh', 'heaps/summary.txt']) {
      expect(namesAnEndpoint(name), name).toBe(false);
    }
  });
});

describe('namesProcessOutput', () => {
  it('a log or a stream of a process kept beside the captures; a GC log is a capture', () => {
    for (const name of ['mixed/heap-leak.stderr.log', 'heap-leak.log', 'run.stdout.txt', 'server.log.gz', 'churn.output.txt']) expect(namesProcessOutput(name), name).toBe(true);
    for (const name of ['gctrace.log', '01.gctrace.stderr.log', 'heap.txt', '01-t1.heap-debug1.txt', 'x/03-t3.heap.pb.gz']) expect(namesProcessOutput(name), name).toBe(false);
  });
});

describe('captureFolder, folderOrder, groupedByFolder: how --separately lists unrelated dumps', () => {
  it("an input's folder, with its last /; a paired profile's is its profile's; '' for stdin", () => {
    expect(captureFolder('go1.19/heap-leak/06-t6.heap.pb.gz + go1.19/heap-leak/06-t6.vars.json')).toBe('go1.19/heap-leak/');
    expect(captureFolder('/work/samples/go1.8/article-routine3.memstats.txt')).toBe('/work/samples/go1.8/');
    expect(captureFolder('http://127.0.0.1:6060/debug/pprof/heap?debug=1')).toBe('http://127.0.0.1:6060/debug/pprof/');
    expect(captureFolder('-')).toBe('');
  });

  it('groups by folder in the order the folders were given, each group in its own order', () => {
    const folders = folderOrder(['b/2.txt', 'a/1.txt', 'b/1.txt', 'c/x.log']);
    expect(folders).toEqual(['b/', 'a/', 'c/']);
    // By TotalAlloc across programs: a/1, b/1, a/2, b/2 → b's, then a's.
    const byTotalAlloc = ['a/1.txt', 'b/1.txt', 'a/2.txt', 'b/2.txt'].map((source) => ({ source }));
    expect(groupedByFolder(byTotalAlloc, folders).map((s) => s.source)).toEqual(['b/1.txt', 'b/2.txt', 'a/1.txt', 'a/2.txt']);
    // A folder not given comes last.
    expect(groupedByFolder([{ source: 'd/1.txt' }, { source: 'a/1.txt' }], folders).map((s) => s.source)).toEqual(['a/1.txt', 'd/1.txt']);
  });
});

describe('distinctName: the shortest end of a path that tells it from the other inputs', () => {
  it('the file name alone when no other input ends so; its folder too when one does; the path itself when none tells', () => {
    const inputs = ['/c/pool/t20.txt', '/c/pool/gctrace.log', '/c/goleak/gctrace.log'];
    expect(inputs.map((i) => distinctName(i, inputs))).toEqual(['t20.txt', 'pool/gctrace.log', 'goleak/gctrace.log']);
    expect(distinctName('/c/goleak/gctrace.log', ['/c/pool/t20.txt', '/c/goleak/gctrace.log'])).toBe('gctrace.log');
    // A bare name another input ends with (`gctrace.log` beside `run/gctrace.log`) has no shorter end.
    expect(distinctName('gctrace.log', ['gctrace.log', 'run/gctrace.log'])).toBe('gctrace.log');
    expect(distinctName('a/x/gctrace.log', ['a/x/gctrace.log', 'b/x/gctrace.log'])).toBe('a/x/gctrace.log');
  });
});

describe('captureTime, pairedCapture: a goroutine dump and a heap dump of one moment, by their names', () => {
  const dumps = (...sources: string[]): { source: string }[] => sources.map((source) => ({ source }));
  const pair = (heap: string, ...goroutines: string[]): string | undefined => pairedCapture(dumps(...goroutines), { source: heap })?.source;

  it('the time or sequence a name carries, whatever names what was fetched (heap-, goroutine1-, goroutine2-, gor-, g-)', () => {
    expect(['heap-t19.txt', 'goroutine1-t19.txt', 'goroutine2-t19.txt', 'gor-t19.txt', 'g-t19.txt', 'heap-19s.txt', 'goroutine-t019.txt', 'heap-gc1-t19.txt'].map((n) => captureTime(n)?.key))
      .toEqual(['t19', 't19', 't19', 't19', 't19', 't19', 't19', 't19']);
    expect(['heap-001.txt', 'goroutine-001.txt', 'goroutine-1.txt', 'gor0019.txt', 'heap-0019.txt', '01.heap-debug1.txt', '01.goroutine-debug2.txt'].map((n) => captureTime(n)?.key))
      .toEqual(['1', '1', '1', '19', '19', '1', '1']);
    // A date and time, with or without separators; the same name's time said as it is written.
    expect(captureTime('heap-2026-12-07T08:43:55.txt')).toEqual({ key: '@20261207084355', words: '2026-12-07T08:43:55' });
    expect(['goroutine2-20261207-084355.txt', 'heap.20261207.084355.txt', 'g_2026-12-07_08-43-55.txt'].map((n) => captureTime(n)?.key)).toEqual(['@20261207084355', '@20261207084355', '@20261207084355']);
    // Unix seconds stay a number; other letters stay (a minute is not a second); a stream's document and a name without a number have none.
    expect(['heap.1700000000.txt', 'heap-m3.txt', '-:94', 'all.txt:40', 'heap.txt', 'default.after-gc.heap-debug1.txt'].map((n) => captureTime(n)?.key)).toEqual(['1700000000', 'm3', undefined, undefined, undefined, undefined]);
    expect(captureTime('gc1/heap-t19.txt')?.words).toBe('t19');
  });

  it('t19 pairs with t19 in a sibling folder; t19 never with t12', () => {
    // The captured go1.19-audit42-deeprec: gc1/, plain/ and goroutine/ of one capture script.
    const D = 'test/fixtures/captured/go1.19-audit42-deeprec';
    expect(pair(`${D}/gc1/heap-t19.txt`, `${D}/goroutine/goroutine2-t19.txt`, `${D}/goroutine/goroutine2-t64.txt`)).toBe(`${D}/goroutine/goroutine2-t19.txt`);
    expect(pair(`${D}/plain/heap-t19.txt`, `${D}/goroutine/goroutine2-t19.txt`, `${D}/goroutine/goroutine2-t64.txt`)).toBe(`${D}/goroutine/goroutine2-t19.txt`);
    expect(pair(`${D}/plain/heap-t12.txt`, `${D}/goroutine/goroutine2-t19.txt`, `${D}/goroutine/goroutine2-t64.txt`)).toBeUndefined();
    // One dump given with one heap dump: paired unless their names carry two times.
    expect(sameMoment(dumps(`${D}/goroutine/goroutine2-t19.txt`), { source: `${D}/plain/heap-t12.txt` })).toBeUndefined();
    expect(sameMoment(dumps(`${D}/goroutine/goroutine2-t19.txt`), { source: `${D}/plain/heap-t19.txt` })?.source).toBe(`${D}/goroutine/goroutine2-t19.txt`);
  });

  it('heap-001 and goroutine-001, 01.heap-debug1 and 01.goroutine-debug2 (go1.19-audit28-deepstack), -19s and t19, timestamps', () => {
    expect(pair('run/heap-001.txt', 'run/goroutine-001.txt', 'run/goroutine-002.txt')).toBe('run/goroutine-001.txt');
    expect(pair('run/plain/01.heap-debug1.txt', 'run/goroutine/01.goroutine-debug2.txt', 'run/goroutine/02.goroutine-debug2.txt')).toBe('run/goroutine/01.goroutine-debug2.txt');
    expect(pair('run/heaps/heap-19s.txt', 'run/gors/gor-t19.txt', 'run/gors/gor-t12.txt')).toBe('run/gors/gor-t19.txt');
    expect(pair('run/heap-2026-12-07T08:43:55.txt', 'run/goroutine-2026-12-07T08:43:55.txt', 'run/goroutine-2026-12-07T08:44:55.txt')).toBe('run/goroutine-2026-12-07T08:43:55.txt');
    // A second apart is another moment: names only, never the files' contents or times.
    expect(pair('run/heap-2026-12-07T08:43:56.txt', 'run/goroutine-2026-12-07T08:43:55.txt', 'run/goroutine-2026-12-07T08:44:55.txt')).toBeUndefined();
  });

  it('ambiguous: two dumps of that time in two folders, or folders that are not siblings, or a sequence beside a time: not paired', () => {
    expect(pair('run/heap/heap-t19.txt', 'run/a/goroutine-t19.txt', 'run/b/goroutine-t19.txt')).toBeUndefined();
    expect(pair('run1/heap/heap-t19.txt', 'run2/goroutine/goroutine-t19.txt', 'run2/goroutine/goroutine-t20.txt')).toBeUndefined();
    expect(pair('run/heap/heap-19.txt', 'run/goroutine/goroutine-t19.txt', 'run/goroutine/goroutine-t20.txt')).toBeUndefined();
    // Of a debug=1 and a debug=2 dump of the time, the one `prefer` keeps.
    const levels = [{ source: 'run/goroutine1/01.goroutine-debug1.txt', kind: 'goroutine' }, { source: 'run/goroutine/01.goroutine-debug2.txt', kind: 'goroutine-traceback' }];
    expect(pairedCapture(levels, { source: 'run/plain/01.heap-debug1.txt' })).toBeUndefined();
    expect(pairedCapture(levels, { source: 'run/plain/01.heap-debug1.txt' }, (d) => d.kind === 'goroutine-traceback')?.source).toBe('run/goroutine/01.goroutine-debug2.txt');
  });
});

describe('onStandardInput: a dump piped in, alone or one document of a stream', () => {
  it('`-` and `-:LINE`, not a file whose name starts with a dash', () => {
    expect([onStandardInput('-'), onStandardInput('-:1'), onStandardInput('-:2741')]).toEqual([true, true, true]);
    expect([onStandardInput('-heap.txt'), onStandardInput('gc1/heap-t46.txt'), onStandardInput('-:')]).toEqual([false, false, false]);
  });
});
