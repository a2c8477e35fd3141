import type { Command } from "commander";
import type { User } from "../accounts/index.js";
import { ROLES, type Role } from "../core/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable, type OpenLocalAccounts, withLocalAccounts } from "./local-accounts.js";

/** Where the command reads a password and writes its answers (tests give their own). */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(text: string): unknown };
}

const defaultIo = (): CommandIo => ({ stdin: process.stdin, stdout: process.stdout });

/** Everything on stdin, without the final newline `echo` or a here-string adds. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const userRow = (u: User) => [u.username, u.role, u.disabled ? "disabled" : "active", u.createdAt.toISOString(), u.id];

/** `atelier users create|list|disable|enable` on the local store: how the first admin is made. */
export function registerUsersCommand(program: Command, open: OpenLocalAccounts, io: CommandIo = defaultIo()): void {
  const users = program.command("users").description("manage users on the local store (DATABASE_URL)");
  const print = (json: boolean | undefined, value: unknown, text: string) =>
    io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);

  users
    .command("create")
    .description("create a user (the password from stdin with --password-stdin, or --password)")
    .requiredOption("--username <name>", "login name")
    .option("--admin", "same as --role admin")
    .option("--role <role>", `one of ${ROLES.join(", ")} (default: viewer)`)
    .option("--password-stdin", "read the password from standard input (keeps it out of the shell history)")
    .option("--password <password>", "the password (visible in the process list and shell history)")
    .option("--json", "print the user as JSON")
    .action(async function (
      this: Command,
      opts: {
        username: string;
        admin?: boolean;
        role?: string;
        passwordStdin?: boolean;
        password?: string;
        json?: boolean;
      },
    ) {
      if (opts.admin && opts.role && opts.role !== "admin")
        this.error("error: --admin and --role disagree", { exitCode: EXIT_USAGE });
      const role = opts.admin ? "admin" : (opts.role ?? "viewer");
      if (!ROLES.includes(role as Role))
        this.error(`error: --role must be one of ${ROLES.join(", ")}`, { exitCode: EXIT_USAGE });
      if (Boolean(opts.passwordStdin) === (opts.password !== undefined))
        this.error("error: give exactly one of --password-stdin or --password", { exitCode: EXIT_USAGE });
      const password = opts.passwordStdin ? await readPassword(io.stdin) : opts.password!;
      const user = await withLocalAccounts(this, open, (accounts) =>
        accounts.createUser({ username: opts.username, password, role: role as Role }),
      );
      print(opts.json, user, `created ${user.role} user ${user.username} (${user.id})`);
    });

  users
    .command("list")
    .description("list every user, by username")
    .option("--json", "print the users as a JSON array")
    .action(async function (this: Command, opts: { json?: boolean }) {
      const all = await withLocalAccounts(this, open, async (accounts) => {
        const out: User[] = [];
        let pageToken: string | undefined;
        do {
          const page = await accounts.listUsers({ pageSize: 500, ...(pageToken ? { pageToken } : {}) });
          out.push(...page.items);
          pageToken = page.nextPageToken;
        } while (pageToken);
        return out;
      });
      const table = all.length
        ? formatTable([["USERNAME", "ROLE", "STATUS", "CREATED", "ID"], ...all.map(userRow)])
        : "no users yet: atelier users create --admin --username NAME --password-stdin";
      print(opts.json, all, table);
    });

  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    users
      .command(name)
      .description(disabled ? "refuse a user's logins (issued tokens run out at their expiry)" : "allow logins again")
      .argument("<username>")
      .option("--json", "print the user as JSON")
      .action(async function (this: Command, username: string, opts: { json?: boolean }) {
        const user = await withLocalAccounts(this, open, (accounts) => accounts.setUserDisabled(username, disabled));
        print(opts.json, user, `${user.username}: ${user.disabled ? "disabled" : "enabled"}`);
      });
  }
}
