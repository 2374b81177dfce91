#!/usr/bin/env python3
"""Intergovernmental organisations from supraverden (confirmordeny/supraverden @59ab4fa,
2026-06-24; CC BY-SA 4.0: attribution, and derived data shared alike).

    python3 scripts/kb/supraverden.py [--sources ../shared/data/kb-sources]

Reads `supraverden/general_list.yaml` (617 organisations: Wikidata QID, English and
other names, abbreviations, headquarters, organisation family; PyYAML 6.0.2, pinned in
scripts/kb/requirements.txt, installed into target/kb-venv on the first run) and the KB
as build.rs compiles it, and writes:

* kb/script-generated/intergovernmental-supraverden.jsonl — the organisations the KB lacks,
  type `un-body` (the UN family, the World Bank Group and UNEP bodies), `court` (a
  court or tribunal by name) or `intergovernmental`; `parent` the head of the
  organisation family where the KB has it (EU bodies -> european-union);
* kb/curated/supraverden-amendments.toml — the KB's own bodies matched by QID or name,
  amended by id with the QID and the names and acronyms they lacked;
* target/kb-reports/supraverden.md — merges, acronym collisions, what was left out.

Rules. Merge: same Wikidata QID, else an English name or alias equal to an existing
organisation's name or alias (folded; "Organisation"/"Organization", "Programme"/
"Program", "Centre"/"Center", "Defence"/"Defense", "Labour"/"Labor" and a leading "the"
made one). A QID two records share is dropped from both. Acronyms: an abbreviation
without spaces, not an English word (SCOWL), three letters or more, and held by no
other KB entity or record — a collision is reported and the acronym left out. Names:
the English name, other English and former names, and the names in French, Spanish,
German, Portuguese, Russian, Ukrainian and Chinese; a name another KB entity has, a
one-word common English word, a one-word name one edit from a person's name (see
kbcommon.slip_bait), or a name that would hide a slip of a KB name (kbcommon.hides_slip:
"Oslo and Paris Commissions" would make "European Commissions" a known name) is left
out; a record whose English name is left out is not added. Records the source assesses as not international
organisations ("Excluded") are left out. Descriptions are our own words.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kbcommon as kb  # noqa: E402


def ensure_yaml():
    """PyYAML from target/kb-venv (created on first use, pinned version)."""
    try:
        import yaml  # noqa: F401
        return
    except ImportError:
        pass
    venv = kb.ROOT / "target" / "kb-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r",
                    str(kb.ROOT / "scripts/kb/requirements.txt")], check=True)
    os.execv(str(python), [str(python), *sys.argv])


STAGE = "supraverden"
SOURCE = "supraverden (confirmordeny/supraverden @59ab4fa, CC BY-SA 4.0)"
AS_OF = "2026-06"
LANGS = ["fr", "es", "de", "pt", "ru", "uk", "zh"]
UN_FAMILIES = {"UN and affiliates", "UN Environment Programme entities", "World Bank Group entities"}
# Organisation family -> the name of its head organisation as the KB writes it.
FAMILY_HEAD = {
    "EU institutions and bodies": "European Union",
    "UN and affiliates": "United Nations",
    "Council of Europe entities": "Council of Europe",
    "African Union entities": "African Union",
    "OAS institutions and bodies": "Organization of American States",
    "Arab League entities": "Arab League",
    "Caribbean Community entities": "CARICOM",
    "Andean Community entities": "Andean Community",
    "ECOWAS entities": "Economic Community of West African States",
    "Organization of Turkic States entities": "Organization of Turkic States",
    "East African Community entities": "East African Community",
    "Common Market for Eastern and Southern Africa entities": "Common Market for Eastern and Southern Africa",
    "West African Economic and Monetary Union": "West African Economic and Monetary Union",
    "Mercosur entities": "Mercosur",
    "Eurasian Economic Union entities": "Eurasian Economic Union",
    "Organisation for Economic Co-operation and Development entities": "Organisation for Economic Co-operation and Development",
    "EFTA entities": "European Free Trade Association",
    "Economic and Monetary Community of Central Africa": "Economic and Monetary Community of Central Africa",
    "OSCE entities": "Organization for Security and Co-operation in Europe",
    "Association of Southeast Asian Nations entities": "Association of Southeast Asian Nations",
    "Organization of the Petroleum Exporting Countries": "Organization of the Petroleum Exporting Countries",
    "World Bank Group entities": "World Bank",
    "UN Environment Programme entities": "United Nations Environment Programme",
    "Nordic Council entities": "Nordic Council",
    "Commonwealth of Nations entities": "Commonwealth of Nations",
    "Pacific Islands Forum": "Pacific Islands Forum",
    "Central American Integration System entities": "Central American Integration System",
    "Benelux entities": "Benelux",
    "CGIAR entities": "CGIAR",
    "Colombo Plan entities": "Colombo Plan",
    "Southern African Development Community": "Southern African Development Community",
    "Organisation of Islamic Cooperation": "Organisation of Islamic Cooperation",
    "Organization of the Black Sea Economic Cooperation": "Organization of the Black Sea Economic Cooperation",
    "Antarctic Treaty System entities": "Antarctic Treaty Secretariat",
}
# Records the rules cannot match to the KB body they are, by English name -> KB id.
SAME_BODY = {
    # CEMAC: the KB's "Economic and Monetary Community of Central Africa" (acronym CEMAC)
    "Central African Economic and Monetary Community": "cemac",
}
# Abbreviations the source misprints, left out: (English name, abbreviation).
ERRATA = {
    # the Caribbean Development Bank is "CDB"; the source's "CBD" would take the
    # Convention on Biological Diversity's (and cannabidiol's) letters
    ("Caribbean Development Bank", "CBD"),
}
SPELLINGS = [("organisation", "organization"), ("programme", "program"), ("centre", "center"),
             ("defence", "defense"), ("labour", "labor")]


def org_key(name: str) -> str:
    k = kb.key(name)
    for a, b in SPELLINGS:
        k = re.sub(rf"\b{a}\b", b, k)
    return re.sub(r"^the ", "", k)


def values(record: dict, prefix: str, lang: str) -> list[str]:
    """Name_en, Name_other_en, Name_other_2_en, ... in order."""
    out = []
    pattern = re.compile(rf"^{prefix}(?:_(\d+))?_{lang}$")
    found = []
    for k, v in record.items():
        m = pattern.match(k)
        if m and isinstance(v, str) and v.strip():
            found.append((int(m.group(1) or 1), v.strip()))
    for _, v in sorted(found):
        out.append(v)
    return out


def looks_like_acronym(text: str) -> bool:
    t = text.replace("-", "").replace(".", "").replace("&", "")
    if " " in text or not t:
        return False
    upper = sum(1 for c in t if c.isupper())
    lower = sum(1 for c in t if c.islower())
    return upper >= 2 and lower <= upper


def based_in(hq: str, cities: dict[str, list[tuple[str, str]]], countries: dict[str, str]) -> str:
    """'Lisbon, Portugal' -> 'Lisbon, Portugal'; 'Europa building, Belgium' -> 'Belgium';
    'Bangkok, Rattanakosin Kingdom' -> 'Bangkok, Thailand': a city the KB knows in a
    country it knows, else the country alone."""
    if not hq:
        return ""
    parts = [p.strip() for p in hq.split(",")]
    country = countries.get(kb.key(parts[-1]), "") if len(parts) > 1 else ""
    city = parts[0]
    matches = cities.get(kb.key(city), [])
    if country:
        if any(c == country for _, c in matches):
            return f"{city}, {country}"
        return country
    if len(matches) == 1:
        return f"{city}, {matches[0][1]}"
    return ""


def main() -> None:
    ensure_yaml()
    import yaml

    src = kb.sources_dir(sys.argv)
    entities = kb.load_kb(STAGE)
    english = kb.english_words()
    data = yaml.safe_load((src / "supraverden/general_list.yaml").read_text(encoding="utf-8"))
    data = {k: v for k, v in data.items() if isinstance(v, dict) and v.get("SPRVD_id")}

    # KB indexes.
    by_qid = {e["wikidata"]: e for e in entities.values() if e.get("wikidata")}
    org_by_key: dict[str, list[dict]] = defaultdict(list)
    any_by_key: dict[str, list[dict]] = defaultdict(list)
    acronym_owner: dict[str, set[str]] = defaultdict(set)
    country_name: dict[str, str] = {}
    cities: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in entities.values():
        for f in [e["name"], *e.get("aliases", [])]:
            any_by_key[kb.key(f)].append(e)
            if e.get("kind") == "organization":
                org_by_key[org_key(f)].append(e)
        for a in e.get("acronyms", []):
            acronym_owner[a].add(e["id"])
        if e.get("type") == "country":
            for f in [e["name"], *e.get("aliases", [])]:
                country_name.setdefault(kb.key(f), e["name"])
    iso_name = {e["country"]: e["name"] for e in entities.values() if e.get("type") == "country"}
    for e in entities.values():
        if e.get("type") in ("city", "capital") and e.get("country") in iso_name:
            cities[kb.key(e["name"])].append((e["name"], iso_name[e["country"]]))

    qid_count = Counter(str(r.get("Wikidata_code", "")) for r in data.values())
    report: dict[str, list[str]] = defaultdict(list)
    records = []
    for title in sorted(data, key=lambda t: data[t]["SPRVD_id"]):
        r = data[title]
        if r.get("Assessment_against_FATF_definition") == "Excluded":
            report["left out: assessed by the source as not an international organisation"].append(
                f"{r.get('Name_en', title)} ({r['SPRVD_id']})")
            continue
        qid = str(r.get("Wikidata_code", ""))
        if not re.fullmatch(r"Q\d+", qid):
            qid = ""
        elif qid_count[qid] > 1:
            report["QIDs given to two records (dropped from both)"].append(f"{qid}: {r.get('Name_en', title)}")
            qid = ""
        name = (r.get("Name_en") or title).strip()
        en_names = [name, *values(r, "Name_other", "en"), *values(r, "Name_former", "en")]
        other = [v for lang in LANGS for v in values(r, "Name", lang)]
        # A name field holding an abbreviation ("UNITAR", "CGIAR") is one.
        abbrev_names = [n for n in other + en_names[1:] if looks_like_acronym(n) and n.isupper()]
        en_names = [en_names[0], *[n for n in en_names[1:] if n not in abbrev_names]]
        other = [n for n in other if n not in abbrev_names]
        abbrevs = [*values(r, "Abbreviation", "en"), *values(r, "Abbreviation_other", "en"),
                   *values(r, "Abbreviation_former", "en"), *values(r, "Abbreviation", "fr"),
                   *values(r, "Abbreviation", "es"), *abbrev_names]
        records.append({"r": r, "title": title, "qid": qid, "name": name, "en": en_names,
                        "other": other, "abbrevs": abbrevs})

    # Which records are the KB's own bodies.
    claimed: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        match, how = None, ""
        if rec["name"] in SAME_BODY:
            match, how = entities[SAME_BODY[rec["name"]]], "stated"
        elif rec["qid"] and rec["qid"] in by_qid:
            match, how = by_qid[rec["qid"]], "QID"
        else:
            found = {}
            for n in rec["en"]:
                for e in org_by_key.get(org_key(n), []):
                    found[e["id"]] = e
            if len(found) == 1:
                match, how = next(iter(found.values())), "name"
            elif len(found) > 1:
                report["names matching several KB organisations (not merged, not added)"].append(
                    f"{rec['name']}: {', '.join(sorted(found))}")
                rec["skip"] = True
        if match is not None:
            if match.get("kind") != "organization":
                report["QID of a KB entity that is not an organisation (not merged)"].append(
                    f"{rec['name']} {rec['qid']}: {match['id']} ({match['type']} {match['name']})")
                rec["qid"] = ""
                continue
            rec["match"], rec["how"] = match, how
            claimed[match["id"]].append(rec["name"])
    for eid, names in claimed.items():
        if len(names) > 1:
            report["several records matching one KB entity (the first merged)"].append(
                f"{eid}: {'; '.join(names)}")
    seen_claim = set()
    for rec in records:
        if "match" in rec:
            if rec["match"]["id"] in seen_claim:
                rec["skip"] = True
            seen_claim.add(rec["match"]["id"])

    # Acronyms: who would hold each.
    acr_records: dict[str, set[int]] = defaultdict(set)
    for i, rec in enumerate(records):
        for a in rec["abbrevs"]:
            if looks_like_acronym(a):
                acr_records[a].add(i)

    def clean_acronyms(i: int, rec: dict, own: set[str]) -> tuple[list[str], list[str]]:
        acronyms, extra_names = [], []
        for a in rec["abbrevs"]:
            if not looks_like_acronym(a):
                if " " in a and len(a) >= 4:
                    extra_names.append(a)
                continue
            if a in acronyms or a in own:
                continue
            if (rec["name"], a) in ERRATA:
                report["abbreviations the source misprints (left out)"].append(f"{a}: {rec['name']}")
                continue
            others = acronym_owner.get(a, set()) - {rec.get("match", {}).get("id")}
            if others:
                report["acronym collisions with the KB (acronym left out)"].append(
                    f"{a}: {rec['name']} / {', '.join(sorted(others))}")
                continue
            if len(acr_records[a]) > 1:
                report["acronyms two records share (left out of both)"].append(f"{a}: {rec['name']}")
                continue
            if len(re.sub(r"[^A-Za-z]", "", a)) < 3:
                report["acronyms of two letters (too ambiguous, left out)"].append(f"{a}: {rec['name']}")
                continue
            if kb.is_english_word(a):
                report["acronyms that are English words (left out)"].append(f"{a}: {rec['name']}")
                continue
            acronyms.append(a)
        return acronyms, extra_names

    def clean_names(rec: dict, names: list[str], own_keys: set[str], own_ids: set[str]) -> list[str]:
        out = []
        for n in names:
            k = kb.key(n)
            if not k or k in own_keys:
                continue
            if len(k.split()) == 1 and (k in english or kb.slip_bait(n, src)):
                report["one-word names left out (an English word, or one edit from a person's name)"].append(
                    f"{n}: {rec['name']}")
                continue
            if kb.hides_slip(n, entities):
                report["names left out: they would hide a slip of a KB name"].append(f"{n}: {rec['name']}")
                continue
            holders = [e for e in any_by_key.get(k, []) if e["id"] not in own_ids]
            if holders:
                report["names another KB entity has (left out)"].append(
                    f"{n}: {rec['name']} / {holders[0]['id']}")
                continue
            out.append(n)
            own_keys.add(k)
        return out

    new, amendments = [], []
    used_ids = set(entities)
    for i, rec in enumerate(records):
        if rec.get("skip"):
            continue
        r = rec["r"]
        match = rec.get("match")
        if match is not None:
            own_keys = {kb.key(f) for f in [match["name"], *match.get("aliases", [])]}
            acronyms, extra = clean_acronyms(i, rec, set(match.get("acronyms", [])))
            names = clean_names(rec, [*rec["en"], *extra, *rec["other"]], own_keys, {match["id"]})
            qid = rec["qid"] if rec["qid"] and not match.get("wikidata") else ""
            if match.get("wikidata") and rec["qid"] and match["wikidata"] != rec["qid"]:
                report["QIDs that differ from the KB's (KB kept)"].append(
                    f"{match['id']}: KB {match['wikidata']}, supraverden {rec['qid']}")
            report["merged"].append(f"{rec['name']} -> {match['id']} ({match['type']}, by {rec['how']})")
            if qid or names or acronyms:
                amendments.append({
                    "id": match["id"], "wikidata": qid, "kind": match["kind"], "type": match["type"],
                    "name": match["name"], "aliases": names, "acronyms": acronyms,
                    "source": SOURCE + (", with the Wikidata QID" if qid else ""), "as_of": AS_OF,
                })
            continue
        name = rec["name"]
        if kb.hides_slip(name, entities):
            report["records left out: their name would hide a slip of a KB name"].append(
                f"{name}: {kb.hides_slip(name, entities)}")
            continue
        if len(kb.key(name).split()) == 1 and (kb.key(name) in english or kb.slip_bait(name, src)):
            report["records left out: a one-word name that is an English word or one edit from a person's name"].append(name)
            continue
        holders = any_by_key.get(kb.key(name), [])
        if holders:
            report["records left out: their name is another KB entity's"].append(
                f"{name}: {holders[0]['id']} ({holders[0]['type']})")
            continue
        eid = rec["qid"] or f"igo-{kb.slug(name)}"
        if eid in used_ids:
            eid = f"igo-{kb.slug(name)}-{r['SPRVD_id'].lower()}"
        used_ids.add(eid)
        acronyms, extra = clean_acronyms(i, rec, set())
        names = clean_names(rec, [*rec["en"][1:], *extra, *rec["other"]], {kb.key(name)}, {eid})
        family = r.get("Org_family") or ""
        is_court = re.search(r"\b(?:Court|Tribunal)\b", name) and "Auditors" not in name
        etype = "court" if is_court else ("un-body" if family in UN_FAMILIES or
                                          r.get("Type") == "UN specialized agency" else "intergovernmental")
        parent = ""
        head = FAMILY_HEAD.get(family)
        if head:
            heads = list({e["id"]: e for e in org_by_key.get(org_key(head), [])}.values())
            if len(heads) == 1 and heads[0]["id"] != eid:
                parent = heads[0]["id"]
        desc = describe(r, name, family, based_in(str(r.get("Headquarters") or ""), cities, country_name))
        new.append({
            "id": eid, "wikidata": rec["qid"], "kind": "organization", "type": etype, "name": name,
            "aliases": names, "acronyms": acronyms, "description": desc, "parent": parent,
            "source": SOURCE, "as_of": AS_OF, "_family": family,
        })
    # Parents among the new records themselves (a family head supraverden adds).
    by_name = {org_key(e["name"]): e["id"] for e in new}
    for e in new:
        if not e["parent"]:
            head = FAMILY_HEAD.get(e["_family"])
            if head and by_name.get(org_key(head)) not in (None, e["id"]):
                e["parent"] = by_name[org_key(head)]

    new.sort(key=lambda e: e["id"])
    amendments.sort(key=lambda e: e["id"])
    kb.write_jsonl(kb.OUTPUTS[STAGE][0], new)
    header = """# Amendments from supraverden (confirmordeny/supraverden @59ab4fa, 2026-06-24; CC BY-SA
# 4.0 — attribution and share-alike for derived data) of intergovernmental bodies the KB
# already has: their Wikidata QID, and the names (English, former, and in French,
# Spanish, German, Portuguese, Russian, Ukrainian and Chinese) and acronyms they lacked.
# Matched by QID or by English name (scripts/kb/supraverden.py, which states the rules).
#
# GENERATED by scripts/kb/supraverden.py — do not edit by hand; re-run the script."""
    kb.write_toml(kb.OUTPUTS[STAGE][1], header, None, amendments)
    types = Counter(e["type"] for e in new)
    lines = ["# supraverden import (scripts/kb/supraverden.py)", "",
             f"- records: {len(data)}; new bodies: {len(new)} ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))}); "
             f"KB bodies amended: {len(amendments)}; with a QID: {sum(1 for e in new if e['wikidata'])} new, "
             f"{sum(1 for a in amendments if a['wikidata'])} added to KB bodies", ""]
    for section in sorted(report):
        items = list(dict.fromkeys(report[section]))
        lines += [f"## {section} ({len(items)})", "", *[f"- {x}" for x in items], ""]
    kb.report_path("supraverden.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"supraverden: {len(new)} new bodies ({dict(sorted(types.items()))}), {len(amendments)} KB bodies "
          f"amended (report: target/kb-reports/supraverden.md)")


def describe(r: dict, name: str, family: str, where: str) -> str:
    kind = r.get("Type") or ""
    if kind and kind not in ("EU itself", "OAS itself"):
        what = kind[0].upper() + kind[1:]
    elif family in UN_FAMILIES:
        what = "Body of the United Nations system"
    elif family.startswith("EU "):
        what = "Body of the European Union"
    else:
        what = "Intergovernmental organisation"
    if family and family not in ("none",) and family not in UN_FAMILIES and not family.startswith("EU ") \
            and not kind:
        what += f" ({family.replace(' entities', '').replace(' institutions and bodies', '')} family)"
    parts = [what]
    year = r.get("Year_established")
    if isinstance(year, int) or (isinstance(year, str) and year.isdigit()):
        parts.append(f"established in {year}")
    if where:
        parts.append(f"based in {where}")
    return ", ".join(parts) + "."


if __name__ == "__main__":
    main()
    sys.exit(kb.finish("supraverden"))
