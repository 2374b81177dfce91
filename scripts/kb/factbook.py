#!/usr/bin/env python3
"""Heads of state and government, and political parties, from the CIA World Factbook.

    python3 scripts/kb/factbook.py [--sources ../shared/data/kb-sources]

Reads `factbook/<region>/<gec>.json` (factbook/factbook.json @8662a8b1, data to
2026-01; public domain) and the KB as build.rs compiles it (scripts/kb/kbcommon.py), and
writes:

* kb/script-generated/people-factbook.jsonl — office-holders the KB did not have, each with the
  dated role the Factbook gives ("President Name (since 20 January 2025)" -> start
  2025-01-20, at the precision written; `as_of` 2026-01);
* kb/curated/world-leaders-factbook.toml — amendments of persons the KB already had (named
  to sort after every other curated file, so that no older curated role replaces the
  Factbook's confirmation of it; matched
  as described in `match_person`): the Factbook's dated role added, or, where the person
  already holds the same office open with a start date, that role confirmed as of
  2026-01 (same title and start, so Entity::amend replaces it; its source is kept and the
  Factbook's added);
* kb/script-generated/parties-factbook.jsonl — political parties (type `party`) with their
  abbreviations ("Alternative for Germany or AfD"; a name in parentheses, "Socialist
  Party (Partido Socialista) or PS", is another name). A party is left out when the KB
  has an organisation of that name in that country (Hizballah), when its name is one
  common English word ("Renaissance") or a one-word name one edit from a person's name
  (kbcommon.slip_bait), another KB entity's name, a remark rather than a name, or a
  name that would hide a slip of a KB name ("... Independents": kbcommon.hides_slip). An abbreviation is kept only
  where it has three letters or more, one party alone uses it, no KB entity has it, and
  it is not an English word;
* kb/script-generated/divisions-factbook.jsonl — first-level administrative divisions
  (states, provinces, oblasts, governorates: "Texas", "Sichuan", "Bayern (Bavaria)"),
  type `province`, left out by the towns' collision rule (`divisions`);
* target/kb-reports/factbook.md — matches, conflicts with newer KB records, UN members
  without a current dated head of state or government, parties skipped.

Only facts the Factbook states are written; a leader the Factbook lists without a date
gets no start date. Deterministic: re-running reproduces the files byte for byte.
The Factbook lists no cabinet members (only how a cabinet is appointed), so no
ministers are imported; capitals and demonyms are compared with the KB and only
reported (the KB already has every UN member's capital and demonym).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kbcommon as kb  # noqa: E402

STAGE = "factbook"
SOURCE = "CIA World Factbook (factbook.json @8662a8b1, data to 2026-01)"
AS_OF = "2026-01"
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}
for _m, _i in list(MONTHS.items()):
    MONTHS[_m[:3]] = _i
    MONTHS[_m[:4]] = _i  # "Sept"

# GEC (file name) -> ISO 3166-1 alpha-2 where the Factbook's Internet country code does
# not give it (several TLDs, none, or a TLD shared with a territory).
GEC_ISO = {
    "fr": "FR", "nl": "NL", "us": "US", "uk": "GB", "rn": "MF", "ay": "AQ",
    "gz": "PS", "we": "PS",
}
# Files that are not countries or territories with a government of their own.
SKIP_GEC = {"ee", "xx", "oo", "xo", "xq", "zh", "zn"}

# ---------------------------------------------------------------------------
# Offices
# ---------------------------------------------------------------------------

# Titles the Factbook writes before a name, longest first. A title of the list followed
# by a name; honorifics after the title are not part of the name.
TITLES = sorted([
    "President", "Prime Minister", "King", "Queen", "Amir", "Emir", "Sultan", "Emperor",
    "Grand Duke", "Prince", "Pope", "Chancellor", "Premier", "Supreme Leader",
    "Taoiseach (Prime Minister)", "Acting President", "Acting Prime Minister",
    "Interim President", "Interim Prime Minister", "Transition President",
    "Transition Prime Minister", "Transitional President", "Caretaker Prime Minister",
    "Vice President", "Co-prince", "Chairman of the Cabinet of Ministers",
    "Chairperson of the Council of Ministers", "Chairperson of the Presidency",
    "President of the Swiss Confederation", "President of Council of Ministers",
    "President of the Government of Spain (prime minister-equivalent)",
    "Minister of State", "Secretary of State for Foreign and Political Affairs",
    "Sultan and Prime Minister", "Crown Prince and Prime Minister",
    "Prime Minister and Foreign Minister", "Prime Minister and Co-Vice President",
    "State Affairs Commission President", "Supreme People's Assembly President",
    "Taliban Leader", "Presidential Leadership Council Chairperson",
    "President, Presidential Council,", "GNU Interim Prime Minister", "CNSP Prime Minister",
    "President of the National Council for the Safeguard of the Homeland (CNSP)",
    "Sovereign Council Chair and Commander-in-Chief of the Sudanese Armed Forces",
    "Prime Minister Crown Prince", "President of French Polynesia", "President of the Government",
    "President of Territorial Council", "President of the Territorial Assembly",
    "President of the Pontifical Commission for the State of Vatican City and President of the Governorate of the Vatican City State",
    "President of China", "Chief Minister", "Chief Executive", "Governor", "Administrator",
    "Lord of Mann King", "Mayor and Chairman of the Island Council", "Commissioner",
], key=len, reverse=True)
HONORIFICS = ["Sr. Gen.", "Gen.", "General", "Col.", "Capt.", "Dr.", "Sir", "Ratu",
              "Crown Prince", "Dame", "Sultan"]

# The office each title stands for in the role written to the KB.
TITLE_FOR = {
    "Taoiseach (Prime Minister)": "Taoiseach",
    "President of the Government of Spain (prime minister-equivalent)": "President of the Government",
    "President, Presidential Council,": "President of the Presidential Council",
    "GNU Interim Prime Minister": "Interim Prime Minister",
    "CNSP Prime Minister": "Prime Minister",
    "President of the National Council for the Safeguard of the Homeland (CNSP)":
        "President of the National Council for the Safeguard of the Homeland",
    "Sovereign Council Chair and Commander-in-Chief of the Sudanese Armed Forces":
        "Chairman of the Sovereignty Council",
    "Prime Minister Crown Prince": "Prime Minister",
    "Crown Prince and Prime Minister": "Prime Minister",
    "Prime Minister and Foreign Minister": "Prime Minister",
    "Prime Minister and Co-Vice President": "Prime Minister",
    "Sultan and Prime Minister": None,  # Sultan as chief of state, Prime Minister as head of government
    "Co-prince": "Co-Prince",
}

# Entries the general pattern cannot read, written out from the Factbook's own text
# (the text is quoted in the comment). kind: hos | hog. `start` only where the text
# gives one. (country, kind) -> list of (title, name, start, end).
MANUAL = {
    # "Co-prince Emmanuel MACRON (since 14 May 2017); ... and Co-prince Archbishop
    # Joan-Enric VIVES i Sicilia (since 12 May 2003)"
    ("AD", "hos"): [("Co-Prince", "Emmanuel MACRON", "2017-05-14", ""),
                    ("Co-Prince", "Joan-Enric VIVES i Sicilia", "2003-05-12", "")],
    # "Chairperson of the Presidency Zeljko KOMSIC (chairperson since 16 July 2025;
    # presidency member since 20 November 2018 - Croat seat); Denis BECIROVIC
    # (presidency member since 16 November 2022 - Bosniak seat); Zeljka CVIJANOVIC
    # (presidency member since 16 November 2022 - Serb seat)"
    ("BA", "hos"): [("Chairman of the Presidency", "Zeljko KOMSIC", "2025-07-16", ""),
                    ("Member of the Presidency", "Zeljko KOMSIC", "2018-11-20", ""),
                    ("Member of the Presidency", "Denis BECIROVIC", "2022-11-16", ""),
                    ("Member of the Presidency", "Zeljka CVIJANOVIC", "2022-11-16", "")],
    # "co-chiefs of state Captains Regent Matteo ROSSI and Lorenzo BUGLI (for the period
    # 1 October 2025 - 31 March 2026)"
    ("SM", "hos"): [("Captain Regent", "Matteo ROSSI", "2025-10-01", "2026-03-31"),
                    ("Captain Regent", "Lorenzo BUGLI", "2025-10-01", "2026-03-31")],
    # "Ahmad al-Shara'; former President Bashar al-ASAD was overthrown ..." (no title,
    # no date)
    ("SY", "hos"): [("President", "Ahmad al-SHARA'", "", "")],
    # "Michael RANDRIANIRINA (Col.)" (no title, no date)
    ("MG", "hos"): [("President", "Michael RANDRIANIRINA", "", "")],
    # "Sébastien LECORNU (since 10 September 2025)" (no title: France's head of
    # government is the prime minister)
    ("FR", "hog"): [("Prime Minister", "Sébastien LECORNU", "2025-09-10", "")],
    # "TUIMALEALI'IFANO Va'aletoa Sualauvi II (since 21 July 2017)" (no title: Samoa's
    # head of state, O le Ao o le Malo)
    ("WS", "hos"): [("Head of State", "TUIMALEALI'IFANO Va'aletoa Sualauvi II", "2017-07-21", "")],
    # "overall Taliban Leader HAYBATULLAH Akhundzada is the [so-called] Amir-ul Momineen
    # of the Taliban and is effectively the head of government" (no date here; the chief
    # of state entry dates him from 15 August 2021)
    ("AF", "hog"): [("Taliban Leader", "HAYBATULLAH Akhundzada", "2021-08-15", "")],
    # "President (vacant)"
    ("HT", "hos"): [],
    # "King Jigme Khesar Namgyel WANGCHUCK" — all his names form the name
    ("BT", "hos"): [("King", "Jigme Khesar Namgyel WANGCHUCK", "2006-12-14", "")],
    # "King Norodom SIHAMONI"
    ("KH", "hos"): [("King", "Norodom SIHAMONI", "2004-10-29", "")],
    # "King Sultan IBRAHIM ibni al-Marhum Sultan Iskandar (since 31 January 2024)"
    ("MY", "hos"): [("King", "Sultan IBRAHIM ibni al-Marhum Sultan Iskandar", "2024-01-31", "")],
}
# Office-holders whose KB record the rules of `match_person` cannot find, identified by
# an editor from the KB record itself (same country, same office, same person in another
# romanisation): (country, office key) -> KB id.
SAME_PERSON = {
    # "Abd-al-Hamid DUBAYBAH" = "Abdulhamid Dbeibeh" (Q105319569), prime minister of the
    # Government of National Unity in the KB's curated record.
    ("LY", "prime minister"): "Q105319569",
    # "Prime Minister Mike EMAN" = "Michiel Godfried Eman" (cia-michiel-godfried-eman),
    # listed by CIA World Leaders as Prime Minister of Aruba; Mike is his usual name.
    ("AW", "prime minister"): "cia-michiel-godfried-eman",
    # "President Sadyr JAPAROV" = "Sadyr Zhaparov" (Q25597826), President of Kyrgyzstan
    # since 2021 in the KB (Japarov and Zhaparov romanise one Kyrgyz name).
    ("KG", "president"): "Q25597826",
}
# Start dates the Factbook misprints: the date is left empty and the case reported.
ERRATA = {
    # "Prime Minister Ilie BOLOJAN (since 23 June 2005)": Bolojan was mayor of Oradea
    # in 2005; he became prime minister in 2025. The year is a misprint.
    ("RO", "hog"): "the Factbook's '23 June 2005' is a misprint (Bolojan was mayor of Oradea then); start left empty",
}

HOS_WORDS = {"president", "king", "queen", "amir", "emir", "sultan", "emperor", "grand duke",
             "prince", "co prince", "supreme leader", "head of state", "captain regent",
             "chairman of the presidency", "member of the presidency", "pope"}


def strip_tags(text: str) -> str:
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text: str) -> str:
    """'12 December 2019' -> 2019-12-12, 'April 2018' -> 2018-04, '1997' -> 1997."""
    text = text.strip().rstrip(".")
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", text)
    if m and m.group(2).lower() in MONTHS:
        return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", text)
    if m and m.group(1).lower() in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return m.group(1)
    return ""


def parse_office(text: str) -> list[tuple[str, str, str, str]]:
    """The first holder named in a 'chief of state' or 'head of government' entry:
    [(title, name as written, start, end)], or [] when the text names nobody. Another
    spelling the text gives ("also spelled X") is kept after a '|' in the name."""
    text = strip_tags(text)
    also = ""
    m = re.search(r"\(also spelled ([^)]*)\)|;\s*also spelled ([^(;]*)", text)
    if m:
        also = (m.group(1) or m.group(2)).strip()
        text = text[:m.start()] + text[m.end():]
    depth, cut = 0, len(text)
    for i, ch in enumerate(text):  # the first ";" outside parentheses ends the holder
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            cut = i
            break
    first = re.split(r", represented by", text[:cut])[0].strip()
    title = ""
    for t in TITLES:
        if first.startswith(t + " "):
            title = t
            first = first[len(t) + 1:]
            break
    if not title:
        return []
    changed = True
    while changed:
        changed = False
        for h in HONORIFICS:
            if first.startswith(h + " ") and h not in ("Sultan",):
                first = first[len(h) + 1:]
                changed = True
    m = re.match(r"^(.*?)\s*\((?:since )?([^()]*?\d{4})(?:[,;][^()]*)?\)", first)
    if m:
        name, start = m.group(1), parse_date(m.group(2))
    else:
        name, start = first, ""
    name = re.sub(r"\([^()]*\)", "", name)
    name = re.sub(r"\s+", " ", name).strip().rstrip(",;").strip()
    if not name:
        return []
    if also:
        name = f"{name}|{also}"
    return [(title, name, start, "")]


ROMAN = re.compile(r"^[IVX]+$")
LOWER_PARTICLES = {"bin", "ibn", "bint", "de", "da", "das", "do", "dos", "del", "della", "der",
                   "van", "von", "la", "le", "i", "e", "y", "ibni"}


def display_name(written: str) -> str:
    """'Joao Manuel Goncalves LOURENCO' -> 'Joao Manuel Goncalves Lourenco'; a particle
    inside a capitalised surname is lowercased ('REBELO DE SOUSA' -> 'Rebelo de Sousa')."""
    written = re.sub(r'"[^"]*"', "", written)  # nicknames in quotes
    written = written.replace(", Jr.", " Jr.").replace(",Jr.", " Jr.")
    tokens = written.split()
    out = []
    caps_before = False
    for tok in tokens:
        letters = re.sub(r"[^\w]|\d|_", "", tok)
        if ROMAN.match(tok):
            out.append(tok)
            caps_before = False
        elif len(letters) >= 2 and letters.isupper():
            low = tok.lower()
            if caps_before and low in LOWER_PARTICLES:
                out.append(low)
            else:
                out.append(_capitalise(low))
            caps_before = True
        elif "-" in tok and any(len(p) >= 2 and re.sub(r"\W", "", p).isupper() for p in tok.split("-")):
            # "al-SHARA'", "OSMANI-Sadriu": the capitalised part is the surname
            out.append("-".join(_capitalise(p.lower()) if len(re.sub(r"\W", "", p)) >= 2
                                and re.sub(r"\W", "", p).isupper() else p for p in tok.split("-")))
            caps_before = True
        else:
            out.append(tok)
            caps_before = False
    return " ".join(out)


# Countries whose people carry a father's and a mother's surname, in that order, and are
# written in the news by the first alone: the Factbook's "Daniel Noboa Azin" is "Daniel
# Noboa", and `kb lookup "Daniel Noboa"` found nobody.
SPANISH_NAMING = {"AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX", "NI",
                  "PA", "PE", "PR", "PY", "SV", "UY", "VE"}
SHORT_FORM_SOURCE = ("the Factbook's name without the mother's surname, as Spanish names "
                     "are written in the news (not recorded by a source)")


def without_maternal_surname(display: str, iso: str) -> str:
    """'Bernardo Arévalo de León' -> 'Bernardo Arévalo' in a SPANISH_NAMING country; ""
    when the name has no second surname to drop (fewer than three words)."""
    if iso not in SPANISH_NAMING:
        return ""
    words = display.split()
    if len(words) < 3:
        return ""
    words = words[:-1]
    while len(words) > 2 and words[-1].lower() in LOWER_PARTICLES:
        words = words[:-1]
    return " ".join(words)


def _capitalise(low: str) -> str:
    """Capitals at the start, after a hyphen, and after a one-letter prefix and an
    apostrophe ("o'neill" -> "O'Neill", but "muli'aka'aka" -> "Muli'aka'aka")."""
    out = re.sub(r"(^|-)(\w)", lambda m: m.group(1) + m.group(2).upper(), low)
    return re.sub(r"(^|-)(\w)(['’])(\w)", lambda m: m.group(1) + m.group(2) + m.group(3) + m.group(4).upper(), out)


def surname_keys(written: str) -> set[str]:
    """Keys of the words the Factbook writes in capitals (the surname, or the name a
    monarch is known by); for a name written without capitals, every word but the
    first."""
    keys = set()
    for tok in written.split():
        for part in tok.split("-"):
            letters = re.sub(r"[^\w]|\d|_", "", part)
            if len(letters) >= 2 and letters.isupper() and not ROMAN.match(letters):
                keys.add(kb.key(part))
    if not keys:
        words = kb.key(written).split()
        keys = set(words[1:]) if len(words) > 1 else set(words)
    return keys


def office_kind_title(kind: str, title: str) -> str:
    """The role title for the KB: the chief-of-state part of a compound title for the
    chief of state, the head-of-government part for the head of government."""
    if title == "Sultan and Prime Minister":
        return "Sultan" if kind == "hos" else "Prime Minister"
    mapped = TITLE_FOR.get(title, title)
    return mapped


def load_factbook(src: Path) -> list[dict]:
    """Every country file: {gec, iso, name, data}."""
    tld_iso = {}
    for c in json.loads((src / "world-countries/countries.json").read_text()):
        for t in c.get("tld", []):
            tld_iso.setdefault(t, []).append(c["cca2"])
    out = []
    for path in sorted((src / "factbook").glob("*/*.json")):
        gec = path.stem
        if path.parent.name == "meta" or gec in SKIP_GEC:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = GEC_ISO.get(gec)
        if not iso:
            ic = data.get("Communications", {}).get("Internet country code", {})
            text = ic.get("text", "").strip() if isinstance(ic, dict) else ""
            cands = tld_iso.get(text.split()[0], []) if text else []
            iso = cands[0] if len(cands) == 1 else ""
        if not iso:
            continue
        out.append({"gec": gec, "iso": iso, "data": data, "path": path})
    return out


def offices_of(country: dict) -> dict[str, list[tuple[str, str, str, str]]]:
    eb = country["data"].get("Government", {}).get("Executive branch", {})
    out = {}
    for kind, field in [("hos", "chief of state"), ("hog", "head of government")]:
        manual = MANUAL.get((country["iso"], kind))
        if manual is not None:
            out[kind] = manual
            continue
        entry = eb.get(field, {})
        text = entry.get("text", "") if isinstance(entry, dict) else ""
        parsed = parse_office(text)
        out[kind] = [(office_kind_title(kind, t), n, s, e) for t, n, s, e in parsed]
        if (country["iso"], kind) in ERRATA:
            out[kind] = [(t, n, "", e) for t, n, s, e in out[kind]]
    return out


# ---------------------------------------------------------------------------
# Matching office-holders to KB persons
# ---------------------------------------------------------------------------

OFFICE_PREFIXES = ("acting ", "interim ", "transition ", "transitional ", "caretaker ")


def office_key(title: str, country_names: set[str]) -> str:
    """'President of the United States' -> 'president'; 'Acting President' ->
    'president'; 'Premier' / 'Chairman of the Government' stay themselves."""
    t = re.sub(r"\([^)]*\)", "", title).strip().lower()
    for p in OFFICE_PREFIXES:
        if t.startswith(p):
            t = t[len(p):]
    m = re.match(r"^(.*?) of (?:the )?(.*)$", t)
    if m and kb.key(m.group(2)) in country_names:
        t = m.group(1)
    t = re.sub(r"^(?:chairman|chairperson|chair) of ", "president of ", t)
    aliases = {"premier": "prime minister", "taoiseach": "prime minister",
               "president of the government": "prime minister", "emir": "amir",
               "monarch": "king", "queen": "king", "taliban leader": "supreme leader",
               "o le ao o le malo": "head of state", "chief of state": "head of state"}
    return aliases.get(t, t)


# Kinds of body whose offices are not a country's: a party's or a company's "President".
NON_STATE_BODIES = {"company", "party", "armed-group", "newspaper", "news-agency", "broadcaster",
                    "outlet", "intergovernmental", "un-body"}


def mark_non_state_roles(entities: dict[str, dict]) -> None:
    """Marks each person's role held in a KB body of a NON_STATE_BODIES kind, so that
    role_office does not read it as a national office."""
    kinds: dict[str, str] = {}
    for e in entities.values():
        if e.get("kind") == "organization":
            for form in [e["name"], *e.get("aliases", [])]:
                kinds.setdefault(kb.key(form), e.get("type", ""))
    for e in entities.values():
        for r in e.get("roles", []):
            if kinds.get(kb.key(r.get("organization", ""))) in NON_STATE_BODIES:
                r["_non_state"] = True


# Words of the bodies whose offices are a country's own: "Presidency of the French
# Republic", "Government of National Unity", "Executive Office of the President",
# "Sovereignty Council of Sudan", "Executive Yuan", "Islamic Emirate of Afghanistan".
STATE_BODY = re.compile(r"presiden|government|cabinet|chancel|council of ministers|prime minister"
                        r"|state council|sovereign|royal|monarch|crown|head of state"
                        r"|executive office|federal council|emirate|republic|kingdom|yuan",
                        re.IGNORECASE)


def role_office(role: dict, country_names: set[str]) -> str:
    """The national office a KB role holds, or "" for an office of another body: a party
    or a company (mark_non_state_roles), or any body whose name is neither a state body's
    (STATE_BODY) nor the country's. The "President" of Ecuador's Citizen Revolution
    party once replaced the country's president in the KB; the Bundesbank's president
    and the European Court of Human Rights' kept Germany's and Slovenia's presidents
    from being confirmed in office."""
    body = role.get("organization", "")
    if role.get("_non_state") or (body and not STATE_BODY.search(body)
                                  and kb.key(body) not in country_names):
        return ""
    return office_key(role.get("title", ""), country_names)


class Persons:
    """The KB's persons, indexed by country and by name key."""

    def __init__(self, entities: dict[str, dict]):
        self.entities = entities
        self.by_country: dict[str, list[dict]] = defaultdict(list)
        for e in entities.values():
            if e.get("kind") != "person":
                continue
            countries = {e.get("country", "")} | {r.get("country", "") for r in e.get("roles", [])}
            for c in countries - {""}:
                self.by_country[c].append(e)
        for c in self.by_country:
            self.by_country[c].sort(key=lambda e: e["id"])

    @staticmethod
    def forms(e: dict) -> list[list[str]]:
        """Keys of the person's names, split in words; a monarch's "Letsie III of
        Lesotho" or "Albert II, Prince of Monaco" also without the realm."""
        out = []
        for f in [e["name"], *e.get("aliases", [])]:
            k = kb.key(f)
            if not k:
                continue
            out.append(k.split())
            short = re.sub(r"^(.*? [ivx]+)(?: (?:king|queen|prince|princess|emperor|sultan|grand duke))?"
                           r" of (?:the )?[a-z ]+$", r"\1", k)
            if short != k:
                out.append(short.split())
        return out


_VARIANTS: dict[str, set[str]] | None = None


def name_variants(src: Path) -> dict[str, set[str]]:
    """rigour/person_names.txt: a folded one-word spelling -> the Wikidata ids of the
    names it is an attested spelling of ("haybatullah" and "hibatullah" share one)."""
    global _VARIANTS
    if _VARIANTS is None:
        _VARIANTS = defaultdict(set)
        path = src / "rigour/person_names.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=>" not in line:
                continue
            forms, qid = line.rsplit("=>", 1)
            qid = qid.strip()
            for form in forms.split(","):
                k = kb.key(form)
                if k and " " not in k and k.isascii():
                    _VARIANTS[k].add(qid)
    return _VARIANTS


def same_word(a: str, b: str, variants: dict[str, set[str]]) -> bool:
    """Equal; or, for words of four letters or more, attested spellings of one name
    (rigour: "Mohammed"/"Muhammad", "Japarov"/"Zhaparov") or close ones with the same
    first letter (difflib ratio >= 0.8, at most two letters longer: "Maktoum"/"Maktum")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    if variants.get(a, set()) & variants.get(b, set()):
        return True
    return a[0] == b[0] and abs(len(a) - len(b)) <= 2 and SequenceMatcher(None, a, b).ratio() >= 0.8


def dates_agree(a: str, b: str) -> bool:
    """Equal, or one a less precise form of the other ("2021" and "2021-06-25")."""
    return bool(a) and bool(b) and (a == b or a.startswith(b + "-") or b.startswith(a + "-"))


def within(form: list[str], full: list[str], surnames: set[str], eq) -> bool:
    """Whether every word of `form` is a word of `full`, and `form` starts as `full`
    does or with the surname ("Ahmad Al Abdullah Al Sabah" within "Ahmad ABDULLAH
    Al-Ahmad al Sabah"; "Khalifa bin Salman Al Khalifa" not within "SALMAN bin Hamad
    Al-Khalifa")."""
    if not all(any(eq(w, f) for f in full) for w in form):
        return False
    return eq(form[0], full[0]) or any(eq(form[0], sn) for sn in surnames)


def match_person(persons: Persons, iso: str, full_keys: list[list[str]], surnames: set[str],
                 office: str, start: str, country_names: set[str],
                 variants: dict[str, set[str]]) -> tuple[list[dict], str]:
    """KB persons of `iso` who are the Factbook's office-holder, and how they matched.

    1. "name": a name or alias of the person has the same key as the Factbook's name (or
       its other spelling);
    2. "parts": a name or alias of at least two words, each a word of the Factbook's
       name, includes every word the Factbook writes in capitals (the surname) and a
       given name ("Joao Lourenco" for "Joao Manuel Goncalves LOURENCO");
    3. "spelling": as 2, words compared as attested spellings of one name (rigour's
       person_names: "Haybatullah"/"Hibatullah") or nearly equal;
    4. "office and date" / 5. "office": the person holds the same office open in the
       same country (rule 4: from the Factbook's date, at either's precision), a name of
       theirs has a word that spells the Factbook's surname (as in 3), and either a
       given name of theirs spells one of the Factbook's or the role starts on the
       Factbook's date ("Mohammed bin Zayed Al Nahyan", President since 2022-05-14,
       for "MUHAMMAD BIN ZAYID Al Nuhayyan (since 14 May 2022)"); a shared surname
       alone never matches (Russell Dlamini is not Cleopas Dlamini); or the person
       holds the office and a name of theirs of two words or more is words of the
       Factbook's name in order ("Samia Suluhu" for "Samia Suluhu HASSAN").
    Everybody a rule finds is a match (the KB holds a few persons twice, once from CIA
    World Leaders 2019 and once from every-politician: `choose` picks one and the report
    lists the others); persons are compared by country (their own or a role's).
    `SAME_PERSON` names the few the rules cannot find."""
    cands = persons.by_country.get(iso, [])
    if (iso, office) in SAME_PERSON:
        return [e for e in cands if e["id"] == SAME_PERSON[(iso, office)]], "stated"
    full_sets = [set(f) for f in full_keys]
    hits: dict[str, tuple[int, dict]] = {}

    def hit(e: dict, tier: int) -> None:
        if e["id"] not in hits:
            hits[e["id"]] = (tier, e)

    for e in cands:
        if any(f in full_keys for f in Persons.forms(e)):
            hit(e, 1)

    def covered(form: list[str], full: list[str], fuzzy: bool) -> bool:
        eq = (lambda a, b: same_word(a, b, variants)) if fuzzy else (lambda a, b: a == b)
        if len(form) < 2 or not surnames:
            return False
        if not within(form, full, surnames, eq):
            return False
        if not all(any(eq(sn, w) for w in form) for sn in surnames):
            return False
        given = set(full) - surnames
        return not given or any(eq(w, g) for w in form for g in given)

    for fuzzy, tier in [(False, 2), (True, 3)]:
        for e in cands:
            if any(covered(form, full, fuzzy) for form in Persons.forms(e) for full in full_keys):
                hit(e, tier)
    for e in cands:
        if not surnames:
            continue
        roles = [r for r in e.get("roles", [])
                 if not r.get("end") and r.get("country", e.get("country")) == iso
                 and role_office(r, country_names) == office]
        if not roles:
            continue
        same_start = bool(start) and any(dates_agree(r.get("start", ""), start) for r in roles)
        fuzzy = lambda a, b: same_word(a, b, variants)  # noqa: E731
        given = set().union(*full_sets) - surnames
        for form in Persons.forms(e):
            if len(form) < 2:
                continue
            rest = [w for w in form if not any(fuzzy(sn, w) for sn in surnames)]
            by_surname = all(any(fuzzy(sn, w) for w in form) for sn in surnames) and (
                same_start or any(fuzzy(w, g) for w in rest for g in given))
            by_words = any(within(form, full, surnames, fuzzy)
                           or same_start and all(any(fuzzy(w, f) for f in full) for w in form)
                           for full in full_keys)
            if by_surname or by_words:
                hit(e, 4 if same_start else 5)
                break
    if not hits:
        return [], ""
    names = ["name", "parts", "spelling", "office and date", "office"]

    def holds(e):
        return any(not r.get("end") and r.get("start") and r.get("country", e.get("country")) == iso
                   and role_office(r, country_names) == office
                   for r in e.get("roles", []))
    # The best rule's matches; a name match that does not hold the office (open, dated)
    # yields to a match that does (the KB's CIA World Leaders duplicate of a person
    # whose every-politician record holds the office).
    best = min(t for t, _ in hits.values())
    found = [e for (t, e) in hits.values() if t == best]
    if not any(holds(e) for e in found):
        holders = [(t, e) for (t, e) in hits.values() if t <= 4 and holds(e)]
        if holders:
            best = min(t for t, _ in holders)
            found = [e for t, e in holders if t == best] + found
    found = sorted(found, key=lambda e: e["id"])
    return found, names[best - 1]


def choose(found: list[dict], office: str, iso: str, country_names: set[str]) -> dict:
    """Among several matches, the one holding the office open, else a curated one, else
    the one with a Wikidata QID, else the first by id."""
    def rank(e):
        holds = any(not r.get("end") and role_office(r, country_names) == office
                    for r in e.get("roles", []))
        curated = any(f.startswith("curated/") for f in [e["_file"], *e.get("_amended_by", [])])
        return (not holds, not curated, not e.get("wikidata"), e["id"])
    return sorted(found, key=rank)[0]


# ---------------------------------------------------------------------------
# Leaders: new persons, amendments, report
# ---------------------------------------------------------------------------

def country_tables(entities: dict[str, dict]):
    """ISO -> country name, the keys of its names, and its demonym; the UN members."""
    names, keys, demonym, un = {}, defaultdict(set), {}, set()
    for e in entities.values():
        if e.get("type") == "country" and e.get("country"):
            names[e["country"]] = e["name"]
            for f in [e["name"], *e.get("aliases", [])]:
                keys[e["country"]].add(kb.key(f))
            if "UN member state." in e.get("description", ""):
                un.add(e["country"])
        if e.get("type") == "nationality" and e.get("country") and e["id"].startswith("demonym-"):
            demonym[e["country"]] = e["name"].split(",")[0].strip()
    return names, keys, demonym, un


def nice_date(date: str) -> str:
    parts = date.split("-")
    month = [m for m, i in MONTHS.items() if len(m) > 4 and i == int(parts[1])] if len(parts) > 1 else []
    long_month = {i: m for m, i in MONTHS.items() if len(m) >= 3}
    if len(parts) == 3:
        return f"{int(parts[2])} {long_month_name(int(parts[1]))} {parts[0]}"
    if len(parts) == 2:
        return f"{long_month_name(int(parts[1]))} {parts[0]}"
    return parts[0]


def long_month_name(i: int) -> str:
    return ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"][i - 1]


def describe(title: str, country_name: str, start: str, end: str) -> str:
    when = f" since {nice_date(start)}" if start and not end else ""
    if start and end:
        when = f" from {nice_date(start)} to {nice_date(end)}"
    return f"{title} of {country_name}{when}, as listed by the CIA World Factbook (data to January 2026)."


def leaders(src: Path, entities: dict[str, dict], report: list[str]):
    names, ckeys, demonyms, un = country_tables(entities)
    persons = Persons(entities)
    variants = name_variants(src)
    factbook = load_factbook(src)
    # Heads of state of UN members, to leave out the same person as a territory's chief
    # of state (the British king for Bermuda, the French president for New Caledonia).
    un_heads = set()
    for c in factbook:
        if c["iso"] in un:
            for t, n, s, e in offices_of(c).get("hos", []):
                un_heads.add(kb.key(display_name(n.split("|")[0])))

    new: dict[str, dict] = {}
    amendments: dict[str, dict] = {}
    status: dict[tuple[str, str], list[str]] = defaultdict(list)
    conflicts, stale, disagreements, matches, dupes, skipped, refined = [], [], [], [], [], [], []
    seen = set()
    for c in sorted(factbook, key=lambda c: (c["iso"], c["gec"])):
        iso = c["iso"]
        if iso not in names:
            continue
        offices = offices_of(c)
        for kind in ["hos", "hog"]:
            items = offices.get(kind, [])
            if not items and iso in un:
                status[(iso, kind)].append("none: the Factbook names nobody (" + (
                    "office vacant" if iso == "HT" and kind == "hos" else "no holder in the entry") + ")")
            for title, written, start, end in items:
                spellings = written.split("|")
                display = display_name(spellings[0])
                if kind == "hos" and iso not in un and kb.key(re.sub(r" of .*$", "", display)) in un_heads:
                    continue  # a territory's chief of state is its sovereign's
                full_keys = [kb.key(display_name(s)).split() for s in spellings]
                surnames = surname_keys(spellings[0])
                office = office_key(title, ckeys[iso])
                dedupe = (iso, kb.key(display), office, start)
                if dedupe in seen:
                    status[(iso, kind)].extend(status.get((iso, "hos"), [])[-1:])
                    continue
                seen.add(dedupe)
                role = {"title": title, "country": iso, "start": start, "end": end,
                        "source": SOURCE, "as_of": AS_OF}
                if (iso, kind) in ERRATA:
                    role["source"] = f"{SOURCE}; start left empty: {ERRATA[(iso, kind)]}"
                found, how = match_person(persons, iso, full_keys, surnames, office, start, ckeys[iso], variants)
                person = choose(found, office, iso, ckeys[iso]) if found else None
                if len(found) > 1:
                    dupes.append(f"{iso} {display}: {', '.join(e['id'] + ' (' + e['name'] + ')' for e in found)} -> {person['id']}")
                # Other persons holding the same office open in the KB.
                multi = (iso, kind) in MANUAL and len(MANUAL[(iso, kind)]) > 1
                later, earlier = [], []
                for e in persons.by_country.get(iso, []):
                    if person is not None and e["id"] == person["id"]:
                        continue
                    for r in e.get("roles", []):
                        if r.get("end") or r.get("country", e.get("country")) != iso:
                            continue
                        if role_office(r, ckeys[iso]) != office:
                            continue
                        if r.get("start") and start and r["start"] > start:
                            later.append((e, r))
                        elif r.get("start") and start and r["start"] < start:
                            earlier.append((e, r))
                if later and not multi:
                    e, r = later[0]
                    conflicts.append(
                        f"{iso} {kind} {title}: the Factbook (to 2026-01) has {display} since "
                        f"{start or '?'}; the KB has {e['name']} ({e['id']}, {e['_file']}) as "
                        f"{r['title']} since {r['start']} (source: {r.get('source') or e.get('source')}; "
                        f"as of {r.get('as_of') or e.get('as_of')}): left as the KB has it")
                    status[(iso, kind)].append(f"KB newer: {e['name']} since {r['start']}")
                    continue
                for e, r in earlier:
                    stale.append(f"{iso} {kind} {r['title']}: {e['name']} ({e['id']}) open since {r['start']} "
                                 f"(source: {r.get('source') or e.get('source')}) — the Factbook has {display} since {start}")
                etype = "head-of-state" if kind == "hos" else "head-of-government"
                if title.startswith("Vice President"):
                    etype = "official"
                if person is None:
                    pid = f"person-{iso.lower()}-{kb.slug(display)}"
                    if pid in entities:
                        raise SystemExit(f"id {pid} exists but did not match")
                    # One administrator of two territories (Christmas Island and the
                    # Cocos Islands) is one person.
                    twin = [p for p in new.values() if p["name"] == display and
                            any(r["title"] == title for r in p["roles"])]
                    if twin:
                        twin[0]["roles"].append(role)
                        status[(iso, kind)].append(f"new: {display}")
                        continue
                    if pid in new:
                        new[pid]["roles"].append(role)
                        if kind == "hos":
                            new[pid]["type"] = "head-of-state"
                        status[(iso, kind)].append(f"new: {display}" + ("" if start else " (no date)"))
                        continue
                    name = display
                    aliases = [display_name(s) for s in spellings[1:]]
                    if len(display.split()) == 1 or ROMAN.match(display.split()[-1]):
                        # A monarch known by one name ("Guillaume", "Tupou VI"): the name
                        # with the title, as the Factbook writes it.
                        aliases = [display, *aliases]
                        name = f"{title} {display}"
                    short = without_maternal_surname(display, iso)
                    aliases = [a for a in [*aliases, *([short] if short else [])]
                               if kb.key(a) != kb.key(name)]
                    new[pid] = {
                        "id": pid, "kind": "person", "type": etype, "name": name,
                        "aliases": aliases,
                        "description": describe(title, names[iso], start, end),
                        "country": iso, "source": SOURCE, "as_of": AS_OF, "roles": [role],
                    }
                    if short and short in aliases:
                        new[pid]["alias_kinds"] = [{"kind": "unvetted", "source": SHORT_FORM_SOURCE,
                                                    "aliases": [short]}]
                    status[(iso, kind)].append(f"new: {display}" + ("" if start else " (no date)"))
                    continue
                matches.append(f"{iso} {kind} {display} -> {person['id']} {person['name']} [{how}]")
                held = [r for r in person.get("roles", [])
                        if role_office(r, ckeys[iso]) == office
                        and r.get("country", person.get("country")) == iso]
                same = [r for r in held if r.get("start", "") == start]
                open_dated = [r for r in held if not r.get("end") and r.get("start")]
                open_undated = [r for r in held if not r.get("end") and not r.get("start")]
                ended = [r for r in held if r.get("end") and (not start or r["end"] >= start)]
                amendment = amendments.get(person["id"]) or {
                    "id": person["id"], "kind": "person", "type": person["type"],
                    "name": person["name"], "source": person.get("source", ""),
                    "as_of": person.get("as_of", ""), "aliases": [], "roles": [],
                    "_was": person["type"],
                }
                if ended and not open_dated:
                    r = ended[0]
                    conflicts.append(
                        f"{iso} {kind} {title}: the Factbook (to 2026-01) has {display} since {start or '?'}; "
                        f"the KB ends {person['name']}'s {r['title']} on {r['end']} "
                        f"(source: {r.get('source') or person.get('source')}): left as the KB has it")
                    status[(iso, kind)].append(f"KB newer: term ended {r['end']}")
                    continue
                target = same[0] if same and not same[0].get("end") else (open_dated[0] if open_dated else None)
                if target is not None:
                    if target.get("start") != start and dates_agree(target.get("start", ""), start):
                        refined.append(f"{iso} {kind} {person['name']}: {target.get('start')} / {start}")
                    elif target.get("start") != start:
                        disagreements.append(
                            f"{iso} {kind} {person['name']} ({person['id']}): {target['title']} since "
                            f"{target.get('start') or '(no date)'} in the KB ({target.get('source') or person.get('source')}), "
                            f"since {start or '(no date)'} in the Factbook: the KB's start kept")
                    r_as_of = target.get("as_of") or person.get("as_of", "")
                    if r_as_of >= AS_OF:
                        status[(iso, kind)].append(f"held: {person['name']} (KB as of {r_as_of})")
                    else:
                        confirmed = dict(target)
                        confirmed["source"] = (target.get("source") or person.get("source", "")) + \
                            f"; in office: {SOURCE}" + (
                                f", which dates it from {start}" if start and start != target.get("start") else "")
                        confirmed["as_of"] = AS_OF
                        if not any(x.get("start", "") == confirmed.get("start", "") and
                                   kb.same_office(x["title"], confirmed["title"]) for x in amendment["roles"]):
                            amendment["roles"].append(confirmed)
                        status[(iso, kind)].append(f"confirmed: {person['name']}")
                else:
                    if not any(x.get("start", "") == start and kb.same_office(x["title"], title)
                               for x in amendment["roles"]):
                        amendment["roles"].append(role)
                    status[(iso, kind)].append(f"added: {person['name']}" + ("" if start else " (no date)")
                                               + (" (beside an undated listing)" if open_undated else ""))
                if title.startswith("Vice President"):
                    pass  # listed as head of government, but a vice president's type stays
                elif amendment["_was"] not in ("head-of-state", "head-of-government") or \
                        (kind == "hos" and amendment["type"] == "head-of-government"):
                    amendment["type"] = etype
                    if not any(f.startswith("curated/") for f in [person["_file"], *person.get("_amended_by", [])]):
                        amendment["description"] = describe(title, names[iso], start, end)
                full = display_name(spellings[0])
                known = {kb.key(f) for f in [person["name"], *person.get("aliases", [])]}
                for s in spellings:
                    d = display_name(s)
                    if kb.key(d) not in known and len(d.split()) >= 2:
                        amendment["aliases"].append(d)
                        known.add(kb.key(d))
                amendments[person["id"]] = amendment
    return new, amendments, status, conflicts, stale, disagreements, matches, dupes, un, names, refined


# ---------------------------------------------------------------------------
# Political parties
# ---------------------------------------------------------------------------

DROP_PAREN = re.compile(
    r"^(?:formerly|former|includes|including|coalition|electoral|formed|operates|pro-|an? |the "
    r"party|party|alliance of|also|led by|merged|successor|dissolved|banned|in |for |based|"
    r"a |registered|until|since|ruling|opposition|previously|now|known|name|list)", re.I)
ACRONYM = re.compile(r"^[A-Z0-9ÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜƏ][A-Za-z0-9ÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜƏəçşğıöü&.\-!/'+]*$")


def looks_like_acronym(text: str) -> bool:
    """One token with at least two capital letters and at most as many lowercase
    letters as capitals ("CDU", "AfD", "PvdA", "CPI(M)", "SPOe"), or all capitals."""
    t = text.replace("(", "").replace(")", "")
    if " " in text or not ACRONYM.match(t):
        return False
    upper = sum(1 for c in t if c.isupper())
    lower = sum(1 for c in t if c.islower())
    return upper >= 2 and lower <= upper


def parse_party(line: str) -> tuple[str, list[str], list[str]] | None:
    """'Alternative for Germany or AfD' -> ('Alternative for Germany', [], ['AfD']);
    'Socialist Party (Partido Socialista) or PS' -> ('Socialist Party',
    ['Partido Socialista'], ['PS']). None for notes and headings."""
    text = strip_tags(line)
    if not text or text.endswith(":") or re.match(r"^(?:note|<|the |other|minor|\[)", text, re.I):
        return None
    text = re.split(r";\s*note|\bnote\s*[-–:]|;", text, flags=re.I)[0].strip()
    text = text.rstrip(" .,")
    if not text or len(text) > 140 or re.search(r"\b(?:have|has|are|were|is|was)\b", text):
        return None
    aliases: list[str] = []
    # Parentheticals: native names and translations stay as names; remarks go.
    def paren(m):
        inner = m.group(1).strip()
        if DROP_PAREN.match(inner) or re.search(r"\d", inner):
            return " "
        for part in re.split(r"\s+or\s+|/", inner):
            part = part.strip(" ,")
            if part:
                aliases.append(part)
        return " "
    for _ in range(2):
        text = re.sub(r"\(([^()]*)\)", paren, text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    parts = [p.strip(" ,") for p in re.split(r"\s+or\s+|\s+of\s+(?=[A-Z]{2,}$)", text) if p.strip(" ,")]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    acronyms = []
    for item in [*rest, *aliases]:
        (acronyms if looks_like_acronym(item) else []).append(item)
    names = [a for a in [*aliases, *rest] if not looks_like_acronym(a)]
    if looks_like_acronym(name):
        if not names:
            return None
        acronyms.insert(0, name)
        name, names = names[0], names[1:]
    return name, names, acronyms


def parties(src: Path, entities: dict[str, dict], report: list[str]):
    names, ckeys, demonyms, un = country_tables(entities)
    english = kb.english_words()
    # Organisations the KB has, by name key: a party the KB already has is left to it.
    org_by_key: dict[str, list[dict]] = defaultdict(list)
    any_by_key: dict[str, list[dict]] = defaultdict(list)
    acronym_owner: dict[str, set[str]] = defaultdict(set)
    for e in entities.values():
        for f in [e["name"], *e.get("aliases", [])]:
            any_by_key[kb.key(f)].append(e)
        if e.get("kind") == "organization":
            for f in [e["name"], *e.get("aliases", [])]:
                org_by_key[kb.key(f)].append(e)
        for a in e.get("acronyms", []):
            acronym_owner[a].add(e["id"])
    # A party named like another country's national legislature, which the Factbook
    # gives that country alone ("National People's Congress": China's legislature, and
    # a Zimbabwean party of 2022 in the Zimbabwe entry) is left out: the bare name in
    # news is the legislature, and the party would take it from it (the legislature
    # stage gives no body a name another KB entity has).
    legislature_names = legislature_countries(with_bare_forms(legislative_bodies(load_factbook(src)),
                                                              entities))
    raw = []
    for c in sorted(load_factbook(src), key=lambda c: (c["iso"], c["gec"])):
        iso = c["iso"]
        if iso not in names:
            continue
        pp = c["data"].get("Government", {}).get("Political parties")
        if not isinstance(pp, dict):
            continue
        text = pp.get("text", "") if isinstance(pp.get("text"), str) else ""
        for line in re.split(r"<br\s*/?>|\n", text):
            parsed = parse_party(line)
            if parsed:
                raw.append((iso, *parsed))
    # Acronyms: kept where exactly one party uses them, no other KB entity has them,
    # and they are not English words ("AMEN", "ACT") or single letters.
    uses: dict[str, set[str]] = defaultdict(set)
    for iso, name, aliases, acronyms in raw:
        for a in acronyms:
            uses[a].add((iso, kb.key(name)))
    out: dict[str, dict] = {}
    skipped, dropped_acr = [], Counter()
    for iso, name, aliases, acronyms in raw:
        if len(kb.key(name)) < 3:
            skipped.append(f"{iso} {name!r}: too short")
            continue
        words = kb.key(name).split()
        if len(words) == 1 and words[0] in english:
            skipped.append(f"{iso} {name!r}: a common English word as a name")
            continue
        existing = [e for e in org_by_key.get(kb.key(name), [])
                    if e.get("country", "") in ("", iso)]
        if existing:
            e = existing[0]
            skipped.append(f"{iso} {name!r}: the KB has it as {e['id']} ({e['type']}, {e['_file']})")
            continue
        pid = f"party-{iso.lower()}-{kb.slug(name)}"
        keep_acr = []
        for a in acronyms:
            letters = re.sub(r"[^A-Za-z]", "", a)
            if len(letters) < 3:
                dropped_acr["one or two letters"] += 1
            elif len(uses[a]) > 1:
                dropped_acr["used by several parties"] += 1
            elif acronym_owner.get(a):
                dropped_acr["another KB entity's acronym"] += 1
                report.append(f"- acronym {a} of {name} ({iso}) not added: it is {', '.join(sorted(acronym_owner[a]))}'s")
            elif kb.is_english_word(a):
                dropped_acr["an English word"] += 1
            else:
                keep_acr.append(a)
        if name[:1].islower() or name.count("(") != name.count(")") or \
                re.search(r" (?:loyal to|points to|of parties|of opposition parties) ", name):
            skipped.append(f"{iso} {name!r}: a remark, not a name")
            continue
        if kb.hides_slip(name, entities):
            skipped.append(f"{iso} {name!r}: {kb.hides_slip(name, entities)}")
            continue
        bait = kb.slip_bait(name, src)
        if bait:
            skipped.append(f"{iso} {name!r}: a one-word name {bait}")
            continue
        body_of = legislature_names.get(kb.key(name), set())
        if len(body_of) == 1 and iso not in body_of:
            skipped.append(f"{iso} {name!r}: the name of {names.get(next(iter(body_of)), '')}'s national "
                           "legislature (the Factbook's legislative branch)")
            continue
        clash = [e for e in any_by_key.get(kb.key(name), []) if e.get("kind") != "organization"]
        if clash:
            skipped.append(f"{iso} {name!r}: also the name of {clash[0]['id']} ({clash[0]['type']})")
            continue
        keep_alias = []
        for a in aliases:
            k = kb.key(a)
            if not k or k == kb.key(name) or (len(k.split()) == 1 and k in english) or len(k) < 3:
                continue
            if a.count("(") != a.count(")") or any_by_key.get(k) or kb.slip_bait(a, src) \
                    or kb.hides_slip(a, entities):
                continue
            if any(x.get("country", "") in ("", iso) for x in org_by_key.get(k, [])):
                continue
            keep_alias.append(a)
        if pid in out:
            continue
        desc = f"Political party of {names[iso]}"
        if keep_acr:
            desc += f" ({keep_acr[0]})"
        desc += ", listed by the CIA World Factbook (data to January 2026)."
        out[pid] = {"id": pid, "kind": "organization", "type": "party", "name": name,
                    "aliases": sorted(set(keep_alias), key=keep_alias.index),
                    "acronyms": keep_acr, "description": desc, "country": iso,
                    "source": SOURCE, "as_of": AS_OF}
    return out, skipped, dropped_acr


# ---------------------------------------------------------------------------
# Capitals and demonyms: compared with the KB, reported only
# ---------------------------------------------------------------------------

# Words of a division list that are not division names.
DIVISION_NOISE = re.compile(r"\b(?:note|see|and|the|singular|plural|regions?|provinces?|states?|districts?)\b", re.I)


def division_names(text: str) -> list[tuple[str, list[str]]]:
    """The divisions a Factbook "Administrative divisions" text lists, each with the
    other names it gives ("Bayern (Bavaria)", "Crimea or Avtonomna Respublika Krym"):
    the list follows the counts ("50 states and 1 district*; Alabama, ...") or a
    heading per kind ("provinces: Anhui, Fujian, ...")."""
    text = strip_tags(text)
    text = re.split(r"\bnote(?: \d+)?:", text)[0]
    if ":" in text:
        lists = [re.sub(r"\(see [^)]*\)", "", chunk)
                 for chunk in re.split(r"(?:^|\s)[a-z][a-z -]*:\s", text)[1:]]
    else:
        lists = [text.split(";", 1)[1]] if ";" in text and re.match(r"^\s*\d", text) else [text]
    out = []
    for chunk in lists:
        for item in division_items(chunk):
            item = item.replace("*", "").strip().strip("'").strip()
            if not item or not item[0].isupper() or re.search(r"\d", item):
                continue
            others = [o.strip() for o in re.findall(r"[(\[]([^)\]]*)[)\]]", item)
                      if o.strip().lower() not in LANGUAGE_LABELS]
            name = re.sub(r"[(\[][^)\]]*[)\]]", "", item).strip()
            # One division in several languages: "Cataluña (Castilian), Catalunya
            # (Catalan), Catalonha (Aranese) [Catalonia]" (see `division_items`).
            name, *more = [p.strip() for p in split_outside_brackets(name) if p.strip()] or [""]
            if " or " in name:
                name, *also = [p.strip() for p in name.split(" or ")]
                more = also + more
            others = more + others
            if not is_division_name(name) or DIVISION_NOISE.fullmatch(name):
                continue
            out.append((name, [o for o in others if is_division_name(o)]))
    return out


def division_items(chunk: str) -> list[str]:
    """The items of a division list: split at semicolons and commas outside brackets,
    except that the names of one division in several languages, every one labelled with
    its language and separated by commas inside a semicolon-separated list, stay one item
    ("...; Cataluña (Castilian), Catalunya (Catalan), Catalonha (Aranese) [Catalonia];
    ..." is Catalonia, not three divisions of which "Castilian" is another name)."""
    items = []
    for part in split_outside_brackets(chunk, ";"):
        names = split_outside_brackets(part, ",")
        labelled = [n for n in names if any(
            label.strip().lower() in LANGUAGE_LABELS for label in re.findall(r"\(([^)]*)\)", n))]
        items.extend([part] if len(names) > 1 and len(labelled) == len(names) else names)
    return items


def split_outside_brackets(text: str, separators: str = ",;") -> list[str]:
    """Items of a list split at `separators` (commas and semicolons) outside parentheses
    and brackets ("Ammochostos (Famagusta, Gazimagusa)" is one item)."""
    items, depth, current = [], 0, []
    for ch in text:
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch in separators and depth <= 0:
            items.append("".join(current))
            current, depth = [], 0
        else:
            current.append(ch)
    return [*items, "".join(current)]


# Lowercase words a division's name may hold ("Salah ad Din", "Mato Grosso do Sul").
NAME_PARTICLES = {"and", "of", "the", "de", "del", "do", "da", "dos", "das", "la", "las", "los",
                  "y", "e", "i", "et", "ad", "al", "an", "as", "az", "ar", "el", "en", "na", "di"}


def is_division_name(text: str) -> bool:
    """A name, not a remark ("Morocco also claims ...") or a fragment: capitalised, no
    digits or brackets, at most six words, every lowercase word a particle."""
    words = text.split()
    return (bool(words) and text[0].isupper() and len(words) <= 6
            and not re.search(r"[\d()\[\]]", text)
            and all(w[0].isupper() or w.lower() in NAME_PARTICLES or not w[0].isalpha()
                    for w in words))


# A country whose first-level list is longer names municipalities or districts
# (Slovenia's 212, the United Kingdom's 220 counties and unitary authorities), too small
# for a desk and too many to keep clear of town names; states, provinces and oblasts
# (Russia's 83) stay.
MAX_DIVISIONS = 100

# Countries whose states a story names without the country ("Texas", "Bavaria",
# "Sichuan", "Punjab"): their divisions get a region's prominence (0.5). Every other
# division gets a town's (0.25), so that, like a town, it is linked from one word only
# in a story about its country (crates/byline-core/src/analysis/linking.rs,
# `needs_the_storys_country`): "Durango" beside Chrysler's models is a car, not the
# Mexican state.
NAMED_ALONE = {"US", "CA", "AU", "IN", "CN", "DE"}

# Parenthesised labels of a division list that name a language, not a division.
LANGUAGE_LABELS = {"arabic", "kurdish", "english", "french", "spanish", "portuguese", "russian",
                   "dutch", "german", "italian", "chinese", "turkish", "persian", "greek", "local",
                   # Spain's co-official languages and others the lists label names with
                   "castilian", "catalan", "aranese", "valencian", "basque", "galician",
                   "welsh", "gaelic", "irish", "romansh", "flemish", "ukrainian", "swedish",
                   "finnish", "albanian", "serbian", "croatian", "bosnian", "hungarian",
                   "romanian", "polish", "maltese", "malay", "hindi", "urdu", "berber",
                   "tamazight", "swahili", "sami", "danish", "norwegian", "icelandic",
                   "faroese", "greenlandic", "estonian", "latvian", "lithuanian", "slovene",
                   "slovak", "czech", "bulgarian", "macedonian", "armenian", "georgian",
                   "azerbaijani", "kazakh", "uzbek", "tajik", "pashto", "dari", "bengali",
                   "tamil", "sinhala", "nepali", "thai", "lao", "khmer", "vietnamese",
                   "indonesian", "tagalog", "filipino", "japanese", "korean", "mongolian",
                   "hebrew", "amharic", "somali", "afrikaans", "zulu", "xhosa", "sotho",
                   "tswana", "malagasy", "creole"}


def divisions(src: Path, entities: dict[str, dict], names: dict[str, str],
              report: list[str], added: list[dict]) -> list[dict]:
    """First-level administrative divisions the Factbook lists (states, provinces,
    oblasts, governorates), for a country the KB knows: "Texas", "Sichuan", "Bavaria".
    The towns' collision rule applies: a division whose name (or other name) is another
    KB entity's name or alias — its capital city, a country, "Georgia" — an English word
    or a word of a KB person's name is left out, as is a name two countries list. A
    division of a country whose divisions news names alone (`NAMED_ALONE`: "Florida",
    "Montana") gives way only to a KB entity that is no city, and takes a name another
    country also lists."""
    taken: set[str] = set()
    # Names only a city that is no capital has: a state news names alone ("Virginia")
    # still takes them, its prominence ranking it above the city (Virginia, South Africa).
    taken_by_others: set[str] = set()
    # A city of the division's own country keeps its name (Hamburg, Delhi, Québec: the
    # city is what a story means, and its card has its population).
    city_countries: defaultdict[str, set[str]] = defaultdict(set)
    person_words: set[str] = set()
    # The cities of 100,000+ of the source, also those a later stage (towns.py) adds:
    # Kherson the city, not the oblast, is what a story means.
    for city in json.loads((src / "geonames/cities-pop100k.json").read_text(encoding="utf-8")):
        taken.add(kb.key(city["name"]))
        city_countries[kb.key(city["name"])].add(city["countrycode"])
    for e in [*entities.values(), *added]:
        for f in [e["name"], *e.get("aliases", [])]:
            taken.add(kb.key(f))
            if e.get("type") == "city":
                city_countries[kb.key(f)].add(e.get("country", ""))
            else:
                taken_by_others.add(kb.key(f))
            if e.get("kind") == "person":
                person_words.update(kb.key(f).split())
    english = kb.english_words()
    left_out: Counter = Counter()
    found: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    for c in sorted(load_factbook(src), key=lambda c: c["iso"]):
        if c["iso"] not in names:
            continue
        listed = c["data"].get("Government", {}).get("Administrative divisions", {})
        text = listed.get("text", "") if isinstance(listed, dict) else ""
        listing = division_names(text)
        if len(listing) > MAX_DIVISIONS:
            left_out["a country listing municipalities"] += len(listing)
            continue
        for name, others in listing:
            found[kb.key(name)].append((c["iso"], name, others))
    out = []
    for k, listings in sorted(found.items()):
        # A name two countries list is left out, unless one is a country whose divisions
        # news names alone ("Florida", also a department of Uruguay; "Punjab", of India
        # and Pakistan): then each is added, and the story's country and the prominence
        # below choose between them.
        alone = [listing for listing in listings if listing[0] in NAMED_ALONE]
        if len({iso for iso, _, _ in listings}) > 1 and len(alone) != 1:
            left_out["listed by two countries"] += 1
            continue
        named_alone = bool(alone)
        words = k.split()
        # A state news names alone is rarely a person's name word ("Montana", "Vermont"),
        # and is what a lone word means before a city abroad ("Virginia", South Africa)
        # or a city named after it ("Kansas", not Kansas City).
        why = ("short" if len(k.replace(" ", "")) < 4 else
               "another KB entity's name" if (
                   (k in taken_by_others or alone[0][0] in city_countries.get(k, ()))
                   if named_alone else (k in taken or f"{k} city" in taken)) else
               "an English word" if k in english else
               "a word of a KB person's name" if len(words) == 1 and k in person_words
               and not named_alone else "")
        if why:
            left_out[why] += 1
            continue
        first_of_each_country = {iso: (iso, name, others) for iso, name, others in reversed(listings)}
        for iso, name, others in sorted(first_of_each_country.values()):
            out.append(division_entity(iso, name, others, names, taken, english, person_words))
    report.extend(["", "## Administrative divisions", "",
                   f"- added: {len(out)}; left out: {dict(sorted(left_out.items()))}"])
    return sorted(out, key=lambda e: e["id"])


def division_entity(iso: str, name: str, others: list[str], names: dict[str, str],
                    taken: set[str], english: set[str], person_words: set[str]) -> dict:
    """One division's entity, with those of its other names no other entity, language
    label, English word or word of a person's name takes."""
    k = kb.key(name)
    aliases = [o for o in dict.fromkeys(others)
               if kb.key(o) not in taken and kb.key(o) not in LANGUAGE_LABELS
               and kb.key(o) not in english and kb.key(o) != k
               and not (len(kb.key(o).split()) == 1 and kb.key(o) in person_words)]
    entity = {"id": f"division-{iso.lower()}-{kb.slug(name)}", "kind": "location",
              "type": "province", "name": name,
              "prominence": 0.5 if iso in NAMED_ALONE else 0.25,
              "description": f"First-level administrative division of {names[iso]}, as listed by the CIA World Factbook.",
              "country": iso, "source": SOURCE, "as_of": AS_OF}
    if aliases:
        entity["aliases"] = aliases
    return entity


def capitals_and_demonyms(src: Path, entities: dict[str, dict]):
    """Capitals and demonyms of UN members that the KB lacks.

    A capital the KB has no place of that name (or of the other name the Factbook gives
    in parentheses, spaces aside) in that country is added (type `capital`), unless
    its name is an English word or another KB entity's name ("Victoria", Seychelles;
    "San Marino"). A demonym (the Factbook's adjective, and the regular plural of its
    noun: "Syrians") the KB's nationality lacks is
    added to it as another name, unless it is a country's name ("Luxembourg"), shorter
    than four letters, another KB entity's name, or given to two countries ("Korean"). Returns (new capitals,
    demonym amendments, report lines)."""
    names, ckeys, demonyms, un = country_tables(entities)
    places: dict[str, set[str]] = defaultdict(set)
    adjectives: dict[str, set[str]] = defaultdict(set)
    any_key: dict[str, set[str]] = defaultdict(set)
    nationality: dict[str, dict] = {}
    for e in entities.values():
        for f in [e["name"], *e.get("aliases", [])]:
            any_key[kb.key(f)].add(e["id"])
        if e.get("type") in ("city", "capital", "town") and e.get("country"):
            for f in [e["name"], *e.get("aliases", [])]:
                places[e["country"]].add(kb.key(f))
        if e.get("type") == "nationality" and e.get("country") and e["id"].startswith("demonym-"):
            nationality[e["country"]] = e
            for f in [e["name"], *e.get("aliases", [])]:
                for part in re.split(r",| or ", f):
                    adjectives[e["country"]].add(kb.key(part))
    english = kb.english_words()
    capitals, amendments, lines, proposed = [], [], [], []
    for c in sorted(load_factbook(src), key=lambda c: c["iso"]):
        iso = c["iso"]
        if iso not in un:
            continue
        cap = c["data"].get("Government", {}).get("Capital", {})
        text = strip_tags(cap.get("name", {}).get("text", "") if isinstance(cap, dict) else "")
        text = re.split(r";| note", text)[0]
        cap = re.split(r"\(| in [A-Z]", text)[0].strip()
        others = [re.sub(r"^aka ", "", x.split(",")[0]).strip() for x in re.findall(r"\(([^)]*)\)", text)]
        forms = {kb.key(cap).replace(" ", ""), kb.key(cap.split(",")[0]).replace(" ", "")} | {
            kb.key(re.split(r" in [A-Z]", o)[0]).replace(" ", "") for o in others}
        known = {p.replace(" ", "") for p in places[iso]}
        k = kb.key(cap)
        if cap and not (forms & known) and not re.search(r"\bno\b|\bofficial\b", cap):
            why = ("an English word" if k in english else
                   f"another KB entity's name ({', '.join(sorted(any_key[k]))})" if any_key.get(k) else "")
            if why:
                lines.append(f"{iso}: capital {cap!r} not added: {why}")
            else:
                capitals.append({
                    "id": f"capital-{iso.lower()}-{kb.slug(cap)}", "kind": "location", "type": "capital",
                    "name": cap, "description": f"Capital of {names[iso]}, as listed by the CIA World Factbook.",
                    "country": iso, "source": SOURCE, "as_of": AS_OF})
                lines.append(f"{iso}: capital {cap!r} added")
        nat = c["data"].get("People and Society", {}).get("Nationality", {})
        adj = nat.get("adjective", {}).get("text", "") if isinstance(nat, dict) else ""
        new_names = []
        for part in re.split(r";|,| or ", re.split(r"\(|<|\bnote\b", strip_tags(adj))[0]):
            part = part.strip()
            k = kb.key(part)
            if not part or k in adjectives[iso] or iso not in nationality:
                continue
            if len(k) < 4 or any(k in ck for ck in ckeys.values()) or any_key.get(k):
                lines.append(f"{iso}: demonym {part!r} not added (a country's or another KB entity's name, or short)")
                continue
            new_names.append(part)
        # The plural noun the Factbook gives ("Syrian(s)", "Filipino(s)"): "Syrians" is
        # the nationality, as the singular is. Only the regular "(s)"/"(es)" plurals;
        # "Frenchman(men)" and "Swiss (singular and plural)" are left as they are.
        noun = nat.get("noun", {}).get("text", "") if isinstance(nat, dict) else ""
        for item in re.split(r";|,", strip_tags(noun)):
            m = re.fullmatch(r"\s*([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)\((e?s)\)\s*", item)
            if not m or iso not in nationality:
                continue
            plural = m[1] + m[2]
            k = kb.key(plural)
            if k in adjectives[iso] or plural in new_names:
                continue
            if len(k) < 4 or any(k in ck for ck in ckeys.values()) or any_key.get(k):
                lines.append(f"{iso}: plural {plural!r} not added (a country's or another KB entity's name, or short)")
                continue
            new_names.append(plural)
        if new_names:
            proposed.append((iso, new_names))
    used = Counter(kb.key(n) for _, ns in proposed for n in ns)
    for iso, new_names in proposed:
        keep = [n for n in new_names if used[kb.key(n)] == 1]
        for n in new_names:
            if n not in keep:
                lines.append(f"{iso}: demonym {n!r} not added (the Factbook gives it to two countries)")
        if keep:
            e = nationality[iso]
            amendments.append({"id": e["id"], "kind": e["kind"], "type": e["type"], "name": e["name"],
                               "aliases": keep, "source": SOURCE, "as_of": AS_OF})
            lines.append(f"{iso}: demonym {', '.join(keep)} added to {e['name']}")
    return capitals, sorted(amendments, key=lambda a: a["id"]), sorted(lines)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

HEADER = """# Amendments from the CIA World Factbook (factbook.json @8662a8b1, data to 2026-01;
# public domain) of persons the KB already has: each adds the Factbook's dated role of
# head of state or government, or confirms as of 2026-01 a role the person already holds
# (same title and start: Entity::amend replaces it; the role keeps its source and gains
# the Factbook's). Where a person's type was not head of state or government it is set
# from the office; a description is replaced only where no curated file wrote one.
#
# GENERATED by scripts/kb/factbook.py — do not edit by hand; re-run the script. A
# person matched to the wrong KB record is fixed in the script (SAME_PERSON, rules of
# match_person), and the report target/kb-reports/factbook.md lists every match."""


PLACES_HEADER = """# Demonyms from the CIA World Factbook (factbook.json @8662a8b1, data to 2026-01; public
# domain) that the KB's nationalities lacked ("Nepali" beside "Nepalese"), added as other
# names of them (kb/generated/demonyms.jsonl). Rules in scripts/kb/factbook.py
# (capitals_and_demonyms).
#
# GENERATED by scripts/kb/factbook.py — do not edit by hand; re-run the script."""


# ---------------------------------------------------------------------------
# National legislatures and their chambers
# ---------------------------------------------------------------------------

LEGISLATIVE_BODIES = [("legislature", "Legislative branch", "legislature name"),
                      ("upper chamber", "Legislative branch - upper chamber", "chamber name"),
                      ("lower chamber", "Legislative branch - lower chamber", "chamber name")]
# The names news writes for a legislature the Factbook names generically ("Congress",
# "Senate": many countries have one, so the stage names it "Senate of the United
# States"): AP and Reuters style, written by hand; a form another KB entity has is left
# out by the same rule as the Factbook's own.
NEWS_FORMS = {
    ("US", "legislature"): ["United States Congress", "US Congress", "U.S. Congress"],
    ("US", "upper chamber"): ["United States Senate", "US Senate", "U.S. Senate"],
    ("US", "lower chamber"): ["United States House of Representatives", "US House of Representatives",
                              "U.S. House of Representatives", "U.S. House"],
}
# Country names written with "the" ("the House of Commons of the United Kingdom").
THE_COUNTRY = re.compile(r"\b(?:United|Republic|Islands|Kingdom|States|Netherlands|Philippines|"
                         r"Bahamas|Gambia|Maldives|Comoros|Seychelles|Emirates|Federated|DR)\b")
BODY_NAME = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<other>[^()]+)\))?$")


def legislative_bodies(fb: list[dict]) -> list[dict]:
    """Each country's legislature and chambers as the Factbook names them: "Parliament
    (Knesset)" -> forms ["Parliament", "Knesset"] (the English name, then the name in the
    country's language the Factbook gives in parentheses)."""
    out = []
    for country in fb:
        government = country["data"].get("Government", {})
        structure = government.get("Legislative branch", {}).get("legislative structure", {})
        structure = strip_tags(structure.get("text", "") if isinstance(structure, dict) else "")
        for role, section, field in LEGISLATIVE_BODIES:
            value = government.get(section, {}).get(field, {})
            text = " ".join(strip_tags(value.get("text", "") if isinstance(value, dict) else "").split())
            m = BODY_NAME.match(text)
            if not m:
                continue
            forms = [m["name"].strip()]
            other = (m["other"] or "").strip()
            # "(Federalnoye Sobraniye)" is a name; "(or Majlis)", "(since 2020)" are not.
            if other and not re.search(r"[0-9;:]|\b(?:or|since|formerly|also|includes)\b", other):
                forms.append(other)
            seats = government.get(section, {}).get("number of seats", {})
            seats = strip_tags(seats.get("text", "") if isinstance(seats, dict) else "")
            out.append({"iso": country["iso"], "role": role, "forms": forms,
                        "structure": structure.split()[0] if structure else "",
                        "seats": (re.match(r"^(\d+)", seats) or [None, ""])[1]})
    return out


def with_bare_forms(bodies: list[dict], entities: dict[str, dict]) -> list[dict]:
    """`bodies` with each form that starts with its country's demonym also written
    without it: "German Bundestag" is also the "Bundestag" (kb/generated/demonyms.jsonl)."""
    demonyms: dict[str, set[str]] = defaultdict(set)
    for e in entities.values():
        if e.get("type") == "nationality" and e.get("country"):
            demonyms[e["country"]].update(kb.fold(f) for f in [e["name"], *e.get("aliases", [])])
    for body in bodies:
        for form in list(body["forms"]):
            first, _, rest = form.partition(" ")
            if rest and kb.fold(first) in demonyms[body["iso"]] and rest not in body["forms"]:
                body["forms"].append(rest)
    return bodies


def legislature_countries(bodies: list[dict]) -> dict[str, set[str]]:
    """Name key -> the countries whose national legislature or chamber the Factbook
    calls so."""
    countries_of: dict[str, set[str]] = defaultdict(set)
    for body in bodies:
        for form in body["forms"]:
            countries_of[kb.key(form)].add(body["iso"])
    return countries_of


def legislatures(src: Path, entities: dict[str, dict], names: dict[str, str], report: list[str],
                 made: list[dict]) -> list[dict]:
    """National legislatures and chambers of the Factbook (type `government-body`, with
    country, source and date), merged with the KB by this rule: a body one of whose forms
    is already the name, alias or acronym of a KB organisation of the same country is that
    organisation, and nothing is written for it (no duplicate). A form is a name of its
    own only where one country alone uses it ("Knesset", "State Duma", "German
    Bundestag"); a form several countries' bodies share ("National Assembly", "Senate",
    "Parliament") or another KB entity has, an English word alone, or a one-word form
    one edit from a person's name, is left out, and a body left with no form is named
    "FORM of COUNTRY" after the Factbook's English name ("Parliament of Israel"). No
    identifier is given: the Factbook has none. `made`: the entities this stage writes
    besides (its persons, parties and capitals), which count as the KB's."""
    bodies = with_bare_forms(legislative_bodies(load_factbook(src)), entities)
    countries_of = legislature_countries(bodies)
    by_key: dict[str, list[dict]] = defaultdict(list)
    for e in [*entities.values(), *made]:
        for form in [e.get("name", ""), *e.get("aliases", []), *e.get("acronyms", [])]:
            if form:
                by_key[kb.key(form)].append(e)
    out: list[dict] = []
    merged, dropped = [], []
    ids: dict[tuple[str, str], str] = {}
    for body in bodies:
        iso, country = body["iso"], names.get(body["iso"], body["iso"])
        same = [e for f in body["forms"] for e in by_key.get(kb.key(f), [])
                if e.get("kind") == "organization" and e.get("country") == iso]
        if same:
            merged.append(f"{iso} {body['role']} {' / '.join(body['forms'])}: the KB has {same[0]['id']}")
            ids[(iso, body["role"])] = same[0]["id"]
            continue
        usable = []
        for form in body["forms"]:
            k = kb.key(form)
            if len(countries_of[k]) > 1:
                dropped.append(f"{form} ({iso}): {len(countries_of[k])} countries' bodies")
            elif by_key.get(k):
                dropped.append(f"{form} ({iso}): the KB has {by_key[k][0]['id']}")
            elif len(k.split()) == 1 and (kb.is_english_word(form) or kb.slip_bait(form, src)):
                dropped.append(f"{form} ({iso}): one word, an English word or a slip of a name")
            elif kb.hides_slip(form, entities):
                dropped.append(f"{form} ({iso}): would hide a slip of a KB name")
            else:
                usable.append(form)
        the = "the " if THE_COUNTRY.search(country) else ""
        name = usable[0] if usable else f"{body['forms'][0]} of {the}{country}"
        if not usable and by_key.get(kb.key(name)):
            dropped.append(f"{name}: the KB has {by_key[kb.key(name)][0]['id']}; body left out")
            continue
        eid = f"legislature-{iso.lower()}-{kb.slug(name)}"
        ids[(iso, body["role"])] = eid
        seats = f"{body['seats']} seats; " if body["seats"] else ""
        what = (f"{body['structure'].capitalize()} legislature" if body["role"] == "legislature" and body["structure"]
                else "Legislature" if body["role"] == "legislature" else body["role"].capitalize())
        news = [f for f in NEWS_FORMS.get((iso, body["role"]), []) if not by_key.get(kb.key(f))]
        out.append({"id": eid, "kind": "organization", "type": "government-body", "name": name,
                    "aliases": usable[1:] + news,
                    "description": f"{what} of {country} ({seats}the Factbook's name: {' / '.join(body['forms'])}).",
                    "country": iso, "parent": ids.get((iso, "legislature"), "") if body["role"] != "legislature" else "",
                    "source": f"{SOURCE}, legislative branch", "as_of": AS_OF})
    report += ["", f"## legislatures and chambers: {len(out)} new, {len(merged)} the KB had", "",
               *[f"- {m}" for m in merged], "", "### forms left out", "", *[f"- {d}" for d in dropped]]
    out.sort(key=lambda e: e["id"])
    return out


def changed(amendment: dict, person: dict) -> bool:
    return bool(amendment["roles"] or amendment["aliases"] or amendment.get("description")
                or amendment["type"] != person["type"])


def main() -> None:
    src = kb.sources_dir(sys.argv)
    entities = kb.load_kb(STAGE)
    mark_non_state_roles(entities)
    report: list[str] = []
    (new, amendments, status, conflicts, stale, disagreements, matches, dupes, un,
     names, refined) = leaders(src, entities, report)
    party_out, skipped, dropped = parties(src, entities, report)
    capitals, demonym_amendments, places = capitals_and_demonyms(src, entities)
    bodies = legislatures(src, entities, names, report,
                          [*new.values(), *party_out.values(), *capitals])
    regions = divisions(src, entities, names, report,
                        [*new.values(), *party_out.values(), *capitals, *bodies])

    people = [new[k] for k in sorted(new)]
    kb.write_jsonl(kb.OUTPUTS[STAGE][0], people)
    kb.write_jsonl(kb.OUTPUTS[STAGE][1], [party_out[k] for k in sorted(party_out)])
    amended = []
    for pid in sorted(amendments):
        a = amendments[pid]
        if not changed(a, entities[pid]):
            continue
        a = {k: v for k, v in a.items() if not k.startswith("_")}
        amended.append(a)
    kb.write_toml(kb.OUTPUTS[STAGE][2], HEADER, None, amended)
    kb.write_jsonl(kb.OUTPUTS[STAGE][3], capitals)
    kb.write_toml(kb.OUTPUTS[STAGE][4], PLACES_HEADER, None, demonym_amendments)
    kb.write_jsonl(kb.OUTPUTS[STAGE][5], bodies)
    kb.write_jsonl(kb.OUTPUTS[STAGE][6], regions)

    # Coverage of the UN members, on the KB as build.rs will compile it.
    final = kb.load_kb(None)
    _, ckeys, _, _ = country_tables(final)
    missing, vacant = [], []
    ok_words = ("confirmed", "added", "new", "held", "KB newer")
    for iso in sorted(un):
        for kind in ["hos", "hog"]:
            st = status.get((iso, kind), [])
            good = [x for x in st if x.startswith(ok_words) and "(no date)" not in x]
            if not good:
                # An office the Factbook records as vacant has nobody to date: listed
                # apart, not counted as a gap of the KB.
                (vacant if any("office vacant" in x for x in st) else missing).append(f"{iso} {names[iso]} — {'head of state' if kind == 'hos' else 'head of government'}: "
                               + ("; ".join(st) or "no entry"))
    roles_added = sum(len(a["roles"]) for a in amended)
    by_type = Counter(p["type"] for p in people)
    lines = [
        "# CIA World Factbook import (scripts/kb/factbook.py)", "",
        f"- new persons: {len(people)} ({', '.join(f'{t} {n}' for t, n in sorted(by_type.items()))})",
        f"- persons amended: {len(amended)} (roles added or confirmed: {roles_added})",
        f"- parties: {len(party_out)} (with an acronym: {sum(1 for p in party_out.values() if p['acronyms'])}); "
        f"acronyms left out: {dict(sorted(dropped.items()))}",
        f"- UN members: {len(un)}; without a current dated head of state or government: {len(missing)}; "
        f"offices recorded vacant: {len(vacant)}",
        "", "## UN members without a current, dated head of state or government", "",
        *[f"- {m}" for m in missing],
        "", "## Offices the Factbook records as vacant", "",
        *[f"- {m}" for m in vacant],
        "", "## Conflicts: a newer KB record says someone else holds the office (left as the KB has it)", "",
        *[f"- {c}" for c in conflicts],
        "", "## Start dates that differ (the KB's start kept; the Factbook's noted in the role's source)", "",
        *[f"- {d}" for d in disagreements],
        "", f"The Factbook gives a more precise start for {len(refined)} roles the KB dates by year or "
        "month only (kept as the KB has them, the Factbook's date noted in the source):", "",
        *[f"- {d}" for d in refined],
        "", "## Predecessors the KB still shows in office (no end date known, left open)", "",
        *[f"- {x}" for x in stale],
        "", "## Persons the KB holds twice (the first listed was amended)", "",
        *[f"- {x}" for x in dupes],
        "", "## Matches", "", *[f"- {x}" for x in matches],
        "", "## Status by UN member (chief of state | head of government)", "",
        *[f"- {iso}: {'; '.join(status.get((iso, 'hos'), []))} | {'; '.join(status.get((iso, 'hog'), []))}"
          for iso in sorted(un)],
        "", "## Capitals and demonyms of UN members the KB lacked", "",
        *[f"- {x}" for x in places],
        "", "## Parties left out", "", *[f"- {x}" for x in skipped],
        "", "## Party acronyms held by other KB entities", "", *report,
    ]
    kb.report_path("factbook.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"factbook: {len(people)} new persons, {len(amended)} amended ({roles_added} roles), "
          f"{len(party_out)} parties, {len(capitals)} capitals, {len(demonym_amendments)} demonyms amended; UN members without a current dated head of state or "
          f"government: {len(missing)}, vacant offices: {len(vacant)} (report: target/kb-reports/factbook.md)")


if __name__ == "__main__":
    main()
    sys.exit(kb.finish("factbook"))
