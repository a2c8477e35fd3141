import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app.js";

const ipRoute = {
  name: "ip",
  routes: async (app: FastifyInstance) => {
    app.get("/ip", async (request) => ({ ip: request.ip }));
  },
};

describe("trustProxy", () => {
  it("takes the client address from X-Forwarded-For only when told to trust the proxy", async () => {
    const headers = { "x-forwarded-for": "203.0.113.7" };
    const direct = await buildApp({ logLevel: "silent", modules: [ipRoute] });
    expect((await direct.inject({ url: "/ip", headers })).json()).toEqual({ ip: "127.0.0.1" });
    const behind = await buildApp({ logLevel: "silent", modules: [ipRoute], trustProxy: 1 });
    expect((await behind.inject({ url: "/ip", headers })).json()).toEqual({ ip: "203.0.113.7" });
    const listed = await buildApp({ logLevel: "silent", modules: [ipRoute], trustProxy: "127.0.0.1" });
    expect((await listed.inject({ url: "/ip", headers })).json()).toEqual({ ip: "203.0.113.7" });
    await Promise.all([direct.close(), behind.close(), listed.close()]);
  });
});
