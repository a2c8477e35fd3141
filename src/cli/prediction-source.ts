import { AppError } from "../core/index.js";
import type { PredictionFilter, PredictionLog } from "../monitoring/index.js";

/** A logged prediction as the API answers it (times as ISO text). */
export interface PredictionRow {
  readonly id: number;
  readonly requestId: string;
  readonly index: number;
  readonly modelName: string;
  readonly modelVersion: number;
  readonly alias: string | null;
  readonly arm: string;
  readonly principal: string | null;
  readonly inputs: unknown;
  readonly outputs: { readonly prediction: number | string; readonly probabilities?: readonly number[] };
  readonly latencyMs: number;
  readonly timestamp: string;
  readonly feedbackLabel: number | string | null;
  readonly feedbackAt: string | null;
}

/** Where `atelier predictions` reads: the local store's log, or a server's /api/v1/predictions. */
export interface PredictionSource {
  list(
    filter: PredictionFilter,
    page: { pageSize: number; pageToken?: string },
  ): Promise<{ items: readonly PredictionRow[]; nextPageToken?: string }>;
  /** The CSV export, header first, in chunks. */
  exportCsv(filter: PredictionFilter): AsyncIterable<string>;
  close(): Promise<void>;
}

/** The local store's prediction log as a source (main.ts opens it); `close` closes what was opened for it. */
export function localPredictionSource(log: PredictionLog, close: () => Promise<void>): PredictionSource {
  return {
    async list(filter, page) {
      const found = await log.list(filter, page);
      return {
        ...found,
        items: found.items.map((r) => ({
          ...r,
          timestamp: r.timestamp.toISOString(),
          feedbackAt: r.feedbackAt?.toISOString() ?? null,
        })),
      };
    },
    exportCsv: (filter) => log.exportCsv(filter),
    close,
  };
}

function query(filter: PredictionFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined) params.set(k, String(v));
  return params.size ? `?${params}` : "";
}

/** The error a server answered, as an AppError with its code and details. */
async function failure(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; details?: unknown };
  };
  const code = (body.error?.code ?? "INTERNAL") as ConstructorParameters<typeof AppError>[0];
  return new AppError(code, body.error?.message ?? `HTTP ${response.status}`, body.error?.details);
}

/** A server's prediction log over HTTP (bearer token or API key with the viewer role). */
export function httpPredictionSource(url: string, token?: string): PredictionSource {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, url), { headers });
    } catch (error) {
      throw new AppError("STORE_UNAVAILABLE", `Cannot reach the Atelier server at ${url}: ${(error as Error).message}`);
    }
    if (!response.ok) throw await failure(response);
    return response;
  };
  return {
    async list(filter, page) {
      const response = await get(
        `/api/v1/predictions${query(filter, { pageSize: String(page.pageSize), pageToken: page.pageToken })}`,
      );
      return (await response.json()) as { items: PredictionRow[]; nextPageToken?: string };
    },
    async *exportCsv(filter) {
      const response = await get(`/api/v1/predictions/export.csv${query(filter)}`);
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        yield decoder.decode(chunk, { stream: true });
      const rest = decoder.decode();
      if (rest) yield rest;
    },
    close: async () => {},
  };
}
