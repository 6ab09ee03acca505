#!/usr/bin/env python3
"""How often each audit rule fires on labeled headline pairs, same story versus different.

Reads `neardup pairs LABELED.tsv --original-field a --rewrite-field b --format jsonl` on
stdin and the same TSV (header `label score a b`) as the argument. Each pair message carries
the TSV line it came from (`location.line`), which joins it with the `score` column. Pairs
scored >= 4 count as the same story, <= 1 as different stories; the middle is left out.

    cargo run --release -- pairs ../shared/data/sts-headlines/dev.tsv \\
        --original-field a --rewrite-field b --format jsonl \\
        | python3 scripts/rule-rates.py ../shared/data/sts-headlines/dev.tsv

Prints a Markdown table: rule, then "fires on N of M" for each group. Standard library only.
"""

import json
import sys

SAME_AT_LEAST = 4.0
DIFFERENT_AT_MOST = 1.0


def scores_by_line(path):
    """The `score` column of a TSV file, keyed by 1-based line number."""
    scores = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        column = header.index("score")
        for number, line in enumerate(f, start=2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) > column and cells[column].strip():
                scores[number] = float(cells[column])
    return scores


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    scores = scores_by_line(sys.argv[1])
    groups = ("same", "different")
    fired = {g: {} for g in groups}
    flagged = {g: 0 for g in groups}
    totals = {g: 0 for g in groups}
    names = {}
    for raw in sys.stdin:
        message = json.loads(raw)
        if message["type"] == "error":
            location = message["location"]
            sys.exit(f"neardup: {location['path']}:{location['line']}: {message['message']}")
        if message["type"] != "pair":
            continue
        # Every rule seen on any pair gets a row, even one that fires only in the middle.
        names.update((f["rule"], f["name"]) for f in message["findings"])
        score = scores.get(message["location"]["line"])
        if score is None:
            continue
        if score >= SAME_AT_LEAST:
            group = "same"
        elif score <= DIFFERENT_AT_MOST:
            group = "different"
        else:
            continue
        totals[group] += 1
        rules = {f["rule"] for f in message["findings"]}
        flagged[group] += bool(rules)
        for rule in rules:
            fired[group][rule] = fired[group].get(rule, 0) + 1
    same, different = totals["same"], totals["different"]
    print(f"| rule | same story (score ≥ {SAME_AT_LEAST:g}) | different stories (score ≤ {DIFFERENT_AT_MOST:g}) |")
    print("|---|---|---|")
    for rule in sorted(names):
        print(
            f"| {rule} {names[rule]} | {fired['same'].get(rule, 0)} of {same} "
            f"| {fired['different'].get(rule, 0)} of {different} |"
        )
    print(f"| any rule | {flagged['same']} of {same} | {flagged['different']} of {different} |")


if __name__ == "__main__":
    main()
