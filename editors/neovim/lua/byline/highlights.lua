-- Colours for Byline's semantic tokens.
--
-- Neovim highlights a token of type `person` with the group `@lsp.type.person` (and a
-- modifier with `@lsp.mod.unknown`). Those are linked to Byline* groups, and the
-- Byline* groups to standard groups every colour scheme defines, so the defaults follow
-- the user's scheme in light and dark. All links are `default`: a user's own
-- `:highlight` of either group wins.
local M = {}

--- Byline group -> the standard group it falls back to (or attributes).
M.groups = {
  BylinePerson = { link = 'Identifier' },
  BylineOrganization = { link = 'Function' },
  BylineLocation = { link = 'String' },
  BylineEvent = { link = 'Statement' },
  -- Not Constant: Neovim 0.11's default scheme gives Constant the plain-text colour, so
  -- nationalities and other names went uncoloured. Its syntax groups have three colours
  -- (Identifier, Function and String, taken above); DiagnosticWarn's yellow is the one
  -- left that is neither those nor plain text, and every scheme defines it.
  BylineOther = { link = 'DiagnosticWarn' },
  -- Not in the knowledge base: slanted, so it reads as "unverified" in any colour.
  BylineUnknown = { italic = true },
  -- An entity's first mention; plain unless the user styles it.
  BylineFirstMention = {},
}

--- Semantic-token group -> Byline group.
M.links = {
  ['@lsp.type.person'] = 'BylinePerson',
  ['@lsp.type.organization'] = 'BylineOrganization',
  ['@lsp.type.location'] = 'BylineLocation',
  ['@lsp.type.event'] = 'BylineEvent',
  ['@lsp.type.other'] = 'BylineOther',
  ['@lsp.mod.unknown'] = 'BylineUnknown',
  ['@lsp.mod.firstMention'] = 'BylineFirstMention',
}

function M.apply()
  for name, spec in pairs(M.groups) do
    vim.api.nvim_set_hl(0, name, vim.tbl_extend('force', spec, { default = true }))
  end
  for name, target in pairs(M.links) do
    vim.api.nvim_set_hl(0, name, { link = target, default = true })
  end
end

--- Applies the defaults now and again after every `:colorscheme` (which clears them).
function M.setup()
  M.apply()
  vim.api.nvim_create_autocmd('ColorScheme', {
    group = vim.api.nvim_create_augroup('byline.highlights', { clear = true }),
    callback = M.apply,
  })
end

return M
