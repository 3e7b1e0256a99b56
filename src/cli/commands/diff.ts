/** `heapdoc diff BEFORE AFTER`: two heap dumps side by side, MemStats and sites. */
import { resolve } from 'node:path';
import { topSites } from '../numbers.js';
import { Option, type Command } from 'commander';
import { diffSnapshots } from '../../analyze/diff.js';
import { hasErrors } from '../../grammar/common/diagnostic.js';
import { HeapdocError } from '../../input/errors.js';
import { diffJson, diffMarkdown, diffText } from '../../report/diff.js';
import { reportColors, reportWidth, writeReport } from '../../report/write.js';
import { outputOption, printDiagnostics } from '../output.js';
import { loadSnapshots, sortOption } from './analyze.js';
import type { SortKey } from '../../analyze/sort.js';
import { DEFAULT_FETCH_OPTIONS } from '../../input/sources.js';

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
    .addHelpText('after', `
Like pprof -diff_base, with the MemStats block: what grew between BEFORE and AFTER.
  heapdoc diff snap1.txt snap5.txt
  heapdoc diff before.txt http://127.0.0.1:6060/debug/pprof/heap?debug=1
  heapdoc diff snap1.txt snap5.txt --format markdown >> "$GITHUB_STEP_SUMMARY"`)
    .action(async (before: string, after: string, flags: { format?: 'text' | 'json' | 'markdown'; top: string; output?: string; sort?: SortKey }) => {
      const top = topSites(flags.top);
      if (before === '-' && after === '-') throw new HeapdocError('heapdoc diff - -: standard input can be read once, not for both dumps', 'save one dump to a file: heapdoc diff before.txt -');
      if (before !== '-' && !/^[a-z]+:\/\//i.test(before) && resolve(before) === resolve(after)) {
        throw new HeapdocError(`heapdoc diff: ${before} is BEFORE and AFTER: nothing to compare`, 'give two dumps of one process, taken some time apart');
      }
      const loaded = await loadSnapshots([before, after], {}, DEFAULT_FETCH_OPTIONS);
      printDiagnostics(loaded.diagnostics);
      const [a, b] = [loaded.snapshots.find((s) => s.source === before), loaded.snapshots.find((s) => s.source === after)];
      if (!a || !b || loaded.snapshots.length !== 2) {
        // Name the input that gave no heap dump (a directory, a goroutine dump, an empty file).
        const missing = [before, after].filter((name, i) => ![a, b][i]);
        const which = missing.length > 0 ? `: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not one heap dump` : '';
        throw new HeapdocError(`heapdoc diff needs two heap dumps (heap?debug=1 or allocs?debug=1)${which}`, 'heapdoc diff BEFORE AFTER, each a file, - or a URL of one dump');
      }
      const diff = diffSnapshots(a, b, flags.sort);
      const text =
        flags.format === 'json' ? diffJson(diff)
        : flags.format === 'markdown' ? diffMarkdown(diff, top)
        : diffText(diff, { width: reportWidth(flags.output), colors: reportColors(flags.output), top });
      // Set before writing: a reader that goes away (`| head`) ends the run with this status (main.ts).
      if (loaded.failed || hasErrors(loaded.diagnostics)) process.exitCode = 2;
      await writeReport(text, flags.output);
    });
}
