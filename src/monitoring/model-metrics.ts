import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { PredictionLog } from "./prediction-log.js";
import { ValueHistogram } from "./value-histogram.js";

/** The metrics of one served version, bound once so the request path only increments. */
export interface VersionMetrics {
  /** One request answered (or failed) by this version, taking `seconds`. */
  request(seconds: number): void;
  error(): void;
  /** A request's predictions: counted by class (classifiers, and any text labels) or into the value histogram. */
  predictions(values: readonly (number | string)[], classifier: boolean): void;
}

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5];
const VALUE_BUCKETS = [-1000, -100, -10, -1, 0, 1, 10, 100, 1000, 10_000, 100_000];

/**
 * Prometheus metrics of the served models and of the prediction log: requests, errors and latency per model and
 * version, the distribution of predictions (class counts, or a histogram of values), the log's queue depth and
 * dropped rows. Created unregistered; `registerInto` adds them to the app's registry (`app.metrics`).
 */
export class ModelMetrics {
  private readonly requests = new Counter({
    name: "model_requests_total",
    help: "Prediction requests answered by a model version",
    labelNames: ["model", "version"] as const,
    registers: [],
  });
  private readonly errors = new Counter({
    name: "model_errors_total",
    help: "Prediction requests a model version failed to answer (bad input excluded)",
    labelNames: ["model", "version"] as const,
    registers: [],
  });
  private readonly latency = new Histogram({
    name: "model_latency_seconds",
    help: "Time a model version took to answer a prediction request (validation, batching wait, predict)",
    labelNames: ["model", "version"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [],
  });
  private readonly classes = new Counter({
    name: "model_predictions_total",
    help: "Predictions of a classifier version, by predicted class",
    labelNames: ["model", "version", "class"] as const,
    registers: [],
  });
  private readonly values = new ValueHistogram(
    "model_prediction_value",
    "Predicted values of a regressor version",
    VALUE_BUCKETS,
  );
  private readonly queueDepth: Gauge;
  private readonly dropped: Counter<"reason">;
  private readonly bound = new Map<string, VersionMetrics>();

  constructor(log?: PredictionLog) {
    this.queueDepth = new Gauge({
      name: "prediction_log_queue_depth",
      help: "Predictions waiting to be written to the prediction log",
      registers: [],
      collect() {
        this.set(log?.depth ?? 0);
      },
    });
    const seen = { full: 0, error: 0 };
    this.dropped = new Counter({
      name: "prediction_log_dropped_total",
      help: "Predictions never written to the log: queue full, or the store failing at shutdown",
      labelNames: ["reason"] as const,
      registers: [],
      collect() {
        const now = log?.dropped ?? seen;
        for (const reason of ["full", "error"] as const) {
          this.inc({ reason }, now[reason] - seen[reason]);
          seen[reason] = now[reason];
        }
      },
    });
  }

  /** Adds every metric to a registry (the app's, served at /metrics). */
  registerInto(registry: Registry): void {
    const all = [this.requests, this.errors, this.latency, this.classes, this.values, this.queueDepth, this.dropped];
    for (const m of all) registry.registerMetric(m as Parameters<Registry["registerMetric"]>[0]);
  }

  /** The bound metrics of one version (created on first use, then reused). */
  forVersion(model: string, version: number): VersionMetrics {
    const key = `${model}@${version}`;
    let found = this.bound.get(key);
    if (found === undefined) {
      const labels = { model, version: String(version) };
      const requests = this.requests.labels(labels);
      const errors = this.errors.labels(labels);
      const latency = this.latency.labels(labels);
      const observeValues = this.values.child(labels);
      const classCounters = new Map<number | string, { inc(n?: number): void }>();
      const classes = this.classes;
      const classCounter = (value: number | string) => {
        let counter = classCounters.get(value);
        if (counter === undefined) {
          counter = classes.labels({ ...labels, class: String(value) });
          classCounters.set(value, counter);
        }
        return counter;
      };
      found = {
        request(seconds) {
          requests.inc();
          latency.observe(seconds);
        },
        error() {
          errors.inc();
        },
        predictions(values, classifier) {
          if (!classifier && values.every((v) => typeof v === "number")) {
            observeValues(values as readonly number[]);
            return;
          }
          if (values.length === 1) {
            classCounter(values[0]!).inc();
            return;
          }
          // One increment per class, not per record: prom-client hashes the labels at every call.
          const counts = new Map<number | string, number>();
          for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
          for (const [v, n] of counts) classCounter(v).inc(n);
        },
      };
      this.bound.set(key, found);
    }
    return found;
  }
}
