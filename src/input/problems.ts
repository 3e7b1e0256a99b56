/**
 * Inputs that could not be read, as a command says them on stderr once all are read: those that
 * failed alike (the same words but for the input's name, the same hint) as one line — a folder of
 * captures with a /debug/vars page that answered 404 in each is one `8 files (vars-404.txt ×8): …`,
 * not eight lines that differ only in the name. Lint (its reports too) and analyze say them so.
 */
import { countOf, filesNamed } from '../text/units.js';

/** A problem of an input, or of the run as a whole (no `input`), as said on stderr. */
export interface InputProblem {
  message: string;
  hint?: string | undefined;
  /** The input (as named or found) or directory it is about; undefined for the run as a whole. */
  input?: string | undefined;
  /** A directory (or input) whose dumps are not of one process: never grouped with another's. */
  series?: boolean;
  /** The lines the problem stands for (each said in the reports): never grouped with another's. */
  details?: readonly string[];
}

/** A problem's message without its input's name in front (the report names it above, or in its column). */
export function problemMessage(p: InputProblem): string {
  return p.input !== undefined && p.message.startsWith(`${p.input}: `) ? p.message.slice(p.input.length + 2) : p.message;
}

/** Problems of inputs that say the same (problemGroups): the first one, and the inputs it stands for. */
export interface ProblemGroup<P extends InputProblem = InputProblem> {
  problem: P;
  inputs: string[];
}

/**
 * The problems as people read them: those of several inputs that say the same (the same message
 * without the input's name, the same hint) as one, in the order first said; a folder of captures
 * with a /debug/vars page that answered 404 in each, 84 lines that differed only in the name, is
 * one (`8 files (vars-404.txt ×8): …`). The run's own problems and a folder's (`series`) stay one
 * each. The json and sarif reports list every input.
 */
export function problemGroups<P extends InputProblem>(problems: readonly P[]): ProblemGroup<P>[] {
  const groups: ProblemGroup<P>[] = [];
  const byText = new Map<string, ProblemGroup<P>>();
  for (const p of problems) {
    const key = p.input !== undefined && p.series !== true && !p.details ? `${problemMessage(p)}\n${p.hint ?? ''}` : undefined;
    const same = key !== undefined ? byText.get(key) : undefined;
    if (same && p.input !== undefined) {
      same.inputs.push(p.input);
      continue;
    }
    const group = { problem: p, inputs: p.input !== undefined ? [p.input] : [] };
    groups.push(group);
    if (key !== undefined) byText.set(key, group);
  }
  return groups;
}

/** What a group's inputs are called where one input's name would be: that name, or `8 files (vars-404.txt ×8)`. */
export function groupInputs(group: ProblemGroup): string | undefined {
  if (group.inputs.length <= 1) return group.problem.input;
  return `${countOf(group.inputs.length, 'file')} (${filesNamed(group.inputs)})`;
}

/** A group's line on stderr: its one input's message as said, or `8 files (vars-404.txt ×8): the message`. */
export function groupLine(group: ProblemGroup): string {
  return group.inputs.length > 1 ? `${groupInputs(group) ?? ''}: ${problemMessage(group.problem)}` : group.problem.message;
}
