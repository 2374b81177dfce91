"""Shared helpers of the KB importers in scripts/kb/ (stdlib only).

* `load_kb(stage)` reads the repository's KB as `build.rs` compiles it — every
  `kb/generated/*.jsonl` in name order (written by `byline kb import`; a later entity
  with the same id replaces an earlier one), every `kb/script-generated/*.jsonl` (the
  JSONL these scripts write; new entities only), then every `kb/curated/*.toml` in name
  order (an entity with an existing id amends it, as `Entity::amend` in
  crates/byline-kb/src/model.rs does) — leaving out the files of `stage` and of the
  stages after it, so that a re-run reads exactly what the first run read and
  reproduces its files byte for byte.
* `fold`/`key` are the matching keys; `english_words()` the common-word list.
* `write_jsonl`/`write_toml` write entities in the KB format (docs/kb-format.md).

Where the outputs go: JSONL to kb/script-generated/ (kb/generated/ holds exactly what
`byline kb import` writes, which crates/byline-kb-import/tests/reimport.rs checks byte
for byte); TOML amendments and curated-style files to kb/curated/, where they amend
entities by id in name order.

Stages run in this order (scripts/kb/import_all.sh, after `byline kb import`); each
reads the output of the stages before it and none of the stages after it:
supraverden.py (intergovernmental bodies), armed_groups.py (MISP galaxy + OFAC),
factbook.py (leaders and parties), companies.py (index companies and their key people,
with the hand-curated brand layer that amends them), ofac.py (sanctioned persons,
companies and outlets: it takes no name the KB has), towns.py (the world's and the
conflict-zone towns, last so that a town never takes a name, alias or person-name word
another entity has; no other stage reads the town files).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / "kb"
DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "kb-sources"

STAGES = ["supraverden", "armed_groups", "factbook", "companies", "ofac", "towns"]
OUTPUTS = {
    "supraverden": [
        "script-generated/intergovernmental-supraverden.jsonl",
        "curated/supraverden-amendments.toml",
    ],
    "armed_groups": [
        "script-generated/armed-groups-listed.jsonl",
        "curated/listed-armed-groups-amendments.toml",
    ],
    "factbook": [
        "script-generated/people-factbook.jsonl",
        "script-generated/parties-factbook.jsonl",
        "curated/world-leaders-factbook.toml",
        "script-generated/capitals-factbook.jsonl",
        "curated/demonyms-factbook.toml",
        "script-generated/legislatures-factbook.jsonl",
        "script-generated/divisions-factbook.jsonl",
    ],
    "companies": ["curated/companies-20-indices.toml"],
    "ofac": [
        "script-generated/people-ofac.jsonl",
        "script-generated/organisations-ofac.jsonl",
    ],
    "towns": ["curated/towns-conflict-zones.toml", "curated/towns-world.toml"],
}
# Hand-curated files that amend a stage's output by id, so that they load with it.
COMPANIONS = {"companies": ["curated/companies-brands.toml"]}
# The folders build.rs reads, in its order.
KB_FOLDERS = ["generated", "script-generated", "curated"]

ENTITY_KEYS = [
    "id", "wikidata", "kind", "type", "name", "aliases", "acronyms", "alias_kinds", "description",
    "country", "parent", "born", "died", "prominence", "source", "as_of", "banned", "roles",
]
ROLE_KEYS = ["title", "organization", "country", "start", "end", "source", "as_of"]


# The kinds of spelling an alias may be (`alias_kinds`, docs/kb-format.md), in the order
# a desk trusts them: an alias several sources give takes the first.
KIND_ORDER = ["official", "exonym", "romanisation", "other-language", "historic", "nickname", "unstated",
              "unvetted"]
# A sanctions or terrorist list's type of an alternate name and the kind of spelling it
# makes an alias: "fka" (formerly known as) a historic name, "nka" (now known as) the
# official one, "aka" unvetted -- such lists gather the spellings documents use, to
# screen against, not the ones a desk accepts (OFAC's strong/weak quality is not in the
# snapshot). Canada's listing (MISP galaxy) and the Factbook give only "also known as".
ALT_KINDS = {"nka": "official", "fka": "historic", "aka": "unvetted"}


def alias_kind_records(aliases: list[str], origins: dict[str, list[tuple[str, str]]]) -> list[dict]:
    """`alias_kinds` records of an entity's aliases. `origins`: alias -> the (kind,
    source) pairs of the lists that gave it; the alias takes the first kind in KIND_ORDER
    and the first source that gave that kind. One record per kind and source, in
    KIND_ORDER and then first-seen source order; an empty source is left out (the
    entity's own source then stands for it)."""
    by_record: dict[tuple[str, str], list[str]] = {}
    for alias in aliases:
        pairs = origins.get(alias, [])
        if not pairs:
            continue
        kind = min((k for k, _ in pairs), key=KIND_ORDER.index)
        source = next(src for k, src in pairs if k == kind)
        by_record.setdefault((kind, source), []).append(alias)
    records = []
    for (kind, source), names in sorted(by_record.items(), key=lambda item: KIND_ORDER.index(item[0][0])):
        record = {"kind": kind, "source": source, "aliases": names} if source else \
            {"kind": kind, "aliases": names}
        records.append(record)
    return records


def sources_dir(argv: list[str]) -> Path:
    """`--sources DIR` from the command line, else ../shared/data/kb-sources."""
    if "--sources" in argv:
        return Path(argv[argv.index("--sources") + 1]).resolve()
    return DEFAULT_SOURCES


# ---------------------------------------------------------------------------
# Reading the KB as build.rs compiles it
# ---------------------------------------------------------------------------

def _excluded(stage: str | None) -> set[str]:
    if stage is None:
        return set()
    later = STAGES[STAGES.index(stage):]
    return {path for s in later for path in OUTPUTS[s] + COMPANIONS.get(s, [])}


def excluded_names(stage: str) -> set[str]:
    """The file names (no folder) a stage must not read: its own files, its companions'
    and every later stage's. For the scripts that read the KB by file name
    (towns.kb_entities): companies.py once left out only its own files and so read
    OFAC's and the conflict-zone towns' outputs, which are made after it and from it, so
    no re-run could reproduce it."""
    return {Path(path).name for path in _excluded(stage)}


def _load_toml(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = data.get("meta", {})
    out = []
    for entity in data.get("entity", []):
        entity = dict(entity)
        if not entity.get("source"):
            entity["source"] = meta.get("source", "")
        if not entity.get("as_of"):
            entity["as_of"] = meta.get("as_of", "")
        out.append(entity)
    return out


def _load_jsonl(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def same_office(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long == short or long.startswith(short + " ")


def amend(entity: dict, amendment: dict) -> None:
    """Entity::amend of crates/byline-kb/src/model.rs, on dicts."""
    names_only = not amendment.get("description") and not amendment.get("roles")

    def union(field: str, more: list[str]) -> None:
        lst = entity.setdefault(field, [])
        for item in more:
            if item not in lst:
                lst.append(item)

    if amendment.get("name") and amendment["name"] != entity.get("name"):
        old = entity["name"]
        entity["name"] = amendment["name"]
        union("aliases", [old])
    entity["aliases"] = [a for a in entity.get("aliases", []) if a != entity["name"]]
    union("aliases", amendment.get("aliases", []))
    entity["aliases"] = [a for a in entity["aliases"] if a != entity["name"]]
    union("acronyms", amendment.get("acronyms", []))
    union("banned", amendment.get("banned", []))
    for record in entity.get("alias_kinds", []):
        if not record.get("source"):
            record["source"] = entity.get("source", "")
    for record in amendment.get("alias_kinds", []):
        record = {**record, "aliases": list(record["aliases"])}
        if not record.get("source"):
            record["source"] = amendment.get("source", "")
        records = entity.setdefault("alias_kinds", [])
        for held in records:
            if held["kind"] == record["kind"] and held.get("source", "") == record["source"]:
                held["aliases"] += [a for a in record["aliases"] if a not in held["aliases"]]
                break
        else:
            records.append(record)
    entity["kind"] = amendment["kind"]
    for field in ["type", "wikidata", "description", "country", "parent", "born", "died"]:
        if amendment.get(field):
            entity[field] = amendment[field]
    if amendment.get("prominence") is not None:
        entity["prominence"] = amendment["prominence"]
    for role in entity.get("roles", []):
        if not role.get("source"):
            role["source"] = entity.get("source", "")
        if not role.get("as_of"):
            role["as_of"] = entity.get("as_of", "")
    if names_only:
        src = amendment.get("source", "")
        if src and src not in entity.get("source", ""):
            entity["source"] = f"{entity.get('source', '')}; names: {src}"
    else:
        for field in ["source", "as_of"]:
            if amendment.get(field):
                entity[field] = amendment[field]
    for role in amendment.get("roles", []):
        role = dict(role)
        if not role.get("source"):
            role["source"] = amendment.get("source", "")
        if not role.get("as_of"):
            role["as_of"] = amendment.get("as_of", "")
        roles = entity.setdefault("roles", [])
        for i, held in enumerate(roles):
            if held.get("start", "") == role.get("start", "") and same_office(
                held.get("title", ""), role.get("title", "")
            ):
                roles[i] = role
                break
        else:
            roles.append(role)


def load_kb(stage: str | None) -> dict[str, dict]:
    """id -> merged entity (dicts in the JSONL shape), in build order."""
    excluded = _excluded(stage)
    entities: dict[str, dict] = {}
    for sub in KB_FOLDERS:
        folder = KB / sub
        for path in sorted(folder.iterdir()):
            rel = f"{sub}/{path.name}"
            if rel in excluded or path.suffix not in (".toml", ".jsonl"):
                continue
            found = _load_toml(path) if path.suffix == ".toml" else _load_jsonl(path)
            for entity in found:
                entity["_file"] = rel
                eid = entity["id"]
                if eid in entities and sub == "curated":
                    amend(entities[eid], entity)
                    entities[eid].setdefault("_amended_by", []).append(rel)
                else:
                    entities[eid] = entity
    return entities


# ---------------------------------------------------------------------------
# Keys and word lists
# ---------------------------------------------------------------------------

_SPECIAL = {"ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}


def fold(text: str) -> str:
    """Lowercase, Latin diacritics dropped, typographic apostrophes and dashes made
    ASCII (normalize::fold of byline-kb)."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        if ch in "’‘ʼ`´ʻ":
            ch = "'"
        elif ch in "‐‑‒–—":
            ch = "-"
        low = ch.lower()
        out.append(_SPECIAL.get(low, low))
    return unicodedata.normalize("NFC", "".join(out))


def key(text: str) -> str:
    """Matching key for comparing names across sources: folded, apostrophes dropped,
    every other non-alphanumeric run one space ("Al-Qa'ida" -> "al qaida")."""
    folded = fold(text).replace("'", "")
    return " ".join(re.findall(r"[^\W_]+", folded))


_ENGLISH: set[str] | None = None


def english_words() -> set[str]:
    """Common English words: the KB's own list (SCOWL, 4+ letters) and the all-lowercase
    entries of Debian's wamerican (SCOWL 2020.12.07, every length) when installed."""
    global _ENGLISH
    if _ENGLISH is None:
        words = set()
        for line in (ROOT / "crates/byline-kb/src/english_words.txt").read_text().splitlines():
            if line and not line.startswith("#"):
                words.add(line)
        dict_path = Path("/usr/share/dict/american-english")
        if not dict_path.exists():
            sys.exit("needs Debian's wamerican (apt-get install wamerican) for short English words")
        for line in dict_path.read_text(encoding="utf-8").splitlines():
            if line.isalpha() and line.islower():
                words.add(line)
        _ENGLISH = words
    return _ENGLISH


def is_english_word(text: str) -> bool:
    return fold(text).replace(".", "") in english_words()


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def clean(entity: dict) -> dict:
    """Drops empty fields and private keys, orders keys as docs/kb-format.md does."""
    out = {}
    for k in ENTITY_KEYS:
        v = entity.get(k)
        if v is None or v == "" or v == []:
            continue
        if k == "roles":
            v = [{rk: r[rk] for rk in ROLE_KEYS if r.get(rk)} for r in v]
        out[k] = v
    return out


# `--check` on a stage's command line: write no KB file, compare each with what this run
# makes instead (`emit`), and exit 1 naming the stale ones (`finish`). The committed
# files of the stages before are its input, as on a real run, so each stage is checked
# alone and in any order (crates/byline-kb-import/tests/reimport.rs runs them all).
CHECK = "--check" in sys.argv[1:]
_STALE: list[str] = []


def emit(rel: str, text: str) -> Path:
    """Writes kb/REL, or under `--check` records it as stale when it differs."""
    path = KB / rel
    if not CHECK:
        path.write_text(text, encoding="utf-8")
    elif not path.is_file() or path.read_text(encoding="utf-8") != text:
        _STALE.append(f"kb/{rel}")
    return path


def finish(script: str) -> int:
    """The exit status of a stage: 1 under `--check` when a committed file is stale."""
    if _STALE:
        print(f"stale (re-run python3 scripts/kb/{script}.py and the stages after it): "
              + ", ".join(_STALE), file=sys.stderr)
        return 1
    if CHECK:
        print(f"{script}: every committed file reproduced", file=sys.stderr)
    return 0


def write_jsonl(rel: str, entities: list[dict]) -> Path:
    lines = [json.dumps(clean(e), ensure_ascii=False, separators=(",", ":")) for e in entities]
    return emit(rel, "".join(line + "\n" for line in lines))


def toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_str(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)
    return toml_str(value)


def write_toml(rel: str, header: str, meta: dict | None, entities: list[dict]) -> Path:
    """A curated TOML file: `header` (comment lines), optional [meta], then entities."""
    parts = [header.rstrip("\n") + "\n"]
    if meta:
        parts.append("\n[meta]\n")
        for k, v in meta.items():
            parts.append(f"{k} = {toml_str(v)}\n")
    for entity in entities:
        e = clean(entity)
        parts.append("\n[[entity]]\n")
        if entity.get("_comment"):
            for line in entity["_comment"].splitlines():
                parts.append(f"# {line}\n")
        for k, v in e.items():
            if k in ("roles", "alias_kinds"):
                continue
            parts.append(f"{k} = {_toml_value(v)}\n")
        for record in e.get("alias_kinds", []):
            parts.append("\n[[entity.alias_kinds]]\n")
            for rk, rv in record.items():
                parts.append(f"{rk} = {_toml_value(rv)}\n")
        for role in e.get("roles", []):
            parts.append("\n[[entity.roles]]\n")
            for rk, rv in role.items():
                parts.append(f"{rk} = {toml_str(rv)}\n")
    return emit(rel, "".join(parts))


def slug(text: str) -> str:
    return "-".join(key(text).split())[:80].strip("-")


def report_path(name: str) -> Path:
    """Where a stage writes its report (conflicts, collisions, skips): target/kb-reports/."""
    folder = ROOT / "target" / "kb-reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def env_check() -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")


# ---------------------------------------------------------------------------
# One-word names that would make a person's name look like a slip
# ---------------------------------------------------------------------------

_PERSON_FORMS: set[str] | None = None


def person_name_forms(src: Path) -> set[str]:
    """One-word spellings of given names and surnames: rigour/person_names.txt (682,525
    attested forms, MIT, from Wikidata) and the capitalised entries of Debian's
    wamerican (proper nouns)."""
    global _PERSON_FORMS
    if _PERSON_FORMS is None:
        forms = set()
        for line in (src / "rigour/person_names.txt").read_text(encoding="utf-8").splitlines():
            if "=>" in line:
                for f in line.rsplit("=>", 1)[0].split(","):
                    k = key(f)
                    if k and " " not in k and k.isascii():
                        forms.add(k)
        for w in Path("/usr/share/dict/american-english").read_text(encoding="utf-8").splitlines():
            if w[:1].isupper() and w.isalpha():
                forms.add(key(w))
        _PERSON_FORMS = forms
    return _PERSON_FORMS


def _one_edit(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = set()
    for i in range(len(word) + 1):
        a, b = word[:i], word[i:]
        if b:
            out.add(a + b[1:])
            for c in letters:
                out.add(a + c + b[1:])
        if len(b) > 1:
            out.add(a + b[1] + b[0] + b[2:])
        for c in letters:
            out.add(a + c + b)
    out.discard(word)
    return out


def slip_bait(name: str, src: Path) -> str:
    """Why a one-word organisation name of five letters or more is left out, or "".

    Byline reports a capitalised word the KB does not know one edit away from a
    distinctive one-word organisation name as its misspelling, with no other context
    (misspelled_name.rs, `distinctive_organisation`). A name one edit from an attested
    given name or surname would so flag that person's name ("Isiah" as a slip of the
    Yemeni party "Islah"), so such a name is not added."""
    k = key(name)
    if " " in k or len(k) < 5:
        return ""
    forms = person_name_forms(src)
    near = sorted(w for w in _one_edit(k) if w in forms)
    if near:
        return f"one edit from the person name(s) {', '.join(near[:3])}"
    return ""


# ---------------------------------------------------------------------------
# Names that would hide a slip
# ---------------------------------------------------------------------------

_SLIP_STEMS: tuple[set[str], set[str]] | None = None


def hides_slip(name: str, entities: dict[str, dict]) -> str:
    """Why `name` is left out for hiding a slip, or "".

    Byline takes a word some KB name has for a correct word, so a word that is a slip
    of a KB name ("The European Commissions", for Commission) stays unreported once a
    new name brings it into the KB. A new name that has the plural (+s, +es) of an
    English word found in three or more curated organisation names ("commission",
    "union", "programme"), where no KB name has that plural yet, is therefore not
    added ("Oslo and Paris Commissions")."""
    global _SLIP_STEMS
    if _SLIP_STEMS is None:
        words: set[str] = set()
        count: dict[str, int] = {}
        for e in entities.values():
            for f in [e["name"], *e.get("aliases", [])]:
                words.update(re.findall(r"[^\W\d_]+", fold(f)))
            if e.get("kind") == "organization" and e.get("_file", "").startswith("curated/") and \
                    not e.get("_file", "").startswith(tuple("curated/" + o.split("/")[1] for s in OUTPUTS.values() for o in s)):
                for w in set(re.findall(r"[^\W\d_]+", fold(e["name"]))):
                    count[w] = count.get(w, 0) + 1
        english = english_words()
        stems = {w for w, c in count.items() if c >= 3 and len(w) >= 4 and w in english}
        _SLIP_STEMS = (stems, words)
    stems, words = _SLIP_STEMS
    for w in re.findall(r"[^\W\d_]+", fold(name)):
        if w in words:
            continue
        for suffix in ("s", "es"):
            if w.endswith(suffix) and w[: -len(suffix)] in stems:
                return f"'{w}' would hide a slip of '{w[:-len(suffix)]}'"
    return ""
