/**
 * Recently verified credentials, so the hot path of an authenticated request is one Map lookup instead of an HMAC
 * or a database query. Entries expire at a given time; the cache holds at most `maxEntries` (the oldest insertion
 * is dropped first), so a flood of distinct credentials cannot grow memory without bound.
 */
export class VerificationCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The value stored under `key` if it has not expired at `now` (epoch ms). */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, expiresAt: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt });
  }

  /** Drops every entry whose value matches, e.g. all cached uses of a key just revoked. */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
