"""Exports scikit-learn's bundled data sets as JSON fixtures so TypeScript tests need no Python.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/datasets.py
Writes test/fixtures/datasets/{iris,wine,breast_cancer,diabetes,digits}.json as
{"name", "feature_names", "X": [[...]], "y": [...], "target_names"?}.
"""
import json
import os

from sklearn import datasets

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "datasets")


def export(name, bunch):
    out = {
        "name": name,
        "feature_names": [str(f) for f in getattr(bunch, "feature_names", [])],
        "X": bunch.data.tolist(),
        "y": bunch.target.tolist(),
    }
    if getattr(bunch, "target_names", None) is not None:
        out["target_names"] = [str(t) for t in bunch.target_names]
    with open(os.path.join(ROOT, f"{name}.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    os.makedirs(ROOT, exist_ok=True)
    export("iris", datasets.load_iris())
    export("wine", datasets.load_wine())
    export("breast_cancer", datasets.load_breast_cancer())
    export("diabetes", datasets.load_diabetes())
    export("digits", datasets.load_digits())
    print("datasets written to", os.path.normpath(ROOT))
