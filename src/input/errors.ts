/**
 * An error meant for a person: one line saying what went wrong and where, and a hint saying
 * how to fix it. The CLI prints it without a stack trace and exits with code 2.
 */
export class HeapdocError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'HeapdocError';
  }
}

/** Several problems found together, printed one line each (every dump that cannot join a series). */
export class HeapdocProblems extends HeapdocError {
  constructor(readonly problems: readonly HeapdocError[]) {
    super(problems.map((p) => p.message).join('; '), problems[0]?.hint);
    this.name = 'HeapdocProblems';
  }
}
