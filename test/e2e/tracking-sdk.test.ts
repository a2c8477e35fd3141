import { afterAll, beforeAll, describe, it } from "vitest";
import { createHttpTracker, createLocalTracker } from "../../src/tracking/index.js";
import { trackerScenario } from "../../src/tracking/sdk/tracker.suite.js";
import { http, type StoreKind, startTestServer, type TestServer } from "../support/server.js";

/** The same SDK scenario in-process and over HTTP (with a bearer token from /token), on both stores. */
describe.each<StoreKind>(["sqlite", "postgres"])("tracking SDK conformance (%s store)", (kind) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.platform.accounts.createUser({ username: "trainer", password: "trainer-password", role: "admin" });
    const login = await http<{ access_token: string }>(server.url, "POST", "/token", {
      username: "trainer",
      password: "trainer-password",
    });
    token = login.body.access_token;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("runs the scenario on the in-process tracker", async () => {
    await trackerScenario(createLocalTracker(server.platform));
  });

  it("runs the same scenario on the HTTP tracker", async () => {
    await trackerScenario(createHttpTracker({ url: server.url, token }));
  });
});
