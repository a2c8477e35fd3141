import { type Command, Option } from "commander";
import type { Page, Tracker } from "../tracking/index.js";
import { exitOnInvalidInput } from "./usage-error.js";

/** Where a tracking command works: a server (`url`, with a token) or, without a URL, the local store. */
export interface TrackerTarget {
  readonly url?: string;
  readonly token?: string;
}

/** Opens a tracker for one command: over HTTP when given a server, else on the local store. main.ts provides it. */
export type OpenTracker = (remote?: { url: string; token?: string }) => Promise<Tracker>;

/** Where commands write (tests give their own). */
export interface Output {
  write(text: string): unknown;
}

/** The options every tracking command takes: --url, --token (or ATELIER_TOKEN), --json. */
export function trackerOptions(command: Command): Command {
  return command
    .option("--url <url>", "talk to the Atelier server at this URL (default: open the local store, DATABASE_URL)")
    .addOption(new Option("--token <token>", "bearer token or API key for --url").env("ATELIER_TOKEN"))
    .option("--json", "print JSON instead of a table");
}

/** Runs `fn` on a tracker opened for the command; bad input becomes a usage error (exit 2), other failures exit 1. */
export async function withTracker<T>(
  command: Command,
  open: OpenTracker,
  target: TrackerTarget,
  fn: (tracker: Tracker) => Promise<T>,
): Promise<T> {
  const tracker = await open(
    target.url ? { url: target.url, ...(target.token ? { token: target.token } : {}) } : undefined,
  );
  try {
    return await fn(tracker);
  } catch (error) {
    exitOnInvalidInput(command, error);
    throw error;
  } finally {
    await tracker.close();
  }
}

/** Every item of a paged listing, up to `limit`. */
export async function collect<T>(
  list: (pageToken?: string) => Promise<Page<T>>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    out.push(...page.items);
    token = page.nextPageToken;
  } while (token && out.length < limit);
  return out.slice(0, limit);
}

/** A number as a table shows it: up to 6 significant digits. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** A time as a table shows it: ISO without milliseconds. */
export function formatTime(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-";
}
