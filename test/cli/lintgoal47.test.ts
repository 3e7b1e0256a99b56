/**
 * lint's leak-suspected says what the verdict read (series47, item 4): on a /debug/vars series whose verdict reads the live heap's
 * trend from the heap goal (NextGC ÷ (1 + GOGC/100), docs/reasoning.md §7), go1.19-audit46-closureleak/vars/ (closures kept in a
 * global slice, 320 KiB/s), lint said "HeapAlloc 3.2 MiB → 22.5 MiB over 7 snapshots taken at different GCs, each read between GCs"
 * while analyze said "live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.3 MiB → 22.6 MiB …". One wording: the verdict's.
 */
import { describe, expect, it } from 'vitest';
import { reportLines, runCli } from '../helpers/cli.js';

const VARS = 'test/fixtures/captured/go1.19-audit46-closureleak/vars/';
const GOAL_RISE = "live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.3 MiB → 22.6 MiB across 7 snapshots taken at different GCs (snapshots 1→7), rising at every step; HeapAlloc, read between GCs, went 3.2 MiB → 22.5 MiB";

interface LintJson { messages: { ruleId: string; message: string; why?: string }[] }

describe('lint and analyze say the goal\'s trend alike (go1.19-audit46-closureleak/vars/)', () => {
  it('analyze: the verdict\'s evidence', async () => {
    expect((await reportLines([VARS]))[0]).toBe(`Leak suspected (high confidence): ${GOAL_RISE}.`);
  });

  it('lint: leak-suspected\'s message is the verdict\'s words, its why the goal\'s reason, not HeapAlloc\'s witness', async () => {
    const r = await runCli(['lint', VARS, '--format', 'json']);
    expect(r.code).toBe(1);
    const messages = (JSON.parse(r.stdout) as LintJson[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected');
    expect(messages.map((m) => m.message)).toEqual([`Leak suspected (high confidence) across 7 snapshots, vars-t06.json → vars-t68.json: ${GOAL_RISE}.`]);
    const why = messages[0]?.why ?? '';
    expect(why).toContain("The heap goal (NextGC), which each GC sets from the heap it marked live (NextGC ÷ (1 + GOGC/100) is that heap), is the live heap as of each snapshot's last GC, where HeapAlloc, read between GCs, adds the garbage made since;");
    expect(why).not.toContain('HeapObjects, a witness of the live heap');
  });
});
