/**
 * Progress for long commands: a redrawn bar on a terminal, plain lines otherwise (logs, CI, pipes), and nothing
 * with --json so stdout stays machine-readable.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

export function createProgress(
  label: string,
  total: number,
  options: { silent?: boolean; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.silent) return { update: () => {}, finish: () => {} };
  if (!stream.isTTY) {
    let lastPct = -1;
    return {
      update(done, note) {
        const pct = total > 0 ? Math.floor((100 * done) / total / 10) * 10 : 100;
        if (pct !== lastPct) {
          lastPct = pct;
          stream.write(`${label}: ${done}/${total} (${pct}%)${note ? ` ${note}` : ""}\n`);
        }
      },
      finish(note) {
        stream.write(`${label}: done${note ? ` — ${note}` : ""}\n`);
      },
    };
  }
  const width = 30;
  const draw = (done: number, note?: string) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    stream.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${note ? ` ${note}` : ""}\x1b[K`,
    );
  };
  return {
    update: draw,
    finish(note) {
      draw(total);
      stream.write(`${note ? ` — ${note}` : ""}\n`);
    },
  };
}
