/**
 * What every line visitor keeps while it visits: where the text it is reading starts in the
 * input, that text, and the diagnostics it has found. The chunk loop hands a visitor one `line`
 * node at a time (linereader.ts LineConsumer.visitLine); `enter` records where that line is.
 */
import type { IToken } from 'chevrotain';
import { DiagnosticList, type Diagnostic } from './diagnostic.js';
import { tokenPosition, type Position } from './positions.js';

export class LineState {
  /** The input line the text being read starts on (token lines are relative to it). */
  firstLine = 1;
  /** The text the lexer read, which the line's tokens point into. */
  text = '';
  /** The diagnostics found, at most MAX_KEPT_DIAGNOSTICS kept (the rest counted: diagnostic.ts). */
  readonly log: DiagnosticList;

  constructor(readonly source: string) {
    this.log = new DiagnosticList(source);
  }

  get diagnostics(): Diagnostic[] {
    return this.log.items;
  }

  /** A line node at input line `line`, the `index`-th line (0-based) of `text`. */
  enter(line: number, index: number, text: string): void {
    this.firstLine = line - index;
    this.text = text;
  }

  /** A token's input position; `fallback`, or the start of the text's first line, for tokens without one. */
  pos(tok: IToken | undefined, fallback?: Position): Position {
    // The default is made only when used: this runs for every frame line of a dump.
    const position = tokenPosition(tok, this.firstLine, undefined);
    return position ?? fallback ?? { line: this.firstLine, column: 1 };
  }

  report(position: Position, severity: Diagnostic['severity'], message: string, hint?: string, cut?: true): void {
    this.log.add({ source: this.source, ...position, severity, message, ...(hint ? { hint } : {}), ...(cut ? { cut } : {}) });
  }
}
