#!/usr/bin/env python3
"""Armed groups from the MISP galaxy list of Canada's listed terrorist entities and the US
Treasury's OFAC SDN alternate names.

    python3 scripts/kb/armed_groups.py [--sources ../shared/data/kb-sources]

Reads `misp-galaxy/terrorist-groups.json` (MISP/misp-galaxy @9434ace4: 90 entities
listed under Canada's Criminal Code, with aliases; CC0) and `ofac/alt.csv` +
`ofac/add.csv` (OFAC SDN alternate names and address countries by entity number; US
Government work, public domain), and the KB as build.rs compiles it, and writes:

* kb/script-generated/armed-groups-listed.jsonl — groups the KB lacks;
* kb/curated/listed-armed-groups-amendments.toml — the KB's own armed groups, amended by
  id with the names and acronyms the lists give them;
* target/kb-reports/armed_groups.md — which OFAC entities were taken and why, merges,
  collisions, everything left out.

Rules, in order.

1. MISP: every listed entity is a group, except two persons (Gulbuddin Hekmatyar, James
   Mason), left out, and those `NOT_ARMED` names (a charity, fronts, online networks,
   street movements), typed `organization`; the rest are `armed-group` (insurgent,
   militant and terrorist organisations, and the cartels and gangs Canada lists).
   Names: the title without its parenthesised acronym, and the aliases of the summary
   (split at commas, semicolons and the final "and", outside parentheses).
2. OFAC: an entity is known here only by its alternate names (the primary-name file is
   not available offline). Persons are left out (their names are written "SURNAME,
   Given"). An entity is an armed group when (a) it shares a distinctive name with an
   armed group of the KB or of the MISP list (rule 3), or (b) at least one of its names
   has an armed-group word (`ARMED` below: Brigade(s), Battalion(s), Army, Militia,
   Front, Mujahideen, Jihad, Lashkar, Jaish, Kata'ib, Saraya, Liwa, Taliban, al-Qa'ida,
   Islamic State, Hizballah, Hamas, Guerrilla, Division, Regiment, Legion, Martyrs,
   Resistance, ...) and no more of its names are those of a company, charity, medium
   or state body (`NOT_GROUP`) than have such a word, and none is a state unit (a
   numbered unit, a ministry, a police or "military unit"). Cartels (on the SDN list
   for narcotics) are taken only through rule (a). `OFAC_NOT_ARMED` lists the entity
   numbers rule (b) takes wrongly, each with its reason.
   Display name: the first alternate name (OFAC's order) that has an armed-group word
   and no parentheses, else the first one; capitals made title case with Arabic
   particles lower case ("AL-QA'IDA IN THE ISLAMIC MAGHREB" -> "Al-Qa'ida in the Islamic
   Maghreb"). Country: the address country when all of an entity's addresses name one.
3. Merge: names are compared folded (case, diacritics, apostrophes, hyphens and a
   leading "the" ignored). A name two groups of the same list share ("Islamic Jihad",
   "Ansar al-Sunna", "The Base") is not evidence. A record joins the KB group (or MISP
   group) with which it shares the most distinctive names; a tie joins none and is
   reported. A record matching a KB organisation that is not an armed group (a state
   force such as the IRGC) is left to the KB and reported.
4. Names added: not a common English phrase (every word an English word or a generic
   word such as "Islamic": "Army of the Pure", "The Youth"), not another KB entity's
   name, not a one-word name one edit from a person's name (kbcommon.slip_bait), not a
   name that would hide a slip of a KB name (kbcommon.hides_slip).
   Acronyms: all capitals, three letters or more (two are too ambiguous: "AI", "AJ"),
   not an English word, and held by no other KB entity or group (collisions reported).

Descriptions are our own words; they say which list names the group and imply no
judgement beyond it. Deterministic: re-running reproduces the files byte for byte.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kbcommon as kb  # noqa: E402

STAGE = "armed_groups"
MISP_SOURCE = "MISP galaxy terrorist-groups @9434ace4 (Canada's listed terrorist entities; CC0)"
MISP_AS_OF = "2026-08"
OFAC_SOURCE = ("US Treasury OFAC SDN list, alternate names and addresses (public domain; "
               "via mino6225/eurasian-risk-screener @77f0427)")
OFAC_AS_OF = "2026-06"
FACTBOOK_SOURCE = "CIA World Factbook (factbook.json @8662a8b1, data to 2026-01), terrorist groups by country"
FACTBOOK_AS_OF = "2026-01"
# Records the rules cannot join (they share only an acronym, or a name spelt another
# way), joined by hand: each pair is one group.
SAME_GROUP = [
    # HUJI: OFAC's "HARKAT-UL-JIHAD-AL ISLAMI" is the Factbook's Harakat ul-Jihad-i-Islami
    (("factbook", "Harakat ul-Jihad-i-Islami"), ("ofac", 12148)),
    # HUJI-B: OFAC's "HARAKAT UL-JIHAD E ISLAMI BANGLADESH" (aka HUJI-B)
    (("factbook", "Harakat ul-Jihad-i-Islami/Bangladesh"), ("ofac", 10742)),
    # PFLP-GC: the Factbook writes "PFLP-General Command", MISP the name in full
    (("factbook", "PFLP-General Command"),
     ("misp", "Popular Front for the Liberation of Palestine - General Command (PFLP-GC)")),
    # Hurras al-Din: OFAC writes "TANZIM HURRAS AL-DIN" ("the Hurras al-Din organisation")
    (("factbook", "Hurras al-Din"), ("ofac", 27318)),
    # FARC-EP (OFAC 33983) is the acronym of the KB's FARC
    (("ofac", 33983), ("kb", "farc")),
]
# OFAC entities that share a transliteration with another group but are not it.
NEVER_JOIN = {
    56730: "Lebanon's al-Jama'a al-Islamiyya (Quwat al-Fajr), not Southeast Asia's Jemaah Islamiyah",
}
# The Factbook's misspellings of names it writes correctly elsewhere.
FACTBOOK_SPELLING = {
    "Segundo Marquetalia (SM)": "Segunda Marquetalia (SM)",
    "La Mara Salvatruche (MS-13)": "La Mara Salvatrucha (MS-13)",
    "PFLP-General Command (PLFP-GC)": "PFLP-General Command (PFLP-GC)",
    "Islamic State of Iraq and ash-Sham – East Asia (ISIS-EA) in the Philippines":
        "Islamic State of Iraq and ash-Sham – East Asia (ISIS-EA)",
    "Jaysh al Adl (Jundallah)": "Jaish al-Adl (Jundallah)",
}
# Factbook files whose Internet country code is not the country's ISO code.
TLD_ISO = {"uk": "GB", "fr": "FR", "nl": "NL", "us": "US", "gz": "PS", "we": "PS", "ee": ""}

MISP_PERSONS = {"Gulbuddin Hekmatyar", "James Mason"}
# Listed entities that are not armed groups: a charity, fronts and support networks,
# online networks and street movements.
NOT_ARMED = {
    "International Relief Fund for the Afflicted and Needy - Canada (IRFAN – CANADA)": "charity",
    "World Tamil Movement (WTM)": "fund-raising front",
    "Samidoun": "support network",
    "764": "online network",
    "Terrorgram Collective": "online network",
    "Maniac Murder Cult": "online network",
    "Blood & Honour (B&H)": "music and propaganda network",
    "Proud Boys": "street movement",
    "International Sikh Youth Federation (ISYF)": "support network",
}
ARMED = re.compile(
    r"\b(BRIGADES?|BATTALIONS?|ARMY|MILITIAS?|FRONT|MUJAHID\w*|MUJAHED\w*|MOJAHED\w*|JIHAD\w*|"
    r"LASHKAR\w*|JAISH\w*|JAYSH\w*|KATA'?IB|KATIBA\w*|ASA'?IB|LIWA'?|SARAYA|TALIBAN|TALEBAN|"
    r"QA'?IDA|QAIDA|QAEDA|ISLAMIC STATE|ISIL|ISIS|HIZBALLAH|HIZBULLAH|HEZBOLLAH|HAMAS|"
    r"GUERRILL\w*|INSURGEN\w*|DIVISION|REGIMENT|LEGION|TIGERS|COMMANDOS?|FIGHTERS|SHABAAB|"
    r"BOKO HARAM|MARTYRS|RESISTANCE|PARAMILITAR\w*|AUTODEFENSAS|EJERCITO|WILAYAT|WILAYAH|"
    r"TEHRIK|TAHRIR AL-SHAM|NUSRA\w*|MAQDIS|MUQAWAMA\w*|SQUADS?|ARMED|JABHAT|JABHET|AHRAR|JUND\w*|"
    r"TANZIM|KHILAFA\w*|KHALIFA|CALIPHATE|EMIRATE|FEDAYEEN|MAOIST|LIBERATION|COMBATANTS?|COMBATTANT|"
    r"PMC|CHVK|PRIVATE MILITARY|NUCLEI|CELLS|SABOTAGE)\b")
NOT_GROUP = re.compile(
    r"\b(LTD|LIMITED|LLC|L\.L\.C|INC|CO|COMPANY|CORPORATION|CORP|JSC|PJSC|OAO|OOO|ZAO|S\.A|"
    r"SARL|GMBH|FZE|BANK|TRADING|INDUSTR\w*|HOLDINGS?|ENTERPRISES?|FACTORY|PLANT|SHIPPING|"
    r"AIRLINES?|LOGISTICS|EXCHANGE|IMPORT|EXPORT|INVESTMENTS?|CONSTRUCTION|ENGINEERING|"
    r"UNIVERSITY|COLLEGE|SCHOOL|CASINO|HOTEL|TELEVISION|TV|RADIO|MEDIA|NEWS|AGENCY|"
    r"FOUNDATION|CHARIT\w*|SOCIETY|RELIEF|ASSOCIATION|INSTITUT\w*|FUND|TRUST|WELFARE|AID|"
    r"BENEVOLEN\w*|COMMITTEE|CENTER|CENTRE|ESTABLISHMENT|PRODUCTION|PUBLISH\w*|CARTEL|"
    r"OBSHCHESTVO|TAVARYSTVA|TOVARYSTVO|TAA|AKTSIONERNOE|OTKRYTOE|ZAKRYTOE|KOMPANIYA)\b")
STATE_UNIT = re.compile(
    r"\b\d+(?:ST|ND|RD|TH)\b|\b(MINISTRY|MVD|POLICE|MILITARY UNIT|GUARDS? CORPS|ARMED FORCES|"
    r"GOVERNMENT|NATIONAL GUARD|KOREAN PEOPLE'S ARMY|PEOPLE'S ARMY OF|STATE UNITARY|DEPARTMENT|"
    r"DIRECTORATE|BORDER GUARD|INTELLIGENCE|INFANTRY|FIRST RESPONDERS|OMON)\b|\bDIVISION \d+")
# OFAC entities rule 2(b) takes that are not armed groups, by entity number.
OFAC_NOT_ARMED: dict[int, str] = {
    9949: "a fund-raising association (Islamic Resistance Support Association)",
    10053: "a construction company (Jihad al-Binaa)",
    22484: "an Islamist umbrella organisation (Indonesian Mujahideen Council)",
    42186: "a state youth movement (Yunarmiya)",
    49260: "a neo-Nazi political movement (Nordic Resistance Movement)",
}
# Words that make a name generic when every other word is an English word.
GENERIC = {"islamic", "islam", "muslim", "muslims", "arab", "arabic", "jihad", "holy", "god",
           "allah", "mujahideen", "mujahidin", "jewish", "christian", "palestinian"}
STOP = {"of", "the", "and", "for", "in", "on", "to", "a", "an", "al", "el", "wa", "fi"}
COUNTRY_FIX = {"burma": "MM", "korea north": "KP", "region gaza": "PS", "palestinian": "PS",
               "region west bank": "PS", "west bank": "PS", "congo democratic republic of the": "CD",
               "congo republic of the": "CG", "region crimea": "UA", "turkey": "TR"}
PARTICLES = {"al", "el", "ul", "e", "i", "fi", "wa", "wal", "lil", "bil", "bi", "ad", "an", "ar",
             "as", "ash", "at", "az", "ud", "un", "of", "the", "and", "in", "for", "on", "at", "to",
             "de", "del", "la", "los", "las", "y", "da", "do", "dos", "des", "du", "le", "et"}


def name_key(text: str) -> str:
    k = kb.key(text)
    return re.sub(r"^the ", "", k)


ISIS_NAMES = re.compile(r"\b(?:islamic state of iraq and (?:ash sham|al sham|the levant|syria|sham)|"
                        r"islamic state of ash sham|isil|isis|daesh)\b")


def match_key(text: str) -> str:
    """The key names are compared by: name_key, with the Islamic State's long names made
    "islamic state", al-Qa'ida's spellings one, and "the", "of", "in" and "province"
    left out ("Islamic State of Iraq and ash-Sham – Sinai Province" = "Islamic State –
    Sinai Province")."""
    k = name_key(text)
    k = ISIS_NAMES.sub("islamic state", k)
    k = re.sub(r"\bqa(?:e|i)da\b|\bqa ida\b", "qaida", k)
    return " ".join(w for w in k.split() if w not in {"the", "of", "in", "province"})


def generic(name: str, english: set[str]) -> bool:
    words = [w for w in kb.key(name).split() if w not in STOP]
    return bool(words) and all(w in english or w in GENERIC for w in words)


def looks_like_acronym(text: str) -> bool:
    t = re.sub(r"[-/&.]", "", text)
    if " " in text.strip() or len(t) < 2 or not t.isalnum():
        return False
    return sum(c.isupper() for c in t) >= 2 and sum(c.islower() for c in t) <= 1


def split_outside_parens(text: str) -> list[str]:
    """A summary's list of aliases: split at commas and semicolons outside parentheses;
    the last item also at its last " and " when both sides start with a capital ("Abu
    Sayyef Group and Mujahideen Commando Freedom Fighters")."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ",;":
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    parts = [re.sub(r"^and ", "", p.strip().rstrip(".").strip()) for p in out]
    parts = [p for p in parts if p]
    if parts:
        last = parts[-1]
        m = re.match(r"^(.*) and ([A-Z].*)$", last)
        if m and m.group(1)[:1].isupper() and m.group(1).count("(") == m.group(1).count(")"):
            parts[-1:] = [m.group(1), m.group(2)]
    return parts


def unparen(name: str) -> tuple[str, list[str], list[str]]:
    """'Abu Sayaf Armed Band (ASAB)' -> ('Abu Sayaf Armed Band', [], ['ASAB']);
    'Saraya Al-Quds (The Jerusalem Brigades)' -> ('Saraya Al-Quds', ['The Jerusalem
    Brigades'], []); a parenthesis listing spellings ("(Mohammad, Muhammad)") goes."""
    aliases, acronyms = [], []

    def sub(m):
        inner = m.group(1).strip()
        if looks_like_acronym(inner):
            acronyms.append(inner)
        elif "," not in inner and inner[:1].isupper():
            aliases.extend(a.strip() for a in inner.split("/") if a.strip())
        return " "
    base = re.sub(r"\(([^()]*)\)", sub, name)
    return re.sub(r"\s+", " ", base).strip(" -–"), aliases, acronyms


def title_case(name: str, acronyms: set[str]) -> str:
    """OFAC's capitals in title case: 'AL-QA'IDA IN THE ISLAMIC MAGHREB' -> "Al-Qa'ida in
    the Islamic Maghreb"; acronyms and roman numerals stay in capitals."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if w in acronyms or re.fullmatch(r"[IVX]+|[A-Z]{1,4}\d*|\(?[A-Z]+\)?", w) and w.strip("()") in acronyms:
            out.append(w)
            continue
        parts = w.split("-")
        fixed = []
        for j, p in enumerate(parts):
            low = p.lower()
            bare = low.strip("()'\".,")
            first = i == 0 and j == 0
            if bare in PARTICLES and not first:
                fixed.append(low)
            else:
                fixed.append(re.sub(r"^([(\"']*)(\w)", lambda m: m.group(1) + m.group(2).upper(), low))
        out.append("-".join(fixed))
    return " ".join(out)


def initials_match(acr: str, names: list[str]) -> bool:
    """Whether `acr` is made of initials of the words of one of `names`, in order."""
    letters = re.sub(r"[^A-Z]", "", acr.upper())
    for n in names:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", n.upper()))
        it = iter(initials)
        if len(letters) >= 2 and all(c in it for c in letters):
            return True
    return False


def parse_misp(src: Path, report) -> list[dict]:
    misp = json.loads((src / "misp-galaxy/terrorist-groups.json").read_text(encoding="utf-8"))
    records = []
    for v in sorted(misp["values"], key=lambda v: v["value"]):
        title = v["value"]
        meta = v.get("meta", {})
        if title in MISP_PERSONS:
            report["MISP entries that are persons (left out)"].append(title)
            continue
        name, extra, acronyms = unparen(title)
        aliases = list(extra)
        summary = meta.get("summary", "")
        if summary and summary != "N/A":
            for part in split_outside_parens(summary):
                base, more, acr = unparen(part)
                acronyms += acr
                if looks_like_acronym(base):
                    acronyms.append(base)
                elif base:
                    aliases.append(base)
                aliases += more
        if "," in name:  # "Gulbuddin Hekmatyar's Faction of the Hezb-e Islami, Hezb-e Islami Gulbuddin"
            first, *rest = [p.strip() for p in name.split(",")]
            name, aliases = first, [*rest, *aliases]
        records.append({
            "node": ("misp", title), "name": name, "names": [name, *aliases], "acronyms": acronyms,
            "countries": set(), "type": "organization" if title in NOT_ARMED else "armed-group",
            "why": NOT_ARMED.get(title, ""), "title": title,
        })
    return records


def parse_factbook(src: Path, country_iso: dict[str, str], report) -> list[dict]:
    """The Factbook's "Terrorist group(s)" of each country: the US-designated groups
    active there (names split at semicolons; a parenthesis is an acronym or another
    name; "A/B" names both)."""
    by_key: dict[str, dict] = {}
    acr_key: dict[str, str] = {}
    for path in sorted((src / "factbook").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        entry = data.get("Terrorism", {}).get("Terrorist group(s)")
        if not isinstance(entry, dict):
            continue
        ic = data.get("Communications", {}).get("Internet country code", {})
        tld = ic.get("text", "").strip().split()[0].lstrip(".") if isinstance(ic, dict) and ic.get("text") else ""
        text = re.sub(r"<[^>]+>", " ", entry.get("text", ""))
        text = re.split(r"\bnote\b", __import__("html").unescape(text))[0]
        for item in text.split(";"):
            item = item.strip().rstrip(".")
            if not item or len(item) > 80 or re.search(r"known locally|such as|\bsee\b|\baka\b|groups$", item):
                if item:
                    report["Factbook entries not read (remarks, not names)"].append(item[:100])
                continue
            pieces = split_outside_parens(item)
            for piece in pieces:
                piece = FACTBOOK_SPELLING.get(piece, piece)
                name, extra, acronyms = unparen(piece)
                # an acronym names the whole only at the end: "(ISIS) - Yemen" is the parent's
                final = re.search(r"\(([^()]*)\)\s*$", piece)
                acronyms = [a for a in acronyms if final and a == final.group(1).strip()]
                names = [name, *extra]
                if "/" in name and all(len(x.split()) >= 2 for x in name.split("/")):
                    names += [x.strip() for x in name.split("/")]
                k = match_key(name)
                for a in acronyms:  # one group under two spellings with one acronym
                    k = acr_key.setdefault(a, k)
                rec = by_key.setdefault(k, {
                    "node": ("factbook", name), "name": name, "names": [], "acronyms": [],
                    "countries": set(), "type": "armed-group", "why": "", "title": name})
                rec["names"] += [n for n in names if n not in rec["names"]]
                rec["acronyms"] += [a for a in acronyms if "/" not in a and a not in rec["acronyms"]]
                iso = TLD_ISO.get(path.stem) or tld.upper()
                if iso:
                    rec["countries"].add(iso)
    return [by_key[k] for k in sorted(by_key)]


def parse_ofac(src: Path) -> dict[int, dict]:
    alts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    with open(src / "ofac/alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4 and row[0].strip().isdigit():
                alts[int(row[0])].append((int(row[1]), row[2].strip().strip('"'), row[3].strip()))
    countries: dict[int, set[str]] = defaultdict(set)
    with open(src / "ofac/add.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 5 and row[0].strip().isdigit() and row[4].strip() not in ("-0-", ""):
                countries[int(row[0])].add(row[4].strip())
    ofac = {}
    for ent in sorted(alts):
        names = [n for _, _, n in sorted(alts[ent])]
        lower = sum(1 for n in names if re.search(r"[a-z]", n))
        if lower * 2 > len(names):  # persons: "SURNAME, Given"
            continue
        acr = [n for n in names if looks_like_acronym(n) and initials_match(n, names)]
        types: dict[str, set[str]] = defaultdict(set)
        for _, alt_type, n in alts[ent]:
            if n not in acr:
                types[title_case(n, set(acr))].add(alt_type.lower())
        ofac[ent] = {"node": ("ofac", ent), "ref": ent, "raw": names, "acronyms": acr,
                     "countries": countries.get(ent, set()),
                     "names": [title_case(n, set(acr)) for n in names if n not in acr],
                     "types": types}
    return ofac


def ofac_is_armed(o: dict) -> tuple[bool, str]:
    """Rule 2(b): names with an armed-group word (and none of the words of a company,
    charity, medium or state body) at least as many as names of a company, charity or
    medium, and no name of a state unit."""
    names = o["raw"]
    armed = [n for n in names if ARMED.search(n) and not NOT_GROUP.search(n)]
    other = [n for n in names if NOT_GROUP.search(n)]
    state = [n for n in names if STATE_UNIT.search(n)]
    if not any(ARMED.search(n) for n in names):
        return False, ""
    if state:
        return False, "a state body or unit"
    if not armed or len(other) > len(armed):
        return False, "a company, charity or medium"
    if o["ref"] in OFAC_NOT_ARMED:
        return False, OFAC_NOT_ARMED[o["ref"]]
    return True, ""


def main() -> None:
    src = kb.sources_dir(sys.argv)
    entities = kb.load_kb(STAGE)
    english = kb.english_words()
    report: dict[str, list[str]] = defaultdict(list)
    country_iso: dict[str, str] = dict(COUNTRY_FIX)
    country_name: dict[str, str] = {}
    for e in entities.values():
        if e.get("type") == "country":
            country_name[e["country"]] = e["name"]
            for f in [e["name"], *e.get("aliases", [])]:
                country_iso.setdefault(kb.key(f), e["country"])

    misp = parse_misp(src, report)
    factbook = parse_factbook(src, country_iso, report)
    ofac = parse_ofac(src)

    # KB organisations by name.
    kb_index: dict[str, set[str]] = defaultdict(set)
    kb_primary: dict[str, set[str]] = defaultdict(set)
    any_by_key: dict[str, list[dict]] = defaultdict(list)
    acronym_owner: dict[str, set[str]] = defaultdict(set)
    for e in entities.values():
        for f in [e["name"], *e.get("aliases", [])]:
            any_by_key[name_key(f)].append(e)
            if e.get("kind") == "organization":
                kb_index[match_key(f)].add(e["id"])
        if e.get("kind") == "organization":
            kb_primary[match_key(e["name"])].add(e["id"])
            for a in e.get("acronyms", []):
                kb_index[f"acr:{a}"].add(e["id"])
        for a in e.get("acronyms", []):
            acronym_owner[a].add(e["id"])

    def keys_of(names, acronyms=()) -> set[str]:
        return {match_key(n) for n in names if match_key(n)} | {f"acr:{a}" for a in acronyms}

    # A name two groups of one source share is no evidence.
    ambiguous = {k for k, ids in kb_index.items() if len(ids) > 1}
    for source in (misp, factbook, list(ofac.values())):
        count = Counter(k for r in source for k in keys_of(r["names"], r["acronyms"]))
        ambiguous |= {k for k, c in count.items() if c > 1}

    def weight(key: str, target) -> float:
        """Evidence: an acronym counts two, a name one; a KB body that is not an armed
        group (a state force that shares a name with one) half."""
        w = 2.0 if key.startswith("acr:") else 1.0
        if target[0] == "kb" and entities[target[1]].get("type") != "armed-group":
            w /= 2
        return w

    conflicts: list[str] = report["name and acronym pointing to different bodies (not joined)"]

    def best(keys: set[str], index: dict[str, set]) -> tuple[object, list]:
        """The record or KB body sharing the most evidence, at least one name among it
        (an acronym alone joins nothing: "ISSP" is both the Sinai and the Sahel
        Province)."""
        votes: Counter = Counter()
        named: set = set()
        for k in keys - ambiguous:
            for target in index.get(k, ()):
                votes[target] += weight(k, target)
                if not k.startswith("acr:"):
                    named.add(target)
        by_acronym = {t for t in votes if t not in named}
        votes = Counter({t: v for t, v in votes.items() if t in named})
        if by_acronym and votes:
            # a name points to one body, an acronym to another (OFAC's PKK has the
            # name "The People's Defense Force", Myanmar's PDF's): neither is joined
            conflicts.append(f"{sorted(map(str, votes))} by name, {sorted(map(str, by_acronym))} by acronym")
            return None, []
        if not votes:
            return None, []
        top = votes.most_common()
        if len(top) > 1 and top[0][1] == top[1][1]:
            return None, sorted(str(t) for t, c in top if c == top[0][1])
        return top[0][0], []

    parent: dict = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            # a KB node is the root of its group
            if ra[0] == "kb":
                parent[rb] = ra
            else:
                parent[ra] = rb

    kb_nodes = {k: {("kb", i) for i in v} for k, v in kb_index.items()}
    sources = (("MISP", misp), ("Factbook", factbook), ("OFAC", list(ofac.values())))
    # Pass 1: the KB group each record is, if any.
    for source_name, source in sources:
        for r in source:
            r["keys"] = keys_of(r["names"], r["acronyms"])
            target, tie = best(r["keys"], kb_nodes)
            if target is None and not tie:
                # no distinctive name: the KB organisation whose own name this one is
                primary = r.get("name") or (r["names"] or r.get("raw") or [""])[0]
                prim = kb_primary.get(match_key(primary), set())
                if len(prim) == 1:
                    target = ("kb", next(iter(prim)))
            if tie:
                report[f"{source_name} records matching several KB organisations (left out)"].append(
                    f"{r['node'][1]}: {', '.join(tie)}")
                r["skip"] = True
            r["kb_target"] = target
    # Pass 2: the record of another list each record without a KB group is.
    by_source_index: dict[str, dict[str, set]] = {}
    for source_name, source in sources:
        index: dict[str, set] = defaultdict(set)
        for r in source:
            if not r.get("skip"):
                for k in r["keys"]:
                    index[k].add(r["node"])
        by_source_index[source_name] = index
    links = []
    for source_name, source in sources:
        for r in source:
            if r.get("skip") or r["kb_target"] is not None:
                continue
            for other_name, index in by_source_index.items():
                if other_name == source_name:
                    continue
                target, tie = best(r["keys"], index)
                if tie:
                    report[f"{source_name} records matching several {other_name} records (not joined)"].append(
                        f"{r['node'][1]}: {', '.join(tie)}")
                elif target is not None:
                    links.append((r["node"], target))
    links = [(a, b) for a, b in links
             if not (a[0] == "ofac" and a[1] in NEVER_JOIN) and not (b[0] == "ofac" and b[1] in NEVER_JOIN)]
    linked = {n for pair in links for n in pair}
    ofac_taken: dict[int, str] = {}
    for source_name, source in sources:
        for r in source:
            if r.get("skip"):
                continue
            if source_name == "OFAC":
                if r["kb_target"] is not None or (r["node"] in linked and any(
                        (a == r["node"] and b[0] != "ofac") or (b == r["node"] and a[0] != "ofac")
                        for a, b in links)):
                    ofac_taken[r["ref"]] = "a"
                else:
                    ok, why = ofac_is_armed(r)
                    if not ok:
                        if why:
                            report["OFAC entities with an armed-group word left out"].append(
                                f"{r['ref']}: {'; '.join(r['raw'][:3])} — {why}")
                        continue
                    ofac_taken[r["ref"]] = "b"
            parent.setdefault(r["node"], r["node"])
            if r["kb_target"] is not None:
                parent.setdefault(r["kb_target"], r["kb_target"])
                union(r["kb_target"], r["node"])
    for a, b in SAME_GROUP:
        if b[0] == "kb":
            parent.setdefault(b, b)
        if a[0] == "ofac" and a in {r["node"] for r in ofac.values()}:
            parent.setdefault(a, a)
            ofac_taken[a[1]] = "a"
        links.append((a, b))
    for ent, why in NEVER_JOIN.items():
        report["OFAC entities never joined to another group"].append(f"{ent}: {why}")
    for a, b in links:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra[0] == "kb" and rb[0] == "kb" and ra != rb:
                report["records joining two KB groups (not joined)"].append(f"{a[1]} / {b[1]}: {ra[1]}, {rb[1]}")
                continue
            union(a, b)

    records = {r["node"]: r for r in [*misp, *factbook, *ofac.values()] if r["node"] in parent}
    groups: dict = defaultdict(list)
    for node in parent:
        if node[0] != "kb":
            groups[find(node)].append(records[node])

    new, amendments = [], []
    used_ids = set(entities)
    owner_of_key: dict[str, set] = defaultdict(set)
    owner_of_acr: dict[str, set] = defaultdict(set)
    for root, members in groups.items():
        for r in members:
            for n in r["names"]:
                owner_of_key[name_key(n)].add(root)
            for a in r["acronyms"]:
                owner_of_acr[a].add(root)

    def order(root):
        return (root[0] != "kb", str(root[1]))

    def origins_of(members: list[dict]) -> dict[str, list[tuple[str, str]]]:
        """name key -> the (kind, source) pairs of the lists that give the name: OFAC's
        by its alternate-name type (kbcommon.ALT_KINDS), Canada's listing and the
        Factbook as "also known as" (unvetted)."""
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in members:
            for n in r["names"]:
                if r["node"][0] == "ofac":
                    pairs = [(kb.ALT_KINDS[t], OFAC_SOURCE) for t in sorted(r["types"].get(n, ()))
                             if t in kb.ALT_KINDS]
                else:
                    pairs = [("unvetted", MISP_SOURCE if r["node"][0] == "misp" else FACTBOOK_SOURCE)]
                found[name_key(n)] += [p for p in pairs if p not in found[name_key(n)]]
        return found

    for root in sorted(groups, key=order):
        members = sorted(groups[root], key=lambda r: ("misp factbook ofac".split().index(r["node"][0]), str(r["node"][1])))
        origins = origins_of(members)
        e = entities[root[1]] if root[0] == "kb" else None
        if e is not None and e.get("type") != "armed-group":
            report["listed groups the KB has as another kind of body (left as the KB has them)"].append(
                f"{e['id']} ({e['type']}) <- " + "; ".join(f"{r['node'][0]} {r['node'][1]}" for r in members))
            continue
        own_ids = {e["id"]} if e else set()
        display = e["name"] if e else pick_name(members)
        seen = {name_key(f) for f in ([e["name"], *e.get("aliases", [])] if e else [display])}
        names = []
        for r in members:
            for n in r["names"]:
                k = name_key(n)
                if not k or k in seen:
                    continue
                seen.add(k)
                if len(owner_of_key[k]) > 1 or k in ambiguous:
                    report["names two groups share (left out)"].append(n)
                elif generic(n, english):
                    report["generic names (left out)"].append(n)
                elif kb.hides_slip(n, entities):
                    report["names left out: they would hide a slip of a KB name"].append(n)
                elif [x for x in any_by_key.get(k, []) if x["id"] not in own_ids]:
                    x = [x for x in any_by_key.get(k, []) if x["id"] not in own_ids][0]
                    report["names another KB entity has (left out)"].append(f"{n} / {x['id']}")
                elif len(k.split()) == 1 and (k in english or kb.slip_bait(n, src)):
                    report["one-word names left out (an English word, or one edit from a person's name)"].append(n)
                elif len(k) >= 3:
                    names.append(n)
        acronyms = []
        for a in dict.fromkeys(a for r in members for a in r["acronyms"]):
            if e and a in e.get("acronyms", []):
                continue
            others = acronym_owner.get(a, set()) - own_ids
            if others:
                report["acronym collisions with the KB (left out)"].append(f"{a} ({display}): {', '.join(sorted(others))}")
            elif len(owner_of_acr[a]) > 1:
                report["acronyms two groups share (left out)"].append(a)
            elif len(re.sub(r"[^A-Za-z]", "", a)) < 3:
                report["acronyms of two letters (too ambiguous, left out)"].append(f"{a} ({display})")
            elif kb.is_english_word(a):
                report["acronyms that are English words (left out)"].append(a)
            else:
                acronyms.append(a)
        kinds = {r["node"][0] for r in members}
        srcs = []
        if "misp" in kinds:
            srcs.append(MISP_SOURCE)
        if "factbook" in kinds:
            srcs.append(FACTBOOK_SOURCE)
        if "ofac" in kinds:
            srcs.append(OFAC_SOURCE + " (entities " + ", ".join(
                str(r["ref"]) for r in members if r["node"][0] == "ofac") + ")")
        source = "; ".join(srcs)
        as_of = MISP_AS_OF if "misp" in kinds else (FACTBOOK_AS_OF if "factbook" in kinds else OFAC_AS_OF)
        label = "; ".join(f"{r['node'][0]} {r['node'][1]}" for r in members)
        if e is not None:
            report["merged into KB armed groups"].append(f"{e['id']} ({e['name']}) <- {label}")
            if names or acronyms:
                amendments.append({"id": e["id"], "kind": e["kind"], "type": e["type"], "name": e["name"],
                                   "aliases": names, "acronyms": acronyms, "source": source, "as_of": as_of,
                                   "alias_kinds": kb.alias_kind_records(
                                       names, {n: origins[name_key(n)] for n in names})})
            continue
        if kb.hides_slip(display, entities):
            report["groups left out: their name would hide a slip of a KB name"].append(f"{display} ({label})")
            continue
        if all(generic(n, english) for n in [display, *names]):
            report["groups left out: every name generic"].append(f"{display} ({label})")
            continue
        misp_members = [r for r in members if r["node"][0] == "misp"]
        etype = misp_members[0]["type"] if misp_members else "armed-group"
        ofac_countries = {country_iso.get(kb.key(c), "?") for r in members if r["node"][0] == "ofac"
                          for c in r["countries"]}
        fb_countries = {c for r in members if r["node"][0] == "factbook" for c in r["countries"]}
        iso = ""
        if len(ofac_countries) == 1 and "?" not in ofac_countries:
            iso = next(iter(ofac_countries))
        elif not ofac_countries and len(fb_countries) == 1:
            iso = next(iter(fb_countries))
        eid = f"group-{kb.slug(display)}"
        if eid in used_ids:
            eid = f"{eid}-{kb.slug(str(members[0]['node'][1]))}"
        used_ids.add(eid)
        aliases = [n for n in names if name_key(n) != name_key(display)]
        new.append({"id": eid, "kind": "organization", "type": etype, "name": display,
                    "aliases": aliases,
                    "alias_kinds": kb.alias_kind_records(aliases, {n: origins[name_key(n)] for n in aliases}),
                    "acronyms": acronyms, "country": iso, "source": source, "as_of": as_of,
                    "description": describe(members, etype, iso, country_name)})
        report["new groups"].append(f"{eid}: {label}")

    new.sort(key=lambda x: x["id"])
    amendments.sort(key=lambda x: x["id"])
    kb.write_jsonl(kb.OUTPUTS[STAGE][0], new)
    header = """# Amendments from the MISP galaxy list of Canada's listed terrorist entities (CC0), the
# CIA World Factbook's terrorist groups by country (public domain) and the US Treasury
# OFAC SDN alternate names (public domain) of armed groups the KB already has
# (kb/curated/armed-groups.toml): the names and acronyms these lists give them. Matched
# by shared distinctive names (scripts/kb/armed_groups.py states the rules).
#
# GENERATED by scripts/kb/armed_groups.py — do not edit by hand; re-run the script."""
    kb.write_toml(kb.OUTPUTS[STAGE][1], header, None, amendments)
    types = Counter(x["type"] for x in new)
    taken = Counter(ofac_taken.values())
    lines = ["# Armed groups import (scripts/kb/armed_groups.py)", "",
             f"- MISP entries: {len(misp)} read; Factbook groups: {len(factbook)}; OFAC entities (not persons): "
             f"{len(ofac)}, taken {len(ofac_taken)} (by a shared name: {taken['a']}, by rule 2(b): {taken['b']})",
             f"- new: {len(new)} ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))}); "
             f"KB groups amended: {len(amendments)}", ""]
    for section in sorted(report):
        items = list(dict.fromkeys(report[section]))
        lines += [f"## {section} ({len(items)})", "", *[f"- {x}" for x in items], ""]
    kb.report_path("armed_groups.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"armed_groups: {len(new)} new ({dict(sorted(types.items()))}), {len(amendments)} KB groups amended; "
          f"OFAC entities taken: {len(ofac_taken)} (report: target/kb-reports/armed_groups.md)")


def pick_name(members: list[dict]) -> str:
    """The MISP title (its acronym in parentheses dropped), else the Factbook's name, else
    OFAC's: the name an acronym of the entity abbreviates ("DEVRIMCI HALK KURTULUS
    PARTISI-CEPHESI" for DHKP/C), else the first alternate name with an armed-group
    word and no parentheses, else the first."""
    for kind in ("misp", "factbook"):
        for r in members:
            if r["node"][0] == kind:
                return r["name"]
    o = members[0]
    acr = set(o["acronyms"])
    raw = [n for n in o["raw"] if n not in acr]
    for a in o["acronyms"]:
        for n in raw:
            if "(" not in n and initials_match(a, [n]) and len(re.findall(r"[A-Za-z]+", n)) >= len(
                    re.sub(r"[^A-Z]", "", a)):
                return title_case(n, acr)
    for n in raw:
        if ARMED.search(n) and "(" not in n:
            return title_case(n, acr)
    return title_case(raw[0] if raw else o["raw"][0], acr)


def describe(members: list[dict], etype: str, iso: str, country_name: dict[str, str]) -> str:
    kinds = {r["node"][0] for r in members}
    misp = [r for r in members if r["node"][0] == "misp"]
    what = "Armed group" if etype == "armed-group" else "Organisation"
    if misp and misp[0]["why"]:
        what = misp[0]["why"][0].upper() + misp[0]["why"][1:]
    where = f" based in {country_name.get(iso, iso)}" if iso else ""
    lists = []
    if "misp" in kinds:
        lists.append("listed as a terrorist entity by Canada")
    if "factbook" in kinds:
        lists.append("named among US-designated terrorist groups by the CIA World Factbook")
    if "ofac" in kinds:
        lists.append("on the US Treasury's SDN sanctions list")
    return f"{what}{where}; " + ", ".join(lists[:-1]) + (" and " if len(lists) > 1 else "") + lists[-1] + "."


if __name__ == "__main__":
    main()
    sys.exit(kb.finish("armed_groups"))
