import { Readable } from "node:stream";
import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountsService, accountsMigrations } from "../accounts/index.js";
import { type Database, migrateToLatest, openDatabase } from "../store/index.js";
import { registerUsersCommand } from "./users.js";

describe("atelier users", () => {
  let database: Database;
  let accounts: AccountsService;
  beforeAll(async () => {
    database = await openDatabase("sqlite::memory:");
    await migrateToLatest(database, accountsMigrations);
    accounts = await AccountsService.open(database, { jwtSecret: "s".repeat(40) });
  });
  afterAll(async () => {
    await database.close();
  });

  /** Runs one command line; returns what it printed, or the commander error it ended with. */
  async function run(args: string[], stdin = "") {
    const out: string[] = [];
    const errors: string[] = [];
    const program = new Command("atelier").exitOverride();
    program.configureOutput({ writeErr: (s) => errors.push(s), outputError: (s) => errors.push(s) });
    registerUsersCommand(program, async () => ({ accounts, close: async () => {} }), {
      stdin: Readable.from([stdin]),
      stdout: { write: (s: string) => out.push(s) },
    });
    try {
      await program.parseAsync(["node", "atelier", ...args]);
      return { code: 0, out: out.join(""), err: errors.join("") };
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      // As runCli in main.ts: every commander error is bad usage.
      return { code: error.exitCode === 0 ? 0 : 2, out: out.join(""), err: errors.join("") };
    }
  }

  it("creates the first admin with the password from stdin (without its final newline)", async () => {
    const res = await run(["users", "create", "--admin", "--username", "root", "--password-stdin"], "root-password\n");
    expect(res).toMatchObject({ code: 0, out: expect.stringMatching(/^created admin user root \(/) });
    expect((await accounts.authenticate("root", "root-password")).role).toBe("admin");
  });

  it("creates an editor with --password and prints JSON with --json", async () => {
    const res = await run([
      "users",
      "create",
      "--role",
      "editor",
      "--username",
      "ed",
      "--password",
      "ed-password",
      "--json",
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ username: "ed", role: "editor", disabled: false });
  });

  it("lists users as a table or as JSON", async () => {
    const table = await run(["users", "list"]);
    expect(table.out.split("\n")[0]).toMatch(/^USERNAME\s+ROLE\s+STATUS\s+CREATED\s+ID$/);
    expect(table.out).toMatch(/\ned\s+editor\s+active/);
    const json = await run(["users", "list", "--json"]);
    expect(JSON.parse(json.out).map((u: { username: string }) => u.username)).toEqual(["ed", "root"]);
  });

  it("disables and enables a user", async () => {
    expect((await run(["users", "disable", "ed"])).out).toBe("ed: disabled\n");
    await expect(accounts.authenticate("ed", "ed-password")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await run(["users", "enable", "ed"])).out).toBe("ed: enabled\n");
  });

  it("exits 2 on bad usage: unknown role, no password source, both sources, invalid username or password", async () => {
    for (const args of [
      ["users", "create", "--role", "root", "--username", "x", "--password", "long-enough"],
      ["users", "create", "--username", "x"],
      ["users", "create", "--username", "x", "--password", "long-enough", "--password-stdin"],
      ["users", "create", "--username", "bad name", "--password", "short"],
      ["users", "create", "--password", "long-enough"],
    ]) {
      const res = await run(args);
      expect(res.code, args.join(" ")).toBe(2);
    }
    const invalid = await run(["users", "create", "--username", "bad name", "--password", "short"]);
    expect(invalid.err).toMatch(/username: must be 1-64 characters[\s\S]*password: must be 8 to 1024/);
  });

  it("fails (not bad usage) on a duplicate username", async () => {
    await expect(run(["users", "create", "--username", "ed", "--password", "whatever-1"])).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
