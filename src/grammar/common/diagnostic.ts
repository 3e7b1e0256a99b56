/** A problem found while reading an input, anchored to a 1-based line and column. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  source: string;
  line: number;
  column: number;
  severity: Severity;
  /** What is wrong and what was expected, in one sentence. */
  message: string;
  /** How to fix it, when there is something the user can do. */
  hint?: string;
  /**
   * The input ends in the middle of this line (a cut download or file), not a line its writer got
   * wrong: lint's parse-error says why with the cut, not with the format.
   */
  cut?: true;
}

/** `source:line:column: severity: message (hint)` — the one-line form used on stderr. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.source}:${d.line}:${d.column}` : d.source;
  return `${where}: ${d.severity}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Problems kept per input by default. Past this only a count is kept: an input of a million bad
 * lines would otherwise hold a million diagnostics and write them all to JSON, SARIF and stderr.
 */
export const MAX_KEPT_DIAGNOSTICS = 1000;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * The problems of one input, at most `max` of them kept: the others are counted, with the worst
 * severity among them, so that `close` can say how many were left out and an error left out still
 * makes the input fail (exit code 2).
 */
export class DiagnosticList {
  private droppedCount = 0;
  private droppedWorst: Severity | undefined;

  constructor(readonly source: string, readonly items: Diagnostic[] = [], private readonly max = MAX_KEPT_DIAGNOSTICS) {}

  add(d: Diagnostic): void {
    if (this.items.length < this.max) {
      this.items.push(d);
      return;
    }
    this.droppedCount++;
    if (this.droppedWorst === undefined || SEVERITY_RANK[d.severity] > SEVERITY_RANK[this.droppedWorst]) this.droppedWorst = d.severity;
  }

  /** Every problem added, kept or not. */
  get count(): number {
    return this.items.length + this.droppedCount;
  }

  /** Problems added but not kept. */
  get dropped(): number {
    return this.droppedCount;
  }

  /**
   * Adds, once, the note on the problems left out (about the whole input: line 0, so it sorts
   * last), with the worst severity among them. Call it when the input is read.
   */
  close(): void {
    if (this.droppedCount === 0 || this.droppedWorst === undefined) return;
    const n = this.droppedCount;
    this.items.push({
      source: this.source, line: 0, column: 0, severity: this.droppedWorst,
      message: `${n.toLocaleString('en-US')} more problem${n === 1 ? '' : 's'} not listed (the first ${this.items.length.toLocaleString('en-US')} are)`,
      hint: 'fix the first ones (often one cause: a cut, edited or joined file) and run again',
    });
    this.droppedCount = 0;
    this.droppedWorst = undefined;
  }
}
