import type { Command } from "commander";

/** `atelier serve`: starts the HTTP API (what `npm start` runs). */
export function registerServeCommand(
  program: Command,
  start: (options: { port?: number; host?: string }) => Promise<void>,
): void {
  program
    .command("serve")
    .description("start the HTTP API (embedded SQLite by default; see .env.example)")
    .option("-p, --port <port>", "port to listen on (default: PORT or 8000)", (v) => Number.parseInt(v, 10))
    .option("--host <host>", "address to bind (default: HOST or 127.0.0.1)")
    .action(async (opts: { port?: number; host?: string }) => {
      await start(opts);
    });
}
