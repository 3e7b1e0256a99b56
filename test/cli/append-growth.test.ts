/**
 * Audit 46, finding 5. go1.19-audit46-appendmap (README.md there): a map of 50 []byte logs that only grow
 * by append (main.go:24); main.(*store).add allocated 150.5 MiB and still holds 35.5 MiB. The freed part is
 * append's old backing arrays, not a cleanup: the leak's fix says so when the site's line, read from the
 * program's source beside the dumps, calls append. go1.19-audit45-halfprune (a prune of half the keys)
 * keeps "a cleanup removes some of its objects" (leak-site-record.test.ts): its main.go:22 beside
 * its dumps calls no append.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const APPENDMAP = 'test/fixtures/captured/go1.19-audit46-appendmap';
const FREED = 'Yet it freed part of what it made: 150.5 MiB allocated there since the program started, 35.5 MiB still in use (76% freed)';
const CLEANUP = 'so either a cleanup removes some of its objects but not all (a prune that deletes only some entries, a bound checked too late), or only some of what it makes is kept (one object of several per request).';
const SUBSLICE = 'Its objects are large (698.1 KiB each on average): if the program keeps only a part of each (a sub-slice or a substring)';

async function leakFix(args: string[]): Promise<string> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; fix: string }[] }).findings;
  return findings.find((f) => f.ruleId === 'leak-suspected')?.fix ?? '';
}

describe('a leak whose site appends: the freed part is old backing arrays (audit 46, finding 5)', () => {
  it('names append growth from the site\'s source line beside the dumps, not a cleanup nor a kept part', async () => {
    const fix = await leakFix([`${APPENDMAP}/gc1`, '--escape', `${APPENDMAP}/escape-m2.txt`]);
    expect(fix).toContain(`Start with main.(*store).add (+34.4 MiB): what keeps what it allocates? ${FREED}, and its line appends (main.go:24: st.logs[key] = append(st.logs[key], line...)): a slice that grows by append gets a new, larger backing array each time it is full and leaves the old one to the GC, so the freed part may be the old arrays append left behind, not a cleanup — what keeps the slices keeps all they hold.`);
    expect(fix).not.toContain(CLEANUP);
    expect(fix).not.toContain(SUBSLICE);
  });

});
