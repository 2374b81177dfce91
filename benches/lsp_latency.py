"""Keystroke latency of the real server over stdio, as an editor sees it.

Opens a story of about 5,000 words (articles of the shared news corpus, else the
example paragraphs repeated), then:
  * types N single characters (incremental didChange, one at a time, each at a spot
    inside the story) and times didChange -> the publishDiagnostics of that version;
  * times N semanticTokens/full requests and N hover requests on a known name.
Prints median and p99 of each. A plain JSON-RPC client (no dependency), so the
figures are the server's, not a framework's.

With BYLINE_BENCH_KB=FILE the server is also given that KB file (settings
`byline.kb`), e.g. the million-entity KB of benches/scale_server.sh. Ends with the
server's resident memory (VmRSS, and VmHWM, its peak) from /proc.

Usage: python3 benches/lsp_latency.py BINARY [edits] [corpus.jsonl]
"""

import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import queue

WORDS = 5_000
EXTRA_KB = os.environ.get("BYLINE_BENCH_KB")
SETTINGS = {"byline": {"kb": [EXTRA_KB]}} if EXTRA_KB else {}


def story(corpus):
    paragraphs = []
    if corpus and os.path.exists(corpus):
        with open(corpus, encoding="utf-8") as lines:
            for line in lines:
                paragraphs.append(json.loads(line)["text"])
                if sum(len(p.split()) for p in paragraphs) >= WORDS:
                    break
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "..", "examples", "iran-russia-plain.txt"), encoding="utf-8") as f:
            plain = f.read().strip()
        while sum(len(p.split()) for p in paragraphs) < WORDS:
            paragraphs.append(plain)
    # A name the KB knows, for hover, at the top.
    return "Russian Chief of the General Staff Valery Gerasimov met officials.\n\n" + "\n\n".join(paragraphs) + "\n"


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, accept, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            stamp, message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("method") in ("workspace/configuration", "client/registerCapability",
                                         "workspace/semanticTokens/refresh") and "id" in message:
                result = [SETTINGS.get("byline", {})] if message["method"] == "workspace/configuration" else None
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                continue
            if accept(message):
                return stamp, message


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(label, samples):
    ms = [s * 1000 for s in samples]
    print(f"{label:42s} median {statistics.median(ms):7.2f} ms   p99 {percentile(ms, 99):7.2f} ms   (n={len(ms)})")


def main():
    binary = sys.argv[1]
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    corpus = sys.argv[3] if len(sys.argv) > 3 else None
    text = story(corpus)
    uri = "file:///tmp/byline-latency-story.txt"
    server = Server(binary)
    started = time.perf_counter()
    rid = server.request("initialize", {"processId": None, "rootUri": None, "initializationOptions": SETTINGS,
                                        "capabilities": {
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"publishDiagnostics": {"versionSupport": True},
                         "semanticTokens": {"requests": {"full": True}, "tokenTypes": [], "tokenModifiers": [],
                                            "formats": ["relative"]},
                         "hover": {"contentFormat": ["markdown"]}}}})
    server.wait(lambda m: m.get("id") == rid)
    server.notify("initialized", {})
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                            "version": 1, "text": text}})
    is_publication = lambda version: lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                                                and m["params"].get("version") == version)
    stamp, _ = server.wait(is_publication(1))
    print(f"story: {len(text.split()):,} words, {len(text.encode()):,} bytes")
    print(f"{'start-up to first diagnostics':42s} {(stamp - started) * 1000:7.2f} ms")

    lines = text.split("\n")
    random.seed(7)
    latencies = []
    version = 1
    for _ in range(edits):
        line = random.choice([i for i, l in enumerate(lines) if len(l) > 10])
        col = random.randrange(len(lines[line]))
        char = random.choice("aeiors ")
        version += 1
        sent = time.perf_counter()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                          "end": {"line": line, "character": col}}, "text": char}]})
        lines[line] = lines[line][:col] + char + lines[line][col:]
        stamp, _ = server.wait(is_publication(version))
        latencies.append(stamp - sent)
    report("keystroke didChange -> publishDiagnostics", latencies)

    for label, method, params in [
        ("semanticTokens/full", "textDocument/semanticTokens/full", {"textDocument": {"uri": uri}}),
        ("hover (Valery Gerasimov)", "textDocument/hover",
         {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 42}}),
    ]:
        samples = []
        for _ in range(edits):
            sent = time.perf_counter()
            rid = server.request(method, params)
            stamp, message = server.wait(lambda m: m.get("id") == rid)
            assert "result" in message, message
            samples.append(stamp - sent)
        report(label, samples)
    with open(f"/proc/{server.proc.pid}/status") as status:
        memory = {k: v.strip() for k, v in (l.split(":", 1) for l in status) if k in ("VmRSS", "VmHWM")}
    print(f"{'server resident memory':42s} {memory.get('VmRSS')} now, {memory.get('VmHWM')} peak")
    rid = server.request("shutdown", None)
    server.wait(lambda m: m.get("id") == rid)
    server.notify("exit", None)
    server.proc.wait(timeout=10)


main()
