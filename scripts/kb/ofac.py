#!/usr/bin/env python3
"""Sanctioned persons, companies and news outlets from the US Treasury's OFAC SDN list.

    python3 scripts/kb/ofac.py [--sources ../shared/data/kb-sources]

Reads `ofac/alt.csv` and `ofac/add.csv` (OFAC SDN alternate names and addresses by
entity number; US Government work, public domain; via mino6225/eurasian-risk-screener
@77f0427, 2026-06) and the KB as build.rs compiles it, and writes:

* kb/script-generated/people-ofac.jsonl — persons on the list the KB lacks;
* kb/script-generated/organisations-ofac.jsonl — companies and news outlets the KB lacks;
* target/kb-reports/ofac.md — counts and everything left out, with the reason.

The list's primary-name file is not available offline, so an entity is known only by
its alternate names, grouped by entity number (`ent_num`). Armed groups are taken by
armed_groups.py (stage 3); this stage runs after the companies and before the towns
(which take no name it gives), so that it never takes a name another entity has.

Rules, in order.

1. A group is a person when every one of its names is written "SURNAME, Given" (the
   list's form for individuals). The display name is the first (OFAC's order) in
   reading order, "Given Surname", the surname in title case with Arabic particles
   lower case ("AL-ZAIDI, Shibl" -> "Shibl al-Zaidi"), a title before the given name
   ("Dr.", "Haji", "Mullah") left out; the other names are aliases. A
   person needs a given name and a surname of two letters or more in the display name.
   A name whose "given name" is a legal form ("FARMACIA JARLYNE, S.A. DE C.V.") is a
   company's, read without the comma ("FARMACIA JARLYNE S.A. DE C.V.").
2. A group is a news outlet when one of its names has a broadcasting or news word (TV,
   TELEVISION, NEWS, BROADCASTING, MEDIA, RADIO STATION), none a word of a maker of
   radio equipment (ENGINEERING, PLANT, SYSTEMS, ...) and none an armed-group word
   (armed_groups.ARMED); a company, known by two names or more (one name alone rarely
   tells the firm from its namesakes),  when one of its names has a legal form or a company
   word (armed_groups.NOT_GROUP's LTD, LLC, JSC, OOO, COMPANY, BANK, ...) and none is a
   charity, a foundation, a state unit (armed_groups.STATE_UNIT) or an armed-group
   name; a name needs a word of three letters or more besides its legal form. Names of companies and outlets are title case, a legal form and a word
   without a vowel kept in capitals ("JSC VTB LEASING" -> "JSC VTB Leasing").
3. Never duplicated: a group is left out when any of its names, folded, is the name or
   alias of a KB entity (the KB's record is kept; OFAC adds nothing the KB could
   join it by), and a name two groups share is left out of both (reported).
4. Country: the address country when all of a group's addresses name one.
5. Alias kinds (`alias_kinds`, docs/kb-format.md): an alias made from a name the list
   gives as "fka" is `historic`, as "nka" `official`, as "aka" `unvetted` (this snapshot
   does not carry OFAC's strong/weak quality; the list gathers the spellings documents
   use, to screen against, not spellings a desk accepts). The display name has none.

Each entity says in its description that the list names it, as of 2026-06, and
implies nothing more. Deterministic: re-running reproduces the files byte for byte.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import armed_groups as ag  # noqa: E402
import kbcommon as kb  # noqa: E402

STAGE = "ofac"
SOURCE = ag.OFAC_SOURCE
AS_OF = ag.OFAC_AS_OF
PERSONS_OUT = "script-generated/people-ofac.jsonl"
ORGS_OUT = "script-generated/organisations-ofac.jsonl"

PERSON_NAME = re.compile(r"^([A-Z][A-Z'\- .]*[A-Z.]), ([A-Z][\w'\- .]*)$")
OUTLET = re.compile(r"\b(TV|TELEVISION|NEWS|BROADCASTING|MEDIA|RADIO STATION)\b")
# Makers of radio and press equipment, not outlets.
NOT_OUTLET = re.compile(r"\b(ENGINEERING|ELECTRONIC\w*|PLANT|ZAVOD|SYSTEMS|EQUIPMENT|SUPERVISORY)\b")
NOT_COMPANY = re.compile(
    r"\b(FOUNDATION|CHARIT\w*|SOCIETY|RELIEF|ASSOCIATION|WELFARE|BENEVOLEN\w*|COMMITTEE|"
    r"UNIVERSITY|COLLEGE|SCHOOL|INSTITUT\w*|STIFTELSE|BUREAU|OFFICE|COUNCIL|ORGANI[SZ]ATION)\b")
COMPANY = re.compile(
    r"\b(LTD|LIMITED|LLC|L\.L\.C|INC|CO|COMPANY|CORPORATION|CORP|JSC|PJSC|OJSC|CJSC|OAO|OOO|"
    r"ZAO|PAO|AO|S\.A|SA|SARL|GMBH|FZE|FZCO|PLC|BANK|TRADING|INDUSTR\w*|HOLDINGS?|"
    r"ENTERPRISES?|SHIPPING|AIRLINES?|LOGISTICS|INVESTMENTS?|GROUP)\b")
LEGAL_FORMS = {"LTD", "LLC", "INC", "CO", "JSC", "PJSC", "OJSC", "CJSC", "OAO", "OOO", "ZAO",
               "PAO", "AO", "SA", "SARL", "GMBH", "FZE", "FZCO", "PLC", "TV", "FSUE", "LLP"}


# The words of a legal form, dots aside and in capitals (a given name on the list is in
# mixed case), that follow the comma of a company's name on the list: "KKVY BUCERIAS,
# S.A. DE C.V.", "NEOBIT, OOO", "SHENZHEN ... CO., LTD. NANCHANG BRANCH", which the person
# pattern would read as someone with the given name "S.A. DE C.V.".
LEGAL_FORM_WORDS = {"S", "SA", "SAS", "SAL", "SARL", "SRL", "SL", "SC", "SPR", "PR", "CV", "RL",
                    "DE", "LTDA", "EU"} | (LEGAL_FORMS - {"TV"})


def without_legal_form_comma(raw: str) -> str:
    """ "KKVY BUCERIAS, S.A. DE C.V." -> "KKVY BUCERIAS S.A. DE C.V.": a company's name,
    not "SURNAME, Given", when what follows the comma starts with a legal form; any other
    name as it is."""
    if not PERSON_NAME.match(raw):
        return raw  # "INFOROS INFORMATION AGENCY, CO, LTD." reads as no person already
    head, _, rest = raw.partition(", ")
    words = [w.replace(".", "") for w in rest.split()]
    # "SMITH, S." is a person with an initial: a legal form starting with "S." ("S. DE
    # R.L.") is all legal-form words, and any other starts with one of two letters.
    legal = bool(words) and words[0] in LEGAL_FORM_WORDS and (
        len(words[0]) >= 2
        or (all(w in LEGAL_FORM_WORDS for w in words) and any(len(w) >= 2 for w in words)))
    return f"{head} {rest}" if legal else raw


def parse(src: Path) -> tuple[dict[int, list[str]], dict[int, set[str]], dict[str, set[str]]]:
    """Alternate names by entity number (in OFAC's order), address countries, and each
    name's alternate-name types (aka, fka, nka)."""
    alts: dict[int, list[tuple[int, str]]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    with open(src / "ofac/alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4 and row[0].strip().isdigit() and row[1].strip().isdigit():
                name = without_legal_form_comma(" ".join(row[3].split()))
                alts[int(row[0])].append((int(row[1]), name))
                types[name].add(row[2].strip().lower())
    countries: dict[int, set[str]] = defaultdict(set)
    with open(src / "ofac/add.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 5 and row[0].strip().isdigit() and row[4].strip() not in ("-0-", ""):
                countries[int(row[0])].add(row[4].strip())
    names = {ent: list(dict.fromkeys(n for _, n in sorted(rows) if n))
             for ent, rows in sorted(alts.items())}
    return names, countries, types


def alias_kinds(aliases: list[str], origins: dict[str, set[str]]) -> list[dict]:
    """`alias_kinds` records of an entity's aliases: each alias takes the kind of the list
    type its names were given under (kbcommon.ALT_KINDS). `origins`: alias -> the types
    of the raw names it was made from. The source is the entity's."""
    return kb.alias_kind_records(aliases, {
        alias: [(kb.ALT_KINDS[t], "") for t in sorted(types) if t in kb.ALT_KINDS]
        for alias, types in origins.items()})


def surname_case(surname: str) -> str:
    """"AL-ZAIDI" -> "al-Zaidi", "VAN DER BERG" -> "van der Berg", "O'NEIL" -> "O'Neil"."""
    out = []
    for i, word in enumerate(surname.split()):
        parts = []
        for j, part in enumerate(word.split("-")):
            low = part.lower()
            if low in ag.PARTICLES and (j == 0 and "-" in word or i < len(surname.split()) - 1):
                parts.append(low)
            else:
                parts.append("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")))
        out.append("-".join(parts))
    return " ".join(out)


# Titles the list writes before a given name ("HAQ, Dr. Amin ul-"): no part of the name.
HONORIFIC = re.compile(r"^(?:(?:Dr|Haji|Hajji|Mullah|Mulla|Mufti|Maulawi|Mawlawi|Maulvi|Qari|"
                       r"Sheikh|Shaykh|Shaikh)\.? +)+", re.IGNORECASE)


def person_name(raw: str) -> str:
    """"Given Surname" of the list's "SURNAME, Given", without a title before the given
    name (a title is no name word: "Dr." had become a given name)."""
    m = PERSON_NAME.match(raw)
    assert m, raw
    given = HONORIFIC.sub("", m.group(2).strip()).strip()
    return f"{given} {surname_case(m.group(1).strip())}".strip()


def org_case(raw: str) -> str:
    words = []
    for word in raw.split():
        bare = re.sub(r"[^A-Z]", "", word)
        if bare in LEGAL_FORMS or (len(bare) >= 2 and not re.search(r"[AEIOUY]", bare)):
            words.append(word)
        elif word.lower() in {"of", "and", "the", "for", "de", "in"} and words:
            words.append(word.lower())
        else:
            words.append("-".join("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'"))
                                  for part in word.split("-")))
    return " ".join(words)


def distinctive(raw: str) -> bool:
    """Whether a company's name has a word of three letters or more besides its legal
    form ("S.A.S. E.U." has none)."""
    words = [re.sub(r"[^A-Z]", "", w) for w in raw.split()]
    return any(len(w) >= 3 and w not in LEGAL_FORMS for w in words)


def main() -> None:
    src = kb.sources_dir(sys.argv)
    entities = kb.load_kb(STAGE)
    report: dict[str, list[str]] = defaultdict(list)
    country_iso: dict[str, str] = dict(ag.COUNTRY_FIX)
    country_name: dict[str, str] = {}
    taken: dict[str, str] = {}
    for e in entities.values():
        if e.get("type") == "country":
            country_name[e["country"]] = e["name"]
            for f in [e["name"], *e.get("aliases", [])]:
                country_iso.setdefault(kb.key(f), e["country"])
        for f in [e["name"], *e.get("aliases", []), *e.get("acronyms", [])]:
            taken.setdefault(kb.key(f), e["id"])

    names, countries, types = parse(src)
    drafts: list[dict] = []
    for ent, raw in names.items():
        if all(PERSON_NAME.match(n) for n in raw):
            origins: dict[str, set[str]] = defaultdict(set)
            for n in raw:
                origins[person_name(n)] |= types[n]
            forms = list(origins)
            display = forms[0]
            if len(display.split()) < 2 or min(len(w) for w in display.split()) < 2:
                report["persons without a given name and surname (left out)"].append(
                    f"{ent}: {'; '.join(raw)}")
                continue
            drafts.append({"ent": ent, "kind": "person", "type": "person", "forms": forms,
                           "origins": origins})
            continue
        if any(PERSON_NAME.match(n) for n in raw):
            report["groups with names of a person and of something else (left out)"].append(
                f"{ent}: {'; '.join(raw)}")
            continue
        if any(ag.ARMED.search(n) for n in raw):
            continue  # armed_groups.py's
        outlet = any(OUTLET.search(n) for n in raw) and not any(NOT_OUTLET.search(n) for n in raw)
        company = any(COMPANY.search(n) for n in raw)
        if not (outlet or company):
            continue
        if any(NOT_COMPANY.search(n) or ag.STATE_UNIT.search(n) for n in raw):
            report["companies or outlets that are charities, offices or state bodies (left out)"
                   ].append(f"{ent}: {'; '.join(raw)}")
            continue
        origins = defaultdict(set)
        for n in raw:
            if distinctive(n):
                origins[org_case(n)] |= types[n]
        forms = list(origins)
        if len(forms) < 2 and not outlet:
            report["companies known by one name only (left out)"].append(f"{ent}: {'; '.join(raw)}")
            continue
        if not forms:
            continue
        drafts.append({"ent": ent, "kind": "organization",
                       "type": "outlet" if outlet else "company", "forms": forms,
                       "origins": origins})

    # Rule 3: names the KB has, and names two groups share.
    owners: dict[str, set[int]] = defaultdict(set)
    for d in drafts:
        for f in d["forms"]:
            owners[kb.key(f)].add(d["ent"])
    persons, orgs = [], []
    for d in drafts:
        in_kb = next((f for f in d["forms"] if kb.key(f) in taken), None)
        if in_kb:
            report["already in the KB by one of its names (left to the KB)"].append(
                f"{d['ent']}: {in_kb} ({taken[kb.key(in_kb)]})")
            continue
        forms = [f for f in d["forms"] if len(owners[kb.key(f)]) == 1]
        if len(forms) < len(d["forms"]):
            report["names two OFAC entities share (left out)"].append(
                f"{d['ent']}: {'; '.join(f for f in d['forms'] if f not in forms)}")
        if not forms:
            continue
        where = {country_iso.get(kb.key(c), "") for c in countries.get(d["ent"], set())}
        iso = where.pop() if len(where) == 1 else ""
        in_country = f" of {country_name[iso]}" if iso in country_name else ""
        what = {"person": "A person", "company": "A company", "outlet": "A news outlet"}[d["type"]]
        entity = {
            "id": f"{'person' if d['kind'] == 'person' else 'org'}-ofac-{d['ent']}",
            "kind": d["kind"], "type": d["type"], "name": forms[0], "aliases": forms[1:],
            "alias_kinds": alias_kinds(forms[1:], d["origins"]),
            "description": (f"{what}{in_country} on the US Treasury's OFAC list of Specially "
                            f"Designated Nationals (entry {d['ent']}, as of June 2026)."),
            "country": iso, "source": SOURCE, "as_of": AS_OF,
        }
        (persons if d["kind"] == "person" else orgs).append(kb.clean(entity))

    kb.write_jsonl(PERSONS_OUT, persons)
    kb.write_jsonl(ORGS_OUT, orgs)
    types = defaultdict(int)
    for o in orgs:
        types[o["type"]] += 1
    lines = ["# OFAC SDN import (scripts/kb/ofac.py)", "",
             f"- entities read: {len(names)}; persons written: {len(persons)}; "
             f"organisations written: {len(orgs)} ({dict(sorted(types.items()))})", ""]
    for title in sorted(report):
        lines += [f"## {title} ({len(report[title])})", "", *[f"- {x}" for x in report[title]], ""]
    kb.report_path("ofac.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"ofac: {len(persons)} persons, {len(orgs)} organisations {dict(types)}", file=sys.stderr)


if __name__ == "__main__":
    main()
    sys.exit(kb.finish("ofac"))
