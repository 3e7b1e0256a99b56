/**
 * `heapdoc demo [NAME]`: the analysis of real dumps that ship in the package (samples/, read
 * relative to the installed package: input/package.ts), so a first run needs no dump and works
 * from any directory, a global install and the bundle included. It is `heapdoc analyze` on
 * those files: the same report, flags and terminal view.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { HeapdocError } from '../../input/errors.js';
import { packageFile } from '../../input/package.js';
import { DEFAULT_FETCH_OPTIONS } from '../../input/sources.js';
import { outputOption, printNote } from '../output.js';
import { runAnalyze, sortOption, type AnalyzeFlags } from './analyze.js';

interface Demo {
  /** The folder under samples/. */
  dir: readonly string[];
  /** The files of it to analyze. */
  files: RegExp;
  /** What the dumps are, for the note on stderr. */
  what: string;
  flags?: Partial<AnalyzeFlags>;
}

/** The demos, the default first. samples/README.md says what each program did. */
const DEMOS: Record<string, Demo> = {
  leak: {
    dir: ['go1.23', 'leak'],
    files: /^snap\d+\.(?:heap|goroutine)-debug1\.txt$/,
    what: 'five heap dumps and two goroutine dumps of a program that leaks (a map never pruned, goroutines blocked forever)',
  },
  peak: {
    dir: ['go1.21', 'peak', 'default'],
    files: /^idle\.heap-debug1\.txt$/,
    what: 'one heap dump of a program idle after a 300 MiB peak, Go 1.21 (not a leak: idle heap the runtime keeps)',
    flags: { goVersion: '1.21' },
  },
  stacks: {
    dir: ['go1.23', 'stacks'],
    files: /^deep\.(?:heap|goroutine)-debug1\.txt$/,
    what: 'a heap dump and a goroutine dump of 1,000 goroutines 400 frames deep (the memory is stacks, not heap)',
  },
};

const NAMES = Object.keys(DEMOS);

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('analyze real dumps bundled with heapdoc: see what it says before you have a dump of your own')
    .argument('[name]', `which sample: ${NAMES.join(', ')} (default ${NAMES[0] ?? ''})`)
    .addOption(new Option('-f, --format <format>', 'report format (default: text)').choices(['text', 'json', 'markdown']))
    .addOption(outputOption())
    .addOption(sortOption())
    .option('--top <n>', 'allocation sites to list per dump (0: all)', '10')
    .addHelpText('after', `
Examples:
  heapdoc demo                 # a leak, across five snapshots
  heapdoc demo peak            # not a leak: idle heap after a peak
  heapdoc demo --format json | jq .verdict

The dumps are in the package's samples/ folder (heapdoc demo prints where); samples/README.md
says what each program did.`)
    .action(async (name: string | undefined, flags: Pick<AnalyzeFlags, 'format' | 'output' | 'sort' | 'top'>) => {
      const { files, demo } = demoFiles(name ?? NAMES[0] ?? 'leak');
      printNote(`demo: ${demo.what}, from ${path.dirname(files[0] ?? '')}`);
      await runAnalyze(files, { top: flags.top, timeout: String(DEFAULT_FETCH_OPTIONS.timeoutMs / 1000), maxBytes: '512MiB', ...demo.flags, ...definedOnly(flags) });
    });
}

/** The sample files of a demo, as paths into the installed package. */
function demoFiles(name: string): { files: string[]; demo: Demo } {
  const demo = DEMOS[name];
  if (!demo) throw new HeapdocError(`demo ${JSON.stringify(name)}: no such demo`, `use one of ${NAMES.join(', ')}`);
  const dir = packageFile('samples', ...demo.dir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => demo.files.test(f)).sort();
  } catch {
    names = [];
  }
  if (names.length === 0) throw new HeapdocError(`demo ${name}: the samples are missing from ${dir}`, 'reinstall heapdoc: the package ships them in samples/');
  return { files: names.map((f) => path.join(dir, f)), demo };
}

function definedOnly<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<T>;
}
