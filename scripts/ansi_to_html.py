#!/usr/bin/env python3
"""Turns a terminal capture with colours (`tmux capture-pane -e -p`) into an HTML page
that shows it as the terminal did, for headless Chromium to screenshot.

  ansi_to_html.py CAPTURE.txt OUT.html [--cols N] [--rows N]

Handles the SGR codes tmux emits: reset, bold, italic, underline (incl. curly),
reverse, the 16 basic colours, 256-colour and 24-bit colours.
"""

import argparse
import html
import re

# xterm's default 16 colours, for captures that use the basic palette.
BASIC = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]
DEFAULT_FG = "#e0e2ea"  # Neovim's default dark scheme, so unstyled text matches it
DEFAULT_BG = "#14161b"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_256(n: int) -> str:
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (level, level, level)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.italic = self.underline = self.undercurl = self.reverse = False

    def apply(self, params: str):
        codes = [p for p in re.split("[;]", params)] if params else ["0"]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in ("", "0"):
                self.reset()
            elif code == "1":
                self.bold = True
            elif code == "3":
                self.italic = True
            elif code == "4":
                self.underline = True
            elif code.startswith("4:"):
                self.underline = code != "4:0"
                self.undercurl = code == "4:3"
            elif code == "7":
                self.reverse = True
            elif code == "22":
                self.bold = False
            elif code == "23":
                self.italic = False
            elif code == "24":
                self.underline = self.undercurl = False
            elif code == "27":
                self.reverse = False
            elif code in ("38", "48"):
                if codes[i + 1] == "5":
                    value, i = colour_256(int(codes[i + 2])), i + 2
                else:
                    r, g, b = (int(c) for c in codes[i + 2 : i + 5])
                    value, i = "#%02x%02x%02x" % (r, g, b), i + 4
                if code == "38":
                    self.fg = value
                else:
                    self.bg = value
            elif code == "39":
                self.fg = None
            elif code == "49":
                self.bg = None
            elif code.isdigit() and 30 <= int(code) <= 37:
                self.fg = BASIC[int(code) - 30]
            elif code.isdigit() and 40 <= int(code) <= 47:
                self.bg = BASIC[int(code) - 40]
            elif code.isdigit() and 90 <= int(code) <= 97:
                self.fg = BASIC[int(code) - 82]
            elif code.isdigit() and 100 <= int(code) <= 107:
                self.bg = BASIC[int(code) - 92]
            i += 1

    def css(self) -> str:
        fg, bg = self.fg or DEFAULT_FG, self.bg
        if self.reverse:
            fg, bg = bg or DEFAULT_BG, fg
        rules = [f"color:{fg}"]
        if bg:
            rules.append(f"background:{bg}")
        if self.bold:
            rules.append("font-weight:bold")
        if self.italic:
            rules.append("font-style:italic")
        if self.undercurl:
            rules.append("text-decoration:underline wavy")
        elif self.underline:
            rules.append("text-decoration:underline")
        return ";".join(rules)


def convert(text: str) -> str:
    style = Style()
    lines = []
    for raw in text.split("\n"):
        out = []
        pos = 0
        for match in SGR.finditer(raw):
            if match.start() > pos:
                out.append(f'<span style="{style.css()}">{html.escape(raw[pos:match.start()])}</span>')
            style.apply(match.group(1))
            pos = match.end()
        if pos < len(raw):
            out.append(f'<span style="{style.css()}">{html.escape(raw[pos:])}</span>')
        lines.append("".join(out))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("out")
    args = parser.parse_args()
    body = convert(open(args.capture, encoding="utf-8").read().rstrip("\n"))
    page = f"""<!doctype html><meta charset="utf-8">
<style>
html, body {{ margin: 0; background: {DEFAULT_BG}; }}
pre {{ margin: 0; padding: 12px 14px; font: 15px/19px "DejaVu Sans Mono", monospace; color: {DEFAULT_FG}; }}
</style>
<pre>{body}</pre>
"""
    open(args.out, "w", encoding="utf-8").write(page)


if __name__ == "__main__":
    main()
