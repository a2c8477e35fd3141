import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/embedded-postgres.js";
import { createTestDatabase } from "../support/postgres.js";
import { http } from "../support/server.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const children: ChildProcess[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const drop of drops) await drop();
});

/** The real server as a child process (`node --import tsx src/main.ts serve`), answering on its port. */
async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {}
    if (Date.now() > until) throw new Error("server did not start within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function storeEnv(kind: "sqlite" | "postgres"): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "atelier-durability-"));
  let databaseUrl = `sqlite:${join(dir, "atelier.db")}`;
  if (kind === "postgres") {
    const t = await createTestDatabase("durability");
    drops.push(t.drop);
    databaseUrl = t.url;
  }
  return {
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    ARTIFACT_STORE_URL: `file:${join(dir, "artifacts")}`,
    ATELIER_ADMIN_USERNAME: "root",
    ATELIER_ADMIN_PASSWORD: "root-password",
  };
}

async function login(url: string): Promise<Record<string, string>> {
  const res = await http<{ access_token: string }>(url, "POST", "/token", {
    username: "root",
    password: "root-password",
  });
  return { authorization: `Bearer ${res.body.access_token}` };
}

const CLIENTS = 6;
const POINTS = 250;

describe.each(["sqlite", "postgres"] as const)("durability of the tracking store (%s)", (kind) => {
  it("loses no acknowledged batch and keeps no half batch when the server is SIGKILLed mid-flight", async () => {
    const env = await storeEnv(kind);
    const first = await startServer(env);
    const auth = await login(first.url);
    const run = await http<any>(first.url, "POST", "/api/v1/runs", { experimentName: "durability" }, auth);
    const runId = run.body.id as string;
    const acknowledged: [number, number][] = [];
    const sent: [number, number][] = [];
    let stop = false;
    // Each client logs batches b = 0, 1, 2…: POINTS points of metric client-c at steps b*POINTS…, and one param.
    const client = async (c: number) => {
      for (let b = 0; !stop; b++) {
        const metrics = Array.from({ length: POINTS }, (_, i) => ({
          key: `client-${c}`,
          value: b + i / POINTS,
          step: b * POINTS + i,
        }));
        sent.push([c, b]);
        try {
          const res = await fetch(`${first.url}/api/v1/runs/${runId}/log-batch`, {
            method: "POST",
            headers: { ...auth, "content-type": "application/json" },
            body: JSON.stringify({ params: { [`c${c}-b${b}`]: "1" }, metrics }),
          });
          if (res.ok) acknowledged.push([c, b]);
          else if (res.status !== 503) throw new Error(`log-batch answered ${res.status}`);
        } catch (error) {
          if (!stop) throw error;
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c).catch((e) => e));
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    first.child.kill("SIGKILL");
    const errors = (await Promise.all(clients)).filter(Boolean);
    expect(errors).toEqual([]);
    expect(sent.length).toBeGreaterThan(acknowledged.length - 1);

    const second = await startServer(env);
    const auth2 = await login(second.url);
    const stored = await http<any>(second.url, "GET", `/api/v1/runs/${runId}`, undefined, auth2);
    for (let c = 0; c < CLIENTS; c++) {
      const history = await http<any>(
        second.url,
        "GET",
        `/api/v1/runs/${runId}/metrics/client-${c}/history?pageSize=10000`,
        undefined,
        auth2,
      );
      const perBatch = new Map<number, number>();
      for (const p of history.body.items)
        perBatch.set(Math.floor(p.step / POINTS), (perBatch.get(Math.floor(p.step / POINTS)) ?? 0) + 1);
      for (const [b, n] of perBatch) {
        // All or nothing: a stored batch has every point and its param.
        expect(n, `client ${c} batch ${b}`).toBe(POINTS);
        expect(stored.body.params[`c${c}-b${b}`]).toBe("1");
      }
      for (const [ac, ab] of acknowledged.filter(([x]) => x === c))
        expect(perBatch.get(ab), `acknowledged ${ac}/${ab}`).toBe(POINTS);
    }
    const storedBatches = Object.keys(stored.body.params).length;
    expect(storedBatches).toBeGreaterThanOrEqual(acknowledged.length);
    expect(storedBatches).toBeLessThanOrEqual(sent.length);
    second.child.kill("SIGTERM");
  }, 120_000);
});

describe("two server processes on one SQLite file", () => {
  it("never leave two versions behind one alias under parallel moves, and record every move in order", async () => {
    const env = await storeEnv("sqlite");
    const a = await startServer(env);
    const b = await startServer(env);
    const authA = await login(a.url);
    const authB = await login(b.url);
    const run = await http<any>(a.url, "POST", "/api/v1/runs", { experimentName: "aliases" }, authA);
    await fetch(`${a.url}/api/v1/runs/${run.body.id}/artifacts/model/model.json`, {
      method: "PUT",
      headers: { ...authA, "content-type": "application/json" },
      body: "{}",
    });
    await http(a.url, "POST", "/api/v1/models", { name: "m" }, authA);
    const versions = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        http<any>(
          i % 2 ? b.url : a.url,
          "POST",
          "/api/v1/models/m/versions",
          { runId: run.body.id },
          i % 2 ? authB : authA,
        ),
      ),
    );
    expect(versions.map((v) => v.body.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const moves = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        http<any>(
          i % 2 ? b.url : a.url,
          "PUT",
          "/api/v1/models/m/aliases/production",
          { version: (i % 7) + 1, reason: `move ${i}` },
          i % 2 ? authB : authA,
        ),
      ),
    );
    expect(moves.map((m) => m.status).filter((s) => s !== 200)).toEqual([]);
    const model = await http<any>(a.url, "GET", "/api/v1/models/m", undefined, authA);
    const history = await http<any>(
      b.url,
      "GET",
      "/api/v1/models/m/aliases/production/history?pageSize=1000",
      undefined,
      authB,
    );
    history.body.items.forEach((m: any, i: number) => {
      expect(m.seq).toBe(i + 1);
      expect(m.fromVersion).toBe(i === 0 ? null : history.body.items[i - 1].toVersion);
    });
    expect(history.body.items.at(-1).toVersion).toBe(model.body.aliases.production);
    expect(history.body.items.length).toBe(moves.filter((m) => m.body.moved).length);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
  }, 120_000);
});
