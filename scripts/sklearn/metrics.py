"""scikit-learn reference values for src/ml/metrics.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/metrics.py
Writes test/fixtures/sklearn/metrics.json: generated label / score sets (stored in the fixture) and scikit-learn's
metric values on them.
"""
import json
import os

import numpy as np
from sklearn import metrics

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "sklearn", "metrics.json")


def plain(v):
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    return v


def classification_case(name, y_true, y_pred, labels_order, pos_label=None):
    y_true = list(y_true)
    y_pred = list(y_pred)
    out = {"name": name, "yTrue": y_true, "yPred": y_pred, "labelsOrder": labels_order}
    out["accuracy"] = metrics.accuracy_score(y_true, y_pred)
    out["balancedAccuracy"] = metrics.balanced_accuracy_score(y_true, y_pred)
    prf = {}
    averages = ["micro", "macro", "weighted"] + (["binary"] if pos_label is not None else [])
    for avg in averages:
        for zd in ["warn", 0, 1]:
            kw = {"average": avg, "zero_division": zd}
            if avg == "binary":
                kw["pos_label"] = pos_label
            p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, **kw)
            prf[f"{avg}/{zd}"] = {"precision": plain(p), "recall": plain(r), "f1": plain(f)}
    out["prf"] = prf
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, average=None)
    out["perLabel"] = {"precision": plain(p), "recall": plain(r), "f1": plain(f), "support": plain(s)}
    out["f2Macro"] = metrics.fbeta_score(y_true, y_pred, beta=2, average="macro")
    out["confusion"] = plain(metrics.confusion_matrix(y_true, y_pred))
    out["confusionOrdered"] = plain(metrics.confusion_matrix(y_true, y_pred, labels=labels_order))
    out["reportText2"] = metrics.classification_report(y_true, y_pred)
    out["reportText4"] = metrics.classification_report(y_true, y_pred, digits=4)
    out["reportDict"] = metrics.classification_report(y_true, y_pred, output_dict=True)
    sub = labels_order[:2]
    out["reportSubsetLabels"] = sub
    out["reportSubsetText"] = metrics.classification_report(y_true, y_pred, labels=sub)
    return out


def main():
    rng = np.random.RandomState(42)
    cases = []

    # Binary 0/1, scores with many ties (rounded), probabilities reaching exactly 0 and 1.
    n = 60
    yb = rng.randint(0, 2, n)
    scores = np.round(np.clip(yb * 0.3 + rng.rand(n) * 0.7, 0, 1), 1)
    pred_b = (rng.rand(n) < 0.5 + 0.3 * (yb - 0.5)).astype(int)
    binary = classification_case("binary", yb.tolist(), pred_b.tolist(), [1, 0], pos_label=1)
    binary["scores"] = scores.tolist()
    binary["rocAuc"] = metrics.roc_auc_score(yb, scores)
    fpr, tpr, thr = metrics.roc_curve(yb, scores)
    binary["rocCurve"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()}
    binary["logLossAuto"] = metrics.log_loss(yb, scores)
    binary["logLoss1e15"] = metrics.log_loss(yb, scores, eps=1e-15)
    binary["logLossSum"] = metrics.log_loss(yb, scores, normalize=False)
    cases.append(binary)

    # Multiclass with integer labels; class 3 is never predicted (zero division).
    n = 80
    ym = rng.randint(0, 4, n)
    pred_m = np.where(rng.rand(n) < 0.6, ym, rng.randint(0, 3, n))
    pred_m[pred_m == 3] = 2
    proba = rng.dirichlet(np.ones(4), n)
    proba[np.arange(n), ym] += 0.5
    proba = proba / proba.sum(axis=1, keepdims=True)
    proba = np.round(proba, 2)
    proba[:, 3] = 1 - proba[:, :3].sum(axis=1)
    multi = classification_case("multiclass", ym.tolist(), pred_m.tolist(), [3, 1, 0, 2])
    multi["proba"] = proba.tolist()
    multi["rocAucMacro"] = metrics.roc_auc_score(ym, proba, multi_class="ovr", average="macro")
    multi["rocAucWeighted"] = metrics.roc_auc_score(ym, proba, multi_class="ovr", average="weighted")
    multi["rocAucMicro"] = metrics.roc_auc_score(ym, proba, multi_class="ovr", average="micro")
    multi["logLossAuto"] = metrics.log_loss(ym, proba)
    multi["logLoss1e15"] = metrics.log_loss(ym, proba, eps=1e-15)
    cases.append(multi)

    # String labels, binary, positive label "spam".
    n = 40
    ys = np.where(rng.rand(n) < 0.4, "spam", "ham")
    pred_s = np.where(rng.rand(n) < 0.8, ys, np.where(ys == "spam", "ham", "spam"))
    strings = classification_case("strings", ys.tolist(), pred_s.tolist(), ["spam", "ham"], pos_label="spam")
    score_s = np.round(rng.rand(n) * 0.6 + (ys == "spam") * 0.4, 2)
    strings["scores"] = score_s.tolist()
    strings["rocAuc"] = metrics.roc_auc_score(ys, score_s)
    strings["logLossAuto"] = metrics.log_loss(ys, score_s)
    cases.append(strings)

    # Three string classes, one of them only predicted, never true.
    yt = ["cat", "dog", "cat", "dog", "cat", "cat", "dog", "dog"]
    yp = ["cat", "pig", "dog", "dog", "cat", "pig", "dog", "cat"]
    cases.append(classification_case("predicted-only-class", yt, yp, ["pig", "dog", "cat"]))

    # Regression.
    n = 50
    y = rng.normal(size=n) * 3
    y[:3] = [0.0, 1e-12, -2.5]
    yhat = y + rng.normal(size=n)
    regression = {
        "yTrue": y.tolist(),
        "yPred": yhat.tolist(),
        "r2": metrics.r2_score(y, yhat),
        "mae": metrics.mean_absolute_error(y, yhat),
        "mse": metrics.mean_squared_error(y, yhat),
        "rmse": metrics.mean_squared_error(y, yhat, squared=False),
        "mape": metrics.mean_absolute_percentage_error(y, yhat),
        "mapeNoZero": metrics.mean_absolute_percentage_error(y[3:], yhat[3:]),
    }

    with open(OUT, "w") as f:
        json.dump({"sklearn": __import__("sklearn").__version__, "classification": cases, "regression": regression}, f)


if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    main()
