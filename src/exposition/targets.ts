/**
 * A /metrics page may hold several processes: a Prometheus `/federate` page, or pages
 * concatenated, each sample labelled with its target (`job`, `instance`). `--target
 * job=api,instance=10.0.0.1:2112` picks one: `heapdoc watch` follows one process, so it never
 * picks one silently (a page of several targets fails the poll with a line listing them);
 * `heapdoc analyze --target` keeps that target's scrapes of every input, for its series.
 */
import { describeTarget } from './prometheus.js';
import type { ExposedSnapshot } from './model.js';
import { TARGET_LABELS } from '../grammar/prometheus/model.js';
import { HeapdocError } from '../input/errors.js';
import { firstOf } from '../text/units.js';

export type TargetSelector = Readonly<Record<string, string>>;

/** The targets listed in one line at most; the rest are counted. */
const LISTED = 8;

const PAIR = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]*))\s*(,|$)/y;

/** `job=api`, `job="api",instance="a:1"` or `{job="api"}` (as the error lists them) → the labels. */
export function parseTargetSelector(text: string): TargetSelector {
  const body = text.trim().replace(/^\{(.*)\}$/s, '$1');
  const labels: Record<string, string> = {};
  const bad = (why: string): HeapdocError =>
    new HeapdocError(`--target ${text}: ${why}`, `write the target's labels as job=NAME,instance=HOST:PORT (either, or both), e.g. --target 'job="api",instance="10.0.0.1:2112"'`);
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < body.length) {
    const m = PAIR.exec(body);
    if (!m) throw bad(`cannot read it from column ${PAIR.lastIndex + 1}`);
    const [, name = '', quoted, bare, end] = m;
    if (!(TARGET_LABELS as readonly string[]).includes(name)) throw bad(`${name} is not a target label (job and instance name a target)`);
    labels[name] = quoted !== undefined ? quoted.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)) : (bare ?? '').trim();
    if (end === '') break;
  }
  if (Object.keys(labels).length === 0) throw bad('no label in it');
  return labels;
}

/** The distinct targets of `snapshots`, as describeTarget writes them ('' for a scrape without target labels). */
function targetsOf(snapshots: readonly ExposedSnapshot[]): string[] {
  return [...new Set(snapshots.map((s) => describeTarget(s.target ?? {})))];
}

/** `{job="api",instance="a:1"}, {job="db",instance="b:1"} and 3 more`. */
function list(targets: Iterable<string>): string {
  return firstOf([...targets].map((t) => `{${t}}`), LISTED);
}

/**
 * What --target picks among snapshots seen one by one (a long series of scrapes is judged as it
 * is read, never held whole): `see` says whether a snapshot is of the target picked, `problem`
 * what is wrong once all were seen (none or several targets picked).
 */
export class TargetTally {
  /** Every target seen, and those the selector picks, as describeTarget writes them, in order. */
  private readonly targets = new Set<string>();
  private readonly found = new Set<string>();
  /** The snapshots seen, and the source of the first. */
  private count = 0;
  private first: string | undefined;

  constructor(readonly selector: TargetSelector) {}

  see(snapshot: Pick<ExposedSnapshot, 'source' | 'target'>): boolean {
    const target = describeTarget(snapshot.target ?? {});
    this.count++;
    this.first ??= snapshot.source;
    this.targets.add(target);
    if (!Object.entries(this.selector).every(([name, value]) => snapshot.target?.[name] === value)) return false;
    this.found.add(target);
    return true;
  }

  /** Adds what `other` saw after what this one did. */
  merge(other: TargetTally): void {
    this.count += other.count;
    this.first ??= other.first;
    for (const t of other.targets) this.targets.add(t);
    for (const t of other.found) this.found.add(t);
  }

  /** Where the snapshots come from, for messages: the only one's source, or `the inputs`. */
  get where(): string {
    return this.count === 1 ? this.first ?? 'the inputs' : 'the inputs';
  }

  /** Why the selector does not pick one target (naming the targets), or undefined when it does. */
  problem(where: string): HeapdocError | undefined {
    const { selector, targets, found } = this;
    const wanted = `--target ${describeTarget(selector)}`;
    if (this.count === 0) return new HeapdocError(`${where}: ${wanted} picks the scrapes of a /metrics page, and there are none`, 'drop --target');
    if (found.size === 1) return undefined;
    if (found.size > 1) return new HeapdocError(`${where}: ${wanted} matches ${found.size} targets: ${list(found)}`, 'give both job and instance to pick one');
    const [only] = targets;
    if (targets.size <= 1 && !only) return new HeapdocError(`${where}: ${wanted}, but ${this.count > 1 ? 'these scrapes have' : 'this page has'} no job/instance labels (one process)`, 'drop --target');
    return new HeapdocError(`${where}: no target matches ${wanted}; the targets are ${list(targets)}`, 'a target that is gone (a restarted pod gets a new instance) must be picked again');
  }
}

/** The snapshots of the one target `selector` picks (every scrape of it, in order); an error naming the targets when it picks none or several. */
export function selectTarget(snapshots: readonly ExposedSnapshot[], selector: TargetSelector, where: string): ExposedSnapshot[] | HeapdocError {
  const tally = new TargetTally(selector);
  const chosen = snapshots.filter((s) => tally.see(s));
  return tally.problem(where) ?? chosen;
}

/**
 * The snapshot of the process watch follows, from the scrapes of one poll (the last scrape of
 * that target when it appears twice); an error naming the targets when the choice is not clear.
 */
export function pickTarget(snapshots: readonly ExposedSnapshot[], selector: TargetSelector | undefined, url: string): ExposedSnapshot | HeapdocError {
  if (selector) {
    const chosen = selectTarget(snapshots, selector, url);
    return chosen instanceof HeapdocError ? chosen : (chosen[chosen.length - 1] as ExposedSnapshot);
  }
  const targets = targetsOf(snapshots);
  if (targets.length <= 1) return snapshots[snapshots.length - 1] ?? new HeapdocError(`${url}: no MemStats on this page`);
  const example = targets.find((t) => t !== '') ?? '';
  return new HeapdocError(`${url}: ${targets.length} targets on this page: ${list(targets)}`, `watch follows one process: pick it with --target, e.g. --target '${example}'`);
}
