import { describe, expect, it } from "vitest";
import type { AccountsRepository, StoredApiKey, StoredUser } from "./accounts-repository.js";

const user = (username: string, at = 1_700_000_000_000): StoredUser => ({
  id: `id-${username}`,
  username,
  role: "viewer",
  createdAt: new Date(at),
  disabled: false,
  passwordHash: `$argon2id$hash-of-${username}`,
});

const apiKey = (n: number, at: number): StoredApiKey => ({
  id: `key-${String(n).padStart(3, "0")}`,
  name: `key ${n}`,
  prefix: n.toString(16).padStart(16, "0"),
  role: "editor",
  scopes: n % 2 ? ["model:churn"] : [],
  createdBy: "root",
  createdAt: new Date(at),
  revokedAt: null,
  lastUsedAt: null,
  secretHash: "ab".repeat(32),
});

/** The conformance suite of AccountsRepository; `open` gives a repository on a fresh, migrated store. */
export function accountsRepositorySuite(
  name: string,
  open: () => Promise<{ repo: AccountsRepository; close: () => Promise<void> }>,
): void {
  describe(`AccountsRepository conformance: ${name}`, () => {
    it("stores users, finds them by name and id, refuses a duplicate username with CONFLICT", async () => {
      const { repo, close } = await open();
      try {
        expect(await repo.hasUsers()).toBe(false);
        await repo.insertUser({ ...user("alice"), role: "admin" });
        expect(await repo.hasUsers()).toBe(true);
        const found = await repo.findUserByUsername("alice");
        expect(found).toEqual({ ...user("alice"), role: "admin" });
        expect(found?.createdAt).toBeInstanceOf(Date);
        expect(await repo.findUserById("id-alice")).toEqual(found);
        expect(await repo.findUserByUsername("ALICE")).toBeUndefined();
        expect(await repo.findUserByUsername("bob")).toBeUndefined();
        await expect(repo.insertUser({ ...user("alice"), id: "other" })).rejects.toMatchObject({ code: "CONFLICT" });
      } finally {
        await close();
      }
    });

    it("lists users in byte order, page by page with an opaque token, without their hashes", async () => {
      const { repo, close } = await open();
      try {
        const names = ["bob", "Zed", "alice", "carol", "dave", "_x", "a.b"];
        for (const n of names) await repo.insertUser(user(n));
        const seen: string[] = [];
        let pageToken: string | undefined;
        let pages = 0;
        do {
          const page = await repo.listUsers({ pageSize: 3, ...(pageToken ? { pageToken } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(3);
          for (const u of page.items) expect(u).not.toHaveProperty("passwordHash");
          seen.push(...page.items.map((u) => u.username));
          pageToken = page.nextPageToken;
          pages++;
        } while (pageToken);
        expect(seen).toEqual([...names].sort());
        expect(pages).toBe(3);
        await expect(repo.listUsers({ pageToken: "nonsense" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
        await expect(repo.listUsers({ pageSize: 0 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      } finally {
        await close();
      }
    });

    it("disables and re-enables a user", async () => {
      const { repo, close } = await open();
      try {
        await repo.insertUser(user("alice"));
        expect((await repo.setUserDisabled("alice", true))?.disabled).toBe(true);
        expect((await repo.findUserByUsername("alice"))?.disabled).toBe(true);
        expect((await repo.setUserDisabled("alice", false))?.disabled).toBe(false);
        expect(await repo.setUserDisabled("nobody", true)).toBeUndefined();
      } finally {
        await close();
      }
    });

    it("stores API keys with scopes, finds them by prefix, lists them in creation order without secrets", async () => {
      const { repo, close } = await open();
      try {
        // Equal creation times on purpose: the id breaks the tie, so paging neither skips nor repeats.
        const keys = [5, 3, 1, 4, 2].map((n) => apiKey(n, 1_700_000_000_000 + (n > 3 ? 1000 : 0)));
        for (const k of keys) await repo.insertApiKey(k);
        const found = await repo.findApiKeyByPrefix(apiKey(3, 0).prefix);
        expect(found).toEqual(keys[1]);
        expect(found?.scopes).toEqual(["model:churn"]);
        expect(await repo.findApiKeyByPrefix("ffffffffffffffff")).toBeUndefined();
        const { secretHash: _, ...public3 } = keys[1]!;
        expect(await repo.findApiKeyById("key-003")).toEqual(public3);
        const ids: string[] = [];
        let pageToken: string | undefined;
        do {
          const page = await repo.listApiKeys({ pageSize: 2, ...(pageToken ? { pageToken } : {}) });
          for (const k of page.items) expect(k).not.toHaveProperty("secretHash");
          ids.push(...page.items.map((k) => k.id));
          pageToken = page.nextPageToken;
        } while (pageToken);
        expect(ids).toEqual(["key-001", "key-002", "key-003", "key-004", "key-005"]);
      } finally {
        await close();
      }
    });

    it("revokes a key once (the first time is kept), records last use, and answers undefined for unknown ids", async () => {
      const { repo, close } = await open();
      try {
        await repo.insertApiKey(apiKey(1, 1_700_000_000_000));
        const first = await repo.revokeApiKey("key-001", new Date(1_700_000_100_000));
        expect(first?.revokedAt).toEqual(new Date(1_700_000_100_000));
        const again = await repo.revokeApiKey("key-001", new Date(1_700_000_200_000));
        expect(again?.revokedAt).toEqual(new Date(1_700_000_100_000));
        expect(await repo.revokeApiKey("nope", new Date())).toBeUndefined();
        await repo.touchApiKey("key-001", new Date(1_700_000_300_000));
        expect((await repo.findApiKeyByPrefix(apiKey(1, 0).prefix))?.lastUsedAt).toEqual(new Date(1_700_000_300_000));
      } finally {
        await close();
      }
    });
  });
}
