#!/usr/bin/env python3
"""Score Byline's title checks on the title evaluation set.

    python3 scripts/title_eval.py BINARY [--data tests/fixtures/titles/titles.tsv]
                                  [--json] [--details] [--jobs N] [--no-linking]
                                  [--min-precision [CODE=]FLOOR]... [--min-recall [CODE=]FLOOR]...

BINARY is a built `byline` executable. Each row of the data (a tab-separated file with
the columns id, story_date, sentence, person, title_as_written, expected, source) is
written to a file of its own in a temporary directory, and the files of one story date
are checked together with `BINARY check --format json --story-date DATE`. The
`title-mismatch` and `outdated-title` findings of each file are then scored:

* `expected` is `correct` (the title was true on the story date), `wrong` (the person
  never held such a title) or `stale` (the person held it, but not on the story date).
* A `title-mismatch` finding is right when it is on the row's title and the row is
  `wrong`; an `outdated-title` finding is right when it is on the row's title and the
  row is `stale`. Every other finding of the two codes is false: any finding on a
  `correct` row (a false alarm), the other code's finding on a `wrong` or `stale` row,
  and a finding on some other text of the sentence.
* precision(code) = right findings of the code / all findings of the code;
  recall(code) = rows whose expected label is the code's (wrong, stale) that got a
  right finding of the code / all such rows. A check with no findings has no
  precision ("n/a"), which passes a precision floor; a recall floor catches silence.

"On the row's title" means the finding's span overlaps the text from the start of
`title_as_written` to the end of `person` (the first place where the two stand
together in `sentence`; the scorer refuses a row where they do not). Spans are UTF-8
byte offsets, as in Byline's JSON contract.

Unless --no-linking is given, the same files also go through `BINARY entities`, and the
entity the person's name was linked to is looked up with `BINARY kb lookup`, so the
report can say how many rows the checks could have seen at all (the checks skip a
person the KB does not know or knows no roles of). The same pass audits the successor
an `outdated-title` message names ("…; NAME held it then"): by the KB's own cards,
does NAME hold a role of the title the message names (spelling aside), in the same
country, on the story date? A successor named from another office, or from an old or
undated record, is a wrong statement inside a finding that may itself be right.

Exit status: 0, or 1 when a --min-precision or --min-recall floor is not met, or 2 when
the data or the binary fails. Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

CODES = ("title-mismatch", "outdated-title")
LABELS = ("correct", "wrong", "stale")
# The label of the rows on which a finding of the code is right.
RIGHT_LABEL = {"title-mismatch": "wrong", "outdated-title": "stale"}
COLUMNS = ["id", "story_date", "sentence", "person", "title_as_written", "expected", "source"]
DEFAULT_DATA = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests", "fixtures", "titles", "titles.tsv"
)
TIMEOUT = 600


class EvalError(Exception):
    """A problem with the data or the binary: exit status 2."""


# ---------------------------------------------------------------------------
# Data


def load_rows(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if header != COLUMNS:
                raise EvalError(f"{path}: the header must be {COLUMNS}, not {header}")
            rows = []
            seen = set()
            for line_no, fields in enumerate(reader, start=2):
                if not fields or fields == [""]:
                    continue
                if len(fields) != len(COLUMNS):
                    raise EvalError(f"{path}:{line_no}: {len(fields)} fields, expected {len(COLUMNS)}")
                row = dict(zip(COLUMNS, fields))
                where = f"{path}:{line_no} ({row['id']})"
                if row["id"] in seen:
                    raise EvalError(f"{where}: duplicate id")
                seen.add(row["id"])
                if not re.fullmatch(r"[A-Za-z0-9_-]+", row["id"]):
                    raise EvalError(f"{where}: an id is letters, digits, '-' and '_'")
                try:
                    datetime.date.fromisoformat(row["story_date"])
                except ValueError:
                    raise EvalError(f"{where}: story_date {row['story_date']!r} is not YYYY-MM-DD") from None
                if row["expected"] not in LABELS:
                    raise EvalError(f"{where}: expected must be one of {LABELS}")
                if row["expected"] != "wrong" and not row["source"].strip():
                    raise EvalError(f"{where}: a {row['expected']} row cites a source")
                phrase = f"{row['title_as_written']} {row['person']}"
                at = row["sentence"].find(phrase)
                if at < 0:
                    raise EvalError(f"{where}: {phrase!r} is not in the sentence")
                sentence = row["sentence"]
                start = len(sentence[:at].encode("utf-8"))
                row["target"] = (start, start + len(phrase.encode("utf-8")))
                person_at = at + len(row["title_as_written"]) + 1
                person_start = len(sentence[:person_at].encode("utf-8"))
                row["person_span"] = (person_start, person_start + len(row["person"].encode("utf-8")))
                rows.append(row)
    except OSError as e:
        raise EvalError(f"{path}: {e.strerror}") from None
    if not rows:
        raise EvalError(f"{path}: no rows")
    return rows


# ---------------------------------------------------------------------------
# Running the binary


def run_json(binary: str, args: list[str], cwd: str) -> dict:
    try:
        done = subprocess.run(
            [binary, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except OSError as e:
        raise EvalError(f"cannot run {binary}: {e.strerror}") from None
    except subprocess.TimeoutExpired:
        raise EvalError(f"{binary} {' '.join(args[:3])} … took more than {TIMEOUT} s") from None
    # `check` exits 1 when it has findings; 2 is an error.
    if done.returncode not in (0, 1):
        raise EvalError(f"{binary} {' '.join(args[:4])} … exited {done.returncode}: {done.stderr.strip()}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as e:
        raise EvalError(f"{binary} {' '.join(args[:4])} … printed no JSON ({e})") from None


def check_group(binary: str, date: str, rows: list[dict], root: str, linking: bool) -> dict:
    """Checks the rows of one story date; returns id -> {diagnostics, mentions}."""
    workdir = os.path.join(root, date)
    os.makedirs(workdir)
    config = os.path.join(root, "empty.toml")  # no .byline.toml of the caller's
    names = []
    for row in rows:
        name = f"{row['id']}.txt"
        with open(os.path.join(workdir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(row["sentence"] + "\n")
        names.append(name)
    common = ["--config", config, "--format", "json", "--story-date", date]
    checked = run_json(binary, ["check", *common, *names], workdir)
    out = {row["id"]: {"diagnostics": [], "mentions": None} for row in rows}
    for file in checked.get("files", []):
        ident = os.path.splitext(os.path.basename(file["path"]))[0]
        if ident in out:
            out[ident]["diagnostics"] = file.get("diagnostics", [])
    if linking:
        listed = run_json(binary, ["entities", *common, *names], workdir)
        for file in listed.get("files", []):
            ident = os.path.splitext(os.path.basename(file["path"]))[0]
            if ident in out:
                out[ident]["mentions"] = file.get("mentions", [])
    return out


def kb_roles(binary: str, name: str, entity_id: str, cwd: str) -> int | None:
    """How many roles the KB records for the entity (None if the lookup misses it)."""
    card = kb_card(binary, name, entity_id, cwd)
    return None if card is None else len(card.get("roles", []))


def run_all(binary: str, rows: list[dict], jobs: int, linking: bool) -> dict:
    by_date: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_date[row["story_date"]].append(row)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="title-eval-") as root:
        open(os.path.join(root, "empty.toml"), "w").close()
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(check_group, binary, date, group, root, linking)
                for date, group in sorted(by_date.items())
            ]
            for future in futures:
                results.update(future.result())
        if linking:
            linked = {}
            for row in rows:
                entity = person_entity(row, results[row["id"]]["mentions"])
                if entity:
                    linked[entity["id"]] = entity["name"]
            with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
                counts = dict(
                    zip(
                        linked,
                        pool.map(lambda item: kb_roles(binary, item[1], item[0], root), linked.items()),
                    )
                )
            for row in rows:
                entity = person_entity(row, results[row["id"]]["mentions"])
                results[row["id"]]["entity"] = entity
                results[row["id"]]["roles"] = counts.get(entity["id"]) if entity else None
            named = [
                d
                for row in rows
                for d in results[row["id"]]["diagnostics"]
                if d.get("code") == "outdated-title" and SUCCESSOR.match(d.get("message", ""))
            ]
            with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
                for d, audit in zip(named, pool.map(lambda d: audit_successor(binary, d, root), named)):
                    d["successor_audit"] = audit
    return results


def kb_card(binary: str, name: str, entity_id: str | None, cwd: str) -> dict | None:
    """The KB card of the entity `entity_id`, or else the person card named exactly `name`."""
    cards = run_json(binary, ["kb", "lookup", name, "--format", "json", "--limit", "20"], cwd)
    cards = cards if isinstance(cards, list) else []
    for card in cards:
        if entity_id and card.get("id") == entity_id:
            return card
    if entity_id:
        return None
    folded = name.casefold()
    for card in cards:
        names = [card.get("name", ""), *card.get("aliases", [])]
        if card.get("kind") == "person" and any(n.casefold() == folded for n in names):
            return card
    return None


def date_bounds(text: str) -> tuple[datetime.date, datetime.date] | None:
    """The earliest and latest day of a YYYY[-MM[-DD]] date."""
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)
        if len(parts) == 2:
            first = datetime.date(parts[0], parts[1], 1)
            following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        return (datetime.date(*parts),) * 2
    except (ValueError, TypeError):
        return None


def held_on(role: dict, day: datetime.date) -> bool | None:
    """Whether the role was held on `day` by its dates; None for an undated role."""
    start, end = date_bounds(role.get("start", "")), date_bounds(role.get("end", ""))
    if start is None and end is None:
        return None
    return (start is None or start[0] <= day) and (end is None or end[1] >= day)


def office_key(title: str) -> str:
    """A title for comparison, spelling aside: "Minister of Defense" = "Minister of Defence"."""
    key = title.casefold().replace("&", " and ").replace("defense", "defence")
    key = re.sub(r"\s+", " ", re.sub(r"[^\w ]+", " ", key)).strip()
    return key.removeprefix("federal ")


SUCCESSOR = re.compile(
    r"^On (?P<date>\d{4}-\d{2}-\d{2}), .+? was no longer (?P<title>.+?)"
    r"(?: \((?:since [^()]*|until [^()]*|[^()]* – [^()]*)\))?; (?P<name>.+) held it then$"
)


def audit_successor(binary: str, finding: dict, cwd: str) -> dict | None:
    """Checks the successor an outdated-title message names against the KB's cards."""
    match = SUCCESSOR.match(finding.get("message", ""))
    if not match:
        return None
    day = datetime.date.fromisoformat(match["date"])
    title, name = match["title"], match["name"]
    entity = finding.get("entity") or {}
    person = kb_card(binary, entity.get("name", ""), entity.get("id"), cwd) if entity else None
    country = ""
    if person:
        for role in person.get("roles", []):
            if role.get("title") == title:
                country = role.get("country") or person.get("country", "")
                break
        country = country or person.get("country", "")
    successor = kb_card(binary, name, None, cwd)
    if successor is None:
        verdict = "not found in the KB"
    else:
        same = [
            r
            for r in successor.get("roles", [])
            if office_key(r.get("title", "")) == office_key(title)
            and (not country or (r.get("country") or successor.get("country", "")) == country)
        ]
        held = [held_on(r, day) for r in same]
        if any(h is True for h in held):
            verdict = "that title, on that date"
        elif any(h is None for h in held):
            verdict = "that title, only in an undated listing"
        elif same:
            verdict = "that title, but not on that date"
        else:
            titles = sorted({r.get("title", "") for r in successor.get("roles", []) if held_on(r, day) is not False})
            verdict = "another office" + (f" ({'; '.join(titles[:3])})" if titles else "")
    return {"successor": name, "office": title, "country": country, "verdict": verdict}


def person_entity(row: dict, mentions: list[dict] | None) -> dict | None:
    """The KB entity the person's name was linked to, if any."""
    if not mentions:
        return None
    start, end = row["person_span"]
    for mention in mentions:
        span = mention.get("span", {})
        if span.get("start", -1) < end and span.get("end", -1) > start and mention.get("entity"):
            return mention["entity"]
    return None


# ---------------------------------------------------------------------------
# Scoring


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def score(rows: list[dict], results: dict, linking: bool) -> dict:
    labels = collections.Counter(row["expected"] for row in rows)
    checks = {
        code: {"findings": 0, "right": 0, "deserving": labels[RIGHT_LABEL[code]], "found": 0, "false": []}
        for code in CODES
    }
    confusion = {label: collections.Counter() for label in LABELS}
    details = []
    false_alarm_rows = 0
    for row in rows:
        found = results[row["id"]]
        on_target: set[str] = set()
        findings = []
        for d in found["diagnostics"]:
            code = d.get("code")
            if code not in CODES:
                continue
            span = d.get("span", {})
            start, end = row["target"]
            here = span.get("start", -1) < end and span.get("end", -1) > start
            right = here and row["expected"] == RIGHT_LABEL[code]
            if here:
                on_target.add(code)
            finding = {
                "code": code,
                "text": d.get("text", ""),
                "message": d.get("message", ""),
                "entity": (d.get("entity") or {}).get("name", ""),
                "on_title": here,
                "right": right,
            }
            if d.get("successor_audit"):
                finding["successor"] = d["successor_audit"]
            findings.append(finding)
            checks[code]["findings"] += 1
            if right:
                checks[code]["right"] += 1
            else:
                if not here:
                    why = "not on the row's title"
                elif row["expected"] == "correct":
                    why = "false alarm: the title was right on the story date"
                elif row["expected"] == "wrong":
                    why = "the person never held the title: a title-mismatch, not an outdated title"
                else:
                    why = "the person held the title before: an outdated title, not a mismatch"
                checks[code]["false"].append(
                    {
                        "id": row["id"],
                        "story_date": row["story_date"],
                        "expected": row["expected"],
                        "written": f"{row['title_as_written']} {row['person']}",
                        "flagged": finding["text"],
                        "message": finding["message"],
                        "why": why,
                    }
                )
        for code in CODES:
            if code in on_target and row["expected"] == RIGHT_LABEL[code]:
                checks[code]["found"] += 1
        outcome = " + ".join(code for code in CODES if code in on_target) or "none"
        confusion[row["expected"]][outcome] += 1
        if row["expected"] == "correct" and findings:
            false_alarm_rows += 1
        detail = {
            "id": row["id"],
            "story_date": row["story_date"],
            "expected": row["expected"],
            "written": f"{row['title_as_written']} {row['person']}",
            "outcome": outcome,
            "findings": findings,
        }
        if linking:
            entity = found.get("entity")
            detail["linked"] = entity["name"] if entity else None
            detail["kb_roles"] = found.get("roles")
        details.append(detail)

    for code, c in checks.items():
        c["false_count"] = c["findings"] - c["right"]
        c["precision"] = ratio(c["right"], c["findings"])
        c["recall"] = ratio(c["found"], c["deserving"])
        if linking:
            seen = [
                d
                for d in details
                if d["expected"] == RIGHT_LABEL[code] and d.get("linked") and d.get("kb_roles")
            ]
            c["deserving_seen"] = len(seen)
            c["found_seen"] = sum(1 for d in seen if code in d["outcome"].split(" + "))
            c["recall_seen"] = ratio(c["found_seen"], c["deserving_seen"])
    report = {
        "rows": len(rows),
        "labels": {label: labels[label] for label in LABELS},
        "checks": checks,
        "correct_rows_flagged": false_alarm_rows,
        "false_alarm_rate": ratio(false_alarm_rows, labels["correct"]),
        "confusion": {label: dict(confusion[label]) for label in LABELS},
        "details": details,
    }
    if linking:
        audits = [f["successor"] for d in details for f in d["findings"] if f.get("successor")]
        report["successors"] = {
            "named": len(audits),
            "outdated_title_findings": checks["outdated-title"]["findings"],
            "verdicts": dict(collections.Counter(a["verdict"].split(" (")[0] for a in audits)),
        }
        report["linking"] = {
            label: {
                "rows": labels[label],
                "linked": sum(1 for d in details if d["expected"] == label and d["linked"]),
                "with_roles": sum(1 for d in details if d["expected"] == label and d["kb_roles"]),
            }
            for label in LABELS
        }
    return report


# ---------------------------------------------------------------------------
# Output


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: dict, data: str, binary: str, details: bool) -> str:
    out = []
    labels = report["labels"]
    out.append("# Title checks on the title evaluation set\n")
    out.append(
        f"`{binary}` on `{data}`: {report['rows']} rows — {labels['correct']} correct, "
        f"{labels['wrong']} wrong, {labels['stale']} stale.\n"
    )
    out.append("| check | findings | right | false | precision | rows that deserve it | found | recall |")
    out.append("|---|---|---|---|---|---|---|---|")
    for code, c in report["checks"].items():
        out.append(
            f"| `{code}` | {c['findings']} | {c['right']} | {c['false_count']} | {pct(c['precision'])} "
            f"| {c['deserving']} ({RIGHT_LABEL[code]}) | {c['found']} | {pct(c['recall'])} |"
        )
    out.append("")
    out.append(
        f"Correct rows with any title finding (false alarms): {report['correct_rows_flagged']} of "
        f"{labels['correct']} ({pct(report['false_alarm_rate'])}).\n"
    )
    if "linking" in report:
        out.append("| expected | rows | person linked to a KB entity | …with roles in the KB |")
        out.append("|---|---|---|---|")
        for label, l in report["linking"].items():
            out.append(f"| {label} | {l['rows']} | {l['linked']} | {l['with_roles']} |")
        out.append("")
        for code, c in report["checks"].items():
            out.append(
                f"Recall of `{code}` where the person is linked to a KB entity with roles: "
                f"{c['found_seen']} of {c['deserving_seen']} ({pct(c['recall_seen'])})."
            )
        out.append("")
    if "successors" in report:
        su = report["successors"]
        out.append(
            f"Successors named in `outdated-title` messages: {su['named']} of "
            f"{su['outdated_title_findings']} findings name one. By the KB's own cards, the one named holds:\n"
        )
        out.append("| the named successor | messages |")
        out.append("|---|---|")
        for verdict, n in sorted(su["verdicts"].items(), key=lambda kv: -kv[1]):
            out.append(f"| {verdict} | {n} |")
        out.append("")
    outcomes = ["none", *CODES, " + ".join(CODES)]
    out.append("| expected \\ findings on the title | " + " | ".join(outcomes) + " |")
    out.append("|---|" + "---|" * len(outcomes))
    for label in LABELS:
        row = report["confusion"][label]
        out.append(f"| {label} | " + " | ".join(str(row.get(o, 0)) for o in outcomes) + " |")
    out.append("")
    for code, c in report["checks"].items():
        out.append(f"## False `{code}` findings ({c['false_count']})\n")
        if not c["false"]:
            out.append("None.\n")
            continue
        out.append("| id | date | expected | as written | message | why it is false |")
        out.append("|---|---|---|---|---|---|")
        for f in c["false"]:
            out.append(
                f"| {f['id']} | {f['story_date']} | {f['expected']} | {cell(f['written'])} "
                f"| {cell(f['message'])} | {f['why']} |"
            )
        out.append("")
    if details and "successors" in report:
        out.append("## Successors named in `outdated-title` messages\n")
        out.append("| id | date | expected | as written | message | the named successor holds |")
        out.append("|---|---|---|---|---|---|")
        for d in report["details"]:
            for f in d["findings"]:
                if f.get("successor"):
                    out.append(
                        f"| {d['id']} | {d['story_date']} | {d['expected']} | {cell(d['written'])} "
                        f"| {cell(f['message'])} | {cell(f['successor']['verdict'])} |"
                    )
        out.append("")
    if details:
        out.append("## Rows that deserved a finding and got none of the right code\n")
        out.append("| id | date | expected | as written | findings on the title | linked to | KB roles |")
        out.append("|---|---|---|---|---|---|---|")
        for d in report["details"]:
            if d["expected"] == "correct":
                continue
            code = next(c for c in CODES if RIGHT_LABEL[c] == d["expected"])
            if code in d["outcome"].split(" + "):
                continue
            out.append(
                f"| {d['id']} | {d['story_date']} | {d['expected']} | {cell(d['written'])} | {d['outcome']} "
                f"| {cell(d.get('linked') or '—')} | {d.get('kb_roles', '—') if d.get('kb_roles') is not None else '—'} |"
            )
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Floors and the command line


def parse_floor(text: str) -> tuple[tuple[str, ...], float]:
    code, sep, value = text.rpartition("=")
    codes = (code,) if sep else CODES
    if sep and code not in CODES:
        raise argparse.ArgumentTypeError(f"unknown check {code!r} (one of {', '.join(CODES)})")
    try:
        floor = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= floor <= 1.0:
        raise argparse.ArgumentTypeError(f"a floor is a fraction between 0 and 1, not {value}")
    return codes, floor


def floors_missed(report: dict, precision: list, recall: list) -> list[str]:
    missed = []
    for kind, floors, key in (("precision", precision, "precision"), ("recall", recall, "recall")):
        for codes, floor in floors:
            for code in codes:
                value = report["checks"][code][key]
                # No findings: precision is not defined and passes; recall is 0 and does not.
                if value is None and key == "precision":
                    continue
                if (value or 0.0) < floor:
                    missed.append(f"{code} {kind} {pct(value)} is below the floor {pct(floor)}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the title-mismatch and outdated-title checks on the title evaluation set.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    parser.add_argument("binary", help="a built byline executable")
    parser.add_argument("--data", default=os.path.normpath(DEFAULT_DATA), help="the TSV (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument(
        "--details", action="store_true", help="Markdown: also list every row that missed its finding (JSON always has every row)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="binaries run at once (default: %(default)s)")
    parser.add_argument(
        "--no-linking", action="store_true", help="skip `entities` and `kb lookup` (faster, no linking figures)"
    )
    parser.add_argument(
        "--min-precision",
        type=parse_floor,
        action="append",
        default=[],
        metavar="[CODE=]FLOOR",
        help="exit 1 if a check's precision is below FLOOR (0..1); without CODE, both checks",
    )
    parser.add_argument(
        "--min-recall",
        type=parse_floor,
        action="append",
        default=[],
        metavar="[CODE=]FLOOR",
        help="exit 1 if a check's recall is below FLOOR (0..1); without CODE, both checks",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    binary = args.binary
    if os.sep in binary or (os.altsep and os.altsep in binary):
        binary = os.path.abspath(binary)
    try:
        rows = load_rows(args.data)
        results = run_all(binary, rows, args.jobs, not args.no_linking)
    except EvalError as e:
        print(f"title_eval: {e}", file=sys.stderr)
        return 2
    report = score(rows, results, not args.no_linking)
    missed = floors_missed(report, args.min_precision, args.min_recall)
    if args.json:
        report = {"version": 1, "binary": args.binary, "data": args.data, **report, "floors_missed": missed}
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(markdown(report, args.data, args.binary, args.details))
    for line in missed:
        print(f"title_eval: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
