import type { Command } from 'commander';

/** `heapdoc [analyze] INPUT…` — placeholder until the analysis lands in the next commit. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze', { isDefault: true })
    .description('parse and analyze heap dumps')
    .argument('[inputs...]', 'files, directories, globs, - for stdin, or http(s) URLs')
    .action(() => undefined);
}
