/** One labelled series of a ValueHistogram. */
interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram kept in plain arrays, for values that come by the thousand (a batch's predictions):
 * `observeAll` costs one bucket search a value and no label hashing, where prom-client's Histogram hashes the labels
 * at every observation. Registered like any prom-client metric (it has the same get/reset shape).
 */
export class ValueHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  /** The observe function of one label set (created once, then reused). */
  child(labels: Readonly<Record<string, string>>): (values: readonly number[]) => void {
    const key = JSON.stringify(labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels, counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    const s = series;
    const bounds = this.buckets;
    return (values) => {
      for (const v of values) {
        let b = 0;
        while (b < bounds.length && v > bounds[b]!) b++;
        s.counts[b]!++;
        s.sum += v;
      }
      s.count += values.length;
    };
  }

  /** The exposition values, as prom-client's registry reads them (cumulative buckets, +Inf, _sum, _count). */
  async get() {
    const values: { value: number; labels: Record<string, string | number>; metricName: string }[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let b = 0; b <= this.buckets.length; b++) {
        cumulative += s.counts[b]!;
        const le = b < this.buckets.length ? this.buckets[b]! : "+Inf";
        values.push({ value: cumulative, labels: { le, ...s.labels }, metricName: `${this.name}_bucket` });
      }
      values.push({ value: s.sum, labels: { ...s.labels }, metricName: `${this.name}_sum` });
      values.push({ value: s.count, labels: { ...s.labels }, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    for (const s of this.series.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
