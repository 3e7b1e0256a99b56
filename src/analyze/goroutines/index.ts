/**
 * Goroutine dump analysis: `summarizeGoroutineProfile` (debug=1, goroutineleak) and
 * `summarizeTraceback` (debug=2) group goroutines for contract.md's `goroutines` entry;
 * `estimateStackUsage` relates a summary to a heap dump's StackInuse; tracks.ts tells the dumps
 * that count every goroutine from the runtime's goroutineleak profiles. See docs/goroutines.md.
 */
export type { ClientConnRole, GoroutineDumpKind, GoroutineGroup, GoroutineSummary, GroupFrame, GroupMembers, HttpClientWaits, WaitCount } from './model.js';
export { summarizeGoroutineProfile, summarizeGoroutines, summarizeTraceback } from './group.js';
export { DEEP_STACK_BYTES, deepStackBytes, deepStacksOf, estimateStackUsage, INITIAL_STACK_BYTES, LARGE_FRAMES_STACK_BYTES, largeFramesGroup, largeFramesWords, largestGroupWords, RECURSION_MIN_FRAMES, recursionOf, recursionWords, type GroupStackEstimate, type Recursion, type StackUsageEstimate } from './stacks.js';
export { G0_STACK_BYTES, SIGNAL_STACK_BYTES, threadsHeld, threadsHeldWords, threadStackBytes, threadStacksWords, type ThreadsHeld } from './threads.js';
export { confirmedGoroutineLeak, countingDumps, crashOutputs, isTraceback, leakProfiles, type ConfirmedLeak } from './tracks.js';
export { highestGoroutineId, orderGoroutineDumps, unplacedWords } from './order.js';
export { benignOrigin, type Benign } from './benign.js';
export { outOfMemoryCrash, outOfMemoryNumbers, outOfMemoryWords, type OutOfMemoryCrash } from './out-of-memory.js';
export { frameName, isRuntimeFunction, isStandardLibrary, isWaitMachinery, topFrame, type FrameLike, type TopFrame } from './frames.js';
export { distinctionIfAmbiguous, isBlockedState, longWaits, longWaitWords, minutesWords, oneGroupHint, stateWords, waitAdvice, waitedAtLeast, waitPlaceIfAmbiguous, type LongWait, type Waiting } from './waits.js';
export { clientConnRole, httpClientWaits } from './httpclient.js';
export { crashRaiser, crashWhere, crashWords } from './crash.js';
