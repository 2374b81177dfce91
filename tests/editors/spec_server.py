#!/usr/bin/env python3
"""The real Byline server plus the methods docs/lsp-extensions.md proposes, answered here.

The editor clients already use `byline/storyDate` and `byline/setStoryDate`; the server
does not answer them yet, so the editor suites skip the checks that need them. Run in
place of the binary, this stand-in relays everything to the real `byline lsp` and
answers those two methods as the document specifies (advertising
`experimental.byline.storyDate`), so the skipped checks run:

  BYLINE_REAL_BIN=target/release/byline BYLINE_BIN=tests/editors/spec_server.py \\
    nvim --headless --clean -l tests/editors/neovim_test.lua
  (cd editors/vscode && BYLINE_REAL_BIN=../../target/release/byline \\
    BYLINE_BIN=../../tests/editors/spec_server.py npm test)

It keeps each open document's text (didOpen, didChange), the `storyDate` setting and
the dates set per document, and finds the date in force by the order of
docs/lsp-extensions.md. A date it sets changes only its own answers, not the real
server's analysis. Delete it when src/lsp answers the methods itself.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import threading

from lsp_frames import read_message, start_proxy, write_message
from urllib.parse import unquote, urlparse

REAL = os.environ.get("BYLINE_REAL_BIN") or os.path.join(os.path.dirname(__file__), "../../target/release/byline")

pending = {}  # request id -> method, for the server's answers
documents = {}  # uri -> text
document_dates = {}  # uri -> date set with byline/setStoryDate
state = {"setting": None, "encoding": "utf-16"}

DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
FRONT_MATTER_DATE = re.compile(r"""date\s*[:=]\s*["']?(\d{4}(?:-\d{2}(?:-\d{2})?)?)""")
CONFIG_DATE = re.compile(r"""\s*story_date\s*=\s*["']([^"']*)["']""")


def valid(text):
    """A date as the server's PartialDate::parse reads one, or None."""
    if not isinstance(text, str):
        return None
    match = DATE.fullmatch(text.strip())
    if not match:
        return None
    month, day = match.group(2), match.group(3)
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        return None
    return text.strip()


def offset(text, position):
    """The index in `text` of an LSP position in the negotiated encoding."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position["line"]])
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    if state["encoding"] == "utf-8":
        prefix = line.encode("utf-8")[: position["character"]].decode("utf-8", errors="ignore")
    else:
        prefix = line.encode("utf-16-le")[: 2 * position["character"]].decode("utf-16-le", errors="ignore")
    return start + len(prefix)


def front_matter_date(text):
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == fence:
            for line in lines[1:i]:
                match = FRONT_MATTER_DATE.match(line)
                if match:
                    return valid(match.group(1))
            return None
    return None


def config_date(uri):
    """(date, path) of the .byline.toml governing `uri`, or None."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    folder = os.path.dirname(unquote(parsed.path))
    while True:
        candidate = os.path.join(folder, ".byline.toml")
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as config:
                for line in config:
                    if line.lstrip().startswith("["):
                        break
                    match = CONFIG_DATE.match(line)
                    if match:
                        value = match.group(1)
                        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d") if value == "today" else valid(value)
                        return (date, candidate) if date else None
            return None
        if os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)


def story_date(uri):
    """The StoryDate of docs/lsp-extensions.md, or None for a document not open."""
    if uri not in documents:
        return None
    if uri in document_dates:
        return {"date": document_dates[uri], "source": "document"}
    if state["setting"]:
        return {"date": state["setting"], "source": "settings"}
    config = config_date(uri)
    if config:
        return {"date": config[0], "source": "config", "configPath": config[1]}
    date = front_matter_date(documents[uri])
    if date:
        return {"date": date, "source": "frontMatter"}
    return {"date": None, "source": "none"}


def read_settings(value):
    value = value if isinstance(value, dict) else {}
    root = value.get("byline", value)
    state["setting"] = valid(root.get("storyDate")) if isinstance(root, dict) else None


def answer(request, result=None, error=None):
    message = {"jsonrpc": "2.0", "id": request["id"]}
    if error:
        message["error"] = error
    else:
        message["result"] = result
    write_message(sys.stdout.buffer, message)


def set_story_date(request):
    params = request.get("params") or {}
    uri = (params.get("textDocument") or {}).get("uri")
    date = params.get("date")
    if date == "today":
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    if uri not in documents:
        return answer(request, error={"code": -32602, "message": f"{uri} is not open"})
    if date is not None and not valid(date):
        return answer(request, error={"code": -32602, "message": f"the date must be YYYY-MM-DD, got `{date}`"})
    if date is None:
        document_dates.pop(uri, None)
    else:
        document_dates[uri] = valid(date)
    answer(request, story_date(uri))


def client_to_server(server):
    while True:
        message = read_message(sys.stdin.buffer)
        if message is None:
            server.stdin.close()
            return
        method = message.get("method")
        params = message.get("params") or {}
        if method == "byline/storyDate":
            answer(message, story_date((params.get("textDocument") or {}).get("uri")))
            continue
        if method == "byline/setStoryDate":
            set_story_date(message)
            continue
        if method == "initialize":
            read_settings(params.get("initializationOptions"))
            offered = ((params.get("capabilities") or {}).get("general") or {}).get("positionEncodings") or []
            state["encoding"] = "utf-8" if "utf-8" in offered else "utf-16"
        elif method == "workspace/didChangeConfiguration":
            read_settings(params.get("settings"))
        elif method == "textDocument/didOpen":
            documents[params["textDocument"]["uri"]] = params["textDocument"]["text"]
        elif method == "textDocument/didClose":
            uri = params["textDocument"]["uri"]
            documents.pop(uri, None)
            document_dates.pop(uri, None)
        elif method == "textDocument/didChange":
            uri = params["textDocument"]["uri"]
            for change in params["contentChanges"]:
                if "range" in change:
                    text = documents.get(uri, "")
                    start, end = offset(text, change["range"]["start"]), offset(text, change["range"]["end"])
                    documents[uri] = text[:start] + change["text"] + text[end:]
                else:
                    documents[uri] = change["text"]
        if "id" in message and method:
            pending[message["id"]] = method
        write_message(server.stdin, message)


def main():
    server = start_proxy(REAL, client_to_server)
    while True:
        message = read_message(server.stdout)
        if message is None:
            break
        if pending.pop(message.get("id"), None) == "initialize" and isinstance(message.get("result"), dict):
            message["result"]["capabilities"].setdefault("experimental", {})["byline"] = {"storyDate": True}
        write_message(sys.stdout.buffer, message)
    sys.exit(server.wait())


if __name__ == "__main__":
    main()
