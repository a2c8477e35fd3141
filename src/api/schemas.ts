/** JSON schemas shared by every route (OpenAPI components). */

/** The body of every error: `{"error": {"code", "message", "details"?, "requestId"}}`. */
export const errorBodySchema = {
  $id: "ErrorBody",
  type: "object",
  description: "Every error has this shape; `details` lists each bad field or row for INVALID_INPUT.",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string", examples: ["INVALID_INPUT"] },
        message: { type: "string", examples: ["year_week must be an integer YYYYWW"] },
        details: {},
        requestId: { type: "string", examples: ["3f1c2d9e-8a41-4bde-9d0a-6f2b7c1e5a90"] },
      },
      required: ["code", "message", "requestId"],
    },
  },
  required: ["error"],
  additionalProperties: true,
} as const;

/** Response schemas for the error statuses a route can answer. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  const out: Record<number, { $ref: string }> = {};
  for (const s of statuses) out[s] = { $ref: "ErrorBody#" };
  return out;
}
