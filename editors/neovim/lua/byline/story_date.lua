-- The story date in force for a buffer — what the statusline, :checkhealth byline and
-- :BylineStoryDate show — and setting it.
--
-- The server knows the date and where it comes from; it says so through
-- `byline/storyDate` and takes a date for one document through `byline/setStoryDate`
-- (docs/lsp-extensions.md). A server without them (capability
-- experimental.byline.storyDate) gets the date worked out here by the server's own
-- order: `storyDate` setting, `.byline.toml` `story_date`, front matter, none.
local M = {}

--- Words for each source, as the statusline and :checkhealth show them.
M.LABELS = {
  document = 'set for this story',
  settings = 'settings',
  config = '.byline.toml',
  frontMatter = 'front matter',
  none = 'none',
}

local request = require('byline.client_call').request

local request_sync = require('byline.client_call').request_sync

--- The Byline client attached to `bufnr`, if any.
function M.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'byline' })[1]
end

--- Whether the server answers byline/storyDate and byline/setStoryDate.
function M.server_supports(client)
  local experimental = client and client.server_capabilities and client.server_capabilities.experimental
  return type(experimental) == 'table' and type(experimental.byline) == 'table' and experimental.byline.storyDate == true
end

--- A date as the server reads one (PartialDate::parse: YYYY, YYYY-MM or YYYY-MM-DD, in
--- range), or nil.
function M.valid(text)
  if type(text) ~= 'string' then
    return nil
  end
  text = vim.trim(text)
  local year, rest = text:match('^(%d%d%d%d)(.*)$')
  if not year then
    return nil
  end
  if rest == '' then
    return text
  end
  local month, rest2 = rest:match('^%-(%d%d)(.*)$')
  if not month or tonumber(month) < 1 or tonumber(month) > 12 then
    return nil
  end
  if rest2 == '' then
    return text
  end
  local day = rest2:match('^%-(%d%d)$')
  if not day or tonumber(day) < 1 or tonumber(day) > 31 then
    return nil
  end
  return text
end

--- A date as the server reads the `storyDate` setting and `.byline.toml` `story_date`
--- (crates/byline-lsp/src/settings.rs `parse_date`): what M.valid takes, or `today` as
--- today's date (UTC, as the server counts it); nil otherwise.
function M.setting_date(text)
  if type(text) == 'string' and vim.trim(text) == 'today' then
    return os.date('!%Y-%m-%d')
  end
  return M.valid(text)
end

--- The date :BylineStoryDate writes: YYYY-MM-DD, or `today` as today's date (UTC, as
--- the server counts it), since a front-matter date must stay what it was.
function M.parse_argument(text)
  text = vim.trim(text or '')
  if text == 'today' then
    return os.date('!%Y-%m-%d')
  end
  if text:match('^%d%d%d%d%-%d%d%-%d%d$') and M.valid(text) then
    return text
  end
  return nil
end

--- Front matter at the top of `lines`, found as src/prose/front_matter.rs finds it:
--- `---` (YAML) or `+++` (TOML) alone on the first line, up to the next such line; the
--- date is the first body line `date:` / `date =`. Rows are 0-based.
function M.front_matter(lines)
  local function bare(line)
    return (line:gsub('%s+$', ''))
  end
  local fence = lines[1] and bare(lines[1])
  if fence ~= '---' and fence ~= '+++' then
    return nil
  end
  for i = 2, #lines do
    if bare(lines[i]) == fence then
      local found = { fence = fence, close = i - 1 }
      for j = 2, i - 1 do
        local prefix = lines[j]:match('^(date%s*[:=]%s*["\']?)%d%d%d%d')
        if prefix then
          -- The longest date the server's regex takes: YYYY-MM-DD, YYYY-MM or YYYY.
          local rest = lines[j]:sub(#prefix + 1)
          found.date_row = j - 1
          found.date = M.valid(rest:match('^%d%d%d%d%-%d%d%-%d%d') or rest:match('^%d%d%d%d%-%d%d') or rest:match('^%d%d%d%d'))
          break
        end
      end
      return found
    end
  end
  return nil
end

--- The line edit that puts `date` in the front matter of `lines`: { first, last, lines }
--- for nvim_buf_set_lines (0-based, end-exclusive). An existing date line keeps its
--- key and quotes; a front matter without one gets one before its closing fence; a
--- story without front matter gets a YAML one.
function M.front_matter_edit(lines, date)
  local found = M.front_matter(lines)
  if not found then
    return { first = 0, last = 0, lines = { '---', 'date: ' .. date, '---' } }
  end
  if found.date_row then
    local line = lines[found.date_row + 1]
    local prefix = line:match('^(date%s*[:=]%s*["\']?)')
    local quote = prefix:match('["\']$')
    return { first = found.date_row, last = found.date_row + 1, lines = { prefix .. date .. (quote or '') } }
  end
  local key = found.fence == '+++' and 'date = ' or 'date: '
  return { first = found.close, last = found.close, lines = { key .. date } }
end

--- `story_date` of the `.byline.toml` that governs `path` (the nearest in its folder or
--- above, as the server finds it), and that file's path.
local function config_date(path)
  if path == '' then
    return nil
  end
  local config = vim.fs.find('.byline.toml', { upward = true, path = vim.fs.dirname(path), type = 'file' })[1]
  if not config then
    return nil
  end
  local ok, lines = pcall(vim.fn.readfile, config)
  if not ok then
    return nil
  end
  for _, line in ipairs(lines) do
    if line:match('^%s*%[') then
      break -- top-level keys only
    end
    local value = line:match('^%s*story_date%s*=%s*["\']([^"\']*)["\']')
    if value then
      return M.setting_date(value), config
    end
  end
  return nil
end

--- The date in force for `bufnr` by the server's order, without asking the server.
function M.resolve_locally(bufnr, settings)
  local setting = settings and settings.byline and M.setting_date(settings.byline.storyDate)
  if setting then
    return { date = setting, source = 'settings' }
  end
  local date, config = config_date(vim.api.nvim_buf_get_name(bufnr))
  if date then
    return { date = date, source = 'config', configPath = config }
  end
  local found = M.front_matter(vim.api.nvim_buf_get_lines(bufnr, 0, 200, false))
  if found and found.date then
    return { date = found.date, source = 'frontMatter' }
  end
  return { date = vim.NIL, source = 'none' }
end

local function remember(bufnr, info)
  if vim.api.nvim_buf_is_valid(bufnr) then
    vim.b[bufnr].byline_story_date = info
    vim.cmd.redrawstatus({ bang = true })
  end
end

--- Finds the date in force for `bufnr` again (from the server when it can say) and
--- keeps it in b:byline_story_date; `done(info)` is called with it.
function M.refresh(bufnr, settings, done)
  local client = M.client(bufnr)
  if not client then
    return
  end
  if not M.server_supports(client) then
    local info = M.resolve_locally(bufnr, settings)
    remember(bufnr, info)
    if done then
      done(info)
    end
    return
  end
  request(client, 'byline/storyDate', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, function(err, result)
    if err or type(result) ~= 'table' then
      return
    end
    remember(bufnr, result)
    if done then
      done(result)
    end
  end, bufnr)
end

--- The date in force for `bufnr` now (a synchronous request; for :checkhealth).
function M.get_sync(bufnr, settings)
  local client = M.client(bufnr)
  if not client then
    return nil
  end
  if not M.server_supports(client) then
    return M.resolve_locally(bufnr, settings)
  end
  local response = request_sync(client, 'byline/storyDate', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 2000, bufnr)
  return response and response.result or nil
end

--- "2021-10-21 (front matter)", or "no story date".
function M.describe(info)
  if type(info) ~= 'table' or type(info.date) ~= 'string' then
    return 'no story date'
  end
  return ('%s (%s)'):format(info.date, M.LABELS[info.source] or tostring(info.source))
end

--- Sends the date set for `bufnr` (b:byline_story_date_set) to the server: after
--- :BylineStoryDate, and again when the buffer's server (re)attaches.
function M.send_document_date(bufnr, client, settings, done)
  local date = vim.b[bufnr].byline_story_date_set
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, date = date or vim.NIL }
  request(client, 'byline/setStoryDate', params, function(err, result)
    if err then
      vim.notify('Byline: the server refused the date: ' .. tostring(err.message), vim.log.levels.ERROR)
      return
    end
    if type(result) == 'table' then
      remember(bufnr, result)
    else
      M.refresh(bufnr, settings)
    end
    if done then
      done(result)
    end
  end, bufnr)
end

--- :BylineStoryDate [YYYY-MM-DD|today|clear] for `bufnr`. Markdown: writes `date:` in the
--- front matter as an ordinary edit (u undoes it). Other stories: a date for this
--- document on the server. No argument: says which date is in force.
function M.command(bufnr, argument, settings)
  local client = M.client(bufnr)
  if not client then
    vim.notify('Byline: no byline server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  argument = vim.trim(argument or '')
  if argument == '' then
    M.refresh(bufnr, settings, function(info)
      vim.notify('Byline: story date ' .. M.describe(info), vim.log.levels.INFO)
    end)
    return
  end
  local markdown = vim.bo[bufnr].filetype == 'markdown'
  local date = argument ~= 'clear' and M.parse_argument(argument) or nil
  if argument ~= 'clear' and not date then
    vim.notify(('Byline: %q is not a date; use YYYY-MM-DD or today'):format(argument), vim.log.levels.ERROR)
    return
  end
  if markdown then
    if not date then
      vim.notify('Byline: to clear the date of a Markdown story, delete `date:` from its front matter', vim.log.levels.INFO)
      return
    end
    local edit = M.front_matter_edit(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), date)
    -- An undo step of its own (:help undo-break), so `u` takes back just the date.
    vim.api.nvim_buf_call(bufnr, function()
      vim.cmd('let &undolevels = &undolevels')
    end)
    vim.api.nvim_buf_set_lines(bufnr, edit.first, edit.last, false, edit.lines)
    M.refresh(bufnr, settings, function(info)
      if info.source ~= 'frontMatter' then
        vim.notify(
          ('Byline: the front matter says %s, but %s is in force'):format(date, M.describe(info)),
          vim.log.levels.WARN
        )
      end
    end)
    return
  end
  if not M.server_supports(client) then
    local info = client.server_info or {}
    vim.notify(
      ('Byline: this server (%s %s) cannot set a date for one story yet (byline/setStoryDate, docs/lsp-extensions.md). '
        .. 'Set story_date in .byline.toml, or storyDate in settings, which apply to every story.'):format(
        info.name or 'byline',
        info.version or '?'
      ),
      vim.log.levels.WARN
    )
    return
  end
  vim.b[bufnr].byline_story_date_set = date
  M.send_document_date(bufnr, client, settings)
end

return M
