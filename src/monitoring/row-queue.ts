import { type LoggedRequest, sliceRequest } from "./prediction-record.js";

/** A FIFO of logged requests counted in rows (one per record), taken a bounded number of rows at a time. */
export class RowQueue {
  private entries: LoggedRequest[] = [];
  private head = 0;
  private count = 0;

  /** Rows queued. */
  get rows(): number {
    return this.count;
  }

  push(request: LoggedRequest): void {
    this.entries.push(request);
    this.count += request.inputs.length;
  }

  /** Puts requests back at the front (a failed write), in their order. */
  unshift(requests: readonly LoggedRequest[]): void {
    this.entries = [...requests, ...this.entries.slice(this.head)];
    this.head = 0;
    for (const r of requests) this.count += r.inputs.length;
  }

  /** Takes the oldest requests, up to `max` rows (the last one split when it does not fit). */
  take(max: number): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    let rows = 0;
    while (this.head < this.entries.length && rows < max) {
      const next = this.entries[this.head]!;
      const n = next.inputs.length;
      if (rows + n <= max) {
        out.push(next);
        this.head++;
        rows += n;
      } else {
        const fit = max - rows;
        out.push(sliceRequest(next, 0, fit));
        this.entries[this.head] = sliceRequest(next, fit, n);
        rows += fit;
      }
    }
    this.count -= rows;
    // Drop taken entries now and then, so the array does not keep growing.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** Empties the queue; answers how many rows it held. */
  clear(): number {
    const n = this.count;
    this.entries = [];
    this.head = 0;
    this.count = 0;
    return n;
  }
}
