/**
 * What a crash's output says, in words: what crashed (the last panic, a fatal error, a signal) and
 * the goroutine that raised it. The verdict, the text report and the TUI say it alike.
 */
import { shortPath } from '../../common/stems.js';
import { stripControl } from '../../text/sanitize.js';
import type { GoroutineSummary } from './model.js';
import { outOfMemoryNumbers } from './out-of-memory.js';

type Crash = NonNullable<GoroutineSummary['crash']>;

/**
 * A panic's message in one line, up to 100 characters: a multi-line message (`panic(err)` with
 * line ends in it) has its lines joined with ` ⏎ ` (JSON keeps the line ends).
 */
const shortened = (m: string): string => {
  const line = m.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join(' ⏎ ');
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
};

/** `panic: second (line 2, raised while panicking: first)`, `fatal error: out of memory (line 2; the OS gave no …)`: what crashed, control characters stripped. */
export function crashWords(c: Crash): string {
  const what = c.kind === 'signal' ? c.message : `${c.kind}: ${shortened(c.message)}`;
  const signal = c.kind !== 'signal' && c.signal !== undefined ? ` [signal ${c.signal}]` : '';
  const earlier = c.earlier ? `, raised while panicking: ${c.earlier.map((m) => shortened(m)).join(', then ')}` : '';
  const oom = c.outOfMemory ? outOfMemoryNumbers(c.outOfMemory) : undefined;
  return stripControl(`${what}${signal} (line ${c.line}${earlier}${oom !== undefined ? `; ${oom}` : ''})`);
}

/** `goroutine 1 at main.main (…/gorfix-go/main.go:16)`: the goroutine that raised it; undefined when none was running (a deadlock, SIGQUIT). */
export function crashRaiser(c: Crash): string | undefined {
  const g = c.goroutine;
  if (!g) return undefined;
  const where = g.file !== undefined ? ` (${shortPath(g.file)}${g.line !== undefined ? `:${g.line}` : ''})` : '';
  return stripControl(`goroutine ${g.id} at ${g.function}${where}`);
}

/** What crashed and where: `panic: … (line 1) in goroutine 1 at main.main (…/gorfix-go/main.go:16)`. */
export function crashWhere(c: Crash): string {
  const raiser = crashRaiser(c);
  return `${crashWords(c)}${raiser ? ` in ${raiser}` : ''}`;
}
