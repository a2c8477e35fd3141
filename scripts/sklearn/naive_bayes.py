"""scikit-learn reference for src/ml/naive-bayes: MultinomialNB on word counts and on dense counts.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/naive_bayes.py
Text: the 600 reviews stored in test/fixtures/sklearn/text.json (written by text.py; the texts are fixed), counted
with CountVectorizer() (the text tests show Atelier's counts equal these). Dense: digits and iris from
test/fixtures/datasets. Writes test/fixtures/sklearn/naive_bayes.json.
"""
import json
import os
import warnings

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

HERE = os.path.dirname(__file__)
FIXTURES = os.path.join(HERE, "..", "..", "test", "fixtures")
OUT = os.path.join(FIXTURES, "sklearn", "naive_bayes.json")


def load(name):
    with open(os.path.join(FIXTURES, "datasets", f"{name}.json")) as f:
        d = json.load(f)
    return np.array(d["X"], dtype=float), np.array(d["y"])


def sig(a):
    return [float(f"{x:.12g}") for x in np.ravel(a)]


def result(nb, X_eval, rows):
    return {
        "classes": nb.classes_.tolist(),
        "classCount": nb.class_count_.tolist(),
        "classLogPrior": sig(nb.class_log_prior_),
        "featureLogProb": sig(nb.feature_log_prob_),
        "predict": nb.predict(X_eval).tolist(),
        "probaRows": rows,
        "proba": sig(nb.predict_proba(X_eval[rows])),
    }


def main():
    with open(os.path.join(FIXTURES, "sklearn", "text.json"), encoding="utf-8") as f:
        text = json.load(f)
    docs = text["en"] + text["fr"]
    labels = ["pos" if l == 1 else "neg" for l in text["enLabels"] + text["frLabels"]]
    counts = CountVectorizer().fit_transform(docs)
    train = np.arange(len(docs)) % 5 != 0
    cases = []
    nb = MultinomialNB().fit(counts[train], np.array(labels)[train])
    held = counts[~train]
    cases.append(
        {
            "name": "reviews_counts",
            "data": "reviews",
            "params": {},
            "nnz": int(counts.nnz),
            "heldOutAccuracy": float(nb.score(held, np.array(labels)[~train])),
            **result(nb, held, list(range(0, held.shape[0], 2))),
        }
    )
    X, y = load("digits")
    nb = MultinomialNB(alpha=0.5, fit_prior=False).fit(X[:1200], y[:1200])
    cases.append(
        {
            "name": "digits_alpha_half_uniform_prior",
            "data": "digits",
            "params": {"alpha": 0.5, "fitPrior": False},
            **result(nb, X[1200:], list(range(0, 597, 6))),
        }
    )
    X, y = load("iris")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = MultinomialNB(alpha=1e-12, class_prior=[0.5, 0.3, 0.2]).fit(X, y)
    cases.append(
        {
            "name": "iris_class_prior_tiny_alpha",
            "data": "iris",
            "params": {"alpha": 1e-12, "classPrior": [0.5, 0.3, 0.2]},
            **result(nb, X, list(range(150))),
        }
    )
    out = {"sklearn": __import__("sklearn").__version__, "cases": cases}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes", [(c["name"], c.get("heldOutAccuracy")) for c in cases])


if __name__ == "__main__":
    main()
