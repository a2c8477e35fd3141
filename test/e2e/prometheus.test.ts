import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalTracker } from "../../src/tracking/index.js";
import { hrRecords, registerHrModel } from "../fixtures/hr-model.js";
import { freePort } from "../support/embedded-postgres.js";
import { http, startTestServer, type TestServer } from "../support/server.js";

/** Debian's prometheus package (CI installs it with scripts/ci-setup.sh). */
const PROMETHEUS = "/usr/bin/prometheus";

async function query(
  base: string,
  promql: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => undefined);
  if (!res?.ok) return [];
  const body = (await res.json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

describe.skipIf(!existsSync(PROMETHEUS))(
  `a real Prometheus scrapes /metrics (${PROMETHEUS}; skipped when absent)`,
  () => {
    let server: TestServer;
    let prometheus: ChildProcess;
    let promUrl: string;
    const predictions = 7;

    beforeAll(async () => {
      server = await startTestServer("sqlite");
      await server.platform.accounts.createUser({ username: "ops", password: "ops-password", role: "viewer" });
      const token = (await http<any>(server.url, "POST", "/token", { username: "ops", password: "ops-password" })).body
        .access_token;
      await registerHrModel(createLocalTracker(server.platform), "attrition", { alias: "production" });
      for (const record of hrRecords(predictions, 2))
        await http(server.url, "POST", "/api/v1/models/attrition/predict", record, {
          authorization: `Bearer ${token}`,
        });

      const dir = mkdtempSync(join(tmpdir(), "atelier-prom-"));
      const config = join(dir, "prometheus.yml");
      writeFileSync(
        config,
        [
          "global:",
          "  scrape_interval: 1s",
          "scrape_configs:",
          "  - job_name: atelier",
          "    metrics_path: /metrics",
          "    static_configs:",
          `      - targets: ["${new URL(server.url).host}"]`,
          "",
        ].join("\n"),
      );
      const port = await freePort();
      promUrl = `http://127.0.0.1:${port}`;
      prometheus = spawn(
        PROMETHEUS,
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=127.0.0.1:${port}`,
          "--log.level=warn",
        ],
        { stdio: "ignore" },
      );
    }, 60_000);
    afterAll(async () => {
      if (prometheus && prometheus.exitCode === null) {
        const exited = new Promise((r) => prometheus.once("exit", r));
        prometheus.kill("SIGTERM");
        await exited;
      }
      await server?.close();
    });

    it("reads back through Prometheus' HTTP API the counts the server made", async () => {
      const promql = 'model_requests_total{job="atelier",model="attrition",version="1"}';
      let result: Awaited<ReturnType<typeof query>> = [];
      for (const until = Date.now() + 30_000; result.length === 0 && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 250));
        result = await query(promUrl, promql);
      }
      expect(result).toHaveLength(1);
      expect(Number(result[0]!.value[1])).toBe(predictions);
      const exposed = (await http<string>(server.url, "GET", "/metrics")).body;
      expect(exposed).toContain(`model_requests_total{model="attrition",version="1"} ${predictions}`);

      const classes = await query(promUrl, 'sum(model_predictions_total{job="atelier",model="attrition"})');
      expect(Number(classes[0]!.value[1])).toBe(predictions);
      const latency = await query(promUrl, 'model_latency_seconds_count{job="atelier",model="attrition"}');
      expect(Number(latency[0]!.value[1])).toBe(predictions);
      const dropped = await query(promUrl, 'prediction_log_dropped_total{job="atelier",reason="full"}');
      expect(Number(dropped[0]!.value[1])).toBe(0);
      expect(await query(promUrl, 'prediction_log_queue_depth{job="atelier"}')).toHaveLength(1);
    }, 60_000);
  },
);
