import {
  accuracyScore,
  ColumnTransformer,
  classificationReport,
  type Estimator,
  Frame,
  f1Score,
  GridSearchCV,
  HistGradientBoostingClassifier,
  LogisticRegression,
  OneHotEncoder,
  type ParamGrid,
  Pipeline,
  RandomForestClassifier,
  rocAucScore,
  SimpleImputer,
  StandardScaler,
  trainTestSplit,
} from "atelier/ml";
import { AppError } from "../../core/index.js";
import { CATEGORICAL_FEATURES, type Employee, FEATURE_NAMES, NUMERIC_FEATURES } from "./employee-fields.js";

/** How the attrition model is trained. */
export interface TrainAttritionOptions {
  /** Seeds the split, the folds and the forests (default 42). */
  readonly seed?: number;
  /** Share of employees held out for the test scores (default 0.2). */
  readonly testSize?: number;
  /** Cross-validation folds (default 5, stratified). */
  readonly folds?: number;
  /** Worker threads for the search (default 2). */
  readonly nJobs?: number;
  /** Called after each (candidate, fold) fit. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One candidate of the search: its params (classifier by kind) and its cross-validated ROC AUC. */
export interface CandidateScore {
  readonly classifier: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  readonly meanRocAuc: number;
  readonly stdRocAuc: number;
  readonly rank: number;
}

/** A trained attrition model with what is needed to judge and log it. */
export interface TrainedAttritionModel {
  /** The preprocessing + best classifier pipeline, fitted on the training part. */
  readonly model: Pipeline;
  readonly best: CandidateScore;
  readonly candidates: readonly CandidateScore[];
  /** Scores on the held-out test part ("yes" is the positive class). */
  readonly test: { readonly rocAuc: number; readonly accuracy: number; readonly f1: number; readonly report: string };
  readonly rows: { readonly train: number; readonly test: number; readonly positiveRate: number };
  readonly seconds: number;
}

/** The preprocessing: median + scaling for numbers, most frequent + one-hot for categories. */
export function attritionPreprocessing(): ColumnTransformer {
  return new ColumnTransformer({
    transformers: [
      [
        "num",
        new Pipeline([
          ["impute", new SimpleImputer({ strategy: "median" })],
          ["scale", new StandardScaler()],
        ]),
        [...NUMERIC_FEATURES],
      ],
      [
        "cat",
        new Pipeline([
          ["impute", new SimpleImputer({ strategy: "most_frequent" })],
          ["onehot", new OneHotEncoder({ handleUnknown: "ignore" })],
        ]),
        [...CATEGORICAL_FEATURES],
      ],
    ],
  });
}

/** The candidates the search compares: regularised logistic regressions, random forests and boosted trees. */
export function attritionParamGrid(seed: number): ParamGrid {
  return [
    { clf: [new LogisticRegression({ maxIter: 200 })], clf__C: [0.1, 1, 10], clf__classWeight: [null, "balanced"] },
    {
      clf: [new RandomForestClassifier({ nEstimators: 100, seed })],
      clf__minSamplesLeaf: [3, 10],
      clf__classWeight: ["balanced_subsample"],
    },
    {
      clf: [new HistGradientBoostingClassifier({ maxIter: 100, earlyStopping: false, seed })],
      clf__learningRate: [0.05, 0.1],
      clf__maxDepth: [3],
    },
  ];
}

/** The employees as the model's input frame and labels. */
export function employeesFrame(employees: readonly Employee[]): { X: Frame; y: string[] } {
  return {
    X: Frame.fromRecords(
      employees.map((e) => e.features),
      FEATURE_NAMES,
    ),
    y: employees.map((e) => e.attrition),
  };
}

function describeCandidate(params: Record<string, unknown>): Pick<CandidateScore, "classifier" | "params"> {
  const clf = params.clf as Estimator;
  const own: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(params))
    if (k.startsWith("clf__")) own[k.slice(5)] = v as string | number | boolean | null;
  return { classifier: clf.kind, params: own };
}

/** Throws INVALID_INPUT unless both classes have enough employees for the folds and the test part. */
export function checkTrainable(employees: readonly Employee[], folds = 5): void {
  const positives = employees.filter((e) => e.attrition === "yes").length;
  if (positives < folds * 2 || employees.length - positives < folds * 2)
    throw new AppError(
      "INVALID_INPUT",
      `Training needs at least ${folds * 2} employees who left and ${folds * 2} who stayed; attrition_employees has ${positives} and ${employees.length - positives} (run \`atelier attrition load-data\` first)`,
    );
}

/**
 * Trains the attrition model: a stratified, seeded train/test split; a Pipeline (ColumnTransformer preprocessing +
 * classifier) whose classifier and settings are chosen by a grid search on 5-fold stratified ROC AUC; the best
 * pipeline refit on the training part and scored on the test part. Deterministic for a seed. The benchmark builds
 * the same model through this function.
 */
export function trainAttritionModel(
  employees: readonly Employee[],
  options: TrainAttritionOptions = {},
): TrainedAttritionModel {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const folds = options.folds ?? 5;
  checkTrainable(employees, folds);
  const positives = employees.filter((e) => e.attrition === "yes").length;
  const { X, y } = employeesFrame(employees);
  const split = trainTestSplit(X, y, { testSize: options.testSize ?? 0.2, stratify: y, seed });
  const yTrain = split.yTrain as string[];
  const yTest = split.yTest as string[];
  const search = new GridSearchCV(
    {
      estimator: new Pipeline([
        ["prep", attritionPreprocessing()],
        ["clf", new LogisticRegression()],
      ]),
      paramGrid: attritionParamGrid(seed),
      scoring: "roc_auc",
      cv: { kind: "StratifiedKFold", nSplits: folds, shuffle: true, seed },
      nJobs: options.nJobs ?? 2,
    },
    options.onProgress ? { onProgress: (p) => options.onProgress!(p.done, p.total) } : {},
  );
  search.fit(split.XTrain, yTrain);
  const cv = search.cvResults;
  const candidates = cv.params.map((params, c) => ({
    ...describeCandidate(params),
    meanRocAuc: cv.meanTestScore[c]!,
    stdRocAuc: cv.stdTestScore[c]!,
    rank: cv.rankTestScore[c]!,
  }));
  const model = search.bestEstimator as Pipeline;
  const proba = model.predictProba!(split.XTest);
  const yes = model.classes.indexOf("yes");
  const scores = Array.from({ length: proba.rows }, (_, i) => proba.get(i, yes));
  const predicted = model.predict!(split.XTest) as string[];
  return {
    model,
    best: candidates[search.bestIndex]!,
    candidates,
    test: {
      rocAuc: rocAucScore(yTest, scores),
      accuracy: accuracyScore(yTest, predicted),
      f1: f1Score(yTest, predicted, { posLabel: "yes" }),
      report: classificationReport(yTest, predicted, { digits: 3 }).text,
    },
    rows: { train: yTrain.length, test: yTest.length, positiveRate: positives / employees.length },
    seconds: (performance.now() - started) / 1000,
  };
}
