import { z } from "zod";

/** The params shared by MLPClassifier and MLPRegressor: scikit-learn's names in camelCase, same defaults. */
export const mlpParamsSchema = z
  .object({
    hiddenLayerSizes: z.array(z.number().int().min(1)).default(() => [100]),
    activation: z.enum(["identity", "logistic", "tanh", "relu"]).default("relu"),
    solver: z.enum(["adam", "sgd"]).default("adam"),
    /** L2 penalty on the weights (not the biases). */
    alpha: z.number().min(0).default(1e-4),
    /** "auto" = min(200, n); larger values are clipped to n. */
    batchSize: z.union([z.literal("auto"), z.number().int().min(1)]).default("auto"),
    /** SGD only. */
    learningRate: z.enum(["constant", "invscaling", "adaptive"]).default("constant"),
    learningRateInit: z.number().positive().default(1e-3),
    /** SGD with invscaling only. */
    powerT: z.number().min(0).default(0.5),
    /** Epochs (passes over the training data). */
    maxIter: z.number().int().min(1).default(200),
    shuffle: z.boolean().default(true),
    seed: z.number().int().default(0),
    tol: z.number().min(0).default(1e-4),
    /** SGD only. */
    momentum: z.number().min(0).max(1).default(0.9),
    /** SGD only. */
    nesterovsMomentum: z.boolean().default(true),
    /** Holds out validationFraction of the data and stops when its score stops improving; keeps the best weights. */
    earlyStopping: z.boolean().default(false),
    validationFraction: z.number().gt(0).lt(1).default(0.1),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    epsilon: z.number().positive().default(1e-8),
    /** Epochs without an improvement of at least tol before stopping. */
    nIterNoChange: z.number().int().min(1).default(10),
  })
  .strict();

/** Params of MLPClassifier and MLPRegressor. */
export type MlpParams = z.infer<typeof mlpParamsSchema>;
