/** What lint produces for each input: the findings of its rules, as formatters and baselines read them. */
import type { Finding } from '../analyze/rules/index.js';
import type { FormatKind } from '../input/registry.js';
import * as path from 'node:path';
import { schemeOf } from '../input/urls.js';
import { skippedCountLine } from '../input/skipped.js';
import { countOf } from '../text/units.js';
import { problemMessage, type InputProblem } from '../input/problems.js';
import type { BinaryPart, MoreBinaryParts } from '../input/binary.js';

/** The format of a linted input (input/registry.ts). */
export type LintedKind = FormatKind;

/** A finding as lint reports it: without its source (the file result holds it), with a fingerprint. */
export type LintMessage = Omit<Finding, 'source'> & {
  /** Identifies the finding across runs without line numbers (see baseline.ts). */
  fingerprint: string;
};

export interface FileResult {
  /** The input as the user named it or as a directory walk found it; '-' for standard input. */
  source: string;
  /** The absolute path on disk, for files. */
  path?: string;
  /** A gzip file (dump.txt.gz): the findings' lines are of the decompressed text, not of the file (SARIF gives no region). */
  compressed?: true;
  kind: LintedKind;
  /** Sorted by line and column; findings without a position first. */
  messages: LintMessage[];
  /** Findings a baseline already records: not reported, not counted. */
  suppressed: LintMessage[];
}

/**
 * What stopped lint from reading everything (exit 2), as said on stderr: an input that could not
 * be read, a directory whose dumps are not of one process, no dump among the inputs. The json and
 * sarif reports carry them, so that the report a CI step uploads says why it holds fewer files.
 */
export interface LintProblem extends InputProblem {
  /** A directory (or input) whose dumps are not of one process: read and linted, but without the series rules; not an input that could not be read. */
  series?: boolean;
  /** The lines the problem stands for (a folder's pairs of dumps that cannot be of one process, each as analyze says it): the json and sarif reports list them. */
  details?: readonly string[];
  /**
   * Binary data skipped inside the input (input/binary.ts), where it was (or the parts past the
   * first few, as one: MoreBinaryParts): its dumps around it were read and linted; not an input that
   * could not be read. Every report puts it in the input's own entry, at its line (partsApart).
   */
  partly?: BinaryPart | MoreBinaryParts;
}

/**
 * The problems of binary parts skipped inside linted inputs, by input: each is a row of that
 * input's entry, among its findings at its line (one file, one entry, in every report). The rest
 * (inputs that could not be read, the run's own; a part of an input with no result) as they are.
 */
export function partsApart(results: readonly FileResult[], problems: readonly LintProblem[]): { parts: Map<string, LintProblem[]>; rest: LintProblem[] } {
  const linted = new Set(results.map((r) => r.source));
  const parts = new Map<string, LintProblem[]>();
  const rest: LintProblem[] = [];
  for (const p of problems) {
    if (p.partly === undefined || p.input === undefined || !linted.has(p.input)) rest.push(p);
    else parts.set(p.input, [...(parts.get(p.input) ?? []), p]);
  }
  return { parts, rest };
}

/**
 * An input's findings and binary parts in one list by line (stable: at one line, the findings
 * first; those without a line first of all, as the findings are sorted).
 */
export function withParts<T>(messages: readonly LintMessage[], parts: readonly LintProblem[], finding: (m: LintMessage) => T, part: (p: LintProblem) => T): T[] {
  const rows = [...messages.map((m) => ({ at: m.line, row: finding(m) })), ...parts.map((p) => ({ at: p.partly?.line, row: part(p) }))];
  return rows.sort((a, b) => (a.at ?? 0) - (b.at ?? 0)).map((r) => r.row);
}

/**
 * A binary part as a row of its input's findings (stylish, Markdown): its message without the
 * `line 40: ` its position says, and how to cut it out.
 */
export function partRow(p: LintProblem): { line: number | undefined; message: string; hint: string | undefined } {
  const line = p.partly?.line;
  const message = problemMessage(p);
  const at = `line ${line ?? ''}: `;
  return { line, message: line !== undefined && message.startsWith(at) ? message.slice(at.length) : message, hint: p.hint };
}

/**
 * What the problems of inputs say in a summary: `3 inputs could not be read`, `1 folder holds dumps of
 * more than one process` (its dumps were linted, without the series rules); undefined for none.
 */
export function problemsCounted(problems: readonly LintProblem[]): string | undefined {
  const unread = problems.filter((p) => p.input !== undefined && p.series !== true && p.partly === undefined).length;
  const partly = new Set(problems.filter((p) => p.input !== undefined && p.partly !== undefined).map((p) => p.input)).size;
  const mixed = new Set(problems.filter((p) => p.input !== undefined && p.series === true).map((p) => p.input)).size;
  const parts = [
    ...(unread > 0 ? [`${countOf(unread, 'input')} could not be read`] : []),
    ...(partly > 0 ? [`${countOf(partly, 'input')} read in part (binary data skipped)`] : []),
    ...(mixed > 0 ? [`${countOf(mixed, 'folder')} ${mixed === 1 ? 'holds' : 'hold'} dumps of more than one process`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * The line that closes the problems' part of the stylish and Markdown reports, when an input could
 * not be read, a folder's dumps are not of one process, or no dump was linted: `✖ 3 inputs could
 * not be read, 0 dumps linted`; undefined otherwise (the findings' summary says the rest).
 */
export function unreadSummary(problems: readonly LintProblem[], linted: number): string | undefined {
  const counted = problemsSummary(problems, linted);
  return counted === undefined ? undefined : `✖ ${counted}`;
}

/** unreadSummary's words, without its mark: `3 inputs could not be read, 0 dumps linted` (lint's stderr line too). */
export function problemsSummary(problems: readonly LintProblem[], linted: number): string | undefined {
  const counted = problemsCounted(problems);
  if (counted === undefined && linted > 0) return undefined;
  return `${counted !== undefined ? `${counted}, ` : ''}${countOf(linted, 'dump')} linted`;
}

/** The stylish and Markdown reports' line for the files a walk skipped (json and sarif list each). */
export function skippedLine(skipped: number): string {
  return skippedCountLine(skipped, '--format json or sarif');
}

/** The absolute path of a problem's input on disk; undefined for stdin (`-`) and URLs, named as given. */
export function problemPath(input: string): string | undefined {
  return input === '-' || schemeOf(input) !== undefined ? undefined : path.resolve(input);
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countMessages(messages: readonly LintMessage[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const m of messages) {
    if (m.severity === 'error') counts.errors++;
    else if (m.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function totalCounts(results: readonly FileResult[]): Counts {
  const total: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const r of results) {
    const c = countMessages(r.messages);
    total.errors += c.errors;
    total.warnings += c.warnings;
    total.infos += c.infos;
  }
  return total;
}
