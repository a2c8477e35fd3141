"""Reference results for src/ml/cluster: KMeans and silhouette_score.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/cluster.py
Writes test/fixtures/sklearn/cluster.json:
  iris: KMeans(n_clusters=3, n_init=10) inertia, labels, centres; silhouette_score with those labels and with y.
  blobs: a generated make_blobs set (stored) with KMeans(n_clusters=5) for init k-means++ and random.
"""
import json
import os

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

HERE = os.path.dirname(__file__)
DATASETS = os.path.join(HERE, "..", "..", "test", "fixtures", "datasets")
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "cluster.json")


def load(name):
    with open(os.path.join(DATASETS, f"{name}.json")) as f:
        raw = json.load(f)
    return np.array(raw["X"], dtype=np.float64), np.array(raw["y"])


def kmeans_result(X, k, init):
    km = KMeans(n_clusters=k, init=init, n_init=10, max_iter=300, tol=1e-4, random_state=0).fit(X)
    return {
        "n_clusters": k,
        "init": init,
        "n_init": 10,
        "inertia": float(km.inertia_),
        "labels": km.labels_.tolist(),
        "centers": km.cluster_centers_.tolist(),
        "n_iter": int(km.n_iter_),
    }


def main():
    X, y = load("iris")
    iris_km = kmeans_result(X, 3, "k-means++")
    iris = {
        "kmeans": iris_km,
        "silhouette_kmeans_labels": float(silhouette_score(X, np.array(iris_km["labels"]))),
        "silhouette_true_labels": float(silhouette_score(X, y)),
    }
    Xb, yb = make_blobs(n_samples=600, n_features=6, centers=5, cluster_std=2.5, random_state=7)
    Xb = np.round(Xb, 6)
    blobs = {
        "X": Xb.tolist(),
        "kmeans_plusplus": kmeans_result(Xb, 5, "k-means++"),
        "kmeans_random": kmeans_result(Xb, 5, "random"),
        "silhouette_true_labels": float(silhouette_score(Xb, yb)),
        "y": yb.tolist(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"sklearn_version": __import__("sklearn").__version__, "iris": iris, "blobs": blobs}, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
