#!/usr/bin/env python3
"""The spellings of the given names and surnames of the KB's persons, grouped by name.

    python3 scripts/kb/name_forms.py [--sources ../shared/data/kb-sources]

Reads `rigour/person_names.txt` (171,833 groups of attested spellings of one given name
or surname across scripts and romanisations, keyed by the name's Wikidata id; MIT,
from Wikidata via PyPI rigour 2.6.1) and the KB as build.rs compiles it, and writes
kb/script-generated/name-forms.txt, which crates/byline-default-kb embeds
(`Kb::name_forms`: "Prigozhin" -> prigojin, prigoschin, prigozhin, prigožin ...).

Rules, to keep the table small (it is compiled into the binary):

1. A person's name word is a word (the KB's matching key: folded, apostrophes dropped)
   of three letters or more of the name or an alias of a KB person.
2. Of a group only the Latin-script forms are kept (letters of the Latin script,
   apostrophes, hyphens, spaces): a story in English writes no other, and the
   Cyrillic, Arabic or CJK forms were most of the bytes. Exact repeats are dropped.
3. A group is kept when one of its kept forms is a person's name word and its kept
   forms have two different keys or more (a group whose forms differ only by accents
   tells the check nothing the folding does not).
4. The Wikidata ids are left out (a third of the bytes); the groups keep the source's
   order (by id), the forms within a group sorted.

Output: one group a line, its forms separated by ", ", after a header of '#' lines.
Deterministic: a re-run on the same sources writes the same bytes. Runs last (after
ofac.py): every person of the KB is known by then.
"""

import sys
import unicodedata

import kbcommon as k

OUTPUT = "script-generated/name-forms.txt"

HEADER = """\
# Spellings of one given name or surname across romanisations, one name a line, for the
# given names and surnames of the KB's persons (Kb::name_forms).
#
# GENERATED -- do not edit by hand. Written by scripts/kb/name_forms.py (rules in its
# doc) from rigour 2.6.1 `person_names.txt` (opensanctions/rigour, MIT: Copyright (c)
# OpenSanctions; built from Wikidata, CC0), the Latin-script forms only.
"""


def is_latin_form(form: str) -> bool:
    for c in form:
        if c in "'- ":
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return bool(form)


def person_words(kb: dict[str, dict]) -> set[str]:
    words = set()
    for entity in kb.values():
        if entity.get("kind") != "person":
            continue
        for form in [entity["name"], *entity.get("aliases", [])]:
            words.update(w for w in k.key(form).split() if len(w) >= 3)
    return words


def groups(path, words: set[str]) -> tuple[list[list[str]], int]:
    kept = []
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        total += 1
        forms = sorted({f.strip() for f in line.rsplit("=>", 1)[0].split(",")
                        if is_latin_form(f.strip())})
        keys = {k.key(f) for f in forms}
        if len(keys) >= 2 and keys & words:
            kept.append(forms)
    return kept, total


def main(argv: list[str]) -> int:
    sources = k.sources_dir(argv)
    words = person_words(k.load_kb(None))
    kept, total = groups(sources / "rigour" / "person_names.txt", words)
    text = HEADER + "".join(", ".join(forms) + "\n" for forms in kept)
    k.emit(OUTPUT, text)
    forms = sum(len(g) for g in kept)
    print(f"name forms: {len(kept)} of {total} groups touch the {len(words)} name words "
          f"of KB persons; {forms} Latin-script forms, {len(text.encode()):,} bytes",
          file=sys.stderr)
    return k.finish("name_forms")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
