"""scikit-learn reference values for src/ml/model-selection.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/model_selection.py
Writes test/fixtures/sklearn/model_selection.json: KFold / StratifiedKFold / TimeSeriesSplit indices on a few
shapes (labels generated here and stored), cross_validate and GridSearchCV results of deterministic estimators
(NearestCentroid, Ridge, a StandardScaler + NearestCentroid pipeline) on the bundled data sets, and the per-class
counts of stratified train_test_split.
"""
import json
import os

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    StratifiedKFold,
    TimeSeriesSplit,
    cross_validate,
    train_test_split,
)
from sklearn.naive_bayes import MultinomialNB
from sklearn.neighbors import NearestCentroid
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "model_selection.json")
DATA = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")


def load(name):
    with open(os.path.join(DATA, f"{name}.json")) as f:
        d = json.load(f)
    return np.array(d["X"]), np.array(d["y"])


def splits(splitter, X, y=None):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y)]


def folds():
    rng = np.random.RandomState(0)
    out = {"kfold": [], "stratified": [], "timeSeries": []}
    for n, k in [(10, 3), (7, 2), (23, 5)]:
        out["kfold"].append({"n": n, "nSplits": k, "splits": splits(KFold(k), np.zeros((n, 1)))})
    y_multi = rng.permutation(np.array([0] * 10 + [1] * 7 + [2] * 4))
    y_str = np.where(rng.rand(17) < 0.35, "yes", "no")
    y_order = np.array([2] * 3 + [0] * 6 + [1] * 5 + [0] * 2)
    for y, k in [(y_multi, 3), (y_str, 4), (y_order, 2), (y_multi, 4)]:
        out["stratified"].append(
            {"y": y.tolist(), "nSplits": k, "splits": splits(StratifiedKFold(k), np.zeros((len(y), 1)), y)}
        )
    for n, kw in [
        (20, {"n_splits": 4}),
        (20, {"n_splits": 3, "max_train_size": 5}),
        (25, {"n_splits": 4, "test_size": 3, "gap": 2}),
        (12, {"n_splits": 5}),
        (30, {"n_splits": 3, "max_train_size": 8, "gap": 1}),
    ]:
        opts = {
            "nSplits": kw["n_splits"],
            "maxTrainSize": kw.get("max_train_size"),
            "testSize": kw.get("test_size"),
            "gap": kw.get("gap", 0),
        }
        out["timeSeries"].append({"n": n, "options": opts, "splits": splits(TimeSeriesSplit(**kw), np.zeros((n, 1)))})
    return out


def cv_block(res, names):
    out = {"test": {n: res[f"test_{n}"].tolist() for n in names}}
    if f"train_{names[0]}" in res:
        out["train"] = {n: res[f"train_{n}"].tolist() for n in names}
    return out


def cross_validation():
    iris_X, iris_y = load("iris")
    wine_X, wine_y = load("wine")
    diab_X, diab_y = load("diabetes")
    clf_scorers = ["accuracy", "f1_macro", "precision_macro", "recall_weighted", "balanced_accuracy", "f1_micro"]
    reg_scorers = [
        "r2",
        "neg_mean_squared_error",
        "neg_mean_absolute_error",
        "neg_root_mean_squared_error",
        "neg_mean_absolute_percentage_error",
    ]
    out = {}
    out["irisCentroid"] = cv_block(
        cross_validate(NearestCentroid(), iris_X, iris_y, cv=5, scoring=clf_scorers, return_train_score=True),
        clf_scorers,
    )
    out["wineCentroid"] = cv_block(cross_validate(NearestCentroid(), wine_X, wine_y, cv=4, scoring=clf_scorers), clf_scorers)
    pipe = Pipeline([("scale", StandardScaler()), ("clf", NearestCentroid())])
    out["winePipeline"] = cv_block(cross_validate(pipe, wine_X, wine_y, cv=5, scoring=["accuracy"]), ["accuracy"])
    out["diabetesRidge"] = cv_block(
        cross_validate(Ridge(alpha=1.0), diab_X, diab_y, cv=5, scoring=reg_scorers, return_train_score=True),
        reg_scorers,
    )
    out["diabetesRidgeDefaultScore"] = cross_validate(Ridge(alpha=0.5), diab_X, diab_y, cv=3)["test_score"].tolist()
    return out


def search_block(gs, names):
    r = gs.cv_results_
    out = {
        "meanTestScore": r["mean_test_score"].tolist(),
        "stdTestScore": r["std_test_score"].tolist(),
        "rankTestScore": r["rank_test_score"].tolist(),
        "splitTestScores": [r[f"split{s}_test_score"].tolist() for s in range(gs.n_splits_)],
        "bestIndex": int(gs.best_index_),
        "bestScore": float(gs.best_score_),
    }
    if "mean_train_score" in r:
        out["meanTrainScore"] = r["mean_train_score"].tolist()
    return out


def searches():
    wine_X, wine_y = load("wine")
    diab_X, diab_y = load("diabetes")
    pipe = Pipeline([("scale", StandardScaler()), ("clf", NearestCentroid())])
    grid = {"clf__metric": ["euclidean", "manhattan"], "scale__with_mean": [True, False], "scale__with_std": [True, False]}
    gs = GridSearchCV(pipe, grid, cv=5).fit(wine_X, wine_y)
    out = {"winePipeline": search_block(gs, ["score"])}
    out["winePipeline"]["params"] = [
        {"clf__metric": p["clf__metric"], "scale__withMean": p["scale__with_mean"], "scale__withStd": p["scale__with_std"]}
        for p in gs.cv_results_["params"]
    ]
    gs = GridSearchCV(
        Ridge(), {"alpha": [0.001, 0.01, 0.1, 1.0, 10.0]}, cv=4, scoring="neg_mean_squared_error", return_train_score=True
    ).fit(diab_X, diab_y)
    out["diabetesRidge"] = search_block(gs, ["score"])
    out["diabetesRidge"]["params"] = gs.cv_results_["params"]
    out["diabetesRidge"]["refitScore"] = gs.score(diab_X, diab_y)
    return out


def text_corpus():
    rng = np.random.RandomState(7)
    common = "the a of to and in is it for on with this that was".split()
    spam = "free win money offer click prize cash urgent deal credit".split()
    ham = "meeting lunch project report team tomorrow family weekend notes call".split()
    docs, labels = [], []
    for i in range(90):
        label = "spam" if rng.rand() < 0.4 else "ham"
        topical = spam if label == "spam" else ham
        other = ham if label == "spam" else spam
        n = rng.randint(4, 12)
        words = [
            rng.choice(topical) if r < 0.45 else rng.choice(other) if r < 0.6 else rng.choice(common)
            for r in rng.rand(n)
        ]
        docs.append(" ".join(words))
        labels.append(label)
    return docs, labels


def text_searches():
    docs, labels = text_corpus()
    pipe = Pipeline([("vec", TfidfVectorizer()), ("clf", MultinomialNB())])
    grid = {"vec__ngram_range": [(1, 1), (1, 2)], "clf__alpha": [0.1, 1.0]}
    gs = GridSearchCV(pipe, grid, cv=3, scoring=["accuracy", "f1_macro"], refit="f1_macro").fit(docs, labels)
    out = {"docs": docs, "labels": labels, "nb": search_block_multi(gs, ["accuracy", "f1_macro"])}
    pipe = Pipeline([("vec", TfidfVectorizer()), ("clf", LogisticRegression())])
    gs = GridSearchCV(pipe, {"vec__ngram_range": [(1, 1), (1, 2)], "clf__C": [0.1, 10.0]}, cv=3).fit(docs, labels)
    out["logistic"] = search_block(gs, ["score"])
    return out


def search_block_multi(gs, names):
    r = gs.cv_results_
    return {
        n: {
            "meanTestScore": r[f"mean_test_{n}"].tolist(),
            "rankTestScore": r[f"rank_test_{n}"].tolist(),
        }
        for n in names
    } | {"bestIndex": int(gs.best_index_)}


def stratified_split_counts():
    rng = np.random.RandomState(3)
    y = rng.permutation(np.array([0] * 50 + [1] * 30 + [2] * 7))
    out = []
    for test_size in [0.25, 0.33, 20]:
        _, _, ytr, yte = train_test_split(np.zeros((len(y), 1)), y, test_size=test_size, stratify=y, random_state=0)
        out.append(
            {
                "testSize": test_size,
                "trainCounts": np.bincount(ytr, minlength=3).tolist(),
                "testCounts": np.bincount(yte, minlength=3).tolist(),
            }
        )
    return {"y": y.tolist(), "cases": out}


if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    result = {
        "sklearn": __import__("sklearn").__version__,
        "folds": folds(),
        "crossValidate": cross_validation(),
        "search": searches(),
        "stratifiedSplit": stratified_split_counts(),
        "text": text_searches(),
    }
    with open(OUT, "w") as f:
        json.dump(result, f)
