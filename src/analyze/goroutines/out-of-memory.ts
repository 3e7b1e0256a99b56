/**
 * A crash of the whole process for want of memory (`fatal error: out of memory`): the one fact in a
 * goroutine dump about memory itself. The verdict says it first: the runtime asked the OS for more
 * (the block and the heap it had are on the line above the throw) and got none, while the
 * crashing goroutine (the first printed, `[running]`) was allocating.
 */
import { basename } from 'node:path';
import { formatBytes } from '../../text/units.js';
import { isRuntimeFunction } from './frames.js';
import type { GoroutineSummary } from './model.js';

export interface OutOfMemoryCrash {
  source: string;
  /** The `fatal error:` line. */
  line: number;
  requestBytes: number | undefined;
  heapSysBytes: number | undefined;
  /** The goroutine that was allocating (the crash's first, `[running]`), by its first frame not the runtime's; undefined when it is the runtime's own. */
  allocating: { function: string; file: string | undefined; line: number | undefined } | undefined;
}

/** The last out-of-memory crash among the dumps (a crash ends the process: the last is the latest). */
export function outOfMemoryCrash(dumps: ReadonlyArray<Pick<GoroutineSummary, 'source' | 'crash'>>): OutOfMemoryCrash | undefined {
  const dump = dumps.filter((d) => d.crash?.outOfMemory !== undefined).at(-1);
  const crash = dump?.crash;
  if (!dump || !crash?.outOfMemory) return undefined;
  // The goroutine that threw (group.ts raisingGoroutine), unless it is one of the runtime's own.
  const g = crash.goroutine;
  const allocating = g && !isRuntimeFunction(g.function) ? { function: g.function, file: g.file, line: g.line } : undefined;
  return { source: dump.source, line: crash.line, requestBytes: crash.outOfMemory.requestBytes, heapSysBytes: crash.outOfMemory.heapSysBytes, allocating };
}

/** `the OS gave no 4.0 MiB more with 319.7 MiB of heap mapped (HeapSys)`: the line the runtime printed above its throw, when it did. */
export function outOfMemoryNumbers(oom: { requestBytes?: number | undefined; heapSysBytes?: number | undefined }): string | undefined {
  if (oom.requestBytes === undefined || oom.heapSysBytes === undefined) return undefined;
  return `the OS gave no ${formatBytes(oom.requestBytes)} more with ${formatBytes(oom.heapSysBytes)} of heap mapped (HeapSys)`;
}

/** `the process died out of memory (crash.txt, line 2): the OS gave no 4.0 MiB more with 319.7 MiB of heap mapped (HeapSys), while main.handle (main.go:17) allocated` */
export function outOfMemoryWords(oom: OutOfMemoryCrash): string {
  const a = oom.allocating;
  const at = a?.file !== undefined ? ` (${basename(a.file)}${a.line !== undefined ? `:${a.line}` : ''})` : '';
  const where = a ? `, while ${a.function}${at} allocated` : '';
  return `the process died out of memory (${basename(oom.source)}, line ${oom.line}): ${outOfMemoryNumbers(oom) ?? 'the OS gave the runtime no more memory'}${where}`;
}
