"""Shared set-up for the end-to-end tests: they drive the real `byline` binary over
stdio with pytest-lsp's client, using recorded VS Code and Neovim capabilities."""

import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def byline_binary() -> str:
    """The binary under test: $BYLINE_BIN, else the release build."""
    explicit = os.environ.get("BYLINE_BIN")
    if explicit:
        return explicit
    return str(ROOT / "target" / "release" / "byline")


def hooks_binary() -> str | None:
    """A binary built with the `test-hooks` feature, for the tests of panic isolation:
    $BYLINE_HOOKS_BIN, else the debug build `cargo test --all-features` leaves. The
    binary users run (`cargo build --release`) never has the hooks."""
    explicit = os.environ.get("BYLINE_HOOKS_BIN")
    if explicit:
        return explicit
    debug = ROOT / "target" / "debug" / "byline"
    return str(debug) if debug.exists() else None
