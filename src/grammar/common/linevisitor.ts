/**
 * What every line grammar's visitor shares: it keeps where the line being read is and the
 * diagnostics found (LineState, as `at`), and is driven one line at a time by the chunk loop
 * (linereader.ts LineConsumer.visitLine). A grammar that builds a CST visits it with a class built
 * on its parser's CST visitor (`lineVisitor`); one without (lineparser.ts RecordingLineParser)
 * extends `LineBuilder` and reads what its parser recorded.
 *
 *   export class TracebackBuilder extends lineVisitor(tracebackParser) { … visitor methods … }
 *   export class GcTraceBuilder extends LineBuilder { visitLine(main, line, index, text) { … } }
 */
import type { CstNode, CstParser } from 'chevrotain';
import type { Diagnostic, DiagnosticList } from './diagnostic.js';
import { LineState } from './linestate.js';

// The class type is inferred from the mixin: naming it would repeat Chevrotain's visitor type.
export function lineVisitor(parser: CstParser) {
  const CstVisitor = parser.getBaseCstVisitorConstructor<void, void>();

  // Made once per grammar, when its module loads (`extends lineVisitor(parser)`), not per input.
  // eslint-disable-next-line no-restricted-syntax
  abstract class LineVisitor extends CstVisitor {
    /** Where the line being read is, and the diagnostics found (common/linestate.ts). */
    protected readonly at: LineState;

    constructor(source: string) {
      super();
      this.at = new LineState(source);
      // The subclass's visitor methods are on the prototype already: every rule must have one.
      this.validateVisitor();
    }

    get diagnostics(): Diagnostic[] {
      return this.at.diagnostics;
    }

    /** The diagnostics as the reader adds to them (bad lines) and closes them (GrammarReader). */
    get diagnosticLog(): DiagnosticList {
      return this.at.log;
    }

    /**
     * Visits one parsed `line` node. `index` is the line's 0-based index in the text the grammar
     * read, `line` its line in the input: the two differ when repeated lines are served from a cache.
     */
    visitLine(cst: CstNode, line: number, index: number, text: string): void {
      this.at.enter(line, index, text);
      this.visit(cst);
    }

    /** The chunk loop visits `line` nodes one by one; a whole `lines` node never reaches a visitor. */
    lines(): void {
      throw new Error('internal: visit line nodes one by one with visitLine');
    }
  }
  return LineVisitor;
}

/** The builder of a grammar whose parser records its lines instead of building a CST (see above). */
export abstract class LineBuilder {
  /** Where the line being read is, and the diagnostics found (common/linestate.ts). */
  protected readonly at: LineState;

  constructor(source: string) {
    this.at = new LineState(source);
  }

  get diagnostics(): Diagnostic[] {
    return this.at.diagnostics;
  }

  /** The diagnostics as the reader adds to them (bad lines) and closes them (GrammarReader). */
  get diagnosticLog(): DiagnosticList {
    return this.at.log;
  }
}
