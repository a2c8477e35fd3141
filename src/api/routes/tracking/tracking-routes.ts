import type { FastifyInstance } from "fastify";
import type { RegistryService, TrackingService } from "../../../tracking/index.js";
import { aliasRoutes } from "./alias-routes.js";
import { artifactRoutes } from "./artifact-routes.js";
import { experimentRoutes } from "./experiment-routes.js";
import { modelRoutes } from "./model-routes.js";
import { runRoutes } from "./run-routes.js";

/**
 * Experiment tracking and the model registry under /api/v1: experiments, runs, metric histories, artifacts, models,
 * versions and aliases. Reads need the viewer role, writes editor, alias moves and deletions admin.
 */
export function trackingRoutes(services: { tracking: TrackingService; registry: RegistryService }) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(experimentRoutes(services.tracking));
    await app.register(runRoutes(services.tracking));
    await app.register(artifactRoutes(services.tracking));
    await app.register(modelRoutes(services.registry));
    await app.register(aliasRoutes(services.registry));
  };
}
