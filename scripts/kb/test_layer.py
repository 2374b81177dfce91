#!/usr/bin/env python3
"""Writes the entities the importers of scripts/kb/ add or change, as build.rs will
compile them, to one JSONL file, so that a prebuilt `byline` can be tried on them
without a cargo build:

    python3 scripts/kb/test_layer.py [STAGE...]     # default: every stage
    byline check --kb target/kb-test/changes.jsonl stories/
    byline kb lookup "Sifi Ghrieb" --kb target/kb-test/changes.jsonl

A `--kb` file's entity hides the default KB's entity with the same id, so an amended
entity is written whole (the imported record with the amendment applied, exactly as
`Entity::amend` does in the build); new entities are written as they are.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kbcommon as kb  # noqa: E402


def main() -> None:
    stages = [a for a in sys.argv[1:] if a in kb.STAGES] or kb.STAGES
    base = kb.load_kb(kb.STAGES[0])
    # Every output file of the stages not asked for is left out of the "after" KB.
    keep = {p for s in stages for p in kb.OUTPUTS[s] + kb.COMPANIONS.get(s, [])}
    drop = {p for s in kb.STAGES for p in kb.OUTPUTS[s] + kb.COMPANIONS.get(s, [])} - keep
    after = load_without(drop)
    changed = []
    for eid in sorted(after):
        e = after[eid]
        if eid not in base or kb.clean(base[eid]) != kb.clean(e):
            changed.append(e)
    out = kb.ROOT / "target" / "kb-test"
    out.mkdir(parents=True, exist_ok=True)
    path = out / "changes.jsonl"
    path.write_text("".join(json.dumps(kb.clean(e), ensure_ascii=False) + "\n" for e in changed),
                    encoding="utf-8")
    print(f"{len(changed)} entities ({sum(1 for e in changed if e['id'] not in base)} new) -> {path}")


def load_without(drop: set[str]) -> dict[str, dict]:
    original = kb._excluded
    kb._excluded = lambda stage: drop
    try:
        return kb.load_kb(None)
    finally:
        kb._excluded = original


if __name__ == "__main__":
    main()
