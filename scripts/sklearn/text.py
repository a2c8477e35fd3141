"""scikit-learn reference for src/ml/text: CountVectorizer / TfidfVectorizer vocabularies and TF-IDF values.

Run with Debian's scikit-learn: /usr/bin/python3 scripts/sklearn/text.py
Reads 300 English sentences (/work/shared/data/reviews_en, 100 per source) and 300 French reviews
(/work/shared/data/reviews_fr/train.csv), STORES them in the fixture (tests never read /work/shared), and records,
for several option sets, the vocabulary, the idf vector and the TF-IDF non-zeros of every sixth document.
Writes test/fixtures/sklearn/text.json.
"""
import csv
import json
import os

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "sklearn", "text.json")
DATA = os.environ.get("ATELIER_SHARED_DATA", "/work/shared/data")


def english():
    texts, labels = [], []
    for name in ("amazon_cells_labelled", "imdb_labelled", "yelp_labelled"):
        with open(os.path.join(DATA, "reviews_en", f"{name}.txt"), encoding="utf-8", newline="") as f:
            # Lines end with "\n" only: imdb sentences contain U+0085, which str.splitlines would also split on.
            lines = [line for line in f.read().split("\n") if line.strip()]
        for line in lines[::10][:100]:
            text, label = line.rsplit("\t", 1)
            texts.append(text)
            labels.append(int(label))
    return texts, labels


def french():
    with open(os.path.join(DATA, "reviews_fr", "train.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    # Short reviews keep the fixture small; every 3rd row keeps both labels.
    picked = [r for r in rows[::3] if len(r["text"]) <= 400][:300]
    return [r["text"] for r in picked], [int(r["label"]) for r in picked]


EN_STOP = sorted(ENGLISH_STOP_WORDS)

# (name, corpus, Atelier params, scikit-learn kwargs)
CASES = [
    ("defaults", "all", {}, {}),
    ("bigrams_min_df_2", "all", {"ngramRange": [1, 2], "minDf": 2}, {"ngram_range": (1, 2), "min_df": 2}),
    ("sklearn_english_stop_words", "en", {"stopWords": EN_STOP}, {"stop_words": EN_STOP}),
    (
        "sublinear_tf_max_features_500",
        "all",
        {"sublinearTf": True, "maxFeatures": 500},
        {"sublinear_tf": True, "max_features": 500},
    ),
    ("strip_accents_unicode_fr", "fr", {"stripAccents": "unicode"}, {"strip_accents": "unicode"}),
    (
        "strip_accents_ascii_l1_fr",
        "fr",
        {"stripAccents": "ascii", "norm": "l1", "maxFeatures": 800},
        {"strip_accents": "ascii", "norm": "l1", "max_features": 800},
    ),
    (
        "trigrams_stop_words_max_features_1000",
        "all",
        {"ngramRange": [1, 3], "stopWords": EN_STOP, "maxFeatures": 1000},
        {"ngram_range": (1, 3), "stop_words": EN_STOP, "max_features": 1000},
    ),
    (
        "binary_no_smooth_df_proportions",
        "all",
        {"binary": True, "smoothIdf": False, "maxDf": 0.3, "minDf": 0.005},
        {"binary": True, "smooth_idf": False, "max_df": 0.3, "min_df": 0.005},
    ),
    (
        "counts_no_lowercase",
        "all",
        {"lowercase": False, "norm": None, "useIdf": False},
        {"lowercase": False, "norm": None, "use_idf": False},
    ),
    (
        "single_char_tokens_bigrams_only",
        "en",
        {"tokenPattern": "(?u)\\b\\w+\\b", "ngramRange": [2, 2]},
        {"token_pattern": r"(?u)\b\w+\b", "ngram_range": (2, 2)},
    ),
    (
        "token_pattern_group",
        "fr",
        {"tokenPattern": "(?u)\\b(\\w+)'", "norm": None},
        {"token_pattern": r"(?u)\b(\w+)'", "norm": None},
    ),
    (
        "char_wb_2_4_fr",
        "fr40",
        {"analyzer": "char_wb", "ngramRange": [2, 4], "minDf": 2},
        {"analyzer": "char_wb", "ngram_range": (2, 4), "min_df": 2},
    ),
    (
        "char_1_3_max_features_300",
        "en100",
        {"analyzer": "char", "ngramRange": [1, 3], "maxFeatures": 300, "stripAccents": "unicode"},
        {"analyzer": "char", "ngram_range": (1, 3), "max_features": 300, "strip_accents": "unicode"},
    ),
    (
        "fixed_vocabulary",
        "en",
        {"vocabulary": ["good", "bad", "not good", "great", "the movie", "phone", "zzz"], "ngramRange": [1, 2]},
        {"vocabulary": ["good", "bad", "not good", "great", "the movie", "phone", "zzz"], "ngram_range": (1, 2)},
    ),
]


def sig(x):
    return float(f"{x:.10g}")


def main():
    en, en_labels = english()
    fr, fr_labels = french()
    corpora = {"en": en, "fr": fr, "all": en + fr, "en100": en[:100], "fr40": fr[:40]}
    cases = []
    for name, corpus, params, kwargs in CASES:
        docs = corpora[corpus]
        v = TfidfVectorizer(**kwargs)
        X = v.fit_transform(docs).tocsr()
        X.sort_indices()
        rows = list(range(0, X.shape[0], 6))
        sub = X[rows]
        counts = CountVectorizer(
            **{k: w for k, w in kwargs.items() if k not in ("norm", "use_idf", "smooth_idf", "sublinear_tf")}
        ).fit_transform(docs)
        cases.append(
            {
                "name": name,
                "corpus": corpus,
                "params": params,
                "vocabulary": [str(t) for t in v.get_feature_names_out()],
                "idf": [sig(x) for x in v.idf_] if v.use_idf else None,
                "nnz": int(X.nnz),
                "countSum": int(counts.sum()),
                "rows": rows,
                "indptr": sub.indptr.tolist(),
                "indices": sub.indices.tolist(),
                "data": [sig(x) for x in sub.data],
            }
        )
    out = {
        "sklearn": __import__("sklearn").__version__,
        "sources": {
            "en": "Sentiment Labelled Sentences (Kotzias et al., 'From Group to Individual Labels using Deep "
            "Features', KDD 2015), UCI Machine Learning Repository, CC BY 4.0: every 10th line of the Amazon, "
            "IMDb and Yelp files, 100 each",
            "fr": "AlloCiné French film reviews (Théophile Blard's data set, MIT licence; texts by allocine.fr "
            "users): every 3rd row of the project's train.csv sample, reviews of at most 400 characters",
        },
        "en": en,
        "enLabels": en_labels,
        "fr": fr,
        "frLabels": fr_labels,
        "sklearnEnglishStopWords": EN_STOP,
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes;", [(c["name"], len(c["vocabulary"]), c["nnz"]) for c in cases])


if __name__ == "__main__":
    np.seterr(all="raise")
    main()
