/** `heapdoc diff BEFORE AFTER`: two heap dumps side by side, MemStats and sites. */
import type { Stats } from 'node:fs';
import { readdir, stat as fsStat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { compareNatural } from '../../common/order.js';
import { captureMoment } from '../../common/stems.js';
import { topSites } from '../numbers.js';
import { Option, type Command } from 'commander';
import { diffSnapshots } from '../../analyze/diff.js';
import { deltaProblems, notGoProfiles } from '../../analyze/series/index.js';
import { hasErrors } from '../../grammar/common/diagnostic.js';
import { HeapdocError, HeapdocProblems } from '../../input/errors.js';
import { diffJson, diffMarkdown, diffText } from '../../report/diff.js';
import { reportColors, reportWidth, writeReport } from '../../report/write.js';
import { outputOption, printDiagnostics, printProblem, refuseOutputOverInputs } from '../output.js';
import { loadSnapshots, sortOption, type CommandReads } from './analyze.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { formatCount } from '../../text/units.js';
import type { SortKey } from '../../analyze/sort.js';
import { DEFAULT_FETCH_OPTIONS, expandInputs, type InputHints } from '../../input/sources.js';
import { maskCredentials, schemeOf, shellWord } from '../../input/urls.js';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two heap dumps: each bucket, the MemStats counters and the allocation sites that changed')
    .argument('<before>', 'the earlier dump (file, - or URL)')
    .argument('<after>', 'the later dump')
    .addOption(new Option('-f, --format <format>', 'report format (default: text)').choices(['text', 'json', 'markdown']))
    .addOption(outputOption())
    .option('--top <n>', 'changed sites to list (0: all)', '15')
    .addOption(sortOption())
    .option('--separately', 'compare dumps that cannot be of one process (two programs, two sampling rates), as analyze --separately reads them; the report says so')
    .addHelpText('after', `
Like pprof -diff_base, with the MemStats block: what grew between BEFORE and AFTER.
  heapdoc diff snap1.txt snap5.txt
  heapdoc diff before.txt http://127.0.0.1:6060/debug/pprof/heap?debug=1
  heapdoc diff snap1.txt snap5.txt --format markdown >> "$GITHUB_STEP_SUMMARY"`)
    .action(async (before: string, after: string, flags: { format?: 'text' | 'json' | 'markdown'; top: string; output?: string; sort?: SortKey; separately?: boolean }) => {
      const top = topSites(flags.top);
      if (before === '-' && after === '-') throw new HeapdocError('heapdoc diff - -: standard input can be read once, not for both dumps', 'save one dump to a file: heapdoc diff before.txt -');
      if (before !== '-' && schemeOf(before) === undefined && resolve(before) === resolve(after)) {
        throw new HeapdocError(`heapdoc diff: ${before} is BEFORE and AFTER: nothing to compare`, 'give two dumps of one process, taken some time apart');
      }
      // Each side's file, looked up once: for one file under two names, and for a side that is not one file.
      const stats = await Promise.all([before, after].map(fileStat));
      if (sameFile(stats[0], stats[1])) {
        throw new HeapdocError(`heapdoc diff: ${before} and ${after} are one file (a link to it, or a path through one): nothing to compare`, 'give two dumps of one process, taken some time apart');
      }
      const notOne = (await Promise.all([before, after].map((spec, i) => notOneFile(spec, stats[i])))).filter((e) => e !== undefined);
      if (notOne.length > 0) throw new HeapdocProblems(notOne);
      // Each side is read on its own: BEFORE and AFTER are two moments, never paired into one
      // snapshot (a vars file with a binary profile, as analyze pairs the inputs of one moment).
      const sides = [await readSide(before, sideHints('before', after)), await readSide(after, sideHints('after', before))];
      const [a, b] = sides;
      if (!a?.snapshot || !b?.snapshot) {
        process.exitCode = 2; // each side's problem is on stderr already
        return;
      }
      // A gperftools profile is of no Go process: no diff with anything, --separately or not.
      const foreign = notGoProfiles([a.snapshot, b.snapshot]);
      if (foreign.length > 0) throw new HeapdocProblems(foreign);
      // A delta profile is a window's change, not a moment: nothing to compare, --separately or not.
      const delta = deltaProblems([a.snapshot, b.snapshot]);
      if (delta.length > 0) throw new HeapdocProblems(delta);
      const diff = diffSnapshots(a.snapshot, b.snapshot, flags.sort);
      // As analyze refuses them as one series (two programs or runs), with analyze's lines; the
      // hint says what --separately does here: compare them anyway.
      if (diff.notOneProcess.length > 0 && flags.separately !== true) {
        throw new HeapdocProblems(diff.notOneProcess.map((e) => new HeapdocError(e.message, 'to compare them anyway, as two programs or runs side by side, add --separately')));
      }
      if (diff.withoutProfile.length > 0 && diff.withoutMemStats.length > 0) throw await nothingInCommon([before, after], [a.snapshot, b.snapshot]);
      const text =
        flags.format === 'json' ? diffJson(diff)
        : flags.format === 'markdown' ? diffMarkdown(diff, top)
        : diffText(diff, { width: reportWidth(flags.output), colors: reportColors(flags.output), top });
      refuseOutputOverInputs(flags.output, sides.flatMap((s) => s?.read ?? []));
      // Set before writing: a reader that goes away (`| head`) ends the run with this status (main.ts).
      if (sides.some((s) => s.badInput)) process.exitCode = 2;
      await writeReport(text, flags.output);
    });
}

/** The file a side names; undefined for stdin, a URL, or a name that is no file (a pattern, a missing file). */
async function fileStat(spec: string): Promise<Stats | undefined> {
  return spec === '-' || schemeOf(spec) !== undefined ? undefined : fsStat(spec).catch(() => undefined);
}

/** Two names of one file (a symbolic link, a hard link): the same device and inode. */
function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Why `spec` cannot be one side: a directory, or a pattern matching several files. Said before
 * anything is read (`diff /tmp snap.txt` read every file under /tmp first, for minutes).
 */
async function notOneFile(spec: string, stat: Stats | undefined): Promise<HeapdocError | undefined> {
  if (spec === '-' || schemeOf(spec) !== undefined) return undefined;
  if (stat?.isDirectory()) return new HeapdocError(`${spec}: a directory, not one dump: heapdoc diff compares one dump with one`, `name a file of it for each side; for every dump in it, heapdoc analyze ${spec}`);
  if (stat) return undefined;
  // A name that matches nothing is said when it is read.
  const matches = await expandInputs([spec]).catch(() => []);
  if (matches.length > 1) return new HeapdocError(`${spec}: ${formatCount(matches.length)} files match this pattern: heapdoc diff compares one dump with one`, 'give a pattern that matches one file, or name the file');
  return undefined;
}

/** What a dump holds of what diff compares, as the refusal of a pair with nothing in common says it. */
function holds(s: SnapshotAnalysis): string {
  if (s.origin === 'expvar') return '/debug/vars (MemStats, no allocation sites)';
  if (s.origin === 'prometheus') return 'a /metrics scrape (MemStats, no allocation sites)';
  if (s.profile.format?.binary === true) return 'a binary heap profile (allocation sites, no MemStats)';
  return 'a heap?debug=1 dump without its # runtime.MemStats block (allocation sites only: cut short?)';
}

/**
 * The refusal of a pair with no part in common (MemStats on one side, the sites on the other: a
 * profile's sampled sites say nothing of HeapAlloc, and the reverse): what each side holds, and
 * the diffs that work, like with like. Each part's command takes, for the side that lacks it, a
 * file of that side's moment beside it (`vars.3.json` for `heap.3.pb.gz`, as analyze pairs them:
 * pairProfiles), read to be sure it has that part; a placeholder when none does.
 */
async function nothingInCommon(specs: readonly [string, string], dumps: readonly [SnapshotAnalysis, SnapshotAnalysis]): Promise<HeapdocError> {
  const [before, after] = dumps;
  const memStatsSide = before.stats !== undefined ? 0 : 1;
  const sitesSide = 1 - memStatsSide;
  const words = specs.map((spec) => shellWord(maskCredentials(spec)));
  const sideNames = ['BEFORE', 'AFTER'] as const;
  const command = async (replaced: number, has: (s: SnapshotAnalysis) => boolean, placeholder: string): Promise<string> => {
    const like = dumps[1 - replaced]?.origin;
    const found = await momentSibling(specs[replaced] ?? '', specs[1 - replaced] ?? '', has, like);
    const parts = [...words];
    parts[replaced] = found !== undefined ? shellWord(found) : `${sideNames[replaced] ?? ''}${placeholder}`;
    return `heapdoc diff ${parts.join(' ')}`;
  };
  const memStats = await command(sitesSide, (s) => s.stats !== undefined, '.vars.json');
  const sites = await command(memStatsSide, (s) => s.profile.format !== undefined, '.heap.pb.gz');
  const [first, second] = dumps.map((s) => (s.source === '-' ? 'standard input' : s.source));
  return new HeapdocError(`heapdoc diff: nothing to compare: ${first} is ${holds(before)} and ${second} ${holds(after)}`,
    `compare like with like: MemStats with ${memStats}, the sites with ${sites} (heap?debug=1 of both moments has both)`);
}

/** The most files beside a side read to find its moment's other capture (nothingInCommon). */
const SIBLINGS_READ = 16;

/**
 * A file beside `spec` of its capture moment (same folder and stem: captureMoment) whose dump
 * `has` the part wanted, of origin `like` first (a vars file for a vars file); undefined for
 * standard input, a URL, or when none does. Its problems are not printed: it is only a hint.
 * No file of the other side's moment is one: both sides of one moment would make a diff of one
 * moment (`diff X X` is refused), so the side's placeholder is said instead.
 */
async function momentSibling(spec: string, otherSide: string, has: (s: SnapshotAnalysis) => boolean, like: SnapshotAnalysis['origin']): Promise<string | undefined> {
  if (spec === '-' || schemeOf(spec) !== undefined) return undefined;
  const dir = dirname(spec);
  const moment = captureMoment(join(dir, basename(spec)));
  const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const otherMoment = otherSide === '-' || schemeOf(otherSide) !== undefined ? undefined : captureMoment(join(dirname(otherSide), basename(otherSide)));
  if (otherMoment === moment) return undefined;
  const candidates = names.filter((e) => e.isFile() && e.name !== basename(spec) && captureMoment(join(dir, e.name)) === moment)
    .map((e) => join(dir, e.name)).sort(compareNatural).slice(0, SIBLINGS_READ);
  const fitting: SnapshotAnalysis[] = [];
  for (const file of candidates) {
    const loaded = await loadSnapshots([file], {}, DEFAULT_FETCH_OPTIONS, { reads: DIFF_READS, quiet: true }).catch(() => undefined);
    const [dump, ...more] = loaded?.snapshots ?? [];
    if (dump && more.length === 0 && has(dump)) fitting.push(dump);
  }
  return (fitting.find((s) => s.origin === like) ?? fitting[0])?.source;
}

/** What diff compares: a dump with MemStats, a heap profile, or both; one a side, several in one input refused (readSide). */
const DIFF_READS: CommandReads = {
  accepts: ['memstats', 'sites'],
  commandReads: 'heapdoc diff compares two heap dumps: heap?debug=1 or allocs?debug=1, /debug/vars, /metrics or binary heap profiles (.pb.gz)',
  oneDumpEach: true,
};

/**
 * The hints for one side (`side`, the other being `other` as given): diff takes a file, `-` or a
 * URL, never a directory or a glob of several; what curl fetches goes in as this side, in the diff
 * command, not analyze's. The other side's password is masked, as everywhere.
 */
function sideHints(side: 'before' | 'after', other: string): InputHints {
  const word = shellWord(maskCredentials(other));
  return {
    accepts: 'a dump file, - for standard input, or an http(s) URL',
    // With the other side on standard input, this one goes through a file.
    fetchWith: (curl) => (other === '-'
      ? `save it to a file: ${curl} -o ${side}.txt && heapdoc diff ${side === 'before' ? 'before.txt -' : '- after.txt'}`
      : `pipe it in: ${curl} | heapdoc diff ${side === 'before' ? `- ${word}` : `${word} -`}`),
    // Standard input as this side (`heapdoc diff - after.txt < dir`): the other stays as given.
    stdin: {
      pipe: `curl -s …/heap?debug=1 | heapdoc diff ${side === 'before' ? `- ${word}` : `${word} -`}`,
      files: `name a file: heapdoc diff ${side === 'before' ? `before.txt ${word}` : `${word} after.txt`}`,
    },
  };
}

/**
 * One side of the diff, read; its problems printed on stderr, one line each. `snapshot` is
 * undefined when the side is not one dump (unreadable, another kind, several dumps in one file).
 */
async function readSide(spec: string, hints: InputHints): Promise<{ snapshot: SnapshotAnalysis | undefined; badInput: boolean; read: string[] }> {
  const loaded = await loadSnapshots([spec], {}, DEFAULT_FETCH_OPTIONS, { reads: { ...DIFF_READS, hints } });
  printDiagnostics(loaded.diagnostics);
  const badInput = loaded.failed || hasErrors(loaded.diagnostics);
  const [snapshot, ...more] = loaded.snapshots;
  if (snapshot && more.length === 0) return { snapshot, badInput, read: loaded.read };
  // A failed input said why already; otherwise the input read well but is not one dump.
  if (!loaded.failed) {
    if (more.length > 0) printProblem(`${spec}: ${formatCount(loaded.snapshots.length)} dumps in one input (concatenated dumps, or /metrics scrapes): heapdoc diff compares one dump with one`, `give one dump for each side; to follow all of them, heapdoc analyze ${spec}`);
    else printProblem(`${spec}: no heap dump in this input`, `${DIFF_READS.commandReads}`);
  }
  return { snapshot: undefined, badInput: true, read: loaded.read };
}
