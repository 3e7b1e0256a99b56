/**
 * `heapdoc explain ID`: the page of a rule (docs/rules/<id>.md, shipped in the package) or the
 * documentation of a runtime.MemStats field. Without ID, the list of both. An unknown ID is one
 * line naming the closest matches, exit 2. `--schema` prints the JSON Schema of
 * heapdoc.config.json (the build ships it as schema/heapdoc.config.schema.json).
 */
import type { Command } from 'commander';
import { findMemStatsField, formatMemStatsField, MEMSTATS_FIELDS } from '../../analyze/memstats-fields.js';
import { findRule, offUntilConfigured, RULES } from '../../analyze/rules/index.js';
import { HeapdocError } from '../../input/errors.js';
import { levelWord } from '../../lint/config.js';
import { ruleDoc } from '../../lint/docs.js';
import { configSchema } from '../../lint/schema.js';
import { closeMatches } from '../../common/suggest.js';
import { writeStdout } from '../../report/write.js';
import { largest } from '../../common/arrays.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('explain a lint rule (e.g. idle-heap-retained) or a runtime.MemStats field (e.g. HeapIdle)')
    .argument('[id]', 'a rule id or a MemStats field name; without it, the list of both')
    .option('--schema', 'print the JSON Schema of heapdoc.config.json (every rule and its options)')
    .addHelpText('after', `
Examples:
  heapdoc explain idle-heap-retained
  heapdoc explain HeapIdle
  heapdoc explain
  heapdoc explain --schema > heapdoc.config.schema.json`)
    .action(async (id: string | undefined, flags: { schema?: boolean }) => {
      if (flags.schema && id !== undefined) throw new HeapdocError(`explain --schema takes no ID (got ${JSON.stringify(id)})`, 'run heapdoc explain --schema alone');
      await writeStdout(flags.schema ? `${JSON.stringify(configSchema(), null, 2)}\n` : explain(id));
    });
}

function explain(id: string | undefined): string {
  if (id === undefined) return listAll();
  const rule = findRule(id.trim().toLowerCase());
  if (rule) {
    const page = ruleDoc(rule.meta.id);
    if (page !== undefined) return page.endsWith('\n') ? page : `${page}\n`;
    return `# ${rule.meta.id}\n\n${rule.meta.description}\n\nGo documentation: ${rule.meta.docsUrl}\n`;
  }
  const field = findMemStatsField(id.trim());
  if (field) return formatMemStatsField(field);
  const close = closeMatches(id, [...RULES.map((r) => r.meta.id), ...MEMSTATS_FIELDS.keys()]);
  throw new HeapdocError(`unknown rule or MemStats field ${JSON.stringify(id)}`,
    `${close.length > 0 ? `did you mean ${close.join(', ')}? ` : ''}run heapdoc explain for the list`);
}

function listAll(): string {
  const width = largest(RULES.map((r) => r.meta.id.length));
  const rules = RULES.map((r) => {
    const level = offUntilConfigured(r.meta) ? 'off' : levelWord(r.meta.defaultSeverity);
    return `  ${r.meta.id.padEnd(width)}  ${level.padEnd(7)}  ${r.meta.description}`;
  });
  const fields = [...MEMSTATS_FIELDS.values()].map((f) => `  ${f.name.padEnd(width)}  ${f.summary}`);
  return ['Rules (id, default level as heapdoc.config.json writes it, what it finds):', ...rules, '', 'runtime.MemStats fields:', ...fields, '', 'heapdoc explain ID prints one of them.', ''].join('\n');
}
