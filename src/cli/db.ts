import type { Command } from "commander";

/** `atelier db create`: creates (or upgrades) every table of DATABASE_URL, the same as `atelier migrate`. */
export function registerDbCommand(program: Command, migrate: () => Promise<string[]>, out = process.stdout): void {
  const db = program.command("db").description("the database of DATABASE_URL");
  db.command("create")
    .description("create every table (runs every migration not yet applied, as `atelier migrate` does)")
    .action(async () => {
      const applied = await migrate();
      out.write(applied.length ? `applied: ${applied.join(", ")}\n` : "already up to date\n");
    });
}
