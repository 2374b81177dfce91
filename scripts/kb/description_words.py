#!/usr/bin/env python3
"""The words of KB descriptions and roles that say nothing about which entity is meant.

    python3 scripts/kb/description_words.py

The misspelled-name check weighs, for a near miss of a KB name, the words the story
writes near it that the candidate's description and roles also have (`described_nearby`
in crates/byline-core/data/slip-weights.tsv): "Hinten, who left Google" beside Geoffrey
Hinton's "who left Google in 2023". Only words that pick out few entities count. This
script writes the words that do not, crates/byline-core/data/words/description-generic-words.txt:

1. English function words and name particles (the list below): they are in every text.
2. The months and weekdays, and the words of the names and aliases of the KB's
   countries, nationalities, continents and regions ("russia", "italian", "africa"):
   the check weighs the story's countries already (`country_in_story`), and a
   description and a story about one country share them by chance.
3. Every word (the KB's matching key: folded, split at what is not a letter or digit)
   of three letters or more that the descriptions, role titles and role organisations
   of at least 1 % of the KB's entities have ("minister", "official", "population",
   "president", "treasury": the templates of imported lists and the words of offices,
   which the title evidence weighs already).

Reads the KB as build.rs compiles it (kb/generated, kb/script-generated, kb/curated with
amendments). Deterministic: a re-run on the same KB writes the same bytes; re-run it
after a KB import.
"""

import re
from collections import Counter

import kbcommon as k

OUTPUT = k.ROOT / "crates/byline-core/data/words/description-generic-words.txt"

# Share of the KB's entities from which a word is generic.
GENERIC_SHARE = 0.01

FUNCTION_WORDS = """
about above after again against all also although among and another any are around as
because been before being below between both but can could did does doing down during
each either else ever every few for from further had has have having her here hers
herself him himself his how however into its itself just last late less made many more
most much must near neither never next nor not now off once one only onto other others
our out over own per same she should since some such than that the their theirs them
themselves then there these they this those though three through till too two under
until upon very was were what when where whether which while who whom whose why will
with within without would yet you your
al el ad ar as ash at ath az bin ibn abu bint bte ben van von der den des del della dos
das da di du le la les ter
""".split()

CALENDAR_WORDS = """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split()

# The entity types whose names say where, which `country_in_story` weighs.
WHERE_TYPES = {"country", "nationality", "continent", "region"}

HEADER = """\
# Words of KB descriptions and roles that pick out no entity: English function words,
# name particles, months and weekdays, the words of the names of countries,
# nationalities, continents and regions, and every word that the descriptions and
# roles of 1 % or more of the KB's entities have. The misspelled-name check does not count them as words the story
# shares with a candidate's description (`described_nearby`).
# Written by scripts/kb/description_words.py from the default KB ({entities} entities);
# re-run it after a KB import. One word a line; "#" starts a comment. Compiled in.
"""


def description_words(entity: dict) -> set[str]:
    """The matching keys of the words of `entity`'s description and roles."""
    texts = [entity.get("description", "")]
    for role in entity.get("roles", []) or []:
        texts += [str(role.get("title", "")), str(role.get("organization", ""))]
    return {w for w in re.findall(r"[^\W_]+", k.key(" ".join(texts))) if len(w) >= 3}


def main() -> int:
    entities = k.load_kb(None)
    counts: Counter = Counter()
    for entity in entities.values():
        counts.update(description_words(entity))
    floor = GENERIC_SHARE * len(entities)
    frequent = {w for w, n in counts.items() if n >= floor and not any(c.isdigit() for c in w)}
    where = {
        w
        for e in entities.values() if e.get("type") in WHERE_TYPES
        for form in [e["name"], *e.get("aliases", [])]
        for w in k.key(form).split()
        if len(w) >= 3 and w.isascii() and w.isalpha()
    }
    words = sorted(set(FUNCTION_WORDS) | set(CALENDAR_WORDS) | where | frequent)
    OUTPUT.write_text(HEADER.format(entities=f"{len(entities):,}") + "\n".join(words) + "\n",
                      encoding="utf-8")
    print(f"{OUTPUT.relative_to(k.ROOT)}: {len(words)} words "
          f"({len(where)} of places' names, {len(frequent)} in 1 % of "
          f"{len(entities):,} entities' descriptions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
