#!/usr/bin/env bash
# Makes docs/neovim-screenshot.png: the example story in a real Neovim 0.11 with the
# editors/neovim plugin and the release server — entity colours, a misspelled-name
# diagnostic and the plugin's hover card for "Bagheri" (what K opens: border, width,
# wrapped between words). Neovim runs in tmux; the screen is
# captured with its colours (capture-pane -e), turned into HTML and photographed by
# headless Chromium. Not part of CI. Needs: tmux, chromium, fonts-dejavu-core (apt),
# and the venv Neovim that scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
nvim=${NVIM:-$root/target/e2e-venv/bin/nvim}
byline=${BYLINE_BIN:-$root/target/release/byline}
out=${1:-$root/docs/neovim-screenshot.png}
cols=100 rows=38
work=$(mktemp -d)
socket=byline-screenshot-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

cp examples/moscow-talks.md "$work/moscow-talks.md"
cat > "$work/init.lua" <<LUA
vim.opt.runtimepath:prepend('$root/editors/neovim')
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.shortmess = vim.o.shortmess .. 'IF'
-- Diagnostics under their line, so the message shows at this width.
vim.diagnostic.config({ virtual_lines = true, virtual_text = false, underline = true })
require('byline').setup({ cmd = { '$byline', 'lsp' } })

-- Once the diagnostics are in, open the hover card for the second "Bagheri".
local shown = false
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    if shown or #vim.diagnostic.get(0) < 2 then return end
    shown = true
    vim.defer_fn(function()
      vim.fn.search('Bagheri', 'w')
      vim.fn.search('Bagheri', 'W')
      require('byline').hover({ border = 'rounded', max_width = 60 })
      vim.defer_fn(function() vim.fn.writefile({}, '$work/ready') end, 700)
    end, 500)
  end,
})
LUA

tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" -c "$work" \
  "env COLORTERM=truecolor TERM=tmux-256color '$nvim' --clean -u '$work/init.lua' moscow-talks.md"
for _ in $(seq 100); do
  [ -e "$work/ready" ] && break
  sleep 0.1
done
[ -e "$work/ready" ] || { echo "screenshot: Neovim never showed the hover card" >&2; exit 1; }
tmux -L "$socket" capture-pane -e -p -t 0 > "$work/screen.ansi"

python3 scripts/ansi_to_html.py "$work/screen.ansi" "$work/screen.html"
# DejaVu Sans Mono at 15px is 9.03px wide and the page draws 19px lines, 12/14px padding.
width=$(( cols * 903 / 100 + 29 ))
height=$(( rows * 19 + 24 ))
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$work/chromium" --force-device-scale-factor=1 \
  --window-size="$width,$height" --screenshot="$out" "file://$work/screen.html" 2>/dev/null
echo "wrote $out ($(du -k "$out" | cut -f1) KB)"
