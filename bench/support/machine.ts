import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

/** One line describing the machine a benchmark ran on, for docs/benchmarks.md. */
export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const python = (() => {
    try {
      return execFileSync("/usr/bin/python3", ["--version"], { encoding: "utf8" }).trim();
    } catch {
      return "no /usr/bin/python3";
    }
  })();
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${python}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
