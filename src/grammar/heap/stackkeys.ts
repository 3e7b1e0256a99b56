/**
 * Stacks by their printed `@ 0x… 0x…` list, without keeping or hashing that text: the PCs are read
 * as numbers into one shared column, hashed as they are read, and a stack is found by its hash
 * and a compare of its numbers. A big service's dump has ~150,000 distinct stacks in 100 MB: a
 * string key per record cost a hash of its ~100 characters, a copy to detach it from its chunk
 * and a second hash to store it (~1 µs a record, and the copies were old-generation garbage).
 *
 * Two records share a stack exactly when they print it the same way. A list the numbers would not
 * print back the same way (upper-case digits, leading zeros, more than 13 digits, more than one
 * space between PCs) is keyed by its text instead, as before.
 */
import { detach } from '../common/strings.js';
import { grownTypedArray } from '../../common/arrays.js';

/** Hex digits a double holds exactly (13 × 4 = 52 bits). */
const MAX_HEX_DIGITS = 13;
const TWO_TO_32 = 2 ** 32;
const MAX_UINT32 = TWO_TO_32 - 1;
const MAX_INT32 = 0x7fffffff;

/**
 * The value of the hex literal `text[start, end)` (`0x…`) when `0x${value.toString(16)}` prints
 * it back exactly: lower case, no leading zero, at most 13 digits. -1 otherwise.
 */
export function canonicalHex(text: string, start: number, end: number): number {
  if (!isCanonicalRun(text, start + 2, end)) return -1;
  let value = 0;
  for (let i = start + 2; i < end; i++) {
    const digit = hexDigit(text.charCodeAt(i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** A lower-case hex digit's value; -1 for any other character. */
function hexDigit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
}

/** Whether the digits `text[start, end)` are as many as a double holds, without a leading zero. */
function isCanonicalRun(text: string, start: number, end: number): boolean {
  const digits = end - start;
  return digits >= 1 && digits <= MAX_HEX_DIGITS && (digits === 1 || text.charCodeAt(start) !== 48);
}

/** Slots of the stacks' hash table at first (a power of two); it doubles past half full. */
const FIRST_SLOTS = 1 << 8;

/**
 * The distinct stacks of one dump, each an id (0, 1, … in order of first sight) and no object: a
 * stack's PCs are a run of the shared column (its start and length in two columns by id), or its
 * printed text when the list is in an odd form. A big service's dump has ~150,000 stacks: an
 * object each was ~100 bytes the collector copied twice while the dump was read (stacktable.ts).
 */
export class StackKeys {
  /**
   * Every stack's PCs, one after another. 32-bit while every PC fits (a Linux amd64 binary's text
   * is below 2^31), 64-bit from the first that does not (a macOS arm64 binary's is above 2^32):
   * half the memory to touch for the common dump (a big service's holds millions of PCs). Small
   * at first (it grows as it fills): lint reads thousands of small dumps, each with its own. 16
   * PCs, so that it grows within the first records, before V8 optimizes `read`: its first growth
   * after that (at 1,024 PCs) threw the optimized code away.
   */
  private pcs: Int32Array | Float64Array = new Int32Array(1 << 4);
  private end = 0;
  /** Stack `id`'s first PC in `pcs` at [id], its number of PCs at [id] of `pcCounts` (0 for an odd form). */
  private pcStarts = new Int32Array(1 << 4);
  private pcCounts = new Int32Array(1 << 4);
  /** Stacks so far: the next stack's id. */
  size = 0;
  /**
   * The stacks keyed by numbers, by their hash: open addressing in one typed array, a slot two
   * entries, the hash and the stack's id plus one (0: empty). A Map of 150,000 stacks took a few
   * dependent cache misses a look-up and copied itself as it grew; a slot here is one read, and a
   * stack is compared only when its hash is the same.
   */
  private slots = new Int32Array(2 * FIRST_SLOTS);
  /** Stacks keyed by numbers (the rest are in `byText`). */
  private keyedCount = 0;
  /** The empty slot the last `find` that found nothing stopped at: where `add` puts its stack. */
  private pendingSlot = 0;
  /** Stacks in an odd form by their printed list, and each one's list by its id. */
  private readonly byText = new Map<string, number>();
  private readonly printed = new Map<number, string>();
  /** The last `find`: its PCs are the column past `end`, unless it was odd. */
  private pendingCount = 0;
  private pendingHash = 0;
  private pendingText: string | undefined;

  /**
   * The id of the stack printed `text[start, end)` (`@ 0x… 0x…`) if it was added before, else -1;
   * `add` may then add it, from what this call read. Given as a range of the text the lexer read,
   * not as the token's image: the image is a slice of that text, and V8 reads each character of a
   * slice through its parent (the PCs' digits are most of what a record costs to key).
   */
  find(text: string, start = 0, end = text.length): number {
    const count = this.read(text, start, end);
    if (count < 0) {
      const printed = start === 0 && end === text.length ? text : text.slice(start, end);
      this.pendingText = printed;
      return this.byText.get(printed) ?? -1;
    }
    this.pendingText = undefined;
    this.pendingCount = count;
    const hash = this.pendingHash;
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = (slots[2 * slot + 1] as number) - 1;
      if (id < 0) {
        this.pendingSlot = slot;
        return -1;
      }
      if (slots[2 * slot] === hash && this.samePcs(id)) return id;
    }
  }

  /** Adds the stack of the last `find` (which found none): its id. */
  add(): number {
    const id = this.size++;
    if (id === this.pcStarts.length) {
      this.pcStarts = grownTypedArray(this.pcStarts, id + 1);
      this.pcCounts = grownTypedArray(this.pcCounts, id + 1);
    }
    if (this.pendingText !== undefined) {
      const own = detach(this.pendingText);
      this.byText.set(own, id);
      this.printed.set(id, own);
      return id;
    }
    this.pcStarts[id] = this.end;
    this.pcCounts[id] = this.pendingCount;
    this.end += this.pendingCount;
    this.slots[2 * this.pendingSlot] = this.pendingHash;
    this.slots[2 * this.pendingSlot + 1] = id + 1;
    if (2 * ++this.keyedCount > this.slots.length >>> 1) this.growSlots();
    return id;
  }

  /** How many PCs stack `id` has as numbers (0 when its list is in an odd form: see `printedOf`). */
  pcCountOf(id: number): number {
    return this.pcCounts[id] as number;
  }

  /** Stack `id`'s list as printed, when it is in an odd form. */
  printedOf(id: number): string | undefined {
    return this.printed.get(id);
  }

  /** Twice the slots, every stack placed again by its hash (kept in its slot: no PC is read again). */
  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >>> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const id = old[i + 1] as number;
      if (id === 0) continue;
      const hash = old[i] as number;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = id;
    }
    this.slots = slots;
  }

  /** The PCs of a stack, as printed. */
  pcsOf(id: number): string[] {
    const printed = this.printed.get(id);
    if (printed !== undefined) return printed.split(' ').filter((pc) => pc.startsWith('0x'));
    const out: string[] = [];
    const start = this.pcStarts[id] as number;
    const count = this.pcCounts[id] as number;
    for (let i = 0; i < count; i++) out.push(`0x${(this.pcs[start + i] as number).toString(16)}`);
    return out;
  }

  private samePcs(id: number): boolean {
    const count = this.pcCounts[id] as number;
    if (count !== this.pendingCount) return false;
    const start = this.pcStarts[id] as number;
    const pcs = this.pcs;
    for (let i = 0; i < count; i++) if (pcs[start + i] !== pcs[this.end + i]) return false;
    return true;
  }

  /**
   * Reads the PCs of `@ 0x… 0x…` (`printed[start, end)`) past the column's end and hashes them
   * into `pendingHash`; their number, or -1 if the list is in an odd form.
   */
  private read(printed: string, start: number, end: number): number {
    if (start >= end || printed.charCodeAt(start) !== 64 /* @ */) return -1;
    let count = 0;
    let hash = 0x811c9dc5;
    const length = end;
    let i = start + 1;
    while (i < length) {
      // ' 0x', inside the range: past its end is the text that follows the list.
      if (i + 3 > length || printed.charCodeAt(i) !== 32 || printed.charCodeAt(i + 1) !== 48 || printed.charCodeAt(i + 2) !== 120) return -1;
      // The digits read up to the next space in the same loop (an indexOf and a second pass over
      // them cost ~18 % more on a realistic dump's 141,654 lists).
      i += 3;
      const digitsStart = i;
      let value = 0;
      for (; i < length; i++) {
        const c = printed.charCodeAt(i);
        if (c === 32 /* space */) break;
        const digit = hexDigit(c);
        if (digit < 0) return -1;
        value = value * 16 + digit;
      }
      if (!isCanonicalRun(printed, digitsStart, i)) return -1;
      if (this.end + count === this.pcs.length) this.grow();
      if (value > MAX_INT32 && this.pcs instanceof Int32Array) this.widen(this.end + count);
      this.pcs[this.end + count] = value;
      count++;
      hash = Math.imul(hash ^ (value >>> 0), 0x01000193);
      // The high 32 bits: 0 for every PC of a usual Go binary, known without a division.
      hash = Math.imul(hash ^ (value > MAX_UINT32 ? Math.floor(value / TWO_TO_32) : 0), 0x01000193);
    }
    this.pendingHash = hash & 0x3fffffff;
    return count;
  }

  /** The column as 64-bit numbers, its first `used` entries copied (the rest of it is not written yet). */
  private widen(used: number): void {
    const wide = new Float64Array(this.pcs.length);
    wide.set(this.pcs.subarray(0, used));
    this.pcs = wide;
  }

  private grow(): void {
    this.pcs = grownTypedArray(this.pcs, this.pcs.length + 1);
  }
}
