import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JWT_SECRET_FILE, loadJwtSecret } from "./jwt-secret.js";

const tempDir = () => join(mkdtempSync(join(tmpdir(), "atelier-jwt-")), "data");

describe("loadJwtSecret", () => {
  it("uses JWT_SECRET when set and writes no file", () => {
    const dir = tempDir();
    expect(loadJwtSecret("s".repeat(40), dir)).toBe("s".repeat(40));
    expect(() => statSync(join(dir, JWT_SECRET_FILE))).toThrow();
  });

  it("generates a 0600 secret into DATA_DIR on first start and reuses it", () => {
    const dir = tempDir();
    const first = loadJwtSecret(undefined, dir);
    expect(first.length).toBeGreaterThanOrEqual(64);
    const path = join(dir, JWT_SECRET_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadJwtSecret(undefined, dir)).toBe(first);
    expect(readFileSync(path, "utf8").trim()).toBe(first);
    expect(loadJwtSecret(undefined, tempDir())).not.toBe(first);
  });

  it("tightens a readable secret file and refuses one too short to be safe", () => {
    const dir = tempDir();
    loadJwtSecret(undefined, dir);
    const path = join(dir, JWT_SECRET_FILE);
    writeFileSync(path, "short\n", { mode: 0o644 });
    expect(() => loadJwtSecret(undefined, dir)).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
