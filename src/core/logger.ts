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

/** The process logger (pino, JSON lines on stdout). */
export function createLogger(level = "info"): Logger {
  return pino(loggerOptions(level));
}
