"""Reference results of scikit-learn's trees, forests and histogram gradient boosting for src/ml/tree and src/ml/ensemble.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/trees.py
Writes test/fixtures/sklearn/trees.json:
  "generated": a 5 000 x 10 data set (rounded to 4 decimals) with a 3-class target and a regression target,
  "missing": flat indices (row * 10 + column) of the generated X set to NaN for the missing-value sets,
  "splits": per data set the held-out test row indices (the rest is the train split),
  "results": per model and data set the held-out accuracy (classifiers) or R^2 (regressors), and for the
             single decision trees the test predictions, node count and feature importances.
"""
import json
import os

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(__file__)
DATASETS = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "trees.json")


def load(name):
    with open(os.path.join(DATASETS, f"{name}.json")) as f:
        raw = json.load(f)
    return np.array(raw["X"], dtype=np.float64), np.array(raw["y"])


def generated():
    X, y_class = make_classification(
        n_samples=5000, n_features=10, n_informative=6, n_redundant=2, n_classes=3, random_state=0
    )
    X = np.round(X, 4)
    rng = np.random.RandomState(1)
    y_reg = 10 * np.sin(X[:, 0] * X[:, 1]) + 5 * (X[:, 2] - 0.5) ** 2 + 3 * X[:, 3] + 2 * X[:, 4]
    y_reg = np.round(y_reg + rng.normal(scale=1.0, size=len(y_reg)), 4)
    return X, y_class, y_reg


def missing_positions(X):
    """10% of the values of the first four columns, as flat indices row * n_columns + column."""
    rng = np.random.RandomState(2)
    mask = np.zeros(X.shape, dtype=bool)
    mask[:, :4] = rng.uniform(size=(X.shape[0], 4)) < 0.1
    return np.flatnonzero(mask)


def split(n, y=None):
    idx = np.arange(n)
    _, test = train_test_split(idx, test_size=0.25, random_state=0, stratify=y)
    return np.sort(test)


def fit_score(model, X, y, test, classify):
    train = np.setdiff1d(np.arange(len(y)), test)
    model.fit(X[train], y[train])
    pred = model.predict(X[test])
    score = float(np.mean(pred == y[test])) if classify else float(model.score(X[test], y[test]))
    return model, pred, score


def main():
    gen_X, gen_class, gen_reg = generated()
    missing = missing_positions(gen_X)
    gen_X_missing = gen_X.copy().ravel()
    gen_X_missing[missing] = np.nan
    gen_X_missing = gen_X_missing.reshape(gen_X.shape)
    data = {
        "iris": (*load("iris"), True),
        "breast_cancer": (*load("breast_cancer"), True),
        "wine": (*load("wine"), True),
        "generated": (gen_X, gen_class, True),
        "diabetes": (*load("diabetes"), False),
        "generated_regression": (gen_X, gen_reg, False),
        "generated_missing": (gen_X_missing, gen_class, True),
        "generated_regression_missing": (gen_X_missing, gen_reg, False),
    }
    splits = {name: split(len(y), y if classify else None) for name, (X, y, classify) in data.items()}
    classifiers = ["iris", "breast_cancer", "wine", "generated"]
    regressors = ["diabetes", "generated_regression"]

    results = {}
    tree_models = {
        "DecisionTreeClassifier": lambda seed: DecisionTreeClassifier(random_state=seed),
        "DecisionTreeClassifier_entropy": lambda seed: DecisionTreeClassifier(criterion="entropy", random_state=seed),
        "DecisionTreeClassifier_depth3": lambda seed: DecisionTreeClassifier(max_depth=3, random_state=seed),
        "DecisionTreeRegressor": lambda seed: DecisionTreeRegressor(random_state=seed),
        "DecisionTreeRegressor_depth4": lambda seed: DecisionTreeRegressor(max_depth=4, random_state=seed),
    }
    for key, make in tree_models.items():
        names = regressors if key.startswith("DecisionTreeRegressor") else classifiers
        results[key] = {}
        for name in names:
            X, y, classify = data[name]
            model, pred, score = fit_score(make(0), X, y, splits[name], classify)
            # scikit-learn visits features in a random order even with all features, so tied splits (common in
            # deep nodes) depend on random_state: record how much scikit-learn agrees with itself across seeds.
            others = [fit_score(make(seed), X, y, splits[name], classify) for seed in range(1, 6)]
            results[key][name] = {
                "score": score,
                "predictions": [float(p) for p in pred],
                "nodeCount": int(model.tree_.node_count),
                "featureImportances": model.feature_importances_.tolist(),
                "seedScores": [score] + [o[2] for o in others],
                "seedAgreement": [float(np.mean(np.isclose(pred, o[1], rtol=0, atol=1e-9))) for o in others],
            }

    ensemble_models = {
        "RandomForestClassifier": lambda: RandomForestClassifier(n_estimators=100, oob_score=True, random_state=0),
        "RandomForestRegressor": lambda: RandomForestRegressor(n_estimators=100, oob_score=True, random_state=0),
        "HistGradientBoostingClassifier": lambda: HistGradientBoostingClassifier(random_state=0),
        "HistGradientBoostingRegressor": lambda: HistGradientBoostingRegressor(random_state=0),
    }
    for key, make in ensemble_models.items():
        names = regressors if key.endswith("Regressor") else classifiers
        if key.startswith("HistGradientBoosting"):
            names = names + [names[-1] + "_missing"]
        results[key] = {}
        for name in names:
            X, y, classify = data[name]
            model, _, score = fit_score(make(), X, y, splits[name], classify)
            results[key][name] = {"score": score}
            if hasattr(model, "oob_score_"):
                results[key][name]["oobScore"] = float(model.oob_score_)

    out = {
        "generated": {"X": gen_X.tolist(), "yClass": gen_class.tolist(), "yRegression": gen_reg.tolist()},
        "missing": missing.tolist(),
        "splits": {name: test.tolist() for name, test in splits.items()},
        "results": results,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    for key, per in results.items():
        print(key, {name: round(r["score"], 4) for name, r in per.items()})
    print("written", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
