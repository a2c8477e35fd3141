"""Reference results for src/ml/neural: MLPClassifier and MLPRegressor.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/neural.py
Writes test/fixtures/sklearn/neural.json. Random initialisation differs between scikit-learn and Atelier, so the
tests compare held-out metrics: each case stores the split (row indices), the hyper-parameters, and
scikit-learn's test metric for random_state 0..4 with their mean.
  digits: X / 16, MLPClassifier(hidden_layer_sizes=(64,), max_iter=200), test accuracy.
  digits_early_stopping: the same with early_stopping=True.
  breast_cancer: standardised with the training rows' mean/std, MLPClassifier((16,)), binary test accuracy.
  diabetes: X and y standardised with the training rows' mean/std, MLPRegressor((32,), tanh, alpha=10,
    learning_rate_init=0.01, max_iter=1000), test R².
"""
import json
import os
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor

HERE = os.path.dirname(__file__)
DATASETS = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "neural.json")
SEEDS = range(5)


def load(name):
    with open(os.path.join(DATASETS, f"{name}.json")) as f:
        raw = json.load(f)
    return np.array(raw["X"], dtype=np.float64), np.array(raw["y"])


def standardise(X, rows):
    return (X - X[rows].mean(axis=0)) / X[rows].std(axis=0)


def case(Cls, X, y, train, test, params):
    scores, n_iter, losses = [], [], []
    for seed in SEEDS:
        model = Cls(random_state=seed, **params).fit(X[train], y[train])
        scores.append(float(model.score(X[test], y[test])))
        n_iter.append(int(model.n_iter_))
        losses.append(float(model.loss_))
    return {
        "params": params,
        "train": train.tolist(),
        "test": test.tolist(),
        "scores": scores,
        "mean_score": float(np.mean(scores)),
        "n_iter": n_iter,
        "final_loss": losses,
    }


def main():
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    out = {"sklearn_version": __import__("sklearn").__version__}

    X, y = load("digits")
    X = X / 16.0
    train, test = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0, stratify=y)
    base = {"hidden_layer_sizes": [64], "max_iter": 200}
    out["digits"] = case(MLPClassifier, X, y, train, test, base)
    out["digits_early_stopping"] = case(MLPClassifier, X, y, train, test, {**base, "early_stopping": True})

    X, y = load("breast_cancer")
    train, test = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0, stratify=y)
    out["breast_cancer"] = case(
        MLPClassifier, standardise(X, train), y, train, test, {"hidden_layer_sizes": [16], "max_iter": 300}
    )

    X, y = load("diabetes")
    train, test = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0)
    y = (y - y[train].mean()) / y[train].std()
    out["diabetes"] = case(
        MLPRegressor,
        standardise(X, train),
        y,
        train,
        test,
        {
            "hidden_layer_sizes": [32],
            "activation": "tanh",
            "alpha": 10.0,
            "learning_rate_init": 0.01,
            "max_iter": 1000,
        },
    )

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f)
    for name in ("digits", "digits_early_stopping", "breast_cancer", "diabetes"):
        print(name, np.round(out[name]["scores"], 4), "mean", round(out[name]["mean_score"], 4), out[name]["n_iter"])
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
