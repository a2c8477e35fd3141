"""scikit-learn's side of the learning-library benchmark (bench/ml/run.ts runs it in the same run, on the same data).

ONE case per process, so its peak RSS is its own: /usr/bin/python3 bench/ml/sklearn_bench.py CASE DATA_DIR
(Debian's scikit-learn 1.2). Reads what bench/ml/datasets.ts wrote (raw float64 files, spam.json) and prints one
JSON line: {fit, predict, fitRuns, metrics, info, maxRssKb, workerMaxRssKb}, times in seconds, best of up to 3 runs.
The cases mirror bench/ml/atelier-bench.mjs; keep the two in step.
"""
import json
import os
import resource
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, f1_score, r2_score, roc_auc_score
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline

# A repeat is skipped once a run took this long (best of 3 where a run takes < 10 s).
REPEAT_BELOW_S = 10

CASE, DIR = sys.argv[1], sys.argv[2]
with open(os.path.join(DIR, "manifest.json")) as f:
    MANIFEST = json.load(f)


def dense(name):
    shape = MANIFEST["dense"][name]
    cols = shape["cols"]

    def read(part, rows, width):
        a = np.fromfile(os.path.join(DIR, f"{name}.{part}.f64"), dtype="<f8")
        return a.reshape(rows, width) if width else a

    return (
        read("Xtrain", shape["nTrain"], cols),
        read("ytrain", shape["nTrain"], 0),
        read("Xtest", shape["nTest"], cols),
        read("ytest", shape["nTest"], 0),
    )


def spam():
    with open(os.path.join(DIR, "spam.json")) as f:
        s = json.load(f)
    texts, labels = s["texts"], np.array(s["labels"], dtype=np.float64)
    return [texts[i] for i in s["train"]], labels[s["train"]], [texts[i] for i in s["test"]], labels[s["test"]]


def best_of(fn):
    best, result, runs = float("inf"), None, 0
    for _ in range(3):
        t0 = time.perf_counter()
        out = fn()
        s = time.perf_counter() - t0
        runs += 1
        if s < best:
            best, result = s, out
        if s >= REPEAT_BELOW_S:
            break
    return best, result, runs


def fit_predict(make, X, y, Xtest):
    fit_s, model, runs = best_of(lambda: make().fit(X, y))
    predict_s, y_pred, _ = best_of(lambda: model.predict(Xtest))
    return {"fit": fit_s, "predict": predict_s, "fitRuns": runs}, model, y_pred


def tfidf_logistic(**tfidf):
    return Pipeline(
        [("tfidf", TfidfVectorizer(min_df=2, sublinear_tf=True, **tfidf)), ("clf", LogisticRegression())]
    )


def case_ridge():
    X, y, Xt, yt = dense("ridge")
    r, _, p = fit_predict(lambda: Ridge(alpha=1.0), X, y, Xt)
    return r, {"r2": r2_score(yt, p)}, {}


def case_spam():
    X, y, Xt, yt = spam()
    r, model, p = fit_predict(tfidf_logistic, X, y, Xt)
    info = {"vocabulary": len(model.named_steps["tfidf"].vocabulary_), "nIter": int(model.named_steps["clf"].n_iter_[0])}
    return r, {"accuracy": accuracy_score(yt, p), "f1": f1_score(yt, p)}, info


def case_kmeans():
    X, _, _, _ = dense("kmeans")
    r, model, _ = fit_predict(lambda: KMeans(n_clusters=8, n_init=10, random_state=0), X, None, X)
    return r, {"inertia": float(model.inertia_)}, {"nIter": int(model.n_iter_)}


def case_forest():
    X, y, Xt, yt = dense("tabular")
    r, model, p = fit_predict(lambda: RandomForestClassifier(random_state=0), X, y, Xt)
    return r, {"accuracy": accuracy_score(yt, p), "auc": roc_auc_score(yt, model.predict_proba(Xt)[:, 1])}, {}


def case_hgb():
    X, y, Xt, yt = dense("tabular")
    r, model, p = fit_predict(lambda: HistGradientBoostingClassifier(random_state=0), X, y, Xt)
    metrics = {"accuracy": accuracy_score(yt, p), "auc": roc_auc_score(yt, model.predict_proba(Xt)[:, 1])}
    return r, metrics, {"nIter": int(model.n_iter_)}


def case_mlp():
    X, y, Xt, yt = dense("digits")
    r, model, p = fit_predict(lambda: MLPClassifier(random_state=0), X, y, Xt)
    return r, {"accuracy": accuracy_score(yt, p)}, {"nIter": int(model.n_iter_)}


def case_grid():
    X, y, Xt, yt = spam()
    grid = {"tfidf__min_df": [2, 5], "tfidf__sublinear_tf": [False, True], "clf__C": [1, 10, 100]}
    r, model, p = fit_predict(lambda: GridSearchCV(tfidf_logistic(), grid, cv=5, n_jobs=2), X, y, Xt)
    metrics = {"bestScore": float(model.best_score_), "testAccuracy": accuracy_score(yt, p)}
    best = {k.replace("min_df", "minDf").replace("sublinear_tf", "sublinearTf"): v for k, v in model.best_params_.items()}
    return r, metrics, {"bestParams": best}


def peak_rss_kb(pid="self"):
    """The process's peak resident set (VmHWM): unlike ru_maxrss, it does not inherit the parent's peak across exec."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if pid == "self" else 0


def worker_peaks_kb():
    """Peak RSS of joblib's worker processes (GridSearchCV n_jobs=2), read before they are shut down."""
    from joblib.externals.loky import reusable_executor

    executor = reusable_executor._executor
    if executor is None:
        return []
    peaks = [peak_rss_kb(pid) for pid in list(executor._processes.keys())]
    executor.shutdown(wait=True)
    return peaks


def main():
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    timings, metrics, info = globals()[f"case_{CASE}"]()
    out = {
        **timings,
        "metrics": {k: float(v) for k, v in metrics.items()},
        "info": info,
        "maxRssKb": peak_rss_kb(),
        "workerMaxRssKb": worker_peaks_kb(),
    }
    print(json.dumps(out))


main()
