import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountsService, accountsMigrations } from "../accounts/index.js";
import { type Database, migrateToLatest, openDatabase } from "../store/index.js";
import { registerKeysCommand } from "./keys.js";

describe("atelier keys", () => {
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

  async function run(args: string[]) {
    const out: string[] = [];
    const program = new Command("atelier").exitOverride();
    program.configureOutput({ writeErr: () => {}, outputError: () => {} });
    registerKeysCommand(program, async () => ({ accounts, close: async () => {} }), {
      stdout: { write: (s: string) => out.push(s) },
    });
    try {
      await program.parseAsync(["node", "atelier", ...args]);
      return { code: 0, out: out.join("") };
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      // As runCli in main.ts: every commander error is bad usage.
      return { code: error.exitCode === 0 ? 0 : 2, out: out.join("") };
    }
  }

  it("creates a scoped key, prints its secret once, and the secret works", async () => {
    const res = await run(["keys", "create", "--name", "churn scorer", "--scope", "model:churn", "--scope", "model:x"]);
    expect(res.code).toBe(0);
    const secret = res.out.split("\n")[0]!;
    expect(secret).toMatch(/^atk_[0-9a-f]{16}_[\w-]{43}$/);
    expect(res.out).toMatch(/not shown again/);
    expect(await accounts.verifyApiKey(secret)).toMatchObject({
      name: "churn scorer",
      role: "viewer",
      scopes: ["model:churn", "model:x"],
    });
    const listed = await run(["keys", "list"]);
    expect(listed.out).not.toContain(secret.slice(22));
    expect(listed.out).toMatch(/churn scorer\s+viewer\s+model:churn,model:x\s+active/);
  });

  it("creates with --json, revokes by id, and lists the revocation", async () => {
    const created = JSON.parse((await run(["keys", "create", "--name", "ci", "--role", "editor", "--json"])).out);
    expect(created).toMatchObject({ name: "ci", role: "editor", scopes: [], createdBy: "local" });
    const revoked = await run(["keys", "revoke", created.id, "--json"]);
    expect(JSON.parse(revoked.out).revokedAt).toEqual(expect.any(String));
    await expect(accounts.verifyApiKey(created.secret)).rejects.toMatchObject({ message: "API key revoked" });
    const all = JSON.parse((await run(["keys", "list", "--json"])).out);
    expect(all.find((k: { id: string }) => k.id === created.id).revokedAt).not.toBeNull();
  });

  it("exits 2 on bad usage and fails on an unknown id", async () => {
    expect((await run(["keys", "create", "--name", "x", "--role", "root"])).code).toBe(2);
    expect((await run(["keys", "create", "--name", "x", "--scope", "churn"])).code).toBe(2);
    expect((await run(["keys", "create"])).code).toBe(2);
    await expect(run(["keys", "revoke", "nope"])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
