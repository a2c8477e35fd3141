import type { Command } from "commander";
import { isAppError } from "../core/index.js";
import { EXIT_USAGE } from "./exit-codes.js";

/** Ends the command with exit code 2 and every bad field when `error` is INVALID_INPUT; otherwise returns. */
export function exitOnInvalidInput(command: Command, error: unknown): void {
  if (!isAppError(error) || error.code !== "INVALID_INPUT") return;
  const reasons = Array.isArray(error.details)
    ? (error.details as { field?: string; reason: string }[]).map((d) => `\n  ${d.field ?? ""}: ${d.reason}`).join("")
    : "";
  command.error(`error: ${error.message}${reasons}`, { exitCode: EXIT_USAGE, code: "atelier.invalidInput" });
}
