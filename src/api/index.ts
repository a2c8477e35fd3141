import "./route-config.js";

export { type AppModule, type BuildAppOptions, buildApp } from "./app.js";
export { type AuthVerifier, scopeAllows } from "./plugins/auth.js";
export { errorBody } from "./plugins/errors.js";
export type { OpenApiDocument, OpenApiExtension } from "./plugins/openapi.js";
export { accountsRoutes } from "./routes/accounts.js";
export { predictionRoutes } from "./routes/predictions.js";
export { servingRoutes } from "./routes/serving.js";
export { trackingRoutes } from "./routes/tracking/tracking-routes.js";
export { errorResponses } from "./schemas.js";
