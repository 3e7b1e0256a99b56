/**
 * What heapdoc knows about where it runs. CI is read once, as Ink reads it (the `is-in-ci`
 * package: CI or CONTINUOUS_INTEGRATION set, and not `0` or `false`), so the interactive UI,
 * the progress line and every other decision agree.
 */
import isInCi from 'is-in-ci';

export const inCi: boolean = isInCi;
