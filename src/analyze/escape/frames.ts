/**
 * Large frames (goroutines/stacks.ts largeFramesWords) beside the compiler's -m output: whether the
 * function of the group they are named by keeps its locals on its stack. go1.19's escape analysis
 * prints one line of a local variable, `moved to heap: x` (cmd/compile/internal/escape: finish),
 * and none of one it keeps on the stack, so "no such line in the function" is the compiler saying
 * its local arrays stay on every goroutine's stack (the captured go1.19-audit44-bigframes:
 * `var scratch [64 << 10]byte` at main.go:19, of which escape-m.txt and escape-m2.txt say nothing).
 */
import { baseName } from '../../common/paths.js';
import { formatCount } from '../../text/units.js';
import { largeFramesGroup, largestGroupWords, type GoroutineGroup } from '../goroutines/index.js';
import { stackLocalsAt, type EscapeIndex } from './join.js';

/** The compiler's words on a large-frames group's locals, and the words of largeFramesWords they follow. */
export interface StackLocalsWords {
  after: string;
  words: string;
}

/**
 * `escape-m.txt moves none of main.worker's variables to the heap (…): its local arrays and structs are on
 * the stack of each of its 40 goroutines`, or the ones it moves (go1.19-captures47-movedframes: `escape-m2.txt
 * moves main.worker's st, digest to the heap (main.go:25:6, 27:6): …`), for the group largeFramesWords names
 * among `groups`; undefined when the output does not say (stackLocalsAt: that capture's plain -m, which does
 * not declare the noinline worker) or the group has no line.
 */
export function stackLocalsWords(index: EscapeIndex, source: string, groups: readonly GoroutineGroup[]): StackLocalsWords | undefined {
  const top = largeFramesGroup(groups);
  if (top?.file === undefined || top.line === undefined) return undefined;
  const locals = stackLocalsAt(index, top.file, top.line, top.function);
  if (!locals) return undefined;
  const output = baseName(source);
  const moved = locals.moved;
  const first = moved[0];
  const words = first === undefined
    ? `${output} moves none of ${top.function}'s variables to the heap (-m names a local only to say "moved to heap", and nothing of one kept on the stack): its local arrays and structs are on the stack of each of its ${formatCount(top.count)} goroutine${top.count === 1 ? '' : 's'}`
    : `${output} moves ${top.function}'s ${moved.map((m) => m.subject ?? m.message).join(', ')} to the heap (${moved.map((m, i) => `${i === 0 ? `${baseName(m.file)}:` : ''}${m.line}${m.column !== undefined ? `:${m.column}` : ''}`).join(', ')}): ${moved.length === 1 ? 'that one is' : 'those are'} not on its stack, which holds its other locals and what it calls`;
  return { after: largestGroupWords(top), words };
}

/** `text` with each of `said`'s words after the large-frames group it follows, where the text names it. */
export function withStackLocals(text: string, said: readonly StackLocalsWords[]): string {
  let out = text;
  for (const { after, words } of said) {
    const at = out.indexOf(after);
    if (at < 0 || out.startsWith(`; ${words}`, at + after.length)) continue;
    const end = at + after.length;
    out = `${out.slice(0, end)}; ${words}${out.slice(end)}`;
  }
  return out;
}
