import type { Command } from "commander";
import type { AccountsService } from "../accounts/index.js";
import { exitOnInvalidInput } from "./usage-error.js";

/** The accounts service on the local store (DATABASE_URL), opened for one command and closed after it. */
export interface LocalAccounts {
  readonly accounts: AccountsService;
  close(): Promise<void>;
}

/** Opens the local accounts; main.ts provides it (it owns the composition). */
export type OpenLocalAccounts = () => Promise<LocalAccounts>;

/** Runs `fn` on the local accounts; bad input becomes a usage error (exit 2), other failures exit 1. */
export async function withLocalAccounts<T>(
  command: Command,
  open: OpenLocalAccounts,
  fn: (accounts: AccountsService) => Promise<T>,
): Promise<T> {
  const local = await open();
  try {
    return await fn(local.accounts);
  } catch (error) {
    exitOnInvalidInput(command, error);
    throw error;
  } finally {
    await local.close();
  }
}

/** A table of rows as aligned plain text (header first). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
