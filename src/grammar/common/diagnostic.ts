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
}

/** `source:line:column: severity: message (hint)` — the one-line form used on stderr. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.source}:${d.line}:${d.column}` : d.source;
  return `${where}: ${d.severity}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
