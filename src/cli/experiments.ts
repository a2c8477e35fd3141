import type { Command } from "commander";
import type { Experiment, ExperimentView } from "../tracking/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable } from "./local-accounts.js";
import {
  collect,
  formatTime,
  type OpenTracker,
  type Output,
  type TrackerTarget,
  trackerOptions,
  withTracker,
} from "./tracker-command.js";

/** `atelier experiments list`: the experiments of a server or of the local store. */
export function registerExperimentsCommand(program: Command, open: OpenTracker, out: Output = process.stdout): void {
  const experiments = program.command("experiments").description("experiment tracking: list experiments");
  trackerOptions(
    experiments
      .command("list")
      .description("list experiments by name")
      .option("--view <view>", "active, deleted or all", "active"),
  ).action(async function (this: Command, opts: TrackerTarget & { view: string; json?: boolean }) {
    if (!["active", "deleted", "all"].includes(opts.view))
      this.error("error: --view must be active, deleted or all", { exitCode: EXIT_USAGE });
    const all = await withTracker(this, open, opts, (tracker) =>
      collect((pageToken) =>
        tracker.listExperiments({
          view: opts.view as ExperimentView,
          pageSize: 1000,
          ...(pageToken ? { pageToken } : {}),
        }),
      ),
    );
    if (opts.json) {
      out.write(`${JSON.stringify(all)}\n`);
      return;
    }
    const row = (e: Experiment) => [
      e.name,
      e.id,
      formatTime(e.createdAt),
      e.deletedAt ? "deleted" : "active",
      e.description,
    ];
    out.write(
      `${all.length ? formatTable([["NAME", "ID", "CREATED", "STATUS", "DESCRIPTION"], ...all.map(row)]) : "no experiments yet"}\n`,
    );
  });
}
