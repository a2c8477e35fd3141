/**
 * Open-addressing hash tables for the vectorisers' hot loop: a token is looked up by its position in the document
 * and a hash computed while scanning, so no string is created for tokens already known (V8's Map would need a
 * fresh, hashed string for each of the millions of tokens of a corpus).
 */

const EMPTY = -1;

/** FNV-1a step over one UTF-16 code unit. */
export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}

/** The FNV-1a start value. */
export const HASH_SEED = 0x811c9dc5 | 0;

/** Spreads the bits of a running hash (murmur3's finaliser) so the low bits index the table well. */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of a whole string, equal to the one computed while scanning it. */
export function hashString(s: string): number {
  let h = HASH_SEED;
  for (let k = 0; k < s.length; k++) h = hashStep(h, s.charCodeAt(k));
  return finishHash(h);
}

/** Substrings → dense ids 0, 1, 2… in order of insertion. */
export class TokenDictionary {
  readonly strings: string[] = [];
  private hashes = new Int32Array(1024);
  // The characters of every token, back to back: checking a hit reads this flat array, not string objects.
  private chars = new Uint16Array(8192);
  private charStart = new Int32Array(1024);
  private charLength = new Int32Array(1024);
  private used = 0;
  private slots = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;

  get size(): number {
    return this.strings.length;
  }

  /** The id of text[start, end), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const n = end - start;
    const slots = this.slots;
    const mask = this.mask;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = slots[s]!;
      if (id === EMPTY) return -1;
      if (this.hashes[id] !== hash || this.charLength[id] !== n) continue;
      const chars = this.chars;
      const at = this.charStart[id]! - start;
      let k = start;
      while (k < end && chars[at + k] === text.charCodeAt(k)) k++;
      if (k === end) return id;
    }
  }

  /** Adds a string known to be absent; returns its id. */
  insert(str: string, hash: number): number {
    const id = this.strings.length;
    if (id === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.charStart = grow(this.charStart);
      this.charLength = grow(this.charLength);
    }
    while (this.used + str.length > this.chars.length) {
      const bigger = new Uint16Array(this.chars.length * 2);
      bigger.set(this.chars);
      this.chars = bigger;
    }
    for (let k = 0; k < str.length; k++) this.chars[this.used + k] = str.charCodeAt(k);
    this.charStart[id] = this.used;
    this.charLength[id] = str.length;
    this.used += str.length;
    this.strings.push(str);
    this.hashes[id] = hash;
    if (this.strings.length * 2 > this.slots.length) this.rehash();
    else this.place(id, hash);
    return id;
  }

  /** Copies the code units of token `id` into `out` at `at`; returns the position after them. */
  copyUnits(id: number, out: Uint16Array, at: number): number {
    const start = this.charStart[id]!;
    const n = this.charLength[id]!;
    out.set(this.chars.subarray(start, start + n), at);
    return at + n;
  }

  /** The number of code units of token `id`. */
  lengthOf(id: number): number {
    return this.charLength[id]!;
  }

  /** The id of a whole string, inserted if absent. */
  intern(str: string): number {
    const hash = hashString(str);
    const id = this.find(str, 0, str.length, hash);
    return id >= 0 ? id : this.insert(str, hash);
  }

  private place(id: number, hash: number): void {
    let s = hash & this.mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
    this.slots[s] = id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) this.place(id, this.hashes[id]!);
  }
}

/**
 * Short sequences of token ids (word n-grams) → a value (the feature id). An entry lives in one flat array as
 * [length, value, items…] and is named by its offset there; a slot holds (offset, hash), so a lookup touches two
 * places in memory — this table gets millions of entries on a corpus, and cache misses are its cost.
 */
export class SequenceDictionary {
  private entries = new Int32Array(8192);
  private used = 0;
  private count = 0;
  /** Pairs (entry offset, hash); offset -1 marks an empty slot. */
  private slots = new Int32Array(4096).fill(EMPTY);
  private mask = 2047;

  /** The hash of seq[from, from + n). */
  static hash(seq: Int32Array, from: number, n: number): number {
    let h = HASH_SEED;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ seq[from + k]!, 0x9e3779b1);
    return finishHash(h);
  }

  /** The value stored for seq[from, from + n), or -1. */
  find(seq: Int32Array, from: number, n: number, hash: number): number {
    const slots = this.slots;
    const entries = this.entries;
    const mask = this.mask;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[2 * s]!;
      if (e === EMPTY) return -1;
      if (slots[2 * s + 1] !== hash || entries[e] !== n) continue;
      let k = 0;
      while (k < n && entries[e + 2 + k] === seq[from + k]) k++;
      if (k === n) return entries[e + 1]!;
    }
  }

  /** The length of the key of entry `e`. */
  keyLength(e: number): number {
    return this.entries[e]!;
  }

  /** Item k of the key of entry `e`. */
  keyItem(e: number, k: number): number {
    return this.entries[e + 2 + k]!;
  }

  /** Stores a sequence known to be absent with its value; returns its entry (an offset). */
  insert(seq: Int32Array, from: number, n: number, hash: number, value: number): number {
    const e = this.used;
    while (e + n + 2 > this.entries.length) this.entries = grow(this.entries);
    this.entries[e] = n;
    this.entries[e + 1] = value;
    this.entries.set(seq.subarray(from, from + n), e + 2);
    this.used += n + 2;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.rehash();
    this.place(e, hash);
    return e;
  }

  private place(e: number, hash: number): void {
    let s = hash & this.mask;
    while (this.slots[2 * s] !== EMPTY) s = (s + 1) & this.mask;
    this.slots[2 * s] = e;
    this.slots[2 * s + 1] = hash;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length / 2 - 1;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== EMPTY) this.place(old[s]!, old[s + 1]!);
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
