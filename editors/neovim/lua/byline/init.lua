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
  -- { byline = { kb = { paths }, houseKb = 'path', storyDate = 'YYYY-MM-DD',
  --   checks = { [code] = 'off'|'information'|'warning'|'error' }, maxDocumentBytes = n } }
  -- (src/lsp/settings.rs reads them; the README's Settings table lists them).
  settings = { byline = {} },
  -- false: leave every highlight group to the user.
  highlights = true,
  -- Byline's hover window (a buffer-local K in story buffers; see hover.lua):
  -- { border = 'rounded'|'single'|... (default: 'winborder', else 'rounded'),
  --   max_width = columns, max_height = lines }, or false to leave K alone.
  hover = { max_width = 80 },
}

M.config = vim.deepcopy(defaults)

local islist = vim.islist or vim.tbl_islist

--- Merges `override` into a copy of `base`. Maps merge key by key; a list (cmd,
--- filetypes, kb paths) is replaced whole, as vim.tbl_deep_extend would merge it by
--- index and keep stale entries. The shape of `base` decides: `{}` is both an empty
--- list and an empty map to vim.islist, so an empty override (`setup({})`, lazy.nvim's
--- `opts` when a spec has none) must never replace a map default — it did, and the
--- whole default config was lost (`cmd` was nil).
local function merge(base, override)
  if override == nil then
    return vim.deepcopy(base)
  end
  if type(base) ~= 'table' or type(override) ~= 'table' or next(base) == nil or islist(base) then
    return vim.deepcopy(override)
  end
  if next(override) ~= nil and islist(override) then
    -- A list where a map belongs: the user's value, as written (validate() names it).
    return vim.deepcopy(override)
  end
  local result = vim.deepcopy(base)
  for key, value in pairs(override) do
    result[key] = merge(result[key], value)
  end
  return result
end
M._merge = merge

local function has_native_config()
  -- vim.lsp.config/vim.lsp.enable arrived in Neovim 0.11.
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) == 'table' and vim.lsp.enable ~= nil
end

--- Expands ~ and $VARS in KB paths (`kb`, `houseKb`): the server takes paths literally.
local function expanded_settings(settings)
  local copy = vim.deepcopy(settings)
  local byline = copy.byline
  if type(byline) ~= 'table' then
    return copy
  end
  if type(byline.kb) == 'table' then
    for i, path in ipairs(byline.kb) do
      if type(path) == 'string' then
        byline.kb[i] = vim.fs.normalize(path)
      end
    end
  end
  if type(byline.houseKb) == 'string' and byline.houseKb ~= '' then
    byline.houseKb = vim.fs.normalize(byline.houseKb)
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

local function is_list_of_strings(value)
  if type(value) ~= 'table' or not islist(value) then
    return false
  end
  for _, item in ipairs(value) do
    if type(item) ~= 'string' then
      return false
    end
  end
  return true
end

--- Says which option is wrong, rather than failing later on a nil field.
local function validate(config)
  local problems = {}
  if not is_list_of_strings(config.cmd) or #config.cmd == 0 then
    problems[#problems + 1] = "cmd must be a list of strings, e.g. { 'byline', 'lsp' }"
  end
  for _, key in ipairs({ 'filetypes', 'root_markers' }) do
    if not is_list_of_strings(config[key]) then
      problems[#problems + 1] = key .. ' must be a list of strings'
    end
  end
  if type(config.settings) ~= 'table' or (next(config.settings) ~= nil and islist(config.settings)) then
    problems[#problems + 1] = 'settings must be a table like { byline = { ... } }'
  end
  if type(config.highlights) ~= 'boolean' then
    problems[#problems + 1] = 'highlights must be true or false'
  end
  if config.hover ~= false and type(config.hover) ~= 'table' then
    problems[#problems + 1] = "hover must be a table like { border = 'rounded', max_width = 80 }, or false"
  end
  if #problems > 0 then
    error('Byline: setup(): ' .. table.concat(problems, '; '), 3)
  end
end

function M.setup(opts)
  if opts ~= nil and type(opts) ~= 'table' then
    error('Byline: setup() takes a table of options, got ' .. type(opts), 2)
  end
  local config = merge(defaults, opts or {})
  validate(config)
  M.config = config
  M.did_setup = true
  if M.config.highlights then
    require('byline.highlights').setup()
  end
  local group = vim.api.nvim_create_augroup('byline.attach', { clear = true })
  vim.api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if not client or client.name ~= 'byline' then
        return
      end
      if M.config.hover then
        require('byline.hover').attach(args.buf, M.config.hover)
      end
      local story_date = require('byline.story_date')
      if vim.b[args.buf].byline_story_date_set and story_date.server_supports(client) then
        -- A date set for this story before the server (re)started.
        story_date.send_document_date(args.buf, client, M.config.settings)
      else
        story_date.refresh(args.buf, M.config.settings)
      end
    end,
  })
  -- The server publishes diagnostics after every analysis: the moment the date in
  -- force may have changed (an edit of the front matter, a setting).
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    group = group,
    callback = function(args)
      if vim.api.nvim_buf_is_valid(args.buf) and require('byline.story_date').client(args.buf) then
        require('byline.story_date').refresh(args.buf, M.config.settings)
      end
    end,
  })
  vim.api.nvim_create_user_command('BylineStoryDate', function(command)
    require('byline.story_date').command(vim.api.nvim_get_current_buf(), command.args, M.config.settings)
  end, {
    nargs = '?',
    complete = function()
      return { 'today', 'clear' }
    end,
    desc = 'Byline: show the story date in force, or set it (YYYY-MM-DD, today; clear)',
  })
  vim.api.nvim_create_autocmd('LspDetach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == 'byline' then
        require('byline.hover').detach(args.buf, client.id)
      end
    end,
  })
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

--- Byline's hover window for the name under the cursor (what `K` does in a story);
--- `opts` ({ border, max_width, max_height }) defaults to setup()'s `hover`.
function M.hover(opts)
  require('byline.hover').hover(opts or M.config.hover or {})
end

--- For 'statusline': "Byline · 2021-10-21 (front matter)" in a buffer Byline checks —
--- the story date in force and where it comes from — and "" elsewhere.
---
---   vim.o.statusline = '%f %h%m%r%=%{v:lua.require("byline").statusline()} %l,%c'
function M.statusline(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local story_date = require('byline.story_date')
  if not story_date.client(bufnr) then
    return ''
  end
  local info = vim.b[bufnr].byline_story_date
  if info == nil then
    return 'Byline'
  end
  return 'Byline · ' .. story_date.describe(info)
end

--- The story date in force for `bufnr` ({ date, source, configPath }), asked now.
function M.story_date(bufnr)
  return require('byline.story_date').get_sync(bufnr or vim.api.nvim_get_current_buf(), M.config.settings)
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
    require('byline.client_call').notify(client, 'workspace/didChangeConfiguration', { settings = resolved })
    for bufnr in pairs(client.attached_buffers or {}) do
      require('byline.story_date').refresh(bufnr, M.config.settings)
    end
  end
end

return M
