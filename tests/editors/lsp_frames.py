"""LSP framing for the test stand-ins (broken_server.py, spec_server.py): one message
is `Content-Length` headers, a blank line and a JSON body."""

import json
import threading

_out_lock = threading.Lock()


def read_message(stream):
    """Reads one LSP message (headers + JSON body); None at end of stream."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def write_message(stream, message):
    """Writes one message; safe from several threads."""
    body = json.dumps(message).encode("utf-8")
    with _out_lock:
        stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stream.flush()
