#!/usr/bin/env bash
# Batch throughput of the release binary, process start to exit (KB load included), with
# 1 thread and with all cores (rayon, RAYON_NUM_THREADS), on two corpora:
#   news       every article of ../shared/data/news/articles.jsonl as a .txt file
#              (skipped when the shared data is absent);
#   synthetic  STORIES stories of 200-1,500 words whose paragraphs are drawn, with a
#              fixed seed, from the news corpus when present, else from the project's own
#              texts (examples/, tests/fixtures/eval/news.jsonl) — about 10 MB by default.
# Prints words/s, MB/s, MB/s per core, and the speed-up from 1 thread to all cores.
# Usage: bash benches/throughput.sh [runs] [corpus.jsonl] [stories]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${2:-../shared/data/news/articles.jsonl}
stories=${3:-2000}
cargo build --release --quiet
bin=$PWD/target/release/byline
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$bin" "$runs" "$corpus" "$dir" "$stories" <<'PY'
import json, os, random, statistics, subprocess, sys, time
binary, runs, corpus, out, stories = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
cores = os.cpu_count()

def write_corpus(name, texts):
    folder = os.path.join(out, name)
    os.makedirs(folder)
    for n, text in enumerate(texts):
        with open(os.path.join(folder, f"{n:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    return folder

def measure(name, folder, texts):
    words = sum(len(t.split()) for t in texts)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{name}: {len(texts):,} files, {words:,} words, {megabytes:.2f} MB")
    medians = {}
    for threads in sorted({1, cores}):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            run = subprocess.run([binary, "check", "--format", "json", folder],
                                 env=dict(os.environ, RAYON_NUM_THREADS=str(threads)),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
            assert run.returncode in (0, 1), run.returncode
        median = medians[threads] = statistics.median(samples)
        summary = json.loads(run.stdout)["summary"]
        print(f"  {threads} thread(s): median {median:.3f} s -> {words / median:,.0f} words/s, "
              f"{megabytes / median:.2f} MB/s, {megabytes / median / threads:.2f} MB/s per core "
              f"({summary['warnings']} warnings, {summary['information']} information)")
    if cores > 1:
        print(f"  speed-up from 1 to {cores} threads: {medians[1] / medians[cores]:.2f}x")

news = []
if os.path.exists(corpus):
    with open(corpus, encoding="utf-8") as lines:
        news = [json.loads(line)["text"] for line in lines]
    measure("news", write_corpus("news", news), news)
else:
    print(f"news: no corpus at {corpus} (the shared news corpus); skipped")

sources = news or [open(p, encoding="utf-8").read() for p in ("examples/iran-russia-plain.txt", "examples/moscow-talks.md")] + [
    json.loads(line)["text"] for line in open("tests/fixtures/eval/news.jsonl", encoding="utf-8")]
paragraphs = [p.strip() for text in sources for p in text.split("\n\n") if len(p.split()) >= 5]
rng = random.Random(7)
synthetic = []
for _ in range(stories):
    target, story = rng.randint(200, 1500), []
    while sum(len(p.split()) for p in story) < target:
        story.append(rng.choice(paragraphs))
    synthetic.append("\n\n".join(story) + "\n")
measure("synthetic", write_corpus("synthetic", synthetic), synthetic)
PY
