-- Byline for Neovim: starts `byline lsp` for stories (markdown, text and mail
-- buffers), colours the entities it finds, and passes the user's settings.
--
--   require('byline').setup({
--     settings = { byline = { kb = { '~/desk/house-kb.toml' }, checks = { ['misspelled-name'] = 'error' } } },
--   })
local M = {}

--- The install command shown when the binary is missing.
M.install_command = 'cargo install --locked --path .'

local defaults = {
  -- The server command; the first element is looked up on PATH.
  cmd = { 'byline', 'lsp' },
  filetypes = { 'markdown', 'text', 'mail' },
  root_markers = { '.byline.toml', '.git' },
  -- Sent as initializationOptions and workspace/didChangeConfiguration:
  -- { byline = { kb = { paths }, storyDate = 'YYYY-MM-DD', checks = { [code] = 'off'|'information'|'warning'|'error' } } }
  settings = { byline = {} },
  -- false: leave every highlight group to the user.
  highlights = true,
}

M.config = vim.deepcopy(defaults)

local islist = vim.islist or vim.tbl_islist

--- Merges `override` into a copy of `base`: maps recursively, while lists (cmd,
--- filetypes, kb paths) are replaced whole — vim.tbl_deep_extend would merge them by
--- index and keep stale entries.
local function merge(base, override)
  if type(base) ~= 'table' or type(override) ~= 'table' or islist(base) or islist(override) then
    return vim.deepcopy(override)
  end
  local result = vim.deepcopy(base)
  for key, value in pairs(override) do
    result[key] = result[key] == nil and vim.deepcopy(value) or merge(result[key], value)
  end
  return result
end
M._merge = merge

local function has_native_config()
  -- vim.lsp.config/vim.lsp.enable arrived in Neovim 0.11.
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) == 'table' and vim.lsp.enable ~= nil
end

--- Expands ~ and $VARS in KB paths: the server takes paths literally.
local function expanded_settings(settings)
  local copy = vim.deepcopy(settings)
  local kb = copy.byline and copy.byline.kb
  if type(kb) == 'table' then
    for i, path in ipairs(kb) do
      kb[i] = vim.fs.normalize(path)
    end
  end
  return copy
end

--- The LSP client configuration both start paths use.
function M.client_config()
  local settings = expanded_settings(M.config.settings)
  return {
    name = 'byline',
    cmd = M.config.cmd,
    filetypes = M.config.filetypes,
    root_markers = M.config.root_markers,
    init_options = settings,
    -- Neovim also sends these with workspace/didChangeConfiguration after initialize.
    settings = settings,
  }
end

local function start_fallback(bufnr)
  local config = M.client_config()
  local name = vim.api.nvim_buf_get_name(bufnr)
  config.root_dir = vim.fs.root(bufnr, config.root_markers) or (name ~= '' and vim.fs.dirname(name) or vim.uv.cwd())
  config.root_markers = nil
  config.filetypes = nil
  vim.lsp.start(config, { bufnr = bufnr })
end

local warned = false
local function server_missing()
  if vim.fn.executable(M.config.cmd[1]) == 1 then
    return false
  end
  if not warned then
    warned = true
    vim.notify(
      ('Byline: `%s` was not found on PATH. Install it from a Byline checkout with `%s`, or set `cmd` in require("byline").setup().'):format(
        M.config.cmd[1],
        M.install_command
      ),
      vim.log.levels.ERROR
    )
  end
  return true
end

function M.setup(opts)
  M.config = merge(defaults, opts or {})
  M.did_setup = true
  if M.config.highlights then
    require('byline.highlights').setup()
  end
  if server_missing() then
    return
  end
  if has_native_config() then
    vim.lsp.config('byline', M.client_config())
    vim.lsp.enable('byline')
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = vim.api.nvim_create_augroup('byline.start', { clear = true }),
      pattern = M.config.filetypes,
      callback = function(args)
        start_fallback(args.buf)
      end,
    })
    -- Buffers already open when setup() runs (e.g. `nvim story.md`, lazy loading).
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
        start_fallback(buf)
      end
    end
  end
end

--- Changes settings at run time (e.g. the story date) and tells running servers.
function M.update_settings(settings)
  M.config.settings = merge(M.config.settings, settings)
  local resolved = expanded_settings(M.config.settings)
  if has_native_config() then
    vim.lsp.config('byline', { init_options = resolved, settings = resolved })
  end
  for _, client in ipairs(vim.lsp.get_clients({ name = 'byline' })) do
    client.settings = resolved
    if vim.fn.has('nvim-0.11') == 1 then
      client:notify('workspace/didChangeConfiguration', { settings = resolved })
    else
      client.notify('workspace/didChangeConfiguration', { settings = resolved })
    end
  end
end

return M
