#!/usr/bin/env bash
# Start-up figures of the release binary: wall time of a whole `byline check` of the
# example story (process start, KB load, analysis, output) and its peak resident memory.
# Usage: bash benches/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet
bin=target/release/byline
python3 - "$bin" "$runs" <<'PY'
import statistics, subprocess, sys, time, resource
binary, runs = sys.argv[1], int(sys.argv[2])
def timed(args):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)
for label, args in [("check examples/moscow-talks.md", ["check", "examples/moscow-talks.md"]),
                    ("kb lookup Gerasimov", ["kb", "lookup", "Gerasimov"])]:
    median, worst = timed(args)
    print(f"{label:35s} median {median:7.1f} ms   max {worst:7.1f} ms")
before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
subprocess.run([binary, "check", "examples/moscow-talks.md"], stdout=subprocess.DEVNULL)
print(f"peak resident memory (largest child so far): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} MB")
PY
