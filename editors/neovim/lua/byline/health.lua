-- :checkhealth byline — is Neovim new enough, is the server there, which version, and
-- is the plugin set up.
local M = {}

local health = vim.health

local function check_neovim()
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. version .. ' (uses vim.lsp.config and vim.lsp.enable)')
  elseif vim.fn.has('nvim-0.10') == 1 then
    health.warn('Neovim ' .. version .. ': works through the vim.lsp.start fallback', { 'Neovim 0.11 or later is recommended.' })
  else
    health.error('Neovim ' .. version .. ' is too old', { 'Byline needs Neovim 0.10 or later (0.11 recommended).' })
  end
end

local function check_server(byline)
  local cmd = byline.config.cmd
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    health.error(('`%s` not found on PATH'):format(exe), {
      'Install it from a Byline checkout: ' .. byline.install_command,
      'Or pass the full path: require("byline").setup({ cmd = { "/path/to/byline", "lsp" } })',
    })
    return
  end
  health.ok(('server: %s'):format(vim.fn.exepath(exe)))
  local ok, result = pcall(function()
    return vim.system({ exe, '--version' }, { text = true }):wait(5000)
  end)
  if not ok or result.code ~= 0 then
    health.error(('`%s --version` failed'):format(exe), { tostring(ok and result.stderr or result) })
    return
  end
  local version = vim.trim(result.stdout)
  if version:match('^byline %d+%.%d+') then
    health.ok('version: ' .. version)
  else
    health.warn(('`%s --version` printed %q, not "byline X.Y.Z"'):format(exe, version), { 'Is this the Byline binary?' })
  end
end

local function check_setup(byline)
  if not byline.did_setup then
    health.warn('require("byline").setup() has not been called', { 'Call it from your config (see :help lua or the README).' })
    return
  end
  health.ok('set up for filetypes: ' .. table.concat(byline.config.filetypes, ', '))
  local kb = (byline.config.settings.byline or {}).kb or {}
  for _, path in ipairs(kb) do
    local full = vim.fs.normalize(path)
    if vim.uv.fs_stat(full) then
      health.ok('KB file: ' .. full)
    else
      health.warn('KB file not found: ' .. full, { 'Fix settings.byline.kb in setup().' })
    end
  end
  local clients = vim.lsp.get_clients({ name = 'byline' })
  if #clients == 0 then
    health.info('no byline server running (open a markdown, text or mail buffer)')
  end
  local story_date = require('byline.story_date')
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    health.info(('server running: id %d, %s %s, root %s'):format(client.id, info.name or '?', info.version or '?', client.root_dir or '(single file)'))
    if not story_date.server_supports(client) then
      health.info('story dates below are worked out by the plugin: this server does not answer byline/storyDate (docs/lsp-extensions.md)')
    end
    local buffers = vim.tbl_keys(client.attached_buffers or {})
    table.sort(buffers)
    for _, bufnr in ipairs(buffers) do
      local name = vim.api.nvim_buf_get_name(bufnr)
      local date = story_date.get_sync(bufnr, byline.config.settings)
      health.info(('story date for %s: %s'):format(name ~= '' and vim.fn.fnamemodify(name, ':~:.') or ('buffer ' .. bufnr), story_date.describe(date)))
    end
  end
end

function M.check()
  local byline = require('byline')
  health.start('Neovim')
  check_neovim()
  health.start('byline server')
  check_server(byline)
  health.start('setup')
  check_setup(byline)
end

return M
