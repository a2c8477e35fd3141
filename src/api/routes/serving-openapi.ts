import type { ModelServer } from "../../serving/index.js";
import type { OpenApiDocument } from "../plugins/openapi.js";

const GENERIC = "/api/v1/models/{name}/predict";

type Operation = Record<string, unknown> & { parameters?: { in: string; name: string }[] };

/**
 * Adds one documented path per registered model, `/api/v1/models/{that name}/predict`, whose request body is the
 * schema derived from the signature of the version behind production (else the latest), with its input example.
 * Read from the registry each time the document is asked for, so a new model or version shows up at once.
 */
export async function servedModelPaths(document: OpenApiDocument, serving: ModelServer): Promise<void> {
  const paths = document.paths as Record<string, Record<string, Operation>> | undefined;
  const generic = paths?.[GENERIC]?.post;
  if (paths === undefined || generic === undefined) return;
  document.components ??= {};
  const components = document.components as { schemas?: Record<string, unknown> };
  components.schemas ??= {};
  const schemas = components.schemas;
  for (const model of await serving.describeModels()) {
    const schemaName = `PredictRequest_${model.name}`;
    schemas[schemaName] = model.requestBody;
    const example = (model.requestBody.examples as unknown[] | undefined)?.[0];
    const behind =
      model.alias === null ? `its latest version (${model.version})` : `version ${model.version} (production)`;
    paths[`/api/v1/models/${model.name}/predict`] = {
      post: {
        ...generic,
        operationId: `predict_${model.name.replace(/[^A-Za-z0-9_]/g, "_")}`,
        tags: ["models"],
        summary: `Predict with ${model.name}`,
        description:
          `${model.description ? `${model.description}\n\n` : ""}The request schema below is ${model.name}'s ` +
          `signature as of ${behind}. Send one record or {"inputs": [records]}.`,
        parameters: (generic.parameters ?? []).filter((p) => !(p.in === "path" && p.name === "name")),
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${schemaName}` },
              ...(example === undefined ? {} : { example }),
            },
          },
        },
      },
    };
  }
}
