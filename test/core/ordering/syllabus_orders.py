#!/usr/bin/python3
"""Syllabus-mode orders in plain Python + numpy: the recipe docs/ordering.md gives to reproduce any order
Syllabus makes, and the oracle that test/core/ordering/python-parity.test.ts checks the TypeScript against.

usage: syllabus_orders.py < cases.json > orders.json
cases.json: {"items": [{"id", "category", "difficulty"}], "specs": [OrderSpec, ...]}
orders.json: one list of item indices per spec.
"""
import json
import sys

import numpy as np


def level(d, easy, medium):
    return 0 if d <= easy else 1 if d <= medium else 2


def thirds(block):
    return [list(part) for part in np.array_split(np.array(block, dtype=np.int64), 3)]


def order(items, spec):
    n = len(items)
    seed = spec["seed"]
    easy, medium = spec["thresholds"]["easy"], spec["thresholds"]["medium"]
    strategy, mode = spec["strategy"], spec["curriculum"]
    reference = spec["reference"]
    diff = [it.get("difficulty") for it in items]
    cat = [it.get("category") for it in items]
    stream = np.random.RandomState(seed)

    def shuffled(rows):
        # reference: a fresh RandomState(seed) per group (pandas' sample(frac=1, random_state=seed));
        # Syllabus: one RandomState(seed) stream, groups drawn one after another.
        rs = np.random.RandomState(seed) if reference else stream
        return [rows[k] for k in rs.permutation(len(rows))]

    def by_difficulty(rows):
        return sorted(rows, key=lambda i: diff[i])  # stable: ties keep input order

    if strategy == "random":
        return [int(i) for i in np.random.RandomState(seed).permutation(n)]
    if strategy == "curriculum":
        if mode == "strict":
            return by_difficulty(range(n))
        out = []
        for lv in range(3):
            out += shuffled([i for i in range(n) if level(diff[i], easy, medium) == lv])
        return out

    names = sorted(set(cat))  # code-point order, like pandas' groupby
    rows = {c: [i for i in range(n) if cat[i] == c] for c in names}
    if spec["categoryOrder"] == "sorted":
        cats = names
    elif spec["categoryOrder"] == "size":
        cats = sorted(names, key=lambda c: (-len(rows[c]), c))
    else:
        cats = [names[k] for k in np.random.RandomState(spec.get("categorySeed", 0)).permutation(len(names))]

    # Groups are shuffled in sorted category order (then easy, medium, hard), whatever order the blocks go in.
    if strategy in ("blocked", "interleaved"):
        blocks = {c: shuffled(rows[c]) for c in names}
    elif mode == "strict":
        blocks = {c: by_difficulty(rows[c]) for c in names}
    else:
        levels = {c: [shuffled([i for i in rows[c] if level(diff[i], easy, medium) == lv]) for lv in range(3)] for c in names}
        if strategy == "interleaved_curriculum":
            return [i for lv in range(3) for c in cats for i in levels[c][lv]]
        blocks = {c: levels[c][0] + levels[c][1] + levels[c][2] for c in names}

    if strategy.startswith("blocked"):
        return [i for c in cats for i in blocks[c]]
    parts = {c: thirds(blocks[c]) for c in cats}
    return [int(i) for r in range(3) for c in cats for i in parts[c][r]]


def main():
    cases = json.load(sys.stdin)
    json.dump([order(cases["items"], spec) for spec in cases["specs"]], sys.stdout)


if __name__ == "__main__":
    main()
