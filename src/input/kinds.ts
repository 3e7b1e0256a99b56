/** One clear line (and a hint) for each input kind a command cannot read. */
import type { Detection, InputKind } from './detect.js';
import { HeapdocError } from './errors.js';

const WHAT: Partial<Record<InputKind, (d: Detection) => [string, string]>> = {
  gzip: () => [
    'this is a gzip-compressed protobuf profile (what /debug/pprof/heap returns without ?debug=1)',
    "heapdoc analyze reads it (pair it with /debug/vars of the same process for MemStats), or add ?debug=1 to the URL: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1'",
  ],
  binary: () => ['binary data, not a text dump', 'pass the text output of /debug/pprof/heap?debug=1'],
  empty: () => ['the input is empty', 'did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof'],
  heap: () => ['a heap dump', 'use heapdoc analyze FILE'],
  goroutine: () => ['a goroutine profile (goroutine?debug=1)', 'give it to heapdoc analyze together with a heap dump'],
  goroutineleak: () => ['a goroutine leak profile (goroutineleak?debug=1)', 'give it to heapdoc analyze'],
  'goroutine-traceback': () => ['a goroutine traceback dump (goroutine?debug=2)', 'give it to heapdoc analyze'],
  escape: () => ['compiler -m output (go build -gcflags=-m)', 'use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE'],
  prometheus: () => ['a Prometheus metrics page (/metrics)', 'give it to heapdoc analyze'],
  expvar: () => ['an expvar /debug/vars document', 'give it to heapdoc analyze'],
  gctrace: () => ['a GODEBUG=gctrace=1 log', 'give it to heapdoc analyze'],
  'other-profile': (d) => [`a '${d.firstLine.split(' ')[0] ?? ''}' profile, which heapdoc does not analyze`, 'heapdoc reads heap?debug=1, goroutine?debug=1/2 and -gcflags=-m output'],
  unknown: (d) => [
    `not a Go heap dump (the first line is ${JSON.stringify(d.firstLine.slice(0, 60))})`,
    "expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, or go build -gcflags=-m output",
  ],
};

const READABLE: readonly InputKind[] = ['heap', 'goroutine', 'goroutineleak', 'goroutine-traceback', 'escape', 'other-profile', 'prometheus', 'expvar', 'gctrace', 'gzip'];

/**
 * The error for an input of a kind the command cannot read. `commandReads` says what the
 * command wants (`heapdoc escape reads go build -gcflags=-m output`); it is added when the input
 * is a valid dump of another kind, where the mismatch is the whole story.
 */
export function wrongKind(name: string, detection: Detection, commandReads: string): HeapdocError {
  const describe = WHAT[detection.kind];
  const [what, hint] = describe ? describe(detection) : [`a ${detection.kind} input`, ''];
  const message = READABLE.includes(detection.kind) ? `${name}: ${what}, but ${commandReads}` : `${name}: ${what}`;
  return new HeapdocError(message, hint || undefined);
}
