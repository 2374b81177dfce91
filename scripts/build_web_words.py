#!/usr/bin/env python3
"""Build crates/byline-core/data/web-words.bloom: how often English text on the web
writes a word, in bands (issue 19, item 1: "an English word and how common it is").

    python3 scripts/build_web_words.py [--venv DIR]

The misspelled-name decision weighs whether a written word is one people write — a
real word, a name, a place, a brand ("Kelli", "Cortez", "Chicano", "Tituss") — or a
form nobody writes ("Blinkan", "Varadker"). Unlike the name lists of
`build_name_list.py`, which say "someone is called this", the frequency says how much
the word is written at all, whatever it is: a slip of the hand is seldom written, and a
word the web writes often is seldom a slip. (A famous misspelling is written too —
"Ghandi", "Zukerberg" — so the band is evidence for the fit to weigh, not a veto.)

Source: wordfreq 3.1.1 (PyPI; code Apache-2.0, word lists CC BY-SA 4.0, built from
Google Books Ngrams, the Leeds Internet Corpus, Wikipedia, ParaCrawl, OpenSubtitles 2018,
SUBTLEX and Twitter word counts: README, "Data sources and licences"), its `large`
English list. The generated file is a derived work of the word lists: CC BY-SA 4.0. Each folded word of four letters or more (ASCII letters, ' and -) is kept with its
band by Zipf frequency (log10 of occurrences per billion words):

    1  Zipf 1 to 2   (1 to 10 per billion words: "Tituss", "Madeiran")
    2  Zipf 2 to 3   ("Kelli", "Chicano")
    3  Zipf 3 to 4   ("Cortez", "Lisboa" is 2)
    4  Zipf 4 and up (common words)

stored as Bloom keys `word` (every band) and `word` + TAB + band for bands 2-4, in the
filter format of `build_name_list.py` (whose writer this script uses): about 2 % of unlisted
words read as listed, none the reverse. wordfreq is installed into a virtual
environment (default target/web-words-venv); the generated file is committed, so CI
never needs it. Deterministic: the same package gives the same file.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_name_list import ROOT, bloom, name_word  # noqa: E402

OUT = os.path.join(ROOT, "crates", "byline-core", "data", "web-words.bloom")
PACKAGE = "wordfreq==3.1.1"
# Shortest word kept: the check judges words of four letters or more.
SHORTEST = 4
TOP_BAND = 4


def zipf_by_word(venv):
    """{word: Zipf frequency} of wordfreq's large English list, read in `venv`."""
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    installed = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('wordfreq'))"],
        capture_output=True, text=True)
    if installed.stdout.strip() != PACKAGE.split("==")[1]:
        subprocess.run([python, "-m", "pip", "install", "--quiet", PACKAGE], check=True)
    dump = subprocess.run(
        [python, "-c",
         "import json, sys, wordfreq\n"
         "d = wordfreq.get_frequency_dict('en', 'large')\n"
         "json.dump({w: wordfreq.freq_to_zipf(f) for w, f in d.items()}, sys.stdout)"],
        capture_output=True, text=True, check=True)
    return json.loads(dump.stdout)


def bands(zipf):
    """{folded word: band 1-4}; of words that fold alike, the most frequent."""
    out = {}
    for word, z in zipf.items():
        w = name_word(word)
        if w is None or len(w) < SHORTEST or z < 1.0:
            continue
        band = min(TOP_BAND, int(z))
        out[w] = max(out.get(w, 0), band)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--venv", default=os.path.join(ROOT, "target", "web-words-venv"))
    args = ap.parse_args()
    words = bands(zipf_by_word(args.venv))
    kept = sorted(words)
    keys = kept + [f"{w}\t{b}" for w in kept for b in range(2, words[w] + 1)]
    with open(OUT, "wb") as f:
        f.write(bloom(keys))
    per_band = [sum(1 for w in kept if words[w] == b) for b in range(1, TOP_BAND + 1)]
    print(f"{len(kept)} words (bands 1-4: {per_band}), {len(keys)} keys, "
          f"{os.path.getsize(OUT)} bytes in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
