"""scikit-learn reference for src/ml/preprocessing: MinMaxScaler, OneHotEncoder, OrdinalEncoder, SimpleImputer.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/preprocessing.py
MinMaxScaler on iris and wine (test/fixtures/datasets); the encoders and the imputer on a generated table of
categories (seed 0, stored in the fixture: missing cells are null). Writes test/fixtures/sklearn/preprocessing.json.
"""
import json
import math
import os

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder

HERE = os.path.dirname(__file__)
DATASETS = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "preprocessing.json")


def load(name):
    with open(os.path.join(DATASETS, f"{name}.json")) as f:
        d = json.load(f)
    return np.array(d["X"], dtype=float)


def plain(v):
    """JSON-safe cell: NaN / None become null, numpy scalars Python ones."""
    if v is None:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    return str(v)


def matrix(a):
    return [[plain(x) for x in row] for row in np.asarray(a, dtype=object)]


def scalers():
    out = []
    for name, kwargs in [("iris", {}), ("wine", {"feature_range": (-1, 2), "clip": True})]:
        X = load(name)
        s = MinMaxScaler(**kwargs).fit(X)
        # Rows beyond the training range check clipping.
        beyond = X[:10] * 1.5 - X[:10].mean()
        out.append(
            {
                "dataset": name,
                "params": {"featureRange": list(kwargs["feature_range"]), "clip": True} if kwargs else {},
                "dataMin": s.data_min_.tolist(),
                "dataMax": s.data_max_.tolist(),
                "scale": s.scale_.tolist(),
                "min": s.min_.tolist(),
                "transform": s.transform(X).tolist(),
                "beyond": beyond.tolist(),
                "transformBeyond": s.transform(beyond).tolist(),
            }
        )
    return out


COLUMNS = ["color", "size", "city", "member", "rating", "price"]


def table(rng, n, unknown=False):
    colors = ["red", "green", "blue", "Black"] + (["purple"] if unknown else [])
    cities = ["Paris", "Lyon", "Évry", "Zürich", "Orléans", "lille"] + (["Nantes"] if unknown else [])
    cols = {
        "color": [rng.choice(colors) if rng.random() > 0.1 else None for _ in range(n)],
        "size": [rng.choice(["S", "M", "L", "XL"]) for _ in range(n)],
        "city": [rng.choice(cities) if rng.random() > 0.15 else None for _ in range(n)],
        "member": [rng.choice(["yes", "no"]) for _ in range(n)],
        "rating": [int(rng.integers(1, 8 if unknown else 6)) if rng.random() > 0.1 else None for _ in range(n)],
        "price": [round(float(rng.normal(20, 5)), 2) if rng.random() > 0.2 else None for _ in range(n)],
    }
    return cols


def to_array(cols, names):
    """An object array like a DataFrame's: missing strings and numbers are NaN."""
    return np.array(
        [[np.nan if cols[c][i] is None else cols[c][i] for c in names] for i in range(len(cols[names[0]]))],
        dtype=object,
    )


def encoders(train, test):
    cat = ["color", "size", "city", "member", "rating"]
    Xtr, Xte = to_array(train, cat), to_array(test, cat)
    out = {"columns": cat, "oneHot": [], "ordinal": []}
    for label, params, kwargs in [
        ("ignore", {}, {"handle_unknown": "ignore", "sparse_output": False}),
        ("drop_first", {"drop": "first"}, {"handle_unknown": "ignore", "sparse_output": False, "drop": "first"}),
        ("drop_if_binary", {"drop": "if_binary"}, {"handle_unknown": "ignore", "sparse_output": False, "drop": "if_binary"}),
    ]:
        enc = OneHotEncoder(**kwargs).fit(Xtr)
        out["oneHot"].append(
            {
                "name": label,
                "params": params,
                "categories": [[plain(c) for c in cats] for cats in enc.categories_],
                "featureNames": [str(n) for n in enc.get_feature_names_out(cat)],
                "transformTrain": enc.transform(Xtr).astype(int).tolist(),
                "transformTest": enc.transform(Xte).astype(int).tolist(),
            }
        )
    for label, params, kwargs in [
        ("default", {}, {}),
        (
            "unknown_and_missing_codes",
            {"handleUnknown": "use_encoded_value", "unknownValue": -1, "encodedMissingValue": -2},
            {"handle_unknown": "use_encoded_value", "unknown_value": -1, "encoded_missing_value": -2},
        ),
    ]:
        enc = OrdinalEncoder(**kwargs).fit(Xtr)
        entry = {
            "name": label,
            "params": params,
            "categories": [[plain(c) for c in cats] for cats in enc.categories_],
            "transformTrain": matrix(enc.transform(Xtr)),
        }
        if label != "default":
            entry["transformTest"] = matrix(enc.transform(Xte))
        out["ordinal"].append(entry)
    return out


def imputers(train, test):
    num = ["rating", "price"]
    Xtr = np.array([[np.nan if train[c][i] is None else train[c][i] for c in num] for i in range(len(train["rating"]))], dtype=float)
    Xte = np.array([[np.nan if test[c][i] is None else test[c][i] for c in num] for i in range(len(test["rating"]))], dtype=float)
    # An extra all-missing column checks dropping / keeping empty features.
    Xtr = np.hstack([Xtr, np.full((Xtr.shape[0], 1), np.nan)])
    Xte = np.hstack([Xte, np.full((Xte.shape[0], 1), np.nan)])
    out = {"numeric": [], "strings": []}
    for params, kwargs in [
        ({"strategy": "mean"}, {"strategy": "mean"}),
        ({"strategy": "median"}, {"strategy": "median"}),
        ({"strategy": "most_frequent"}, {"strategy": "most_frequent"}),
        ({"strategy": "constant", "fillValue": -1}, {"strategy": "constant", "fill_value": -1}),
        ({"strategy": "median", "keepEmptyFeatures": True}, {"strategy": "median", "keep_empty_features": True}),
    ]:
        imp = SimpleImputer(**kwargs).fit(Xtr)
        out["numeric"].append(
            {
                "params": params,
                "statistics": [plain(s) for s in imp.statistics_],
                "transformTest": imp.transform(Xte).tolist(),
            }
        )
    cat = ["color", "city"]
    Str, Ste = to_array(train, cat), to_array(test, cat)
    for params, kwargs in [
        ({"strategy": "most_frequent"}, {"strategy": "most_frequent"}),
        ({"strategy": "constant"}, {"strategy": "constant"}),
        ({"strategy": "constant", "fillValue": "unknown"}, {"strategy": "constant", "fill_value": "unknown"}),
    ]:
        imp = SimpleImputer(**kwargs).fit(Str)
        out["strings"].append(
            {
                "params": params,
                "columns": cat,
                "statistics": [plain(s) for s in imp.statistics_],
                "transformTest": matrix(imp.transform(Ste)),
            }
        )
    return out


def main():
    rng = np.random.default_rng(0)
    train = table(rng, 200)
    test = table(rng, 40, unknown=True)
    out = {
        "sklearn": __import__("sklearn").__version__,
        "minMax": scalers(),
        "table": {"train": train, "test": test, "columns": COLUMNS},
        "encoders": encoders(train, test),
        "imputers": imputers(train, test),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
