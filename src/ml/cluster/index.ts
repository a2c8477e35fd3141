// Public names of this area are exported here and re-exported by src/ml/index.ts.
export { KMeans, type KMeansParams } from "./kmeans.js";
export { type SilhouetteOptions, silhouetteSamples, silhouetteScore } from "./silhouette.js";
