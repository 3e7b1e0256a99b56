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

/**
 * What an error thrown while one input was read says about that input. A HeapdocError already
 * says it; anything else is a bug in heapdoc, named here as a problem of that input so that a
 * batch (`lint dumps/`, `heapdoc a.txt b.txt`) still reads and reports the other inputs.
 */
export function inputProblem(source: string, error: unknown): HeapdocError {
  if (error instanceof HeapdocError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HeapdocError(`${source}: internal error while reading this input: ${message}`, 'this is a bug in heapdoc; the other inputs were read; please report it with the input');
}

/**
 * What heapdoc says when it cannot write a report to `target` (a file, or `stdout`): the system's
 * error code, spelled out for a full disk, and what to do.
 */
export function cannotWrite(target: string, error: unknown, hint: string): HeapdocError {
  return new HeapdocError(`${target}: cannot write: ${systemError(error)}`, hint);
}

/**
 * What heapdoc says when it cannot make a directory (common/directories.ts), with the level that
 * failed: `-o /proc/nope/x.txt: cannot create /proc/nope: ENOENT (…)`.
 */
export function cannotCreate(target: string, error: unknown, hint: string): HeapdocError {
  const level = (error as NodeJS.ErrnoException | undefined)?.path;
  // mkdir's ENOENT under a parent that exists: the file system allows no directory there.
  const words = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'ENOENT (no directory can be made there)' : systemError(error);
  return new HeapdocError(`${target}: cannot create ${level ?? 'its directory'}: ${words}`, hint);
}

/** The system's words for the codes a person meets (ENOSPC, ENAMETOOLONG…), after the code. */
const SYSTEM_WORDS: Record<string, string> = {
  ENOSPC: 'no space left',
  ENAMETOOLONG: 'name too long',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file where a directory should be',
  ELOOP: 'a symbolic link loop',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files in the system',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
};

/** A system error as its code and, for the common ones, its words: `ENOSPC (no space left)`. */
export function systemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
  const words = SYSTEM_WORDS[code];
  return words === undefined ? code : `${code} (${words})`;
}

/** What heapdoc says when stdout does not take the report. */
export function cannotWriteStdout(error: unknown): HeapdocError {
  return cannotWrite('stdout', error, 'check the disk or the file stdout goes to, or give --output another file');
}
