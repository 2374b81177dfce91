#!/usr/bin/env python3
"""A deliberately broken Byline server, to show that the editor tests catch breakage.

It runs the real `byline lsp` and relays LSP messages both ways, breaking one
behaviour chosen by BYLINE_BREAK:

  no-diagnostics   publishes every document's diagnostics as an empty list
  wrong-code       diagnostics carry the code "misspelling" instead of "misspelled-name"
  no-hover         every hover answer is null
  token-types      semantic tokens are shifted one type along the legend (person -> organization)
  no-fix-all       the "Replace all ..." code action is left out
  partial-fix      the fix-all action edits only the first occurrence
  partial-rename   rename edits only the first mention
  ignore-settings  workspace/didChangeConfiguration never reaches the server
  crash            the server exits right after answering initialize

Use it in place of the binary, with the real one in BYLINE_REAL_BIN:

  BYLINE_BREAK=no-hover BYLINE_REAL_BIN=target/release/byline \\
    BYLINE_BIN=tests/editors/broken_server.py nvim --headless --clean -l tests/editors/neovim_test.lua

Arguments are passed on to the real binary (`broken_server.py lsp`, `--version`).
"""

import json
import os
import subprocess
import sys
import threading

from lsp_frames import read_message, start_proxy, write_message

MODE = os.environ.get("BYLINE_BREAK", "")
REAL = os.environ.get("BYLINE_REAL_BIN") or os.path.join(os.path.dirname(__file__), "../../target/release/byline")

# Request id -> method, so responses can be told apart.
pending = {}


def break_from_server(message):
    """Returns the message to pass to the client (mutated), or None to drop it."""
    method = message.get("method") or pending.pop(message.get("id"), None)
    if method == "textDocument/publishDiagnostics":
        if MODE == "no-diagnostics":
            message["params"]["diagnostics"] = []
        elif MODE == "wrong-code":
            for d in message["params"]["diagnostics"]:
                d["code"] = "misspelling"
    elif method == "textDocument/hover" and MODE == "no-hover":
        message["result"] = None
    elif method in ("textDocument/semanticTokens/full", "textDocument/semanticTokens/range") and MODE == "token-types":
        data = (message.get("result") or {}).get("data", [])
        for i in range(3, len(data), 5):
            data[i] = (data[i] + 1) % 5
    elif method == "textDocument/codeAction" and message.get("result"):
        actions = message["result"]
        if MODE == "no-fix-all":
            message["result"] = [a for a in actions if not a.get("title", "").startswith("Replace all")]
        elif MODE == "partial-fix":
            for a in actions:
                if a.get("title", "").startswith("Replace all"):
                    for uri, edits in a["edit"]["changes"].items():
                        a["edit"]["changes"][uri] = edits[:1]
    elif method == "textDocument/rename" and MODE == "partial-rename" and message.get("result"):
        changes = message["result"].get("changes", {})
        for uri, edits in changes.items():
            changes[uri] = edits[:1]
    return message


def client_to_server(server):
    while True:
        message = read_message(sys.stdin.buffer)
        if message is None:
            server.stdin.close()
            return
        if "id" in message and "method" in message:
            pending[message["id"]] = message["method"]
        if MODE == "ignore-settings" and message.get("method") == "workspace/didChangeConfiguration":
            continue
        write_message(server.stdin, message)


def main():
    server = start_proxy(REAL, client_to_server)
    while True:
        message = read_message(server.stdout)
        if message is None:
            break
        message = break_from_server(message)
        if message is not None:
            write_message(sys.stdout.buffer, message)
        if MODE == "crash" and "result" in message and isinstance(message["result"], dict) and "capabilities" in message["result"]:
            server.kill()
            os._exit(1)
    sys.exit(server.wait())


if __name__ == "__main__":
    main()
