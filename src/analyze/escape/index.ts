/** The `escape` analysis: causes, the streaming analyzer, and the join with heap profiles. */
export { EscapeAnalyzer, heapCount, leakCount, type CountRow, type DiagnosticInfo, type EscapeAnalysis, type EscapeAnalysisOptions, type EscapeFinding, type FindingKind, type FindingList } from './analyzer.js';
export { CAUSE_ORDER, causeOf, describeFinding, describePath, ESCAPE_CAUSES, formatWhere, isAllocationExpression, sourceStatements, statementOfLine, type ClosureStatement, type EscapeCause, type StatementAt } from './cause.js';
export {
  buildEscapeIndex, commonSuffix, compareAllocationSite, EscapeIndexBuilder, escapesAt, matchFile, pathSegments, stackLocalsAt,
  type EscapeIndex, type FileMatch, type JoinedDiagnostic, type Placement, type SiteComparison, type SiteStatus, type StackLocals,
} from './join.js';
export { columnNote, isPackageInit, joinedColumnNote, methodValueWords, PACKAGE_INIT, type UnnamedClosure } from './names.js';
export { ExplanationLinker, linkKey } from './link.js';
