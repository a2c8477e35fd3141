/**
 * What authentication costs per request: the verify functions the auth hook calls, 100 000 times each, warm
 * (cached, as in serving) and cold (jose HMAC / a SQLite lookup), and the whole hook measured through Fastify's
 * inject as the difference between a protected and an open route. Prints a table; run with
 * `node --import tsx bench/auth/run.ts` (tsx wraps every closure in a naming helper, so the hook looks slower there
 * than in the compiled build).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccountsService, accountsMigrations } from "../../src/accounts/index.js";
import { buildApp } from "../../src/api/index.js";
import { LOCAL_PRINCIPAL } from "../../src/core/index.js";
import { migrateToLatest, openDatabase } from "../../src/store/index.js";
import { machineDescription } from "../support/machine.js";

const N = 100_000;

async function perCall(label: string, n: number, fn: (i: number) => unknown): Promise<[string, string]> {
  for (let i = 0; i < Math.min(n, 2000); i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = fn(i);
    if (r instanceof Promise) await r;
  }
  const ns = Number(process.hrtime.bigint() - start) / n;
  return [label, ns < 1000 ? `${ns.toFixed(0)} ns` : `${(ns / 1000).toFixed(1)} µs`];
}

const database = await openDatabase(`sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-bench-auth-")), "a.db")}`);
await migrateToLatest(database, accountsMigrations);
const accounts = await AccountsService.open(database, { jwtSecret: "b".repeat(48) });
const user = await accounts.createUser({ username: "bench", password: "bench-password", role: "editor" });
const token = (await accounts.issueToken(user)).accessToken;
const { secret } = await accounts.createApiKey({ name: "bench", role: "editor" }, LOCAL_PRINCIPAL);
// Uncached: more distinct tokens than the verified-token cache holds (10 000), each seen once, and a service whose
// key cache expires at once.
const coldTokens = await Promise.all(
  Array.from({ length: 22_000 }, (_, i) => accounts.issueToken({ ...user, username: `u${i}` })),
);
let nextCold = 0;
const noCache = await AccountsService.open(database, { jwtSecret: "b".repeat(48), apiKeyCacheMs: 0 });

const rows: [string, string][] = [];
rows.push(await perCall("JWT, cached (serving: the same token again)", N, () => accounts.verifyToken(token)));
rows.push(await perCall("API key, cached (within 2 s of its last check)", N, () => accounts.verifyApiKey(secret)));
rows.push(
  await perCall("JWT, first sight (jose HS256 verify)", 20_000, () =>
    noCache.verifyToken(coldTokens[nextCold++]!.accessToken),
  ),
);
rows.push(await perCall("API key, uncached (SQLite lookup + SHA-256)", 20_000, () => noCache.verifyApiKey(secret)));

// The hook itself, taken as the auth plugin installed it on a route, called on a minimal request.
let hook: ((request: unknown, reply: unknown, done: (error?: Error) => void) => void) | undefined;
const app = await buildApp({
  logLevel: "silent",
  auth: accounts,
  modules: [
    {
      name: "bench",
      routes: async (a) => {
        a.addHook("onRoute", (route) => {
          if (route.url === "/protected" && Array.isArray(route.onRequest)) hook = route.onRequest[0] as typeof hook;
        });
        a.get("/open", async () => ({ ok: true }));
        a.get("/protected", { config: { auth: "viewer" } }, async () => ({ ok: true }));
      },
    },
  ],
});
const reply = { header: () => reply };
const done = (error?: Error) => {
  if (error) throw error;
};
for (const [label, headers] of [
  ["auth hook alone, bearer JWT (cached)", { authorization: `Bearer ${token}` }],
  ["auth hook alone, x-api-key (cached)", { "x-api-key": secret }],
] as const)
  rows.push(await perCall(label, N, () => hook!({ headers, principal: undefined }, reply, done)));
const inject = (url: string, headers: Record<string, string>) => () => app.inject({ method: "GET", url, headers });
const cases: [string, () => unknown][] = [
  ["inject GET /open (no auth hook)", inject("/open", {})],
  ["inject GET /protected, bearer JWT", inject("/protected", { authorization: `Bearer ${token}` })],
  ["inject GET /protected, x-api-key", inject("/protected", { "x-api-key": secret })],
];
// Interleaved rounds, best of each: inject costs a few µs, so machine noise would otherwise decide the order.
const best = new Map<string, number>();
for (let round = 0; round < 5; round++)
  for (const [label, fn] of cases) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) await fn();
    const ns = Number(process.hrtime.bigint() - start) / 10_000;
    best.set(label, Math.min(best.get(label) ?? Number.POSITIVE_INFINITY, ns));
  }
for (const [label] of cases) rows.push([label, `${(best.get(label)! / 1000).toFixed(1)} µs`]);
await app.close();
await database.close();

console.log(`auth cost per call — ${machineDescription()}`);
const width = Math.max(...rows.map((r) => r[0].length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(9)}`);
