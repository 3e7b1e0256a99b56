/**
 * A binary heap profile (what /debug/pprof/heap serves without ?debug=1, what `go tool pprof`
 * saves and continuous profilers store): gzipped protobuf (profile.proto), decoded with
 * pprof-format (Datadog's pure-JS encoder/decoder) into the same sampled sites (stacks and
 * buckets) a heap?debug=1 dump's records give. Go writes its values already unsampled (runtime/pprof
 * scaleHeapSample), so the header says `scaled` and nothing is scaled twice. It carries no
 * MemStats: heapdoc pairs it with /debug/vars or /metrics of the same process when given.
 */
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import type { Diagnostic } from '../common/diagnostic.js';
import type { Frame, HeapStack, ProfileHeader, SampledSites, SizeBucket } from '../heap/index.js';
import { ListedStack } from '../heap/model.js';
import type { GoroutineProfile } from '../goroutine/model.js';

export interface PprofRead {
  /** The samples as allocation sites; no MemStats (a binary profile has none). */
  sites: SampledSites | undefined;
  /** A goroutine profile (`goroutine/count`: /debug/pprof/goroutine without ?debug=1), as its debug=1 text reads. */
  goroutines?: GoroutineProfile;
  /** Unix ms the profile was taken (profile.proto time_nanos), when set. */
  capturedAtMs: number | undefined;
  /** The sample types, `inuse_space/bytes` and so on. */
  sampleTypes: string[];
  diagnostics: Diagnostic[];
}

/** No position in a binary file: diagnostics and model nodes point at the file (line 0). */
const NOWHERE = { line: 0, column: 0 };

const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'] as const;

export function readPprof(bytes: Uint8Array, source: string): PprofRead {
  const fail = (message: string, hint: string): PprofRead => ({
    sites: undefined, capturedAtMs: undefined, sampleTypes: [],
    diagnostics: [{ source, ...NOWHERE, severity: 'error', message, hint }],
  });
  let profile: Profile;
  try {
    const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    profile = Profile.decode(raw);
  } catch (error) {
    return fail(`not a readable protobuf profile: ${(error as Error).message}`, 'check that the file was saved whole (curl -o heap.pb.gz URL), or fetch the text form with ?debug=1');
  }
  const strings = profile.stringTable.strings;
  const str = (i: number | bigint): string => strings[Number(i)] ?? '';
  const sampleTypes = profile.sampleType.map((t) => `${str(t.type)}/${str(t.unit)}`);
  const index = Object.fromEntries(HEAP_TYPES.map((name) => [name, profile.sampleType.findIndex((t) => str(t.type) === name)])) as Record<(typeof HEAP_TYPES)[number], number>;
  const goroutines = sampleTypes.length === 1 && sampleTypes[0] === 'goroutine/count';
  if (!goroutines && index.inuse_space < 0 && index.alloc_space < 0) {
    const types = sampleTypes.filter((t) => t !== '/');
    return {
      ...fail(types.length > 0 ? `a protobuf profile of ${types.join(', ')}, not a heap profile` : 'a protobuf profile with no heap samples (no sample types: damaged, or not a Go profile)',
        'fetch /debug/pprof/heap (or heap?debug=1) for memory'),
      sampleTypes,
    };
  }
  const tables: Tables = {
    functions: new Map(profile.function.map((f) => [Number(f.id), f])),
    locations: new Map(profile.location.map((l) => [Number(l.id), l])),
    str,
  };
  const dangling = danglingReferences(profile, tables.locations, tables.functions, strings.length);
  if (dangling > 0) {
    // A cut or damaged message still decodes: the tables written after the samples are missing.
    return { ...fail(`the profile is damaged or cut short: ${dangling} reference${dangling === 1 ? '' : 's'} to locations, functions or strings it does not hold`, `save the whole response again (curl -o ${goroutines ? 'goroutine' : 'heap'}.pb.gz URL), or fetch the text form with ?debug=1`), sampleTypes };
  }
  // In BigInt: ns since 1970 are past 2^53, and the ms must be exact (series order, runs named to the ms).
  const timeNanos = BigInt.asIntN(64, BigInt(profile.timeNanos ?? 0));
  const capturedAtMs = timeNanos > 0n ? Number(timeNanos / 1_000_000n) : undefined;
  if (goroutines) return { sites: undefined, goroutines: goroutineProfile(profile, tables), capturedAtMs, sampleTypes, diagnostics: [] };
  const framesOf = new Map<number, Frame[]>();
  const locationFrames = (id: number): Frame[] => {
    let frames = framesOf.get(id);
    if (frames) return frames;
    const location = tables.locations.get(id);
    frames = symbolized(location, tables);
    if (frames.length === 0) frames = [{ address: addressOf(location), function: undefined, offset: undefined, file: undefined, line: undefined, position: NOWHERE }];
    framesOf.set(id, frames);
    return frames;
  };
  const value = (values: (number | bigint)[], i: number): number => (i < 0 ? 0 : int64(values[i]));
  const bytesKey = strings.indexOf('bytes');
  const stacks: HeapStack[] = [];
  const byKey = new Map<string, HeapStack>();
  const totals = { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };
  for (const sample of profile.sample) {
    // A sample of zeros (the runtime writes buckets whose unsampled values round to 0) says
    // nothing: pprof leaves it out of -top, and so do heapdoc's sites.
    if (sample.value.every((v) => Number(v) === 0)) continue;
    const ids = sample.locationId.map(Number);
    const key = ids.join(',');
    let stack = byKey.get(key);
    if (!stack) {
      stack = new ListedStack(ids.map((id) => addressOf(tables.locations.get(id))), ids.flatMap(locationFrames), NOWHERE);
      byKey.set(key, stack);
      stacks.push(stack);
    }
    const counts = {
      inuseObjects: value(sample.value, index.inuse_objects), inuseBytes: value(sample.value, index.inuse_space),
      allocObjects: value(sample.value, index.alloc_objects), allocBytes: value(sample.value, index.alloc_space),
    };
    const sizeLabel = sample.label.find((l) => Number(l.key) === bytesKey);
    const objectSize = sizeLabel ? int64(sizeLabel.num) : counts.allocObjects > 0 ? counts.allocBytes / counts.allocObjects : 0;
    const bucket: SizeBucket = { ...counts, objectSize, records: 1, position: NOWHERE };
    stack.buckets.push(bucket);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
  }
  const period = int64(profile.period);
  // runtime/pprof writes no duration into a heap profile; net/http/pprof's heap?seconds=N (and
  // delta profilers) write the window its values are the change over.
  const durationNanos = int64(profile.durationNanos);
  const header: ProfileHeader = {
    ...totals,
    // Go's text header prints 2 × MemProfileRate after `heap/`; the protobuf's period is the rate itself.
    format: 'heap',
    rate: period > 0 ? period * 2 : undefined,
    encoding: 'protobuf',
    ...(durationNanos > 0 ? { deltaMs: durationNanos / 1e6 } : {}),
    position: NOWHERE,
  };
  return {
    sites: { header, stacks, recordCount: profile.sample.length },
    capturedAtMs,
    sampleTypes,
    diagnostics: [],
  };
}

/**
 * A goroutine profile's samples as the records of its debug=1 text: a count, the PCs, the labels,
 * and the frames without the runtime's at the top (runtime/pprof's printCountProfile hides them,
 * as it hides runtime.goexit), so that both forms group the same way.
 */
function goroutineProfile(profile: Profile, tables: Tables): GoroutineProfile {
  const { str } = tables;
  let total = 0;
  const records = profile.sample.map((sample) => {
    const count = int64(sample.value[0]);
    total += count;
    const locations = sample.locationId.map((id) => tables.locations.get(Number(id)));
    const pcs = locations.map(addressOf);
    const frames = locations.flatMap((location) => symbolized(location, tables));
    const shown = frames.filter((f) => f.function !== 'runtime.goexit');
    const firstOwn = shown.findIndex((f) => !f.function?.startsWith('runtime.'));
    const labels = sample.label.filter((l) => Number(l.str) > 0).map((l) => [str(l.key), str(l.str)] as const);
    return { count, pcs, labels: labels.length > 0 ? Object.fromEntries(labels) : undefined, frames: firstOwn > 0 ? shown.slice(firstOwn) : shown, position: NOWHERE };
  });
  return { kind: 'goroutine', header: { name: 'goroutine', total, position: NOWHERE }, records, recordTotal: total, lineCount: 0, encoding: 'protobuf' };
}

/**
 * An int64 field of profile.proto as the number it is: pprof-format decodes a varint of more than
 * four bytes as an unsigned BigInt, so a negative value (a delta profile's freed in-use,
 * heap?seconds=N) read as 2^64 − n: "16.0 EiB in use" (audit 48).
 */
function int64(value: number | bigint | undefined): number {
  return typeof value === 'bigint' ? Number(BigInt.asIntN(64, value)) : value ?? 0;
}

type ProfileLocation = Profile['location'][number];

/** A profile's functions and locations by id, and its strings. */
interface Tables {
  functions: ReadonlyMap<number, Profile['function'][number]>;
  locations: ReadonlyMap<number, ProfileLocation>;
  str: (i: number | bigint) => string;
}

/** A location's PC as the text dumps print it (`0x47553a`). */
function addressOf(location: ProfileLocation | undefined): string {
  return `0x${BigInt(location?.address ?? 0).toString(16)}`;
}

/** A location's frames, one per line: inlined calls first (line[0] is the innermost function, the last one the caller it was inlined into). */
function symbolized(location: ProfileLocation | undefined, { functions, str }: Tables): Frame[] {
  const address = addressOf(location);
  return (location?.line ?? []).map((line) => {
    const fn = functions.get(Number(line.functionId));
    return { address, function: fn ? str(fn.name) : undefined, offset: undefined, file: fn ? str(fn.filename) || undefined : undefined, line: Number(line.line) || undefined, position: NOWHERE };
  });
}

/** How many ids of samples, locations and functions point outside the profile's tables. */
function danglingReferences(profile: Profile, locations: ReadonlyMap<number, unknown>, functions: ReadonlyMap<number, Profile['function'][number]>, strings: number): number {
  let dangling = 0;
  for (const sample of profile.sample) for (const id of sample.locationId) if (!locations.has(Number(id))) dangling++;
  for (const location of profile.location) for (const line of location.line) if (!functions.has(Number(line.functionId))) dangling++;
  for (const fn of functions.values()) if (Number(fn.name) >= strings || Number(fn.filename) >= strings) dangling++;
  return dangling;
}
