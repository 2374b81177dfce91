#!/usr/bin/env python3
"""Counts entity errors by class from `ner_score --errors FILE` (JSON lines).

    python3 scripts/typer/error_classes.py ERRORS.jsonl [--examples N]

A gold name missed is one of:
  wrong_type    its exact span is highlighted with another person/organisation/location type
  typed_other   its exact span is highlighted but typed `other` (no scored type)
  swallowed     a highlight covers it and more (a descriptor, a title, a neighbour)
  split         a highlight lies inside it (the name cut short or split)
  crossing      a highlight overlaps it otherwise
  no_highlight  nothing overlaps it (or only a highlight that matches another gold span)
A highlight matching no gold span is `boundary` when it overlaps a missed gold name
(counted above from the gold side) and `spurious` otherwise.
Each class is also split by the gold type, so organisation span misses show up as
`swallowed`/`split`/`no_highlight` rows of Organisation.
"""
import collections
import json
import sys


def main():
    path = sys.argv[1]
    show = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 0
    rows = [json.loads(l) for l in open(path) if l.strip()]
    extra = collections.defaultdict(list)
    for r in rows:
        if r["gold"] is None:
            extra[r["document"]].append(r)
    classes = collections.Counter()
    by_gold = collections.Counter()
    examples = collections.defaultdict(list)
    boundary = set()
    for r in rows:
        if r["gold"] is None:
            continue
        if r["highlighted"]:
            cls = "wrong_type" if r["predicted"] else "typed_other"
        else:
            cls = "no_highlight"
            for p in extra[r["document"]]:
                if p["start"] < r["end"] and r["start"] < p["end"]:
                    boundary.add((p["document"], p["start"], p["end"]))
                    if p["start"] <= r["start"] and r["end"] <= p["end"]:
                        cls = "swallowed"
                    elif r["start"] <= p["start"] and p["end"] <= r["end"]:
                        cls = "split" if cls != "swallowed" else cls
                    elif cls == "no_highlight":
                        cls = "crossing"
                    if cls != "no_highlight":
                        examples[cls].append(f'{r["text"]!r} ({r["gold"]}) <- {p["text"]!r}')
                        break
        if cls in ("wrong_type", "typed_other", "no_highlight"):
            examples[cls].append(f'{r["text"]!r} ({r["gold"]} as {r["predicted"]})')
        classes[cls] += 1
        by_gold[(cls, r["gold"])] += 1
    spurious = [
        r for r in rows
        if r["gold"] is None and (r["document"], r["start"], r["end"]) not in boundary
    ]
    classes["spurious"] = len(spurious)
    for r in spurious:
        examples["spurious"].append(f'{r["text"]!r} (as {r["predicted"]})')
    print(json.dumps({
        "gold_missed": sum(v for k, v in classes.items() if k != "spurious"),
        "classes": dict(classes.most_common()),
        "by_gold": {f"{c}/{g}": n for (c, g), n in sorted(by_gold.items())},
    }))
    if show:
        for cls, items in examples.items():
            print(f"## {cls}")
            for e in items[:show]:
                print("  ", e)


if __name__ == "__main__":
    main()
