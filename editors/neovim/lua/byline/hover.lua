-- Byline's hover window: the card for the name under the cursor, with the border and
-- width from setup({ hover = ... }), wrapped at word boundaries.
--
-- Only buffers Byline is attached to get it, through a buffer-local `K`; nothing global
-- changes (not vim.lsp.handlers, not 'winborder', not another buffer's `K`). It is not
-- vim.lsp.buf.hover(opts): that cannot set 'linebreak' on the window it opens, and
-- without it a card breaks inside words.
local M = {}

--- The description that marks the `K` this module sets (and removes on detach).
M.KEYMAP_DESC = 'Byline: hover card'
--- Neovim's own buffer-local `K` on LSP attach (vim.lsp._set_defaults), which may be replaced.
local NEOVIM_DEFAULT_DESC = 'vim.lsp.buf.hover()'

local request = require('byline.client_call').request

--- The window options: the configured border, else 'winborder' (0.11), else rounded.
local function float_options(opts)
  local border = opts.border
  if border == nil then
    local global = vim.fn.exists('+winborder') == 1 and vim.o.winborder or ''
    border = global ~= '' and global or 'rounded'
  end
  return {
    border = border,
    max_width = opts.max_width,
    max_height = opts.max_height,
    -- Same id as vim.lsp.buf.hover(): a second K enters the window either way.
    focus_id = 'textDocument/hover',
  }
end

--- Opens the window for `results` ({ client, result } pairs) and returns it.
local function show(results, opts)
  local contents = {}
  for i, item in ipairs(results) do
    if #results > 1 then
      contents[#contents + 1] = '# ' .. item.client.name
    end
    vim.list_extend(contents, vim.lsp.util.convert_input_to_markdown_lines(item.result.contents))
    if i < #results then
      contents[#contents + 1] = '---'
    end
  end
  local _, win = vim.lsp.util.open_floating_preview(contents, 'markdown', float_options(opts))
  -- Wrap between words; the height Neovim computed assumed breaks anywhere, so a
  -- wrapped card may need more lines.
  vim.wo[win].linebreak = true
  vim.wo[win].breakindent = true
  if vim.api.nvim_win_text_height then
    local needed = vim.api.nvim_win_text_height(win, {}).all
    local limit = opts.max_height or math.max(1, vim.o.lines - 4)
    if needed > vim.api.nvim_win_get_height(win) then
      vim.api.nvim_win_set_height(win, math.min(needed, limit))
    end
  end
  return win
end

--- Shows the hover of every server attached to the current buffer (Byline's card and,
--- say, marksman's), in one window styled by `opts` ({ border, max_width, max_height }).
function M.hover(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local win = vim.api.nvim_get_current_win()
  local clients = vim.lsp.get_clients({ bufnr = bufnr, method = 'textDocument/hover' })
  table.sort(clients, function(a, b)
    return a.id < b.id
  end)
  if #clients == 0 then
    vim.notify('Byline: no language server with hover is attached to this buffer', vim.log.levels.INFO)
    return
  end
  local answers, pending = {}, #clients
  for _, client in ipairs(clients) do
    local params = vim.lsp.util.make_position_params(win, client.offset_encoding)
    request(client, 'textDocument/hover', params, function(err, result)
      if not err and result and result.contents then
        answers[client.id] = { client = client, result = result }
      end
      pending = pending - 1
      if pending > 0 then
        return
      end
      if vim.api.nvim_get_current_buf() ~= bufnr then
        return -- the user moved on
      end
      local results = {}
      for _, c in ipairs(clients) do
        results[#results + 1] = answers[c.id]
      end
      if #results == 0 then
        vim.notify('No information available', vim.log.levels.INFO)
        return
      end
      show(results, opts)
    end, bufnr)
  end
end

--- Maps `K` in `bufnr` to Byline's hover, unless the user mapped `K` themselves (only
--- Neovim's own default LSP `K` is replaced).
function M.attach(bufnr, opts)
  vim.api.nvim_buf_call(bufnr, function()
    local existing = vim.fn.maparg('K', 'n', false, true)
    if next(existing) ~= nil and existing.desc ~= NEOVIM_DEFAULT_DESC and existing.desc ~= M.KEYMAP_DESC then
      return
    end
    vim.keymap.set('n', 'K', function()
      M.hover(opts)
    end, { buffer = bufnr, desc = M.KEYMAP_DESC })
  end)
end

--- Takes Byline's `K` away from `bufnr` when Byline detaches, giving back Neovim's
--- default when another server with hover stays attached.
function M.detach(bufnr, client_id)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return
  end
  vim.api.nvim_buf_call(bufnr, function()
    local existing = vim.fn.maparg('K', 'n', false, true)
    if existing.buffer ~= 1 or existing.desc ~= M.KEYMAP_DESC then
      return
    end
    vim.keymap.del('n', 'K', { buffer = bufnr })
    for _, client in ipairs(vim.lsp.get_clients({ bufnr = bufnr, method = 'textDocument/hover' })) do
      if client.id ~= client_id then
        vim.keymap.set('n', 'K', function()
          vim.lsp.buf.hover()
        end, { buffer = bufnr, desc = NEOVIM_DEFAULT_DESC })
        return
      end
    end
  end)
end

return M
