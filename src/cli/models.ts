import type { Command } from "commander";
import type { AliasMove, ModelVersion, RegisteredModel } from "../tracking/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable } from "./local-accounts.js";
import {
  collect,
  formatNumber,
  formatTime,
  type OpenTracker,
  type Output,
  type TrackerTarget,
  trackerOptions,
  withTracker,
} from "./tracker-command.js";

const aliasesCell = (aliases: Readonly<Record<string, number>>) =>
  Object.entries(aliases)
    .map(([a, v]) => `${a}=v${v}`)
    .join(" ");

const version = (value: string) => (value === "" ? "-" : value);
const moveRow = (m: AliasMove) => [
  String(m.seq),
  formatTime(m.movedAt),
  version(m.fromVersion === null ? "" : `v${m.fromVersion}`),
  version(m.toVersion === null ? "" : `v${m.toVersion}`),
  m.movedBy,
  m.reason,
];

/** `atelier models list|versions|promote|history|resolve`: the model registry from the command line. */
export function registerModelsCommand(program: Command, open: OpenTracker, out: Output = process.stdout): void {
  const models = program.command("models").description("model registry: models, versions, aliases");
  const print = (json: boolean | undefined, value: unknown, text: string) =>
    out.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);

  trackerOptions(models.command("list").description("registered models with their aliases")).action(async function (
    this: Command,
    opts: TrackerTarget & { json?: boolean },
  ) {
    const all = await withTracker(this, open, opts, (tracker) =>
      collect((pageToken) => tracker.listModels({ pageSize: 1000, ...(pageToken ? { pageToken } : {}) })),
    );
    const row = (m: RegisteredModel) => [
      m.name,
      `v${m.latestVersion}`,
      aliasesCell(m.aliases),
      formatTime(m.updatedAt),
    ];
    print(
      opts.json,
      all,
      all.length
        ? formatTable([["NAME", "LATEST", "ALIASES", "UPDATED"], ...all.map(row)])
        : "no registered models yet",
    );
  });

  trackerOptions(models.command("versions").description("a model's versions, newest first").argument("<name>")).action(
    async function (this: Command, name: string, opts: TrackerTarget & { json?: boolean }) {
      const all = await withTracker(this, open, opts, (tracker) =>
        collect((pageToken) =>
          tracker.listModelVersions(name, { pageSize: 1000, ...(pageToken ? { pageToken } : {}) }),
        ),
      );
      const row = (v: ModelVersion) => [
        `v${v.version}`,
        v.aliases.join(","),
        v.runId ?? "-",
        Object.entries(v.metrics)
          .map(([k, x]) => `${k}=${formatNumber(x)}`)
          .join(" "),
        formatTime(v.createdAt),
        v.createdBy,
      ];
      print(opts.json, all, formatTable([["VERSION", "ALIASES", "RUN", "METRICS", "CREATED", "BY"], ...all.map(row)]));
    },
  );

  trackerOptions(
    models
      .command("promote")
      .description("point an alias at a version (to roll back, promote the older version again)")
      .argument("<name>")
      .argument("<version>", "version number", (v) => Number.parseInt(v.replace(/^v/, ""), 10))
      .requiredOption("--alias <alias>", "e.g. production, staging, champion")
      .option("--reason <why>", "recorded in the alias history", ""),
  ).action(async function (
    this: Command,
    name: string,
    to: number,
    opts: TrackerTarget & { alias: string; reason: string; json?: boolean },
  ) {
    if (!Number.isInteger(to) || to < 1)
      this.error("error: VERSION must be a positive integer", { exitCode: EXIT_USAGE });
    const move = await withTracker(this, open, opts, (tracker) => tracker.setAlias(name, opts.alias, to, opts.reason));
    const text = move
      ? `${name} ${opts.alias}: ${move.fromVersion === null ? "(none)" : `v${move.fromVersion}`} → v${to}`
      : `${name} ${opts.alias} already points to v${to}`;
    print(
      opts.json,
      { modelName: name, alias: opts.alias, version: to, moved: move !== undefined, move: move ?? null },
      text,
    );
  });

  trackerOptions(
    models
      .command("history")
      .description("every move of an alias: when, from, to, who, why")
      .argument("<name>")
      .requiredOption("--alias <alias>"),
  ).action(async function (this: Command, name: string, opts: TrackerTarget & { alias: string; json?: boolean }) {
    const moves = await withTracker(this, open, opts, (tracker) =>
      collect((pageToken) =>
        tracker.aliasHistory(name, opts.alias, { pageSize: 1000, ...(pageToken ? { pageToken } : {}) }),
      ),
    );
    print(
      opts.json,
      moves,
      moves.length
        ? formatTable([["#", "AT", "FROM", "TO", "BY", "REASON"], ...moves.map(moveRow)])
        : `${name} has never had alias ${opts.alias}`,
    );
  });

  trackerOptions(
    models
      .command("resolve")
      .description("which version an alias points to, now or --at a past instant")
      .argument("<name>")
      .requiredOption("--alias <alias>")
      .option("--at <instant>", "ISO 8601 instant, e.g. 2026-03-03T14:00:00Z"),
  ).action(async function (
    this: Command,
    name: string,
    opts: TrackerTarget & { alias: string; at?: string; json?: boolean },
  ) {
    const resolved = await withTracker(this, open, opts, (tracker) => tracker.resolve(name, opts.alias, opts.at));
    print(
      opts.json,
      resolved,
      `${name} ${opts.alias} at ${formatTime(resolved.at)}: v${resolved.version} (since ${formatTime(resolved.move.movedAt)}, by ${resolved.move.movedBy}${resolved.move.reason ? `: ${resolved.move.reason}` : ""})`,
    );
  });
}
