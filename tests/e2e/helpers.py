"""Small helpers the LSP tests share: opening a document and waiting for its
diagnostics, decoding semantic tokens, applying text edits."""

import asyncio

from lsprotocol import types

TOKEN_TYPES = ["person", "organization", "location", "event", "other"]


async def open_and_wait(client, uri: str, text: str, language_id: str = "markdown", version: int = 1):
    """Opens a document and waits until diagnostics for this version arrive."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)
        )
    )
    return await wait_for_diagnostics(client, uri)


async def wait_for_diagnostics(client, uri: str, timeout: float = 10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while uri not in client.diagnostics:
        if loop.time() > deadline:
            raise TimeoutError(f"no diagnostics for {uri}")
        await asyncio.sleep(0.01)
    return client.diagnostics[uri]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, encoding: str = "utf-16", nth: int = 0) -> types.Position:
    """The LSP position of the nth occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    before = text[:index]
    line = before.count("\n")
    line_text = before[before.rfind("\n") + 1 :]
    if encoding == "utf-8":
        character = len(line_text.encode("utf-8"))
    else:
        character = utf16_len(line_text)
    return types.Position(line=line, character=character)


def decode_tokens(data, text: str, encoding: str = "utf-16"):
    """Decodes relative semantic tokens into (text, type, modifiers) triples."""
    lines = text.split("\n")
    result = []
    line = 0
    start = 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, token_type, modifiers = data[i : i + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        raw = lines[line]
        if encoding == "utf-8":
            encoded = raw.encode("utf-8")
            piece = encoded[start : start + length].decode("utf-8")
        else:
            encoded = raw.encode("utf-16-le")
            piece = encoded[start * 2 : (start + length) * 2].decode("utf-16-le")
        result.append((piece, TOKEN_TYPES[token_type], modifiers))
    return result


def offset_of(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    lines = text.split("\n")
    offset = sum(len(l) + 1 for l in lines[: position.line])
    line = lines[position.line]
    if encoding == "utf-8":
        return offset + len(line.encode("utf-8")[: position.character].decode("utf-8"))
    units = 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return offset + i
        units += utf16_len(ch)
    return offset + len(line)


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """Applies LSP text edits (non-overlapping) to text, last first."""
    spans = sorted(
        ((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
