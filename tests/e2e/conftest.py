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
