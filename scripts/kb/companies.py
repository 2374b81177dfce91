#!/usr/bin/env python3
"""Writes kb/curated/companies-20-indices.toml: the companies of 20 stock indices (DAX,
CAC 40, FTSE 100, S&P 500, NASDAQ 100, NIKKEI 225 ...) from pytickersymbols, with the
names newsrooms write, tickers, country, a description, and their key people.

Run from the repository root (installs pytickersymbols into target/kb-venv, pinned):

    python3 scripts/kb/companies.py [--sources ../shared/data/kb-sources]

Data: pytickersymbols 1.17.10 (MIT licence; PyPI), `pytickersymbols/indices_data.py`,
whose company metadata its authors took from the companies' Wikipedia infoboxes. Only
facts are used (names, tickers, country, headquarters, industry, key people and their
posts); every description is our own sentence. The wheel carries no date; its infobox
ages ("182 years ago (1844)") were computed in 2026, so the facts are `as_of = "2026"`.

One entity per company: index entries for one company (the same Wikipedia page, ISIN,
or name without its legal form) are merged, their names kept as aliases.
  * name: the index's name without its legal form ("Shell plc" -> "Shell", "Aegon
    N.V." -> "Aegon", "The Coca-Cola Company" -> "Coca-Cola"); the full legal name is an
    alias. A name that is a common English word stays a name ("Apple", "Shell",
    "Target", "Oracle": capitalised, the analysis decides at match time), unless it has
    four letters or fewer ("News Corp", "Next plc", "Visa Inc." keep the legal name);
    no alias is ever a lowercase word. "& Company", "& Co." stay ("McCormick &
    Company"). Persons' names with a post run into them ("... Chairman") or ending in an
    initial are not read.
  * names a story uses for something else (Forms.refused): a form without a word that
    has a letter ("1&1", which "USB 1.1" writes too); one word (a possessive dropped:
    "Carter's" is "Carter" to the matcher) that is a word of a KB person's name, as
    towns.py reads them ("Douglas", "Fox", "Fico", "Suzuki": a company's exact name
    would take the person's surname in every story); one common English word that three
    or more other KB names use as a word ("Southern" of China Southern Airlines); a
    common English word of four letters or fewer when a longer form exists ("NOW" ->
    "NOW Inc"; a short word in capitals stays an acronym, "HP"). The first form left
    names the company, the others are aliases; a company with none (Douglas, Carter's,
    Campbell's, Honda, 1&1 ...: 17, listed on stderr) is left out, its key people kept.
  * acronyms: the base of the primary ticker (AAPL of AAPL, ABN of ABN.AS) when it is
    3 to 5 capital letters (2 only when they are the name's initials: GM), not a common English word ("ALL", "ON", "A" never), not a
    form the KB already has (an acronym, name or alias of another entity), not one of
    COMMON_ABBREVIATIONS, and the ticker of this company only.
  * country: ISO 3166-1 alpha-2, from the headquarters' last part (a country, a UK
    nation or a US state), else from the index's `country` field; empty when neither
    resolves.
  * description: "<Sector> company headquartered in <place>; in the <indices>."
  * a company whose name and country are those of a KB organisation is not written
    (TF1 is in news-media.toml).
  * key people: "Name (post)" pairs of the infobox become persons (type `person`) with
    a role per post (title as the source gives it, CEO/CFO/COO spelt out), start and
    end empty because the source gives no dates, `as_of` the data date. A person whose
    name is already a KB name is not written (it may be another person of that name).

The output depends only on the package's data and the KB: sorted, no clock, no set
order. Counts go to stderr.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kbcommon  # noqa: E402
from towns import (  # noqa: E402
    KB, REPO, fold, kb_entities, kb_keys, keys, letters, read_english_words,
    toml_string, words,
)

PACKAGE = "pytickersymbols"
VERSION = "1.17.10"
AS_OF = "2026"
SOURCE = f"pytickersymbols {VERSION} (MIT; company facts from Wikipedia infoboxes)"
OUTPUT = "companies-20-indices.toml"
# Below the organisations' default (0.4): an index company is a weaker prior than a news
# agency or a ministry; companies-brands.toml raises the ones news names most.
PROMINENCE = 0.3
DEFAULT_SOURCES = REPO.parent / "shared/data/kb-sources"
COUNTRIES_FILE = DEFAULT_SOURCES / "world-countries/countries.json"  # --sources DIR moves it
US_STATES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
    "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
    "Washington", "West Virginia", "Wisconsin", "Wyoming", "D.C.", "Washington, D.C.",
    "Puerto Rico",
]
EXTRA_COUNTRY_NAMES = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "Northern Ireland": "GB", "Russian Federation": "RU", "The Netherlands": "NL",
    "Holland": "NL", "Korea": "KR", "Republic of Ireland": "IE", "People's Republic of China": "CN",
}
# Legal forms, longest first, as they end a company's name.
LEGAL_FORMS = [
    "& Co. KGaA", "AG & Co. KGaA", "SE & Co. KGaA", "Co., Ltd.", "Co. Ltd.", "Co., Ltd",
    "Holdings Inc.", "Incorporated", "Corporation", "Company", "Limited", "S.p.A.",
    "S.A.B. de C.V.", "(publ)", "GmbH", "KGaA", "S.A.", "N.V.", "Inc.", "Inc", "Corp.",
    "Corp", "Co.", "Ltd.", "Ltd", "plc", "PLC", "Plc", "AG", "SE", "SA", "NV", "AB",
    "ASA", "A/S", "Oyj", "Oy", "SpA", "L.P.", "LP", "K.K.", "BV", "B.V.",
]
KEEP_WITH_HOLDINGS = {"Holdings Inc."}  # "X Holdings Inc." -> "X Holdings"
# Abbreviations a story writes for something else than a company.
COMMON_ABBREVIATIONS = {
    "AI", "CEO", "CFO", "COO", "CTO", "GDP", "IT", "PC", "TV", "USA", "UK", "EU", "UN",
    "NATO", "IPO", "ETF", "ESG", "API", "USB", "DNA", "RNA", "HIV", "LED", "GPS", "CEST",
    "GMT", "UTC", "EST", "PST", "NYSE", "SEC", "FBI", "CIA", "NASA", "BBC", "CNN", "AP",
    "AFP", "ID", "OK", "PR", "HR", "IQ", "ER", "EV", "EVS", "VAT", "OPEC", "FIFA",
    "PM", "AM", "CA", "HE", "IOS", "ANA", "MRO", "NOW", "NEWS",
}
# Words that end a parsed "name" when the infobox ran a post into it.
NOT_NAME_WORDS = {"chairman", "chairwoman", "chair", "president", "chief", "ceo", "cfo",
                  "director", "executive", "officer", "founder", "vice", "managing"}
SECTORS = [
    "Financials", "Industrials", "Information Technology", "Technology",
    "Consumer Discretionary", "Health Care", "Healthcare", "Real Estate", "Energy",
    "Consumer Staples", "Utilities", "Materials", "Basic Materials",
    "Communication Services", "Consumer Cyclicals", "Consumer Non-Cyclicals",
    "Telecommunications Services", "Telecommunications",
]
SECTOR_WORDS = {
    "Financials": "Financial", "Industrials": "Industrial", "Information Technology":
    "Information technology", "Technology": "Technology", "Consumer Discretionary":
    "Consumer goods", "Health Care": "Health care", "Healthcare": "Health care",
    "Real Estate": "Real estate", "Energy": "Energy", "Consumer Staples": "Consumer staples",
    "Utilities": "Utility", "Materials": "Materials", "Basic Materials": "Materials",
    "Communication Services": "Communications", "Consumer Cyclicals": "Consumer goods",
    "Consumer Non-Cyclicals": "Consumer staples", "Telecommunications Services":
    "Telecommunications", "Telecommunications": "Telecommunications",
}
INDEX_NAMES = {"CAC_40": "CAC 40", "DOW JONES": "Dow Jones", "NIKKEI 225": "Nikkei 225",
               "NASDAQ 100": "Nasdaq-100", "Switzerland 20": "SMI"}
POSTS = [(r"\bco-\s*CEO\b", "co-chief executive officer"),
         (r"\bCEO\b", "chief executive officer"), (r"\bCFO\b", "chief financial officer"),
         (r"\bCOO\b", "chief operating officer"), (r"\bCTO\b", "chief technology officer"),
         (r"\bMD\b", "managing director")]
PERSON_NAME = re.compile(r"^(?:(?:Sir|Dame|Dr\.?|Lord|Baroness)\s+)?"
                         r"[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.\-]*|van|von|der|de|den|da|du|di|la|le|bin|al|y)){1,5}$")


def installed_indices() -> dict:
    venv = REPO / "target" / "kb-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    check = [str(python), "-c",
             f"import importlib.metadata as m; assert m.version('{PACKAGE}') == '{VERSION}'"]
    if subprocess.run(check, capture_output=True).returncode != 0:
        # --no-deps: only the data module is read (its requests/bs4 are for fetching).
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                        f"{PACKAGE}=={VERSION}"], check=True)
    dump = subprocess.run(
        [str(python), "-c",
         "import json, sys; from pytickersymbols.indices_data import INDICES; "
         "json.dump(INDICES, sys.stdout, ensure_ascii=False, sort_keys=True)"],
        capture_output=True, text=True, check=True)
    return json.loads(dump.stdout)


def clean(text) -> str:
    text = re.sub(r"\[\w*\]", "", str(text or ""))
    text = re.sub(r"\s+([,;:)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    return " ".join(text.split()).strip(" ,;")


def strip_legal_form(name: str) -> str:
    # A Wikipedia disambiguator is not part of the name: "Rio Tinto (corporation)".
    name = re.sub(r"\s*\((?:company|corporation|business|firm)\)$", "", clean(name))
    for _ in range(2):
        for form in LEGAL_FORMS:
            if name.endswith(" " + form) or name.endswith("," + form) or name.endswith(", " + form):
                stem = name[: -len(form)].rstrip(" ,")
                if form in KEEP_WITH_HOLDINGS:
                    stem += " Holdings"
                # "McCormick & Company", "Mitsui & Co.": the form is part of the name.
                if len(stem) >= 2 and not stem.endswith("&"):
                    name = stem
                break
    if name.startswith("The ") and len(name) > 6:
        name = name[4:]
    return name


def news_name(legal: str, english: set[str]) -> str:
    """The index name without its legal form, unless that leaves a common English word
    of four letters or fewer ("News Corp", "Now Inc.", "Next plc", "Visa Inc." keep
    theirs) or fewer than two letters ("1&1 AG")."""
    short = strip_legal_form(legal)
    letters = sum(c.isalpha() for c in short)
    if letters < 2 or (fold(short) in english and letters <= 4):
        return clean(legal)
    return short


class Countries:
    def __init__(self, path: Path = COUNTRIES_FILE) -> None:
        self.by_name: dict[str, str] = {}
        with path.open(encoding="utf-8") as file:
            for country in json.load(file):
                for name in (country["name"]["common"], country["name"]["official"]):
                    self.by_name[fold(name)] = country["cca2"]
        for name, code in EXTRA_COUNTRY_NAMES.items():
            self.by_name[fold(name)] = code
        self.us_states = {fold(s) for s in US_STATES}

    def of_place(self, place: str) -> str:
        """ISO2 of a "City, State/Country" text by its last parts, "" if none."""
        parts = [p.strip() for p in re.split(r"[,;]", clean(place)) if p.strip()]
        for part in reversed(parts[-2:]):
            key = fold(part)
            if key in self.by_name:
                return self.by_name[key]
            if key in self.us_states:
                return "US"
        return ""


def short_place(place: str) -> str:
    parts = [p.strip() for p in clean(place).split(",") if p.strip()]
    return ", ".join(parts[-3:])


def sector_of(industries: list[str]) -> str:
    for sector in SECTORS:
        if sector in industries:
            return SECTOR_WORDS[sector]
    return ""


def ticker_base(symbol: str) -> str:
    return symbol.split(".")[0].split(":")[-1].strip()


def key_people(text: str) -> list[tuple[str, list[str]]]:
    """(name, posts) pairs of an infobox's key people: "A B (CEO) C D (chair)"."""
    out = []
    for name, posts in re.findall(r"([^()]+?)\s*,?\s*\(([^()]+)\)", clean(text)):
        name = name.strip(" ,;")
        parts = name.split()
        if (not PERSON_NAME.match(name) or any(fold(p) in NOT_NAME_WORDS for p in parts)
                or len(parts[-1].strip(".")) < 2):
            continue  # "Mark A", "Curtis J. Myers Chairman"
        titles = []
        for post in re.split(r"\s*(?:,|;|&| and )\s*", posts):
            post = post.strip()
            for pattern, spelt in POSTS:
                post = re.sub(pattern, spelt, post)
            if post and not any(c.isdigit() for c in post):
                titles.append(post[0].upper() + post[1:])
        if titles:
            out.append((name, titles))
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# A one-word name that other KB names use as one of their words this often is a word
# names are made of ("Southern" of Southern Transitional Council, Southern Command ...),
# not this company's name; the threshold of kbcommon.hides_slip.
NAME_BUILDING_USES = 3


class Forms:
    """Which of a company's forms may be a name or alias in the KB."""

    def __init__(self, entities: list[dict], short_english: set[str], english: set[str],
                 person_words: set[str]) -> None:
        self.short_english = short_english
        self.english = english
        self.person_words = person_words
        self.uses: dict[str, int] = {}
        for entity in entities:
            used = {fold(w) for f in [entity.get("name", "")] + entity.get("aliases", [])
                    if len(words(f)) > 1 for w in words(f)}
            for w in used:
                self.uses[w] = self.uses.get(w, 0) + 1

    def refused(self, form: str) -> str:
        """Why `form` may not name the company, or "":
          * no word with a letter ("1&1": the matcher reads it as the words 1 and 1,
            which "USB 1.1" writes too);
          * one word (a possessive 's dropped, as the KB's word split drops it:
            "Carter's" is the word "Carter") that is a word of a KB person's name
            ("Douglas", "Carter's", "Campbell's", "Fox", "Honda"): in a story it is the
            person's surname or given name, and a company's exact name would win over
            it ("Carter" after Ashton Carter);
          * one common English word that three or more other KB names use as a word
            ("Southern" in China Southern Airlines, U.S. Southern Command);
          * one common English word of four letters or fewer (SCOWL, and Debian's
            wamerican for the shortest: "NOW"), where the index gives a longer form
            ("NOW Inc"; SHORT_WORD, see `name_and_aliases`)."""
        parts = words(form)
        if not any(letters(p) for p in parts):
            return "no-word-with-a-letter"
        if len(parts) != 1:
            return ""
        word = re.sub(r"['’]s$", "", parts[0])
        if keys(word) & self.person_words:
            return "word-of-a-kb-persons-name"
        folded = fold(word)
        if folded in self.english and self.uses.get(folded, 0) >= NAME_BUILDING_USES:
            return "word-other-kb-names-are-made-of"
        if folded in self.short_english and letters(word) <= 4:
            return SHORT_WORD
        return ""

    def name_and_aliases(self, forms: list[str], refused: dict[str, list[str]]) -> list[str]:
        """The forms that may name the company, the name first: those `refused` finds
        nothing against, else (the index gives no longer form) a short English word
        ("SAP", "Box": capitalised, as the legal-name rule of `news_name` keeps it)."""
        usable, short = [], []
        for form in forms:
            reason = self.refused(form)
            if reason:
                refused.setdefault(reason, []).append(form)
            (short if reason == SHORT_WORD else usable if not reason else []).append(form)
        return usable or short


SHORT_WORD = "short-english-word"


def own_ids(companies: dict[str, dict]) -> set[str]:
    """The ids this stage writes: its companies' and their key people's."""
    ids = set(companies)
    for company in companies.values():
        for entry in company["entries"]:
            for person, _ in key_people((entry.get("metadata") or {}).get("key_people", "")):
                ids.add("person-" + slug(person))
    return ids


def main() -> int:
    indices = installed_indices()
    english = read_english_words()
    sources = (Path(sys.argv[sys.argv.index("--sources") + 1]) if "--sources" in sys.argv
               else DEFAULT_SOURCES)
    countries = Countries(sources / "world-countries/countries.json")
    refused: dict[str, list[str]] = {}

    # Merge index entries of one company.
    companies: dict[str, dict] = {}
    link: dict[str, str] = {}
    for index_name in sorted(indices):
        for entry in indices[index_name]["companies"]:
            meta = entry.get("metadata") or {}
            short = strip_legal_form(entry["name"])
            handles = [h for h in (meta.get("wikipedia_url"), *entry.get("isins", []),
                                   "name:" + fold(short)) if h]
            found = next((link[h] for h in handles if h in link), None)
            if found is None:
                found = "company-" + slug(short)
                n = 2
                while found in companies:
                    found = f"company-{slug(short)}-{n}"
                    n += 1
                companies[found] = {"entries": [], "indices": set()}
            for h in handles:
                link.setdefault(h, found)
            companies[found]["entries"].append(entry)
            companies[found]["indices"].add(INDEX_NAMES.get(index_name, index_name))

    # The KB before this stage (kbcommon.STAGES: OFAC and the towns come after it and
    # read its file), without the entities that have an id this stage writes: those are
    # the same company or person, amended by a curated file that loads after this one
    # (newsmakers-business.toml gives AMD an alias and Elon Musk a newer post). Counted
    # as rivals, they made a re-run drop 33 companies and their key people.
    skip = kbcommon.excluded_names("companies")
    own = own_ids(companies)
    before = [e for e in kb_entities(skip) if e["id"] not in own]
    kb_forms: set[str] = set()
    kb_person_names: set[str] = set()
    kb_organisations: set[tuple[str, str]] = set()  # (folded name, country)
    for entity in before:
        if entity.get("kind") == "organization":
            kb_organisations.add((fold(entity["name"]), entity.get("country", "")))
        for form in [entity.get("name", "")] + entity.get("aliases", []) + entity.get("acronyms", []):
            kb_forms.update(keys(form))
        if entity.get("kind") == "person":
            kb_person_names.add(fold(entity.get("name", "")))

    # The KB's persons' name words, as the town files read them (towns.read_kb).
    _, person_words, _ = kb_keys(before)
    forms = Forms(before, kbcommon.english_words(), english, person_words)

    # Tickers held by one company only.
    ticker_owners: dict[str, set[str]] = {}
    for cid, company in companies.items():
        for entry in company["entries"]:
            if entry.get("symbol"):
                ticker_owners.setdefault(ticker_base(entry["symbol"]), set()).add(cid)

    out = [HEADER.rstrip("\n"), "", "[meta]", f"source = {toml_string(SOURCE)}",
           f'as_of = "{AS_OF}"']
    persons: dict[str, dict] = {}
    counts = {"companies": 0, "with-acronym": 0, "with-country": 0, "people": 0,
              "people-already-in-kb": 0, "country-disagrees": 0,
              "already-a-kb-organisation": 0, "left-out-no-usable-name": 0}
    word_names: list[str] = []
    kb_name_clash: list[str] = []
    for cid in sorted(companies):
        company = companies[cid]
        entries = company["entries"]
        first = entries[0]
        meta: dict = {}
        for entry in entries:
            for k, v in (entry.get("metadata") or {}).items():
                meta.setdefault(k, v)
        name = news_name(first["name"], english)
        aliases = []
        for entry in entries:
            for form in (clean(entry["name"]), news_name(entry["name"], english)):
                if form != name and form not in aliases and fold(form) != fold(name):
                    aliases.append(form)
        aliases = [a for a in aliases if not (a.islower() and fold(a) in english)]
        if fold(name) in english:
            word_names.append(name)
        elif keys(name) & kb_forms:
            kb_name_clash.append(name)
        acronyms = []
        if first.get("symbol"):
            ticker = ticker_base(first["symbol"])
            initials = "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()
            if (re.fullmatch(r"[A-Z]{2,5}", ticker) and fold(ticker) not in english
                    and (len(ticker) > 2 or ticker == initials or ticker == name)
                    and ticker not in COMMON_ABBREVIATIONS and not keys(ticker) & kb_forms
                    and len(ticker_owners.get(ticker, ())) == 1 and fold(ticker) != fold(name)):
                acronyms.append(ticker)
        # The name and aliases a story may use for the company alone (Forms.refused): the
        # first usable form names it ("Southern" -> "Southern Company", "NOW" -> "NOW
        # Inc"); a company with none ("Douglas", "Carter's", "1&1") is left out, its key
        # people kept (their posts name it as the index does).
        usable = forms.name_and_aliases([name] + aliases, refused)
        # A short word in capitals left out as a name ("HP" of HP Inc.) is still the
        # company's acronym, matched in capitals only, under the ticker's rules.
        for form in [name] + aliases:
            if (form not in usable and form.isupper() and forms.refused(form) == SHORT_WORD
                    and form not in acronyms and form not in COMMON_ABBREVIATIONS
                    and not keys(form) & kb_forms):
                acronyms.append(form)
        left_out = not usable
        if left_out:
            refused.setdefault("company-left-out", []).append(name)
            counts["left-out-no-usable-name"] += 1
        else:
            name, aliases = usable[0], usable[1:]
        headquarters = clean(meta.get("headquarters", ""))
        field = clean(first.get("country") or "")
        country = countries.of_place(headquarters) if headquarters else ""
        from_field = countries.of_place(field) if field and field != "none" else ""
        if country and from_field and country != from_field:
            counts["country-disagrees"] += 1
        country = country or from_field
        place = short_place(headquarters) if headquarters else (field if "," in field else "")
        industries = [clean(i) for e in entries for i in e.get("industries", [])]
        sector = sector_of(industries)
        listed = " and ".join([", ".join(sorted(company["indices"])[:-1]),
                               sorted(company["indices"])[-1]]).lstrip(" and ")
        description = f"{sector + ' company' if sector else 'Company'}"
        if place:
            description += f" headquartered in {place}"
        description += f"; in the {listed} {'indices' if len(company['indices']) > 1 else 'index'}."
        if (fold(name), country) in kb_organisations:
            counts["already-a-kb-organisation"] += 1  # TF1 is in news-media.toml
            continue
        if not left_out:
            out += ["", "[[entity]]", f'id = "{cid}"', 'kind = "organization"',
                    'type = "company"', f"name = {toml_string(name)}"]
            if aliases:
                out.append("aliases = [" + ", ".join(toml_string(a) for a in aliases) + "]")
            if acronyms:
                out.append("acronyms = [" + ", ".join(toml_string(a) for a in acronyms) + "]")
                counts["with-acronym"] += 1
            out.append(f"description = {toml_string(description)}")
            if country:
                out.append(f'country = "{country}"')
                counts["with-country"] += 1
            out.append(f"prominence = {PROMINENCE}")
            counts["companies"] += 1
        for person, titles in key_people(meta.get("key_people", "")):
            if fold(person) in kb_person_names:
                counts["people-already-in-kb"] += 1
                continue
            pid = "person-" + slug(person)
            record = persons.setdefault(pid, {"name": person, "roles": [], "countries": set()})
            if record["name"] != person:
                continue  # two spellings folding to one slug: keep the first
            for title in titles:
                record["roles"].append((title, name, country))
            if country:
                record["countries"].add(country)
    for pid in sorted(persons):
        person = persons[pid]
        counts["people"] += 1
        posts = "; ".join(sorted({f"{t} of {o}" for t, o, _ in person["roles"]}))
        out += ["", "[[entity]]", f'id = "{pid}"', 'kind = "person"', 'type = "person"',
                f"name = {toml_string(person['name'])}",
                f"description = {toml_string('Business executive: ' + posts + '.')}"]
        if len(person["countries"]) == 1:
            out.append(f'country = "{next(iter(person["countries"]))}"')
        for title, organization, country in sorted(set(person["roles"])):
            out += ["", "[[entity.roles]]", f"title = {toml_string(title)}",
                    f"organization = {toml_string(organization)}"]
            if country:
                out.append(f'country = "{country}"')
            out += ['start = ""', f'as_of = "{AS_OF}"']
    text = "\n".join(out) + "\n"
    parsed = tomllib.loads(text)
    ids = [e["id"] for e in parsed["entity"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    kbcommon.emit(f"curated/{OUTPUT}", text)
    for key, value in counts.items():
        print(f"{key}: {value}", file=sys.stderr)
    print(f"names that are common English words ({len(word_names)}): {', '.join(word_names)}",
          file=sys.stderr)
    print(f"names that are already KB forms ({len(kb_name_clash)}): {', '.join(kb_name_clash)}",
          file=sys.stderr)
    for reason in sorted(refused):
        print(f"refused ({reason}, {len(refused[reason])}): {', '.join(refused[reason])}",
              file=sys.stderr)
    return 0


HEADER = """\
# Companies of 20 stock indices (AEX, BEL 20, CAC 40, CAC Mid 60, DAX, Dow Jones, EURO
# STOXX 50, FTSE 100, IBEX 35, MDAX, Nasdaq-100, Nikkei 225, OMX Helsinki 25, OMX
# Stockholm 30, SDAX, S&P 100, S&P 500, S&P 600, SMI, TecDAX) and their key people.
#
# GENERATED -- do not edit by hand; kb/curated/companies-brands.toml amends entries
# here (same id) with the names news writes. Written by scripts/kb/companies.py from
# pytickersymbols 1.17.10 (PyPI, MIT licence), whose company metadata comes from the
# companies' Wikipedia infoboxes (facts only; the descriptions are ours). The data carry
# no date; their infobox ages were computed in 2026, hence as_of = "2026". Key people
# have a role per post the infobox gives, with no start date (the source gives none).
#
# Names are the index names without their legal form ("Shell plc" -> "Shell"); the
# legal name is an alias. A name a story uses for something else is not written: one
# word that is a word of a KB person's name ("Fox" -> "Fox Corporation"; Douglas,
# Carter's, Honda ... have no other form and are left out), one English word other KB
# names are made of ("Southern" -> "Southern Company"), a short English word with a
# longer form ("NOW" -> "NOW Inc"), a name without letters ("1&1"). A ticker is an
# acronym only when it is 2-5 capital letters, not a common English word or
# abbreviation, not already a KB form, and one company's.
#
# To regenerate (from the repository root; installs pytickersymbols==1.17.10 into
# target/kb-venv):
#   python3 scripts/kb/companies.py
"""


if __name__ == "__main__":
    sys.exit(main() or kbcommon.finish("companies"))
