import type { Command } from "commander";
import type { AccountsService } from "../accounts/index.js";
import { isAppError } from "../core/index.js";
import { EXIT_USAGE } from "./exit-codes.js";

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
    if (isAppError(error) && error.code === "INVALID_INPUT") {
      const reasons = Array.isArray(error.details)
        ? (error.details as { field?: string; reason: string }[])
            .map((d) => `\n  ${d.field ?? ""}: ${d.reason}`)
            .join("")
        : "";
      command.error(`error: ${error.message}${reasons}`, { exitCode: EXIT_USAGE, code: "atelier.invalidInput" });
    }
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
