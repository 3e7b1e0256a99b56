/**
 * An RSS file (`--rss FILE`): the process's VmRSS at each moment of a series, one line a moment, so
 * that RSS is known per snapshot (a number given as --rss is the latest snapshot's only). A line
 * holds a VmRSS reading as /proc/PID/status prints it (`VmRSS:	   27784 kB`, the colon optional)
 * and names its moment: the dump's file name (`19:15:26 heap-gc1-01.txt VmRSS: 66592 kB`) or
 * `t=NN`, the moment a file's stem ends with (`t=06 16:35:56 VmRSS 27784 kB` for heap-t06.txt,
 * vars-t06.json). The capture scripts of test/fixtures/captured wrote all three shapes. A file of
 * one line may name none (`grep VmRSS /proc/PID/status > vmrss.txt`): the latest snapshot's.
 * Lines starting with `#` are comments; any other line without a VmRSS reading is refused.
 */
import { HeapdocError } from './errors.js';
import { captureStem } from '../common/stems.js';
import { baseName } from '../common/paths.js';

/** One line's reading: the RSS in bytes, and the moment it names (a file's base name, or t=NN). */
export interface RssReading {
  rss: number;
  /** The 1-based line it was read from. */
  line: number;
  file?: string;
  t?: number;
}

/** `VmRSS:	   27784 kB` (kB as /proc/PID/status prints it; the colon optional, as a script may drop it). */
const VMRSS = /\bVmRSS:?\s+(\d+)\s*kB\b/i;
/** `t=06`: the moment a capture script names its files by (`heap-t06.txt`). */
const T_MOMENT = /(?:^|\s)t=(\d+)(?=\s|$)/;
/** A file name in the line: a word with a capture's extension. */
const FILE_WORD = /(?:^|\s)([^\s]+\.(?:txt|json|gz|pb|prom|log|out|pprof))(?=\s|$)/i;
/** A stem that ends with its moment (`t06`, `heap-t06` → 6). */
const STEM_MOMENT = /(?:^|[-_.])t0*(\d+)$/i;

/** How to write the file, for its errors' hints. */
const RSS_FILE_HINT = "one VmRSS line per snapshot naming its dump or its t=NN: '<dump file> VmRSS: 27784 kB' or 't=06 VmRSS: 27784 kB' (docs/contract.md)";

/**
 * Whether a text's first line that is no comment holds a VmRSS reading: an RSS file (a directory
 * walk skips it, naming --rss; given as an input, the refusal names --rss).
 */
export function looksLikeRssFile(head: string): boolean {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  return first !== undefined && VMRSS.test(first);
}

/** What an RSS file is and how to give it, for a command that reads it as no input (`reader`: the command that reads dumps). */
export function rssFileWords(reader: string): readonly [what: string, hint: string] {
  return ['VmRSS readings (an RSS file)', `the RSS of each snapshot: ${reader} DUMPS --rss FILE (a VmRSS line per snapshot, naming its dump or t=NN; docs/contract.md)`];
}

/** The readings of an RSS file `text` (`name`: as the user gave it), or one clear error. */
export function parseRssFile(text: string, name: string): RssReading[] {
  const readings: RssReading[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const vmrss = VMRSS.exec(line);
    if (!vmrss) {
      const what = readings.length === 0 ? 'not an RSS file' : `line ${i + 1} holds no VmRSS reading`;
      throw new HeapdocError(`--rss ${name}: ${what} (line ${i + 1} is ${JSON.stringify(line.slice(0, 60))})`, `give a size (--rss 48MiB) or a file of ${RSS_FILE_HINT}`);
    }
    const rest = line.replace(vmrss[0], ' ');
    const t = T_MOMENT.exec(rest)?.[1];
    const file = FILE_WORD.exec(rest)?.[1];
    readings.push({ rss: Number(vmrss[1]) * 1024, line: i + 1, ...(file !== undefined ? { file: baseName(file) } : {}), ...(t !== undefined ? { t: Number(t) } : {}) });
  }
  if (readings.length === 0) throw new HeapdocError(`--rss ${name}: no VmRSS line in it`, `give a size (--rss 48MiB) or a file of ${RSS_FILE_HINT}`);
  const unnamed = readings.find((r) => r.file === undefined && r.t === undefined);
  if (unnamed && readings.length > 1) {
    throw new HeapdocError(`--rss ${name}: line ${unnamed.line} names no moment, and the file has ${readings.length} VmRSS lines`, `write ${RSS_FILE_HINT}`);
  }
  return readings;
}

/**
 * The reading of the snapshot `source` (its file, or a binary profile paired with its MemStats:
 * `a.pb.gz + a.vars.json`): the first line naming one of its files, else the first naming the t=NN
 * its stem ends with (a capture script that reads VmRSS twice a moment, before the dumps and after
 * the ?gc=1 one, has its first, the moment's own).
 */
export function rssReadingOf(readings: readonly RssReading[], source: string): RssReading | undefined {
  const files = source.split(' + ').map(baseName);
  const byFile = readings.find((r) => r.file !== undefined && files.includes(r.file));
  if (byFile) return byFile;
  const moment = STEM_MOMENT.exec(captureStem(files[0] ?? source))?.[1];
  return moment === undefined ? undefined : readings.find((r) => r.t === Number(moment));
}
