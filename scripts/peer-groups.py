#!/usr/bin/env python3
"""Group story-labelled titles by each peer similarity at its best threshold.

The floor `neardup eval --groups` must beat: for each peer score (rapidfuzz ratio,
token_set_ratio and WRatio; TF-IDF cosine over words and over character 3-5-grams; MinHash
Jaccard of word sets), leader grouping in input order (each title joins the earlier leader
it is most similar to at or above the threshold, as `neardup eval --groups
--compare-metrics` does for its own metrics) at every threshold in steps of 0.025, and the
pairwise precision, recall and F1 of "same group" at the best one.

Needs: pip install rapidfuzz scikit-learn datasketch numpy
Usage: scripts/peer-groups.py ../shared/data/uci-stories/headlines.tsv [STORY_COL TITLE_COL]
"""

import csv
import sys
from collections import Counter

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz, process, utils
from sklearn.feature_extraction.text import TfidfVectorizer


def read(path, story_col, title_col):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r[story_col] for r in rows], [r[title_col] for r in rows]


def quality(truth, predicted):
    def pairs(n):
        return n * (n - 1) / 2

    together = sum(pairs(n) for n in Counter(zip(truth, predicted)).values())
    true_pairs = sum(pairs(n) for n in Counter(truth).values())
    predicted_pairs = sum(pairs(n) for n in Counter(predicted).values())
    precision = together / predicted_pairs if predicted_pairs else 0.0
    recall = together / true_pairs if true_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def leader_groups(matrix, threshold):
    leader = np.arange(len(matrix))
    is_leader = np.zeros(len(matrix), dtype=bool)
    for i in range(len(matrix)):
        row = np.where(is_leader[:i], matrix[i, :i], -1.0)
        if i > 0 and row.max() >= threshold:
            leader[i] = int(np.argmax(row))  # the first of equal bests, as in neardup
        else:
            is_leader[i] = True
    return leader


def tfidf_cosine(titles, **options):
    vectors = TfidfVectorizer(**options).fit_transform(titles)
    return (vectors @ vectors.T).toarray()


def minhash_jaccard(titles, permutations=128):
    signatures = []
    for title in titles:
        minhash = MinHash(num_perm=permutations, seed=1)
        for word in set(utils.default_process(title).split()):
            minhash.update(word.encode("utf-8"))
        signatures.append(minhash.hashvalues)
    signatures = np.array(signatures)
    return np.array([(signatures == s).mean(axis=1) for s in signatures])


def main():
    path = sys.argv[1]
    story_col, title_col = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("story", "title")
    truth, titles = read(path, story_col, title_col)
    peers = {
        "rapidfuzz ratio": lambda: process.cdist(titles, titles, scorer=fuzz.ratio, processor=utils.default_process) / 100,
        "rapidfuzz token_set_ratio": lambda: process.cdist(titles, titles, scorer=fuzz.token_set_ratio, processor=utils.default_process) / 100,
        "rapidfuzz WRatio": lambda: process.cdist(titles, titles, scorer=fuzz.WRatio, processor=utils.default_process) / 100,
        "TF-IDF cosine, words": lambda: tfidf_cosine(titles),
        "TF-IDF cosine, char 3-5": lambda: tfidf_cosine(titles, analyzer="char_wb", ngram_range=(3, 5)),
        "MinHash Jaccard (128)": lambda: minhash_jaccard(titles),
    }
    print(f"{path}: {len(titles)} titles in {len(set(truth))} stories")
    print(f"  {'grouping':<28} {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>7}")
    for name, similarity in peers.items():
        matrix = similarity()
        best = max(
            ((t, *quality(truth, leader_groups(matrix, t))) for t in np.arange(1, 40) * 0.025),
            key=lambda r: r[3],
        )
        print(f"  {name:<28} {best[0]:>9.3f} {best[1]:>9.3f} {best[2]:>7.3f} {best[3]:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
