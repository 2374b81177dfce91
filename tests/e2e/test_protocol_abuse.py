"""The real server over raw stdio, fed what a buggy or hostile client sends: it must
answer with errors where the protocol says so, never crash, and exit with the codes
the specification gives."""

import json
import subprocess
import sys
import pathlib
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import byline_binary  # noqa: E402


class RawServer:
    """A byline server on pipes, spoken to frame by frame."""

    def __init__(self):
        self.process = subprocess.Popen(
            [byline_binary(), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.next_id = 1

    def send_raw(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method: str, params=None) -> int:
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

    def response(self, request_id: int) -> dict:
        while True:
            message = self.read_message()
            if message.get("id") == request_id and "method" not in message:
                return message

    def notification(self, method: str) -> dict:
        while True:
            message = self.read_message()
            if message.get("method") == method:
                return message

    def initialize(self):
        response = self.response(self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, version: int = 1):
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}},
        )

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
    response = server.response(
        server.request(
            "textDocument/semanticTokens/range",
            {"textDocument": {"uri": uri}, "range": {"start": {"line": 50, "character": 0}, "end": {"line": 0, "character": 0}}},
        )
    )
    assert "result" in response


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


def test_rapid_changes_end_with_the_right_text_and_diagnostics(server):
    server.initialize()
    uri = "file:///tmp/rapid.md"
    server.open(uri, "")
    text = ""
    sentence = "General Valery Gerasimovis met Sergei Shoigu in Moscow. "
    for version, ch in enumerate(sentence * 20, start=2):
        line = text.count("\n")
        character = len(text.split("\n")[-1].encode("utf-16-le")) // 2
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}, "text": ch}],
            },
        )
        text += ch
    last_version = len(sentence * 20) + 1
    response = server.response(server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}))
    assert response["result"], "the server answers while changes pour in"
    while True:
        message = server.notification("textDocument/publishDiagnostics")
        if message["params"].get("version") == last_version:
            flagged = [d for d in message["params"]["diagnostics"] if d["code"] == "misspelled-name"]
            assert len(flagged) == 20
            break


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


def test_closing_standard_input_ends_the_server(server):
    server.initialize()
    server.process.stdin.close()
    # Without a shutdown request the specification's exit code is 1.
    assert server.process.wait(timeout=10) == 1
