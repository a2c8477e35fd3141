import type { Command } from "commander";
import type { ApiKey } from "../accounts/index.js";
import { LOCAL_PRINCIPAL, ROLES, type Role } from "../core/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable, type OpenLocalAccounts, withLocalAccounts } from "./local-accounts.js";
import type { CommandIo } from "./users.js";

const keyRow = (k: ApiKey) => [
  k.id,
  k.name,
  k.role,
  k.scopes.join(",") || "*",
  k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active",
  k.lastUsedAt?.toISOString() ?? "never",
];

/** `atelier keys create|list|revoke` on the local store. The secret is printed once, at creation. */
export function registerKeysCommand(
  program: Command,
  open: OpenLocalAccounts,
  io: Pick<CommandIo, "stdout"> = { stdout: process.stdout },
): void {
  const keys = program.command("keys").description("manage API keys on the local store (DATABASE_URL)");
  const print = (json: boolean | undefined, value: unknown, text: string) =>
    io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);

  keys
    .command("create")
    .description("create an API key and print its secret (shown this once only)")
    .requiredOption("--name <name>", "what the key is for, e.g. 'churn scorer'")
    .option("--role <role>", `one of ${ROLES.join(", ")}`, "viewer")
    .option(
      "--scope <scope>",
      "restrict the key to a resource, e.g. model:churn (repeatable)",
      (v, all: string[]) => [...all, v],
      [],
    )
    .option("--json", "print the key and its secret as JSON")
    .action(async function (this: Command, opts: { name: string; role: string; scope: string[]; json?: boolean }) {
      if (!ROLES.includes(opts.role as Role))
        this.error(`error: --role must be one of ${ROLES.join(", ")}`, { exitCode: EXIT_USAGE });
      const { key, secret } = await withLocalAccounts(this, open, (accounts) =>
        accounts.createApiKey({ name: opts.name, role: opts.role as Role, scopes: opts.scope }, LOCAL_PRINCIPAL),
      );
      print(
        opts.json,
        { ...key, secret },
        `${secret}\n\nAPI key "${key.name}" (${key.id}, ${key.role}${key.scopes.length ? `, ${key.scopes.join(",")}` : ""}).` +
          "\nStore the secret now: it is not shown again. Send it as x-api-key: <secret>.",
      );
    });

  keys
    .command("list")
    .description("list every API key (never their secrets)")
    .option("--json", "print the keys as a JSON array")
    .action(async function (this: Command, opts: { json?: boolean }) {
      const all = await withLocalAccounts(this, open, async (accounts) => {
        const out: ApiKey[] = [];
        let pageToken: string | undefined;
        do {
          const page = await accounts.listApiKeys({ pageSize: 500, ...(pageToken ? { pageToken } : {}) });
          out.push(...page.items);
          pageToken = page.nextPageToken;
        } while (pageToken);
        return out;
      });
      const table = all.length
        ? formatTable([["ID", "NAME", "ROLE", "SCOPES", "STATUS", "LAST USED"], ...all.map(keyRow)])
        : "no API keys";
      print(opts.json, all, table);
    });

  keys
    .command("revoke")
    .description("revoke an API key: refused at once here, within 2 s on every running replica")
    .argument("<id>", "the key's id (atelier keys list)")
    .option("--json", "print the revoked key as JSON")
    .action(async function (this: Command, id: string, opts: { json?: boolean }) {
      const key = await withLocalAccounts(this, open, (accounts) => accounts.revokeApiKey(id));
      print(opts.json, key, `revoked API key "${key.name}" (${key.id}) at ${key.revokedAt?.toISOString()}`);
    });
}
