/**
 * Goroutines without frames, said with why: a binary goroutine profile's empty record (the captured
 * go1.19-audit-work/09-finalizers/01-t3.goroutine.pb.gz: 5 samples, the 5th with no location — the
 * runtime counted 5 goroutines and wrote 4 stacks) and a crash's `goroutine running on other
 * thread; stack unavailable` (captured/go1.19-crash-running/sigquit-other-thread.txt, goroutine 20).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const BINARY = 'test/fixtures/captured/go1.19-audit-work/09-finalizers/01-t3.goroutine.pb.gz';
const CRASH = 'test/fixtures/captured/go1.19-crash-running/sigquit-other-thread.txt';
const PROFILE_WHY = 'the runtime counted these goroutines when the profile began but wrote no stack for them: the number of goroutines changed while it was taken';
const TRACEBACK_WHY = 'the runtime printed no stack: running on another thread when a crash was printed, or the dump was cut after the header';

interface Json { goroutines: { groups: { count: number; function: string; noFrames?: string; state?: string; createdBy?: string }[] }[] }

describe('a group without frames says why', () => {
  it('a binary goroutine profile\'s empty record: text, Markdown and JSON', async () => {
    const text = await runCli(['analyze', BINARY]);
    expect(text.stdout).toContain(`\n        1  (no frames) (${PROFILE_WHY})\n`);
    const md = await runCli(['analyze', BINARY, '--format', 'markdown']);
    expect(md.stdout).toContain(`| 1 | (no frames) (${PROFILE_WHY}) |\n`);
    const json = JSON.parse((await runCli(['analyze', BINARY, '--format', 'json'])).stdout) as Json;
    expect(json.goroutines[0]?.groups.filter((g) => g.noFrames !== undefined)).toEqual([{ count: 1, function: '(no frames)', noFrames: PROFILE_WHY, position: { line: 0, column: 0 } }]);
  });

  it('a crash\'s goroutine running on another thread (stack unavailable)', async () => {
    const json = JSON.parse((await runCli(['analyze', CRASH, '--format', 'json'])).stdout) as Json;
    const empty = json.goroutines[0]?.groups.filter((g) => g.noFrames !== undefined) ?? [];
    expect(empty.map((g) => [g.count, g.function, g.state, g.createdBy, g.noFrames])).toEqual([[1, '(no frames)', 'running', 'main.main', TRACEBACK_WHY]]);
  });

  it('a group with frames has no noFrames', async () => {
    const json = JSON.parse((await runCli(['analyze', 'test/fixtures/captured/go1.19-audit-work/09-finalizers/01-t3.goroutine-debug1.txt', '--format', 'json'])).stdout) as Json;
    expect(json.goroutines[0]?.groups.some((g) => g.noFrames !== undefined)).toBe(false);
  });
});
