/**
 * SARIF 2.1.0, as GitHub code scanning reads it: every rule of the registry in
 * `tool.driver.rules` (stable ids, their description, `helpUri` and the rule's page as `help`),
 * and one result per finding with `ruleId`, `level` (error / warning / note), `message.text` and
 * a location whose `uri` is the dump's path relative to `baseDir` (the repository root when run
 * from it), in POSIX form. `partialFingerprints` carries the line-independent fingerprint that
 * baselines use, so alerts survive a re-captured dump.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Log, Region, ReportingDescriptor, Result } from 'sarif';
import { offUntilConfigured, type RuleMeta } from '../../analyze/rules/index.js';
import type { Severity } from '../../grammar/common/diagnostic.js';
import { problemPath, type FileResult, type LintProblem } from '../types.js';
import { escapeTerminalControls } from '../../text/json.js';
import { capitalized } from '../../text/wrap.js';
import { leavesDirectory } from '../../common/paths.js';
import { withoutRelativeLinks } from '../docs.js';
import type { SkippedFile } from '../../input/skipped.js';

export interface SarifContext {
  /** heapdoc's version. */
  version: string;
  /** Every rule, in registry order (results point at them by index). */
  rules: readonly RuleMeta[];
  /** The Markdown page of a rule (docs/rules/<id>.md), when available. */
  help: (ruleId: string) => string | undefined;
  /** Paths are written relative to this directory. */
  baseDir: string;
  /**
   * The inputs lint could not read, each as the line it said on stderr: a run's invocation lists
   * them, so that an uploaded report of a failed run (or of a run that read nothing) says why it
   * holds fewer files.
   */
  problems?: readonly LintProblem[];
  /** The files a directory walk or glob skipped: a note each after the problems, at the file. */
  skipped?: readonly SkippedFile[];
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(results: readonly FileResult[], context: SarifContext): string {
  const index = new Map(context.rules.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = context.rules.map((meta) => {
    const page = context.help(meta.id);
    // Shown in the scanned repository's alerts: relative links would point into that repository.
    const help = page !== undefined ? withoutRelativeLinks(page) : undefined;
    return {
      id: meta.id,
      name: pascalCase(meta.id),
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.description },
      helpUri: meta.docsUrl,
      help: help ? { text: help, markdown: help } : { text: `${meta.description} See ${meta.docsUrl}` },
      defaultConfiguration: { level: LEVEL[meta.defaultSeverity], enabled: !offUntilConfigured(meta) },
      properties: { tags: ['go', 'memory'] },
    };
  });
  const sarifResults: Result[] = [];
  for (const file of results) {
    const uri = artifactUri(file, context.baseDir);
    // Code scanning takes results with one fingerprint in one file for one alert: the second and
    // later of one fingerprint (three parse errors in a dump) carry their occurrence (`…:2`), as
    // CodeQL's primaryLocationLineHash does; the first keeps the plain one, and its alert.
    const seen = new Map<string, number>();
    for (const m of file.messages) {
      const occurrence = (seen.get(m.fingerprint) ?? 0) + 1;
      seen.set(m.fingerprint, occurrence);
      const ruleIndex = index.get(m.ruleId);
      // A region is in the artifact's own bytes, and a gzip file has no lines: the place in the
      // decompressed text goes into the message, as a binary profile's findings have no region.
      const where = m.line !== undefined && file.compressed ? `\n\nAt line ${m.line}, column ${m.column ?? 1} of the decompressed text.` : '';
      sarifResults.push({
        ruleId: m.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: LEVEL[m.severity],
        message: { text: `${m.message}${where}\n\nWhy: ${m.why}\n\nFix: ${m.fix}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri },
            ...(m.line !== undefined && !file.compressed ? { region: { startLine: m.line, startColumn: m.column ?? 1 } } : {}),
          },
        }],
        partialFingerprints: { 'heapdocFingerprint/v2': occurrence === 1 ? m.fingerprint : `${m.fingerprint}:${occurrence}` },
        ...(m.cut ? { properties: { cut: true } } : {}),
      });
    }
  }
  const problems = context.problems ?? [];
  const skipped = context.skipped ?? [];
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'heapdoc', version: context.version, semanticVersion: context.version, rules } },
      ...(problems.length > 0 || skipped.length > 0 ? {
        invocations: [{
          executionSuccessful: problems.length === 0,
          toolExecutionNotifications: [
            ...problems.map((p) => ({
              level: 'error' as const,
              message: { text: p.hint ? `${p.message} — ${p.hint}` : p.message },
              ...(p.input !== undefined ? { locations: [{ physicalLocation: { artifactLocation: { uri: inputUri(p.input, context.baseDir) }, ...partRegion(p, results) } }] } : {}),
              ...(p.details ? { properties: { details: [...p.details] } } : {}),
              // Binary data skipped inside an input whose dumps were linted (their results are above): read in part, not unread.
              // The parts past the first few are one notification: how many, all their bytes as its region.
              ...(p.partly ? { properties: { readInPart: true, ...('more' in p.partly ? { moreBinaryParts: p.partly.more } : {}) } } : {}),
            })),
            ...skipped.map((f) => ({
              level: 'note' as const,
              message: { text: f.reason },
              locations: [{ physicalLocation: { artifactLocation: { uri: inputUri(f.source, context.baseDir) } } }],
            })),
          ],
        }],
      } : {}),
      columnKind: 'utf16CodeUnits',
      results: sarifResults,
    }],
  };
  return `${escapeTerminalControls(JSON.stringify(log, null, 2))}\n`;
}

/**
 * Where a binary part skipped inside an input is (LintProblem.partly): the line it starts on (when
 * known) and its bytes in the input. None for a gzip file, whose lines and bytes are the
 * decompressed text's (its findings have no region either).
 */
function partRegion(p: LintProblem, results: readonly FileResult[]): { region?: Region } {
  const part = p.partly;
  if (part === undefined || results.some((r) => r.source === p.input && r.compressed)) return {};
  return { region: { ...(part.line !== undefined ? { startLine: part.line } : {}), byteOffset: part.start, byteLength: part.end - part.start } };
}

/** The dump's path relative to `baseDir` with '/' separators; a file outside it as a file: URL; stdin and URLs as they are named. */
export function artifactUri(file: FileResult, baseDir: string): string {
  if (!file.path) return file.source === '-' ? 'stdin' : file.source;
  const relative = path.relative(baseDir, file.path);
  if (leavesDirectory(relative)) return pathToFileURL(file.path).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/** An input a problem is about, as a result's artifact: a path relative to `baseDir` (or a file: URL), stdin and URLs as named. */
function inputUri(input: string, baseDir: string): string {
  const file = problemPath(input);
  return artifactUri({ source: input, ...(file !== undefined ? { path: file } : {}), kind: 'heap', messages: [], suppressed: [] }, baseDir);
}

function pascalCase(id: string): string {
  return id.split('-').map(capitalized).join('');
}
