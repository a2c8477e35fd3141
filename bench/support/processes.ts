import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { freePort, startThrowawayPostgres } from "../../test/support/embedded-postgres.js";

export { freePort };

/** Waits until an HTTP server answers on a URL (any status), or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > until) throw new Error(`nothing answered on ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A child process that is killed when the benchmark ends. */
export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): ChildProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    ...(cwd ? { cwd } : {}),
  });
  process.once("exit", () => child.kill("SIGKILL"));
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** A throwaway PostgreSQL server for a benchmark run (the same embedded-postgres start as the tests). */
export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const pg = await startThrowawayPostgres({ prefix: "atelier-bench-pg-" });
  await pg.server.createDatabase("bench");
  return { url: pg.urlOf("bench"), stop: pg.stop };
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly socket_errors: number;
  readonly non_2xx: number;
}

/** Runs wrk (Debian's package) with a Lua script whose done() prints `RESULT {json}`. */
export async function runWrk(
  url: string,
  script: string,
  options: { connections: number; seconds: number; threads?: number },
): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)(
    "wrk",
    [
      `-t${options.threads ?? 1}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      "--timeout",
      "5s",
      "-s",
      script,
      url,
    ],
    { maxBuffer: 1 << 24 },
  ).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") throw new Error("wrk is not installed: apt-get install wrk");
    throw e;
  });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`wrk printed no RESULT line:\n${stdout}`);
  return JSON.parse(line.slice("RESULT ".length)) as WrkResult;
}
