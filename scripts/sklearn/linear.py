"""Reference results for src/ml/linear: LinearRegression, Ridge, Lasso, ElasticNet, LogisticRegression, LinearSVC.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/linear.py
Writes test/fixtures/sklearn/linear.json. Bundled data sets are read from test/fixtures/datasets; generated data
are stored in the fixture. Convex models are fitted to tight tolerances (the tests compare coefficients to 1e-6
relative); l1 logistic regression, whose optimum may not be unique, is compared by objective value. Lasso and
ElasticNet are also fitted with the default tol, since Atelier replays scikit-learn's coordinate descent exactly.
"""
import json
import os
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from scipy import sparse
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.svm import LinearSVC

HERE = os.path.dirname(__file__)
DATASETS = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "linear.json")


def load(name):
    with open(os.path.join(DATASETS, f"{name}.json")) as f:
        raw = json.load(f)
    return np.array(raw["X"], dtype=np.float64), np.array(raw["y"])


def standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def csr(X):
    X = sparse.csr_matrix(X)
    X.sort_indices()
    return {
        "rows": X.shape[0],
        "cols": X.shape[1],
        "indptr": X.indptr.tolist(),
        "indices": X.indices.tolist(),
        "data": X.data.tolist(),
    }


def regressor(model, X, **extra):
    out = {"coef": np.ravel(model.coef_).tolist(), "intercept": float(model.intercept_), "predict": model.predict(X).tolist()}
    out.update(extra)
    return out


def regressions():
    X, y = load("diabetes")
    rng = np.random.RandomState(0)
    sw = rng.uniform(0.2, 3.0, size=len(y))
    out = {
        "linear": regressor(LinearRegression().fit(X, y), X),
        "linear_weighted": regressor(LinearRegression().fit(X, y, sample_weight=sw), X),
        "linear_no_intercept": regressor(LinearRegression(fit_intercept=False).fit(X, y), X),
        "ridge": regressor(Ridge(alpha=1.0).fit(X, y), X),
        "ridge_weighted": regressor(Ridge(alpha=0.3).fit(X, y, sample_weight=sw), X),
        "ridge_no_intercept": regressor(Ridge(alpha=2.0, fit_intercept=False).fit(X, y), X),
        "sample_weight": sw.tolist(),
    }
    for name, model in [
        ("lasso", Lasso(alpha=0.1)),
        ("lasso_tight", Lasso(alpha=0.1, tol=1e-12, max_iter=100000)),
        ("lasso_no_intercept", Lasso(alpha=0.5, fit_intercept=False)),
        ("enet", ElasticNet(alpha=0.01, l1_ratio=0.7)),
        ("enet_tight", ElasticNet(alpha=0.01, l1_ratio=0.7, tol=1e-12, max_iter=100000)),
        ("enet_few_iter", ElasticNet(alpha=0.001, l1_ratio=0.3, max_iter=5)),
    ]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(X, y)
        out[name] = regressor(model, X, n_iter=int(model.n_iter_), dual_gap=float(model.dual_gap_), params=model.get_params())
    return out


def rank_deficient():
    rng = np.random.RandomState(3)
    X = rng.randn(30, 4)
    X = np.column_stack([X, X[:, 0] + X[:, 1], X[:, 2]])
    y = X @ np.array([1.0, 2, -1, 0.5, 0.3, 0.7]) + 0.1 * rng.randn(30) + 4
    tall = LinearRegression().fit(X, y)
    Xw = rng.randn(8, 12)
    yw = rng.randn(8)
    wide = LinearRegression().fit(Xw, yw)
    ridge_dual = Ridge(alpha=0.5).fit(Xw, yw)
    return {
        "tall": {"X": X.tolist(), "y": y.tolist(), "rank": int(tall.rank_), **regressor(tall, X)},
        "wide": {"X": Xw.tolist(), "y": yw.tolist(), "rank": int(wide.rank_), **regressor(wide, Xw)},
        "ridge_dual": regressor(ridge_dual, Xw),
    }


def sparse_ridge():
    rng = np.random.RandomState(7)
    cases = {}
    for name, (n, p) in {"tall": (60, 25), "wide": (30, 70)}.items():
        X = rng.randn(n, p) * (rng.rand(n, p) < 0.2) + (rng.rand(n, p) < 0.05) * 3
        y = X @ rng.randn(p) + rng.randn(n) + 2
        sw = rng.uniform(0.5, 2.0, size=n)
        Xs = sparse.csr_matrix(X)
        m = Ridge(alpha=0.7, tol=1e-12).fit(Xs, y, sample_weight=sw)
        m0 = Ridge(alpha=0.7, tol=1e-12, fit_intercept=False).fit(Xs, y)
        cases[name] = {
            "X": csr(X),
            "y": y.tolist(),
            "sample_weight": sw.tolist(),
            "weighted": regressor(m, Xs),
            "no_intercept": regressor(m0, Xs),
        }
    return cases


def classifier(model, X, proba=True):
    out = {
        "classes": model.classes_.tolist(),
        "coef": model.coef_.tolist(),
        "intercept": np.ravel(model.intercept_).tolist(),
        "predict": model.predict(X).tolist(),
        "decision": np.asarray(model.decision_function(X)).tolist(),
    }
    if proba:
        out["proba"] = model.predict_proba(X).tolist()
    return out


def logistic_objective(model, X, y, C, penalty, sample_weight=None):
    """Σ wᵢ lossᵢ + penalty(W)/C, the objective Atelier minimises (scikit-learn's lbfgs/saga optimum)."""
    P = model.predict_proba(X)
    idx = np.searchsorted(model.classes_, y)
    w = np.ones(len(y)) if sample_weight is None else sample_weight
    loss = -np.sum(w * np.log(P[np.arange(len(y)), idx]))
    W = model.coef_
    pen = np.abs(W).sum() if penalty == "l1" else 0.5 * (W**2).sum()
    return float(loss + pen / C)


def logistic():
    Xb, yb = load("breast_cancer")
    Xb = standardise(Xb)
    Xi, yi = load("iris")
    # Binary problems: newton-cholesky (exact Newton steps) reaches the optimum to ~1e-11. Multinomial ones:
    # newton-cg, which stops on max |gradient| <= tol; 1e-10 is below what rounding lets it certify, so it runs to
    # max_iter, by then within ~2e-8 (relative) of the exact optimum (checked against a dense Newton solve).
    tight = dict(tol=1e-10, max_iter=100)
    exact = dict(solver="newton-cholesky", **tight)
    out = {}
    m = LogisticRegression(C=1.0, **exact).fit(Xb, yb)
    out["binary"] = classifier(m, Xb)
    m = LogisticRegression(C=0.1, class_weight="balanced", **exact).fit(Xb, yb)
    out["binary_balanced"] = classifier(m, Xb)
    m = LogisticRegression(C=1.0, fit_intercept=False, **exact).fit(Xb, yb)
    out["binary_no_intercept"] = classifier(m, Xb)
    m = LogisticRegression(C=0.5, penalty="l1", solver="saga", tol=1e-10, max_iter=200000).fit(Xb, yb)
    out["binary_l1"] = {**classifier(m, Xb), "objective": logistic_objective(m, Xb, yb, 0.5, "l1")}
    m = LogisticRegression(C=1.0, solver="newton-cg", **tight).fit(Xi, yi)
    out["multinomial"] = classifier(m, Xi)
    m = LogisticRegression(C=0.5, class_weight={0: 1.0, 1: 2.0, 2: 0.5}, solver="newton-cg", **tight).fit(Xi, yi)
    out["multinomial_weighted"] = classifier(m, Xi)
    m = LogisticRegression(C=1.0, penalty="l1", solver="saga", tol=1e-10, max_iter=200000).fit(Xi, yi)
    out["multinomial_l1"] = {**classifier(m, Xi), "objective": logistic_objective(m, Xi, yi, 1.0, "l1")}
    # Default settings (lbfgs, tol 1e-4): predictions only, Atelier's optimiser is not the same path.
    out["multinomial_default"] = {"predict": LogisticRegression().fit(Xi, yi).predict(Xi).tolist()}

    # Unpenalised logistic regression on generated, non-separable data (separable data have no finite optimum).
    rng = np.random.RandomState(11)
    Xg = rng.randn(200, 4)
    logits = Xg @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.3
    yg = (rng.rand(200) < 1 / (1 + np.exp(-logits))).astype(int)
    m = LogisticRegression(penalty=None, **exact).fit(Xg, yg)
    out["unpenalised"] = {"X": Xg.tolist(), "y": yg.tolist(), **classifier(m, Xg)}

    # A small text-like problem: sparse non-negative rows, L2-normalised like TF-IDF, string labels.
    n, p = 120, 300
    counts = rng.poisson(0.05, size=(n, p)) * (rng.rand(n, p) < 0.5)
    counts[np.arange(n), rng.randint(0, p, n)] += 1
    tf = counts / np.linalg.norm(counts, axis=1, keepdims=True)
    score = tf @ rng.randn(p) * 3
    ys = np.where(score + 0.3 * rng.randn(n) > 0, "spam", "ham")
    Xs = sparse.csr_matrix(tf)
    m = LogisticRegression(C=10.0, **exact).fit(Xs, ys)
    text = {"X": csr(tf), "y": ys.tolist(), "l2": classifier(m, Xs)}
    m = LogisticRegression(C=10.0, penalty="l1", solver="saga", tol=1e-10, max_iter=200000).fit(Xs, ys)
    text["l1"] = {**classifier(m, Xs), "objective": logistic_objective(m, Xs, ys, 10.0, "l1")}
    out["text"] = text
    return out


def svc():
    Xb, yb = load("breast_cancer")
    Xb = standardise(Xb)
    Xi, yi = load("iris")
    tight = dict(tol=1e-10, max_iter=200000)
    out = {
        "binary": classifier(LinearSVC(C=0.5, **tight).fit(Xb, yb), Xb, proba=False),
        "binary_balanced": classifier(LinearSVC(C=0.1, class_weight="balanced", **tight).fit(Xb, yb), Xb, proba=False),
        "multiclass": classifier(LinearSVC(C=1.0, **tight).fit(Xi, yi), Xi, proba=False),
        "no_intercept": classifier(LinearSVC(C=1.0, fit_intercept=False, **tight).fit(Xi, yi), Xi, proba=False),
    }
    rng = np.random.RandomState(5)
    n, p = 100, 200
    X = (rng.rand(n, p) < 0.05) * rng.rand(n, p)
    y = np.where(X @ rng.randn(p) + 0.1 * rng.randn(n) > 0, 1, -1)
    out["sparse"] = {"X": csr(X), "y": y.tolist(), **classifier(LinearSVC(C=2.0, **tight).fit(sparse.csr_matrix(X), y), X, proba=False)}
    return out


def main():
    warnings.simplefilter("ignore", ConvergenceWarning)
    fixture = {
        "regression": regressions(),
        "rank_deficient": rank_deficient(),
        "sparse_ridge": sparse_ridge(),
        "logistic": logistic(),
        "svc": svc(),
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
