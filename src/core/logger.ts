import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** Options shared by the process logger and Fastify's request logger: JSON lines, secrets redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.JWT_SECRET", "*.token"],
      censor: "[redacted]",
    },
  };
}

/**
 * The process logger (pino, JSON lines on stdout). Writes are asynchronous: lines that arrive while a write is in
 * flight go out together in the next one, so logging every request costs one syscall per burst, not per line.
 * Call `logger.flush()` before exiting (the server's shutdown does).
 */
export function createLogger(level = "info"): Logger {
  return pino(loggerOptions(level), pino.destination({ dest: 1, sync: false }));
}
