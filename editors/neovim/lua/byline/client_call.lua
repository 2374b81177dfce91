--- Calls on an LSP client that work on Neovim 0.10 and 0.11: 0.11 made the client's
--- methods take `self` (`client:request`); 0.10 has only the plain functions.
local M = {}

local method_style = vim.fn.has('nvim-0.11') == 1

--- Calls the client function `name` with `...`, in the style this Neovim has.
local function call(client, name, ...)
  if method_style then
    return client[name](client, ...)
  end
  return client[name](...)
end

--- client:request(method, params, handler, bufnr)
function M.request(client, ...)
  return call(client, 'request', ...)
end

--- client:request_sync(method, params, timeout, bufnr)
function M.request_sync(client, ...)
  return call(client, 'request_sync', ...)
end

--- client:notify(method, params)
function M.notify(client, ...)
  return call(client, 'notify', ...)
end

return M
