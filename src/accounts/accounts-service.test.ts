import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_PRINCIPAL, ManualClock } from "../core/index.js";
import { type Database, migrateToLatest, openDatabase } from "../store/index.js";
import { accountsMigrations } from "./accounts-migrations.js";
import { type AccountsOptions, AccountsService, BAD_CREDENTIALS } from "./accounts-service.js";

const SECRET = "test-secret-".padEnd(48, "x");
const databases: Database[] = [];
afterAll(async () => {
  for (const d of databases) await d.close();
});

async function openStore(url = "sqlite::memory:"): Promise<Database> {
  const database = await openDatabase(url);
  await migrateToLatest(database, accountsMigrations);
  databases.push(database);
  return database;
}

async function openService(options: Partial<AccountsOptions> = {}, database?: Database) {
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock("2026-03-01T12:00:00Z");
  const service = await AccountsService.open(database ?? (await openStore()), { jwtSecret: SECRET, ...options, clock });
  return { service, clock };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("AccountsService users and passwords", () => {
  let service: AccountsService;
  beforeAll(async () => {
    ({ service } = await openService());
    await service.createUser({ username: "alice", password: "correct horse", role: "editor" });
  });

  it("creates users with argon2id hashes and names each bad field", async () => {
    const user = await service.createUser({ username: "bob.smith", password: "s3cret-pass", role: "viewer" });
    expect(user).toMatchObject({ username: "bob.smith", role: "viewer", disabled: false });
    await expect(
      service.createUser({ username: "bob.smith", password: "another-pass", role: "viewer" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const bad = service.createUser({ username: " spaced", password: "short", role: "root" as never });
    await expect(bad).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "username" }, { field: "password" }, { field: "role" }],
    });
  });

  it("authenticates the right password and refuses the rest with one message", async () => {
    expect(await service.authenticate("alice", "correct horse")).toMatchObject({ username: "alice", role: "editor" });
    expect(await service.authenticate("alice", "correct horse")).not.toHaveProperty("passwordHash");
    await expect(service.authenticate("alice", "wrong horse")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: BAD_CREDENTIALS,
    });
    await expect(service.authenticate("ghost", "correct horse")).rejects.toMatchObject({ message: BAD_CREDENTIALS });
    await expect(service.authenticate("alice", "x".repeat(5000))).rejects.toMatchObject({ message: BAD_CREDENTIALS });
  });

  it("refuses a disabled user with the same message, and accepts it again once re-enabled", async () => {
    await service.createUser({ username: "carol", password: "carol-pass", role: "viewer" });
    await service.setUserDisabled("carol", true);
    await expect(service.authenticate("carol", "carol-pass")).rejects.toMatchObject({ message: BAD_CREDENTIALS });
    await service.setUserDisabled("carol", false);
    expect((await service.authenticate("carol", "carol-pass")).username).toBe("carol");
    await expect(service.setUserDisabled("nobody", true)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("takes the same time for an unknown user as for a wrong password (medians within 30%)", async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    const time = async (username: string) => {
      const start = performance.now();
      await service.authenticate(username, "not the password").catch(() => {});
      return performance.now() - start;
    };
    await time("alice");
    await time("nobody-at-all");
    for (let i = 0; i < 12; i++) {
      // Interleaved, so a burst of load on the shared machine hits both series alike.
      wrong.push(await time("alice"));
      unknown.push(await time(`nobody-${i}`));
    }
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });
});

describe("AccountsService access tokens", () => {
  it("issues an HS256 token with sub, name, role and exp that verifies until it expires", async () => {
    const { service, clock } = await openService({ tokenTtlSeconds: 3600 });
    const user = await service.createUser({ username: "dana", password: "dana-pass", role: "admin" });
    const token = await service.issueToken(user);
    expect(token).toMatchObject({ tokenType: "bearer", expiresIn: 3600 });
    const [header, payload] = token.accessToken
      .split(".")
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, "base64url").toString()));
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({ sub: user.id, name: "dana", role: "admin" });
    expect(payload.exp - payload.iat).toBe(3600);
    const principal = { id: user.id, name: "dana", kind: "user", role: "admin" };
    expect(await service.verifyToken(token.accessToken)).toEqual(principal);
    clock.advance(3599_000);
    // Cached by now: answered without a promise.
    expect(service.verifyToken(token.accessToken)).toEqual(principal);
    clock.advance(1_000);
    await expect(service.verifyToken(token.accessToken)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Access token expired",
    });
    // A service that never saw the token checks exp itself.
    const { service: fresh } = await openService({ clock });
    await expect(fresh.verifyToken(token.accessToken)).rejects.toMatchObject({ message: "Access token expired" });
  });

  it("refuses tampered tokens, tokens signed with another secret, and garbage", async () => {
    const { service } = await openService();
    const { service: other } = await openService({ jwtSecret: "another-secret".padEnd(40, "y") });
    const token = (await other.issueToken({ id: "u1", username: "eve", role: "viewer" })).accessToken;
    await expect(service.verifyToken(token)).rejects.toMatchObject({ message: "Invalid access token" });
    const mine = (await service.issueToken({ id: "u1", username: "eve", role: "viewer" })).accessToken;
    const [h, , s] = mine.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "u1", name: "eve", role: "admin", exp: 9e9 })).toString(
      "base64url",
    );
    await expect(service.verifyToken(`${h}.${forged}.${s}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(service.verifyToken("not.a.jwt")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(service.verifyToken("")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("logs in through the throttle: 5 wrong passwords lock the username, even for the right one", async () => {
    const { service, clock } = await openService();
    await service.createUser({ username: "frank", password: "frank-pass", role: "viewer" });
    expect((await service.login("frank", "frank-pass", "10.0.0.1")).tokenType).toBe("bearer");
    for (let i = 0; i < 5; i++)
      await expect(service.login("frank", "wrong-pass", "10.0.0.1")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(service.login("frank", "frank-pass", "10.0.0.2")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      details: { retryAfterSeconds: 900 },
    });
    clock.advance(15 * 60_000);
    expect((await service.login("frank", "frank-pass", "10.0.0.2")).tokenType).toBe("bearer");
  });
});

describe("AccountsService API keys", () => {
  it("creates a key whose secret is shown once, verifies it with its role and scopes, and records its use", async () => {
    const { service, clock } = await openService();
    const { key, secret } = await service.createApiKey(
      { name: "churn scorer", role: "viewer", scopes: ["model:churn", "model:churn"] },
      LOCAL_PRINCIPAL,
    );
    expect(secret).toMatch(new RegExp(`^atk_${key.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(key).toMatchObject({ name: "churn scorer", role: "viewer", scopes: ["model:churn"], createdBy: "local" });
    expect(JSON.stringify((await service.listApiKeys()).items)).not.toContain(secret.slice(-43));
    const principal = { id: key.id, name: "churn scorer", kind: "apiKey", role: "viewer", scopes: ["model:churn"] };
    expect(await service.verifyApiKey(secret)).toEqual(principal);
    expect(service.verifyApiKey(secret)).toEqual(principal);
    expect((await service.listApiKeys()).items[0]?.lastUsedAt).toEqual(clock.now());
    const unscoped = await service.createApiKey({ name: "ci", role: "editor" }, LOCAL_PRINCIPAL);
    expect(await service.verifyApiKey(unscoped.secret)).not.toHaveProperty("scopes");
    await expect(
      service.createApiKey({ name: "", role: "viewer", scopes: ["churn"] }, LOCAL_PRINCIPAL),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "name" }, { field: "scopes", index: 0 }],
    });
  });

  it("refuses malformed keys, unknown prefixes and a wrong secret behind a real prefix", async () => {
    const { service } = await openService();
    const { key, secret } = await service.createApiKey({ name: "k", role: "viewer" }, LOCAL_PRINCIPAL);
    await expect(service.verifyApiKey("atk_nothing")).rejects.toMatchObject({ message: "Malformed API key" });
    await expect(service.verifyApiKey(`atk_${"0".repeat(16)}_${"A".repeat(43)}`)).rejects.toMatchObject({
      message: "Invalid API key",
    });
    const wrong = `atk_${key.prefix}_${secret.endsWith("A") ? "B".repeat(43) : "A".repeat(43)}`;
    await expect(service.verifyApiKey(wrong)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("revocation takes effect at once on this process and within the cache time on another", async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-keys-")), "a.db")}`;
    const clock = new ManualClock("2026-03-01T12:00:00Z");
    const { service: a } = await openService({ clock, apiKeyCacheMs: 2000 }, await openStore(url));
    const { service: b } = await openService({ clock, apiKeyCacheMs: 2000 }, await openStore(url));
    const { key, secret } = await a.createApiKey({ name: "k", role: "editor" }, LOCAL_PRINCIPAL);
    await a.verifyApiKey(secret);
    await b.verifyApiKey(secret);
    const revoked = await a.revokeApiKey(key.id);
    expect(revoked.revokedAt).toEqual(clock.now());
    await expect(a.verifyApiKey(secret)).rejects.toMatchObject({ message: "API key revoked" });
    // Replica b trusts its cached verification for at most 2 s.
    clock.advance(1999);
    expect(b.verifyApiKey(secret)).toMatchObject({ id: key.id });
    clock.advance(1);
    await expect(b.verifyApiKey(secret)).rejects.toMatchObject({ message: "API key revoked" });
    await expect(a.revokeApiKey("no-such-key")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
