--- Calls on an LSP client that work on Neovim 0.10 and 0.11: 0.11 made the client's
--- methods take `self` (`client:request`); 0.10 has only the plain functions.
local M = {}

local method_style = vim.fn.has('nvim-0.11') == 1

--- client:request / client.request.
function M.request(client, method, params, handler, bufnr)
  if method_style then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- client:request_sync / client.request_sync.
function M.request_sync(client, method, params, timeout, bufnr)
  if method_style then
    return client:request_sync(method, params, timeout, bufnr)
  end
  return client.request_sync(method, params, timeout, bufnr)
end

--- client:notify / client.notify.
function M.notify(client, method, params)
  if method_style then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

return M
