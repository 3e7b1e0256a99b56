/**
 * Audit 48 #2, #7, #3 (docs/reasoning.md §2.5): OS threads' stacks and goroutine descriptors from one sample.
 * - go1.19-audit48-threads (README there): 300 goroutines LockOSThread then block in syscall.Read; StackInuse 10,780,672 B
 *   at every snapshot, 300 × 32 KiB signal stacks = 9,830,400 B of it. stack-heavy said "about 5,264 goroutines at the
 *   2 KiB a stack starts at" beside dumps counting 303, and went silent beside the dump of its moment; the Goroutines
 *   section never said "locked to thread".
 * - go1.19-fixthreads48-idlethreads (README there): 306 threads made for a burst of blocking reads that ended, 4
 *   goroutines alive beside 9.8 MiB of stacks: the dump does not explain them (it was "see what they wait on").
 * - go1.19-audit48-sparse: MemProfileRate 4 MiB, runtime.malg one sample ("4.0 MiB", 10,082 descriptors) for 4 goroutines.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const T = 'test/fixtures/captured/go1.19-audit48-threads';
const I = 'test/fixtures/captured/go1.19-fixthreads48-idlethreads';
const S = 'test/fixtures/captured/go1.19-audit48-sparse';

interface Finding { ruleId: string; severity: string; message: string; why: string; fix: string; source: string; evidence?: Record<string, number> }
interface Report { findings: Finding[]; goroutines: { source: string; groups: { count: number; function: string; lockedToThread?: number }[] }[] }

const THREADS = 'at least 300 OS threads, each with a 32 KiB signal stack the runtime counts in StackInuse (9.4 MiB), and 8 KiB of system stack (g0) more unless the binary uses cgo, whose threads run on the OS\'s stacks outside Sys';
const LOCK_FIX = 'A goroutine locked to its thread keeps it until it unlocks or ends: call runtime.LockOSThread only where the thread itself matters (thread-local state of a C library, a namespace or credentials set per thread) and runtime.UnlockOSThread when done, or give that work to a few locked goroutines rather than locking one per task.';
const SYSCALL_FIX = 'A goroutine blocked in a syscall holds its thread until the call returns: bound how many block at once (a worker pool or a semaphore), or read through os.File or net.Conn, whose reads of pipes and sockets wait in the netpoller without a thread of their own.';
const THREADCREATE = '/debug/pprof/threadcreate?debug=1\'s first line (threadcreate profile: total N) counts the threads the process made.';

describe.concurrent('#2 threads: stack-heavy names the threads\' signal stacks', () => {
  it('the heap dump at t56 with the debug=2 dump of its moment: the threads, not "about 5,264 goroutines" (it went silent)', async () => {
    const r = await reportJson<Report>([`${T}/gc1/heap-t56.txt`, `${T}/goroutine/goroutine2-t56.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.severity).toBe('info');
    expect(f?.message).toBe('Stacks take 10.3 MiB (32.1% of what Go holds), more than the live heap\'s 8.9 MiB: most of it the signal stacks of OS threads, not goroutines.');
    expect(f?.why).toBe(`The goroutine dump of the same moment (${T}/goroutine/goroutine2-t56.txt) counts 303 goroutines alive, 300 locked to their OS thread (runtime.LockOSThread) and in a syscall or cgo call: each holds a thread of its own, so ${THREADS}. The 303 goroutines' own stacks are the rest, about 928.0 KiB (3.1 KiB each): StackInuse = 10.3 MiB is the threads' cost, not the goroutines'.`);
    expect(f?.fix).toBe(`${LOCK_FIX} ${SYSCALL_FIX} ${THREADCREATE}`);
    expect(f?.evidence).toEqual({ stackSysBytes: 10780672, stackInuseBytes: 10780672, retainedBytes: 33584392, goroutines: 303, threads: 300, threadStackBytes: 9830400 });
  });

  it('with the debug=1 dump (no "locked to thread"): 301 goroutines in a syscall by their innermost frame', async () => {
    const r = await reportJson<Report>([`${T}/gc1/heap-t56.txt`, `${T}/goroutine/goroutine1-t56.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.why).toBe(`The goroutine dump of the same moment (${T}/goroutine/goroutine1-t56.txt) counts 303 goroutines alive, 301 in a syscall or cgo call: each holds a thread of its own, so at least 301 OS threads, each with a 32 KiB signal stack the runtime counts in StackInuse (9.4 MiB), and 8 KiB of system stack (g0) more unless the binary uses cgo, whose threads run on the OS's stacks outside Sys. The 303 goroutines' own stacks are the rest, about 896.0 KiB (3.0 KiB each): StackInuse = 10.3 MiB is the threads' cost, not the goroutines'.`);
    expect(f?.fix).toBe(`${SYSCALL_FIX} ${THREADCREATE}`);
  });

  it('the whole folder: the latest dump (t68, no goroutine dump of its moment) takes t56\'s dump, whose heap dump had its StackInuse to the byte', async () => {
    const lines = await reportLines([T]);
    const at = lines.indexOf('  info stack-heavy: Stacks take 10.3 MiB (32.7% of what Go holds), more than the live heap\'s 8.9 MiB: most of it the signal stacks of OS threads, not goroutines.');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`    why: The goroutine dump ${T}/goroutine/goroutine2-t56.txt (read with ${T}/gc1/heap-t56.txt, whose StackInuse is this one's to the byte) counts 303 goroutines alive, 300 locked to their OS thread (runtime.LockOSThread) and in a syscall or cgo call: each holds a thread of its own, so ${THREADS}.`);
    expect(lines.some((l) => l.includes('5,264 goroutines'))).toBe(false);
  });

  it('JSON of the folder: every snapshot\'s stack-heavy names the threads (21: plain, gc1, vars), none "a heap dump does not count the goroutines"', async () => {
    const r = await reportJson<Report>([T]);
    const stacks = r.findings.filter((x) => x.ruleId === 'stack-heavy');
    expect(stacks.length).toBe(21);
    expect(stacks.filter((x) => x.evidence?.['threads'] === 300).length).toBe(21);
  });
});

describe.concurrent('#2 idlethreads: stacks the goroutines alive do not explain are said so', () => {
  it('4 goroutines beside 9.8 MiB: the threads made earlier named, and no "see what they wait on"', async () => {
    const r = await reportJson<Report>([`${I}/heap-t08.txt`, `${I}/goroutine2-t08.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.severity).toBe('warning');
    expect(f?.why.split('. StackInuse also holds')[0]).toBe(`The goroutine dump of the same moment (${I}/goroutine2-t08.txt) counts 4 goroutines alive, 2.5 MiB of stack each on average — more than goroutines of ordinary frames hold (2–8 KiB), and the dump shows no recursion or large frames: these goroutines do not explain StackInuse = 9.8 MiB`);
    expect(f?.fix).toBe(`Count the threads: ${THREADCREATE} 9.8 MiB would be the signal stacks of about 315 threads. Threads far more than the goroutines alive were made by a past burst of blocking syscalls, cgo calls or locked goroutines (runtime.LockOSThread), and the runtime keeps every thread it made; bound such bursts (a worker pool or a semaphore in front of the blocking call). A heap dump read right after a GC (?gc=1) shows whether they were exited goroutines' stacks instead: the GC frees those.`);
    expect(f?.evidence).toEqual({ stackSysBytes: 10321920, stackInuseBytes: 10321920, retainedBytes: 22926600, descriptors: 1260, goroutines: 4 });
  });

  it('the debug=1 dump (32 calls of each stack): asks for debug=2 first', async () => {
    const r = await reportJson<Report>([`${I}/heap-t08.txt`, `${I}/goroutine1-t08.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.fix.startsWith('Take goroutine?debug=2 of the same moment: it prints up to 100 calls of each stack, enough to show a recursion. Count the threads: ')).toBe(true);
  });
});

describe.concurrent('#7 the Goroutines section says which goroutines hold threads', () => {
  it('text: "[syscall, locked to thread]" and the threads\' line under the groups', async () => {
    const lines = await reportLines([T]);
    expect(lines).toContain('      300  main.blocker [syscall, locked to thread] ← created by main.main');
    const at = lines.findIndex((l) => l.startsWith('  Threads: '));
    const end = lines.indexOf('', at);
    expect(lines.slice(at, end).join(' ').replace(/\s+/g, ' ')).toBe(` Threads: 300 locked to their OS thread (runtime.LockOSThread) and in a syscall or cgo call, so ${THREADS}.`);
  });

  it('Markdown: the same, in its group table', async () => {
    const r = await runCli(['analyze', T, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| 300 | main.blocker \\[syscall, locked to thread\\] ← created by main.main |');
    expect(r.stdout).toContain(`Threads: 300 locked to their OS thread (runtime.LockOSThread) and in a syscall or cgo call, so ${THREADS}.`);
  });

  it('JSON: the group\'s lockedToThread, as the TUI\'s "locked to thread 300"', async () => {
    const r = await reportJson<Report>([`${T}/goroutine/goroutine2-t56.txt`]);
    expect(r.goroutines[0]?.groups[0]).toMatchObject({ count: 300, function: 'main.blocker', lockedToThread: 300 });
  });

  it('a dump of 4 goroutines holding no thread: no threads\' line (sparse)', async () => {
    const lines = await reportLines([S]);
    expect(lines.filter((l) => l.startsWith('  Threads: '))).toEqual([]);
  });
});

describe.concurrent('#3 goroutine descriptors from one sample are not a finding', () => {
  it('sparse (MemProfileRate 4 MiB, runtime.malg 1 sample): no goroutine-descriptors in text, JSON or lint --info', async () => {
    const lines = await reportLines([S]);
    expect(lines.filter((l) => l.includes('goroutine-descriptors'))).toEqual([]);
    const r = await reportJson<Report>([S]);
    expect(r.findings.filter((x) => x.ruleId === 'goroutine-descriptors')).toEqual([]);
    const lint = await runCli(['lint', '--info', '--format', 'json', S]);
    const messages = (JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((x) => x.messages);
    expect(messages.filter((m) => m.ruleId === 'goroutine-descriptors')).toEqual([]);
  });

  it('threads\' latest snapshot (2 samples): the count of t56\'s dump, whose heap dump had its StackInuse, not "too few to count them"', async () => {
    const r = await reportJson<Report>([T]);
    const f = r.findings.find((x) => x.ruleId === 'goroutine-descriptors' && x.source === `${T}/gc1/heap-t68.txt`);
    expect(f?.message).toBe(`Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples; the goroutine dump ${T}/goroutine/goroutine2-t56.txt (read with ${T}/gc1/heap-t56.txt, whose StackInuse is this one's to the byte) counts 303 goroutines alive.`);
    expect(f?.fix.startsWith('See what the 303 goroutines alive wait on')).toBe(true);
  });
});
