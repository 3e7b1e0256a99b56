/**
 * Audit 46, finding 13. go1.19-audit46-goro100k (README.md there): 100,000 goroutines blocked in `<-ch`
 * at main.go:13, whose heap site main.wait main.go:13 (96 B objects) is the runtime's sudog of each blocked
 * receive (acquireSudog ← chanrecv, hidden by the debug=1 stack), not what main.wait allocates. The
 * goroutines that hold a site of the program's (go1.19-audit46-workerpool: 256 KiB buffers at
 * main.go:19, blocked at main.go:20) keep "each hold what main.worker allocates".
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';

const CAPTURED = 'test/fixtures/captured';
const GORO100K = `${CAPTURED}/go1.19-audit46-goro100k`;

describe('goroutines that hold the runtime\'s sudogs of their own wait (audit 46, finding 13)', () => {
  it('names the sudogs, not main.wait\'s data, of a debug=1 dump', async () => {
    const lines = await reportLines(['analyze', `${GORO100K}/heap.txt`, `${GORO100K}/goroutine1.txt`, '--format', 'text']);
    expect(lines[2]).toBe("The 100,000 goroutines in main.wait (main.go:13) each hold a sudog, the runtime's record of a goroutine blocked on a channel or a lock: the 96 B objects at main.go:13, the line they wait at, match its size, allocated under that line by runtime frames the dump hides, not the program's data (6.5 MiB in use at the last heap profile): until they end, that memory stays.");
  });

  it('says it with the wait state of a debug=2 dump', async () => {
    const lines = await reportLines(['analyze', `${GORO100K}/heap.txt`, `${GORO100K}/goroutine2-first1000.txt`, '--format', 'text']);
    expect(lines.filter((l) => l.includes('sudog'))).toEqual(["The 998 goroutines blocked in main.wait (chan receive, main.go:13) each hold a sudog, the runtime's record of a goroutine blocked on a channel or a lock: the 96 B objects at main.go:13, the line they wait at, match its size, allocated under that line by runtime frames the dump hides, not the program's data (6.5 MiB in use at the last heap profile): until they end, that memory stays."]);
  });

  it('keeps what the function allocates for a site of the program\'s own', async () => {
    const lines = await reportLines(['analyze', `${CAPTURED}/go1.19-audit46-workerpool`, '--format', 'text']);
    expect(lines.filter((l) => l.includes('sudog'))).toEqual([]);
    expect(lines.some((l) => l.includes('The 295 goroutines blocked in main.worker (chan receive, main.go:20) each hold what main.worker allocates at main.go:19 (objects of ~256.0 KiB, 69.3 MiB in use at the last heap profile): until they end, that memory stays.'))).toBe(true);
  });
});
