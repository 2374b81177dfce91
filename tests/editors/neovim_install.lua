-- One way of loading editors/neovim, run in a fresh headless Neovim by
-- tests/editors/neovim_test.lua (setup() changes global state, so each way gets its own
-- process). It loads the plugin exactly as a README snippet does — the snippet's Lua is
-- read from the README, not copied here — opens a copy of examples/moscow-talks.md and
-- checks that the server attached and diagnosed it.
--
--   nvim --headless --clean -l tests/editors/neovim_install.lua README WAY STORY
--
-- WAY is `setup()` (no argument), `setup({})` (the README's "without a plugin manager"
-- line), `options` (the README's "these are the defaults" block), `lazy` (the README's
-- lazy.nvim spec, loaded the way lazy.nvim loads it; see lazy_load) or `lazy opts={}`
-- (that spec with `opts = {}`, the README's form for the defaults). The caller sets HOME to a scratch folder holding
-- `src/byline` (a link to the checkout) and `desk/house-kb.toml`, and puts a `byline`
-- on PATH, as the snippets assume. Prints "ok: ..." and exits 0, or prints the problem
-- and exits 1.
local readme, way, story = arg[1], arg[2], arg[3]
local TIMEOUT = 10000

local function fail(message)
  io.stdout:write('FAIL: ' .. message .. '\n')
  os.exit(1)
end

--- The ```lua blocks of a Markdown file, in order.
local function lua_blocks(path)
  local blocks, current = {}, nil
  for _, line in ipairs(vim.fn.readfile(path)) do
    if current then
      if line:match('^```%s*$') then
        blocks[#blocks + 1] = table.concat(current, '\n')
        current = nil
      else
        current[#current + 1] = line
      end
    elseif line:match('^```lua%s*$') then
      current = {}
    end
  end
  return blocks
end

local function block_where(predicate, what)
  for _, block in ipairs(lua_blocks(readme)) do
    if predicate(block) then
      return block
    end
  end
  fail(('%s has no ```lua block with %s'):format(readme, what))
end

--- What lazy.nvim (lua/lazy/core) does with a spec of `dir`, `main`, `ft` and `opts`,
--- minus the plugin manager around it: at start-up it only registers a FileType
--- handler (handler/ft.lua, event.lua). The first buffer of a listed filetype then
--- loads the plugin: its dir joins the runtimepath (loader.add_to_rtp; `dir` has `~`
--- expanded by Util.norm), its plugin/ and ftdetect/ files are sourced (packadd), and
--- loader.config calls `require(main).setup(opts)`, opts being Plugin.values(plugin,
--- "opts") — Util.merge({}, spec.opts), the spec's own table. Last, the FileType event
--- is fired again for that buffer so the autocmds the plugin just made see it.
local function lazy_load(spec)
  local dir = vim.fs.normalize(spec.dir)
  if vim.fn.isdirectory(dir) == 0 then
    fail('the spec\'s dir ' .. dir .. ' is not a directory')
  end
  local done = false
  vim.api.nvim_create_autocmd('FileType', {
    group = vim.api.nvim_create_augroup('lazy_handler_event', { clear = true }),
    once = true,
    pattern = spec.ft,
    callback = function(ev)
      if done then
        return
      end
      done = true
      vim.opt.runtimepath:prepend(dir)
      for _, file in ipairs(vim.fn.glob(dir .. '/plugin/**/*.{vim,lua}', false, true)) do
        vim.cmd.source(file)
      end
      local opts = spec.opts == nil and {} or spec.opts
      if type(opts) == 'function' then
        opts = opts(spec, {}) or {}
      end
      if type(spec.config) == 'function' then
        spec.config(spec, opts)
      else
        require(spec.main).setup(opts)
      end
      vim.api.nvim_exec_autocmds('FileType', { buffer = ev.buf, modeline = false })
    end,
  })
end

-- What the server shows (a KB file it cannot read, a bad setting) is a failure.
local shown = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  shown[#shown + 1] = result.message
end

vim.cmd('filetype on')
local ok, err = pcall(function()
  if way == 'setup()' then
    vim.opt.runtimepath:prepend(vim.fs.normalize('~/src/byline/editors/neovim'))
    require('byline').setup()
  elseif way == 'setup({})' then
    vim.opt.runtimepath:prepend(vim.fs.normalize('~/src/byline/editors/neovim'))
    local line = block_where(function(b)
      return vim.trim(b) == "require('byline').setup({})"
    end, "require('byline').setup({}) alone")
    assert(load(line, 'README: setup({})'))()
  elseif way == 'options' then
    vim.opt.runtimepath:prepend(vim.fs.normalize('~/src/byline/editors/neovim'))
    local block = block_where(function(b)
      return b:match("^require%('byline'%)%.setup%(%{\n") ~= nil
    end, "the options of require('byline').setup({ ... })")
    assert(load(block, 'README: options'))()
    -- "These are the defaults": setup() with nothing must give the same config.
    local byline = require('byline')
    local listed = vim.deepcopy(byline.config)
    byline.setup()
    local missing = {}
    for key in pairs(byline.config) do
      if listed[key] == nil then
        missing[#missing + 1] = key
      end
    end
    if #missing > 0 or not vim.deep_equal(listed, byline.config) then
      error(('the README\'s defaults differ from the plugin\'s: README %s, plugin %s'):format(
        vim.inspect(listed),
        vim.inspect(byline.config)
      ))
    end
  elseif way == 'lazy' or way == 'lazy opts={}' then
    local block = block_where(function(b)
      return b:match('^{') and b:match('dir = ') ~= nil
    end, 'a lazy.nvim spec ({ dir = ..., })')
    local spec = assert(load('return ' .. block, 'README: lazy.nvim spec'))()
    if way == 'lazy opts={}' then
      -- The README's shortest form for the defaults: lazy.nvim then calls setup({}).
      spec.opts = {}
    end
    lazy_load(spec)
  else
    error('unknown way ' .. tostring(way))
  end
end)
if not ok then
  fail(way .. ' failed: ' .. tostring(err))
end

vim.cmd.edit(story)
local buf = vim.api.nvim_get_current_buf()
local client
if
  not vim.wait(TIMEOUT, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'byline' })[1]
    return client ~= nil and client.initialized
  end, 20)
then
  fail(way .. ': no byline client attached to ' .. story)
end
if not vim.wait(TIMEOUT, function()
  return #vim.diagnostic.get(buf) == 2
end, 20) then
  fail(('%s: %d diagnostics, expected the 2 misspelled-name'):format(way, #vim.diagnostic.get(buf)))
end
-- The KB paths reach the server expanded (it takes paths literally).
for _, path in ipairs((client.config.init_options.byline or {}).kb or {}) do
  if path:find('~', 1, true) or vim.fn.filereadable(path) == 0 then
    fail(way .. ': KB path sent as ' .. path)
  end
end
vim.wait(200)
if #shown > 0 then
  fail(way .. ': the server said: ' .. table.concat(shown, ' | '))
end
io.stdout:write(('ok: %s attached (%s), %d diagnostics, kb %s\n'):format(
  way,
  client.config.cmd[1],
  #vim.diagnostic.get(buf),
  vim.inspect((client.config.init_options.byline or {}).kb or {})
))
os.exit(0)
