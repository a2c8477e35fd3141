/** JSON kept in text columns (tags, signatures, snapshots): both dialects store the same text. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses a JSON text column; a NULL column gives `fallback`. */
export function fromJsonText<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}
