"""The real server over raw stdio, fed what a buggy or hostile client sends: it must
answer with errors where the protocol says so, never crash, and exit with the codes
the specification gives."""

import json
import signal
import os
import subprocess
import sys
import pathlib
import threading
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import byline_binary, hooks_binary  # noqa: E402


class RawServer:
    """A byline server on pipes, spoken to frame by frame."""

    def __init__(self, env=None, binary=None):
        self.process = subprocess.Popen(
            [binary or byline_binary(), "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
        self.next_id = 1
        self.inbox = []
        self.write_lock = threading.RLock()

    def send_raw(self, data: bytes):
        with self.write_lock:
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method: str, params=None) -> int:
        with self.write_lock:
            request_id = self.next_id
            self.next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return request_id

    def notify(self, method: str, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def read_message(self) -> dict:
        headers = {}
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.decode().strip()
            if not line:
                break
            name, value = line.split(":", 1)
            headers[name.lower()] = value.strip()
        return json.loads(self.process.stdout.read(int(headers["content-length"])))

    def next_matching(self, wanted) -> dict:
        """The first message, kept or new, that `wanted` accepts; the server may send
        notifications in any order, so the ones not asked for yet are kept."""
        for i, message in enumerate(self.inbox):
            if wanted(message):
                return self.inbox.pop(i)
        while True:
            message = self.read_message()
            if wanted(message):
                return message
            self.inbox.append(message)

    def response(self, request_id: int) -> dict:
        return self.next_matching(lambda m: m.get("id") == request_id and "method" not in m)

    def notification(self, method: str) -> dict:
        return self.next_matching(lambda m: m.get("method") == method)

    def initialize(self, options=None):
        params = {"processId": None, "rootUri": None, "capabilities": {}}
        if options is not None:
            params["initializationOptions"] = options
        response = self.response(self.request("initialize", params))
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, version: int = 1):
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}},
        )

    def change(self, uri: str, version: int, changes: list):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def hover(self, uri: str, line: int, character: int) -> int:
        return self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})

    def diagnostics(self, uri: str, version: int) -> list:
        """The diagnostics published for `version` of `uri`."""
        message = self.next_matching(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )
        return message["params"]["diagnostics"]

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


@pytest.fixture
def server():
    s = RawServer()
    yield s
    s.close()


def test_request_before_initialize_is_an_error_and_server_lives(server):
    response = server.response(server.request("textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}))
    assert response["error"]["code"] == -32002  # ServerNotInitialized
    assert server.initialize()["result"]["capabilities"]


def test_unknown_method_is_method_not_found(server):
    server.initialize()
    response = server.response(server.request("byline/noSuchThing", {}))
    assert response["error"]["code"] == -32601


def test_malformed_json_and_bad_frames_do_not_kill_the_server(server):
    server.initialize()
    server.send_raw(b"Content-Length: 10\r\n\r\n{not json}")
    body = b'{"jsonrpc":"2.0","method":"x"'
    server.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.send_raw(b"Content-Length: nonsense\r\n\r\n")
    errors = [server.read_message() for _ in range(3)]
    assert [e["error"]["code"] for e in errors] == [-32700, -32700, -32700]
    # The frames after the bad ones are read as they were sent.
    assert "result" in server.response(server.request("shutdown"))


def test_change_for_unopened_document_and_positions_past_the_end_are_harmless(server):
    server.initialize()
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": "file:///never.md", "version": 2}, "contentChanges": [{"text": "x"}]},
    )
    uri = "file:///tmp/abuse.md"
    server.open(uri, "😀 General Valery Gerasimovis spoke.\n")
    server.notification("textDocument/publishDiagnostics")
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 99, "character": 5}, "end": {"line": 0, "character": 1}}, "text": "é"},
                {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "\r\n"},
            ],
        },
    )
    for method in ["textDocument/hover", "textDocument/references", "textDocument/prepareRename", "textDocument/completion", "textDocument/documentHighlight"]:
        params = {"textDocument": {"uri": uri}, "position": {"line": 9999, "character": 9999}}
        if method == "textDocument/references":
            params["context"] = {"includeDeclaration": True}
        response = server.response(server.request(method, params))
        assert "error" not in response or response["error"]["code"] != -32603, (method, response)
    past_the_end = {"start": {"line": 50, "character": 0}, "end": {"line": 0, "character": 0}}
    response = server.response(server.request("textDocument/semanticTokens/range", {"textDocument": {"uri": uri}, "range": past_the_end}))
    assert "result" in response
    response = server.response(
        server.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 500}, "end": {"line": 7000, "character": 3}}, "context": {"diagnostics": []}},
        )
    )
    assert "result" in response


def test_wrong_content_length_costs_at_most_the_next_frame(server):
    server.initialize()
    body = json.dumps({"jsonrpc": "2.0", "id": 90, "method": "shutdown"}).encode()
    # Declared too short: the cut body is a parse error, the rest runs into the next
    # frame's header, where the reader finds its step again.
    server.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) - 5) + body)
    assert server.read_message()["error"]["code"] == -32700
    request_id = server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///none.md"}})
    assert "result" in server.response(request_id)
    # Declared too long: the body swallows part of the next frame (lost), and the one
    # after that is read as sent.
    server.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) + 10) + body)
    server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///lost.md"}})
    assert server.read_message()["error"]["code"] == -32700
    request_id = server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///none.md"}})
    assert "result" in server.response(request_id)


def test_json_that_is_not_a_message_is_refused_and_server_lives(server):
    server.initialize()
    bodies = [b"[]", b"42", b'{"id":5,"method":"shutdown"}', b'{"jsonrpc":"2.0","id":[6],"method":"x"}', b'{"jsonrpc":"2.0","id":7}']
    bodies.append(b'{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":"nonsense"}')
    for body in bodies:
        server.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    request_id = server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///none.md"}})
    # The guard's refusals, the server's answers and the answer to the request after
    # them may arrive in any order (a fast server answered the request before the last
    # refusals were written): read until all seven are in, for at most 20 s.
    seen = []
    answered = False

    def too_slow(signum, frame):
        raise TimeoutError(f"after 20 s: answered={answered}, seen={seen}")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        while not answered or len(seen) < len(bodies):
            message = server.read_message()
            if message.get("id") == request_id:
                assert "result" in message
                answered = True
            else:
                seen.append(message)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    answers = sorted((m["id"] or 0, m["error"]["code"]) for m in seen)
    assert answers == [(0, -32600)] * 3 + [(5, -32600), (7, -32600), (8, -32602)], seen


def test_initialize_twice_is_an_error(server):
    server.initialize()
    response = server.response(server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
    assert response["error"]["code"] == -32600


def test_a_50_mb_document_is_kept_but_not_checked_and_the_server_answers(server):
    server.initialize()
    uri = "file:///tmp/huge.md"
    paragraph = "General Valery Gerasimovis met Sergei Shoigu in Moscow. " * 100 + "\n\n"
    text = paragraph * (50 * 1024 * 1024 // len(paragraph))
    assert len(text) > 50_000_000
    server.open(uri, text)
    shown = server.notification("window/showMessage")["params"]["message"]
    assert "over the 10485760-byte limit" in shown and "maxDocumentBytes" in shown
    assert server.diagnostics(uri, 1) == []
    response = server.response(server.hover(uri, 0, 20))
    assert "error" not in response
    # Edits still apply: cut the document down to one sentence and it is checked.
    end = {"line": text.count("\n") + 5, "character": 0}
    server.change(uri, 2, [{"range": {"start": {"line": 0, "character": 56}, "end": end}, "text": ""}])
    assert [d["code"] for d in server.diagnostics(uri, 2)] == ["misspelled-name"]


def test_max_document_bytes_setting_is_honoured(server):
    server.initialize({"byline": {"maxDocumentBytes": 100}})
    uri = "file:///tmp/limited.md"
    server.open(uri, "General Valery Gerasimovis spoke. " * 4)
    assert "over the 100-byte limit" in server.notification("window/showMessage")["params"]["message"]
    assert server.diagnostics(uri, 1) == []
    server.change(uri, 2, [{"text": "General Valery Gerasimovis spoke."}])
    assert len(server.diagnostics(uri, 2)) == 1


def test_stale_and_repeated_versions_keep_the_text_consistent(server):
    server.initialize()
    uri = "file:///tmp/versions.md"
    server.open(uri, "General Valery Gerasimovis spoke.", version=5)
    server.notification("textDocument/publishDiagnostics")
    for version in [3, 3, 6]:
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": "General Valery Gerasimov spoke."}]},
        )
    deadline = time.time() + 10
    while time.time() < deadline:
        message = server.notification("textDocument/publishDiagnostics")
        if message["params"].get("version") == 6:
            assert message["params"]["diagnostics"] == []
            break
    else:
        pytest.fail("no diagnostics for the newest version")


def test_ten_thousand_rapid_changes_end_right_and_the_server_answers_between_them(server):
    server.initialize()
    uri = "file:///tmp/rapid.md"
    server.open(uri, "")
    server.diagnostics(uri, 1)
    sentence = "General Valery Gerasimovis met Sergei Shoigu in Moscow 😀. "
    final = (sentence * 200)[:10_000]
    hovers = []

    def pump():
        # One character a didChange, as a fast typist's editor sends them; a hover
        # every thousand changes must be answered while the stream goes on.
        line = character = 0
        for version, ch in enumerate(final, start=2):
            position = {"line": line, "character": character}
            server.change(uri, version, [{"range": {"start": position, "end": position}, "text": ch}])
            line, character = (line + 1, 0) if ch == "\n" else (line, character + len(ch.encode("utf-16-le")) // 2)
            if version % 1000 == 0:
                hovers.append(server.hover(uri, 0, 10))

    writer = threading.Thread(target=pump)
    writer.start()
    answered = 0
    last_version = len(final) + 1
    final_diagnostics = None
    while final_diagnostics is None or answered < 10:
        message = server.read_message()
        if "id" in message and "method" not in message:
            assert "error" not in message, message
            answered += 1
        elif message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == last_version:
            final_diagnostics = message["params"]["diagnostics"]
    writer.join()
    assert answered == len(hovers) == 10
    # The incrementally edited document equals the same text opened afresh.
    fresh = "file:///tmp/rapid-fresh.md"
    server.open(fresh, final)
    assert final_diagnostics == server.diagnostics(fresh, 1)
    flagged = [d for d in final_diagnostics if d["code"] == "misspelled-name"]
    assert len(flagged) == final.count("Gerasimovis met")
    tokens = [server.response(server.request("textDocument/semanticTokens/full", {"textDocument": {"uri": u}})) for u in (uri, fresh)]
    assert tokens[0]["result"] == tokens[1]["result"]


def test_a_panic_in_analysis_or_a_request_is_answered_logged_and_survived():
    binary = hooks_binary()
    if binary is None:
        pytest.skip("no binary with test hooks: run `cargo test --all-features` or set BYLINE_HOOKS_BIN")
    server = RawServer(env={"BYLINE_TEST_PANIC": "1"}, binary=binary)
    try:
        server.initialize()
        bad = "file:///tmp/panic.md"
        server.open(bad, "General Valery Gerasimovis spoke. BYLINE-TEST-PANIC\n")
        log = server.notification("window/logMessage")["params"]
        assert log["type"] == 1 and "injected test panic" in log["message"], log
        assert server.diagnostics(bad, 1) == []
        response = server.response(server.request("workspace/executeCommand", {"command": "byline.debug.panic", "arguments": []}))
        assert response["error"]["code"] == -32603 and "injected test panic" in response["error"]["message"]
        assert "injected test panic" in server.notification("window/logMessage")["params"]["message"]
        # The next document and request are served as usual.
        good = "file:///tmp/after-panic.md"
        server.open(good, "General Valery Gerasimovis spoke.\n")
        assert len(server.diagnostics(good, 1)) == 1
        assert server.response(server.hover(good, 0, 17))["result"]
        server.change(bad, 2, [{"text": "General Valery Gerasimovis spoke.\n"}])
        assert len(server.diagnostics(bad, 2)) == 1
        assert "result" in server.response(server.request("shutdown"))
        server.notify("exit")
        assert server.process.wait(timeout=10) == 0
    finally:
        server.close()


def test_the_release_binary_ignores_the_panic_hook_variable():
    """The binary users run is built without `test-hooks`: BYLINE_TEST_PANIC=1 changes
    nothing, the marker text is analysed like any other, the debug command is unknown."""
    server = RawServer(env={"BYLINE_TEST_PANIC": "1"})
    try:
        server.initialize()
        uri = "file:///tmp/no-hook.md"
        server.open(uri, "General Valery Gerasimovis spoke. BYLINE-TEST-PANIC\n")
        assert [d["code"] for d in server.diagnostics(uri, 1)] == ["misspelled-name"]
        response = server.response(server.request("workspace/executeCommand", {"command": "byline.debug.panic", "arguments": []}))
        assert response["error"]["code"] == -32602, response
        assert "result" in server.response(server.request("shutdown"))
        server.notify("exit")
        assert server.process.wait(timeout=10) == 0
    finally:
        server.close()


def test_the_panic_hook_is_off_by_default(server):
    server.initialize()
    response = server.response(server.request("workspace/executeCommand", {"command": "byline.debug.panic", "arguments": []}))
    assert response["error"]["code"] == -32602


def test_cancel_request_is_accepted(server):
    server.initialize()
    request_id = server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///none.md"}})
    server.notify("$/cancelRequest", {"id": request_id})
    response = server.response(request_id)
    assert "result" in response or response["error"]["code"] == -32800


def test_shutdown_then_exit_exits_0(server):
    server.initialize()
    assert "result" in server.response(server.request("shutdown"))
    server.notify("exit")
    assert server.process.wait(timeout=10) == 0


def test_exit_without_shutdown_exits_1(server):
    server.initialize()
    server.notify("exit")
    assert server.process.wait(timeout=10) == 1


def test_closing_standard_input_after_shutdown_exits_0(server):
    server.initialize()
    assert "result" in server.response(server.request("shutdown"))
    server.process.stdin.close()
    assert server.process.wait(timeout=10) == 0


def test_closing_standard_input_ends_the_server(server):
    server.initialize()
    server.process.stdin.close()
    # Without a shutdown request the specification's exit code is 1.
    assert server.process.wait(timeout=10) == 1
