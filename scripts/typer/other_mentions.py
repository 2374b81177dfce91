#!/usr/bin/env python3
"""What Byline's unlinked names typed `other` are (issue 20: under 10 % of them).

Reads the `--others` files of `ner_score` (one JSON line per mention the KB does not
link that matches a gold person, organisation or place exactly and that Byline types
`other`: the `unlinked_typed_other` count) and tabulates them by gold type, length in
words, word shape, the word before and after, with examples. The share itself is
`unlinked_typed_other / unlinked_gold_names` in `ner_score`'s own output.

    for s in btc wnut17 crossner-politics uner-ewt redocred; do
      target/release/examples/ner_score --gold target/typer-dev/$s.jsonl \\
          --others target/typer-figs/$s.others.jsonl; done
    target/release/examples/ner_score --re3d ../shared/data/ner-dev/re3d \\
        --others target/typer-figs/re3d.others.jsonl
    python3 scripts/typer/other_mentions.py target/typer-figs/*.others.jsonl
"""
import collections
import json
import re
import sys


def shape(text):
    text = re.sub(r"[0-9]", "d", text)
    text = re.sub(r"[a-z]", "x", text)
    text = re.sub(r"[A-Z]", "X", text)
    return re.sub(r"(.)\1+", r"\1", text)


def main(paths):
    for path in paths:
        tallies = {k: collections.Counter() for k in ("gold", "words", "shape", "before", "after")}
        examples = collections.defaultdict(list)
        total = 0
        for line in open(path, encoding="utf-8"):
            e = json.loads(line)
            total += 1
            text = e["text"]
            tallies["gold"][e["gold"]] += 1
            tallies["words"][min(len(text.split()), 4)] += 1
            tallies["shape"][" ".join(shape(w) for w in text.split()[:3])] += 1
            tallies["before"][(e.get("before") or "<start>").lower()] += 1
            tallies["after"][(e.get("after") or "<end>").lower()] += 1
            if len(examples[e["gold"]]) < 15:
                examples[e["gold"]].append(text)
        print(f"== {path}: {total} unlinked gold names typed other")
        for key, tally in tallies.items():
            print(f"  by {key}:", dict(tally.most_common(10)))
        for gold, texts in examples.items():
            print(f"  {gold}: {'; '.join(texts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
