"""The machine-read and people-read reports of `byline check`, checked by the tools
that consume them: SARIF against the official SARIF 2.1.0 JSON schema, and the HTML
review page rendered by headless Chromium (Debian's `chromium`, driven by Playwright
with `executable_path`, so nothing is downloaded).

tests/sarif-schema-2.1.0.json is the SARIF 2.1.0 JSON schema in its final release
candidate form (2.1.0-rtm.5, the schema SchemaStore serves for SARIF 2.1.0), vendored
from the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT), a registry package that
ships it; OASIS's own copy is not in any registry package reachable here."""

import json
import pathlib
import shutil
import subprocess
import tempfile

import jsonschema
import pytest

from conftest import ROOT, byline_binary

SCHEMA = ROOT / "tests" / "sarif-schema-2.1.0.json"
XSS = ["--kb", "tests/fixtures/xss-kb.toml", "tests/fixtures/xss-story.md"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUT = ROOT / "target" / "e2e-report"


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [byline_binary(), "check", *args], cwd=ROOT, capture_output=True, text=True, env={"NO_COLOR": "1"}
    )


def test_sarif_is_valid_against_the_official_schema():
    run = check("--format", "sarif", "examples/", *XSS)
    assert run.returncode == 1, run.stderr
    log = json.loads(run.stdout)
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"misspelled-name"}
    assert len(results) == 3
    # The validator does reject what the schema forbids.
    broken = dict(log, runs=[dict(log["runs"][0], columnKind="bytes")])
    assert list(validator.iter_errors(broken))


@pytest.fixture(scope="module")
def review_page() -> pathlib.Path:
    OUT.mkdir(parents=True, exist_ok=True)
    run = check("--format", "html", "--story-date", "2021-10-21", "examples/moscow-talks.md", *XSS)
    assert run.returncode == 1, run.stderr
    page = OUT / "review.html"
    page.write_text(run.stdout)
    return page


def test_chromium_dump_dom_has_highlighted_entities_and_no_injected_markup(review_page):
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--dump-dom", review_page.as_uri()],
            capture_output=True, text=True, timeout=120,
        ).stdout
    assert "Byline review" in dom
    assert 'class="ent person" tabindex="0">Valery Gerasimov' not in dom  # misspelled, so unknown
    assert 'class="ent person" tabindex="0">Mohammad Bagheri' in dom
    assert 'class="ent person" tabindex="0">Evelyn Marchetti' in dom
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title" in dom


def test_chromium_renders_findings_and_hover_cards(review_page):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS[1:], headless=True,
            viewport={"width": 1280, "height": 900},
        )
        page = browser.new_page()
        page.goto(review_page.as_uri())
        assert page.title().startswith("Byline review")
        # Entities are highlighted: a KB person has the person colour.
        bagheri = page.locator(".ent.person", has_text="Mohammad Bagheri").first
        assert bagheri.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(170, 156, 252)"
        # A finding is visible beside the text, with its suggestion.
        finding = page.locator("li.finding.warning").first
        assert finding.is_visible()
        assert "Gerasimovis" in finding.inner_text() and "Gerasimov" in finding.inner_text()
        assert page.locator("mark.finding.warning").first.is_visible()
        # The card appears on hover, with the KB's HTML shown as text, never run.
        marchetti = page.locator(".ent.person", has_text="Evelyn Marchetti").first
        card = marchetti.locator(".card")
        assert not card.is_visible()
        marchetti.hover()
        assert card.is_visible()
        assert "<img src=x" in card.inner_text()
        assert page.title() != "pwned"
        page.screenshot(path=str(OUT / "review-hover.png"))
        # The picture for people (docs/review.png is a copy): the top of the page,
        # with a KB card open.
        page.set_viewport_size({"width": 1280, "height": 1000})
        page.evaluate("window.scrollTo(0, 0)")
        bagheri.hover()
        page.screenshot(path=str(OUT / "review.png"))
        browser.close()
    assert (OUT / "review.png").stat().st_size > 10_000
