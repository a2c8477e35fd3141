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
  private slots = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;

  get size(): number {
    return this.strings.length;
  }

  /** The id of text[start, end), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const n = end - start;
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s]!;
      if (id === EMPTY) return -1;
      if (this.hashes[id] !== hash) continue;
      const str = this.strings[id]!;
      if (str.length !== n) continue;
      let k = 0;
      while (k < n && str.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === n) return id;
    }
  }

  /** Adds a string known to be absent; returns its id. */
  insert(str: string, hash: number): number {
    const id = this.strings.length;
    if (id === this.hashes.length) {
      const bigger = new Int32Array(id * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.strings.push(str);
    this.hashes[id] = hash;
    if (this.strings.length * 2 > this.slots.length) this.rehash();
    else this.place(id, hash);
    return id;
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

/** Short sequences of token ids (word n-grams) → a value (the feature id). */
export class SequenceDictionary {
  private keys = new Int32Array(4096);
  private keyStart = new Int32Array(1024);
  private keyLength = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private values = new Int32Array(1024);
  private used = 0;
  private count = 0;
  private slots = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;

  /** The hash of seq[from, from + n). */
  static hash(seq: Int32Array, from: number, n: number): number {
    let h = HASH_SEED;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ seq[from + k]!, 0x9e3779b1);
    return finishHash(h);
  }

  /** The value stored for seq[from, from + n), or -1. */
  find(seq: Int32Array, from: number, n: number, hash: number): number {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.slots[s]!;
      if (e === EMPTY) return -1;
      if (this.hashes[e] !== hash || this.keyLength[e] !== n) continue;
      const at = this.keyStart[e]!;
      let k = 0;
      while (k < n && this.keys[at + k] === seq[from + k]) k++;
      if (k === n) return this.values[e]!;
    }
  }

  /** Stores a sequence known to be absent with its value. */
  insert(seq: Int32Array, from: number, n: number, hash: number, value: number): void {
    const e = this.count++;
    if (e === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.values = grow(this.values);
      this.keyStart = grow(this.keyStart);
      this.keyLength = grow(this.keyLength);
    }
    while (this.used + n > this.keys.length) this.keys = grow(this.keys);
    this.keys.set(seq.subarray(from, from + n), this.used);
    this.keyStart[e] = this.used;
    this.keyLength[e] = n;
    this.used += n;
    this.hashes[e] = hash;
    this.values[e] = value;
    if (this.count * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
      this.mask = this.slots.length - 1;
      for (let k = 0; k < this.count; k++) this.place(k);
    } else this.place(e);
  }

  private place(e: number): void {
    let s = this.hashes[e]! & this.mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
    this.slots[s] = e;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
