"""LSP framing for the test stand-ins (broken_server.py): one message
is `Content-Length` headers, a blank line and a JSON body."""

import json
import subprocess
import sys
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


def start_proxy(real_binary, client_to_server):
    """Starts the real server behind this stand-in. For `lsp`, returns the server process
    after starting a thread that runs `client_to_server(server)`; for any other command
    (`--version` for :checkhealth), passes it through and exits with its status."""
    server = subprocess.Popen([real_binary, *sys.argv[1:]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    if sys.argv[1:2] != ["lsp"]:
        server.stdin.close()
        sys.stdout.buffer.write(server.stdout.read())
        sys.exit(server.wait())
    threading.Thread(target=client_to_server, args=(server,), daemon=True).start()
    return server
