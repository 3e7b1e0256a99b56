/**
 * A binary heap profile at the top of a capture with only /debug/vars documents beside it, in vars/
 * (test/fixtures/captured/go1.19-leftover48-pbvars, copies of go1.19-audit47-jsonpeak): the profile
 * pairs with vars/vars-t46.json, the one source of its stem, as the two given alone pair — it was
 * "Not in the series: heap-t46.pb.gz … vars/vars-t46.json, of its stem in another folder, has no
 * profile to tell whether it is of its moment", and lint warned no-memstats on it.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-leftover48-pbvars';

interface Snapshot { source: string; origin?: string; profile?: { inuseBytes: number; allocBytes: number; sites: { function: string; line: number; inuseBytes: number }[] } }

describe('a binary profile and the /debug/vars of its stem in vars/ (leftover48)', () => {
  it('the folder: one snapshot of the pair, as the two files given alone make it', async () => {
    const [folder, pair] = await Promise.all([
      runCli(['.', '--format', 'json'], { cwd: DIR }),
      runCli(['heap-t46.pb.gz', 'vars/vars-t46.json', '--format', 'json'], { cwd: DIR }),
    ]);
    const snapshots = (JSON.parse(folder.stdout) as { snapshots: Snapshot[] }).snapshots;
    expect(snapshots.map((s) => `${s.source} ${s.origin ?? ''}`)).toEqual([
      'vars/vars-t06.json expvar', 'vars/vars-t16.json expvar', 'vars/vars-t26.json expvar', 'vars/vars-t36.json expvar',
      'heap-t46.pb.gz + vars/vars-t46.json pprof+expvar', 'vars/vars-t56.json expvar', 'vars/vars-t68.json expvar',
    ]);
    const alone = (JSON.parse(pair.stdout) as { snapshots: Snapshot[] }).snapshots;
    expect(alone.map((s) => `${s.source} ${s.origin ?? ''}`)).toEqual(['heap-t46.pb.gz + vars/vars-t46.json pprof+expvar']);
    // The profile's sites in both readings: objectInterface's 20.0 MiB in use (jsonpeak's README), of 69.6 MiB.
    const top = (s: Snapshot | undefined): unknown => s?.profile && [s.profile.inuseBytes, s.profile.allocBytes, s.profile.sites[0]?.function, s.profile.sites[0]?.line, s.profile.sites[0]?.inuseBytes];
    expect(top(snapshots[4])).toEqual([72995621, 665433145, 'encoding/json.(*decodeState).objectInterface', 1116, 20977280]);
    expect(top(alone[0])).toEqual(top(snapshots[4]));
  });

  it('text: no "Not in the series"; lint: no no-memstats on the profile', async () => {
    const [text, lint] = await Promise.all([runCli(['.', '--no-color'], { cwd: DIR }), runCli(['lint', '.', '--format', 'json'], { cwd: DIR })]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('Not in the series');
    const files = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(files.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(f.filePath.indexOf('pbvars/') + 7)} ${m.ruleId}`))).toEqual([
      'vars/vars-t06.json gc-cpu-high', 'vars/vars-t26.json gc-pause-long', 'vars/vars-t68.json gc-pause-long',
    ]);
  });
});
