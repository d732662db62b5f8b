/**
 * The Lua side of the host, run before every script in a fresh Lua state. It takes the host's bridge functions
 * out of the globals into locals (so the script cannot reach them), builds the script's sandboxed environment,
 * runs the script in it, and hands the outcome back to JavaScript as JSON text.
 */
export const PRELUDE_LUA = String.raw`
local json = (function() __JSON__ end)()
local bridge = { call = __call, read_doc = __read_doc, print = __print, suggest = __suggest, clock = __clock }
local source, accounts, functions = __source, json.decode(__accounts), json.decode(__functions)
__call, __read_doc, __print, __suggest, __clock, __source, __accounts, __functions = nil, nil, nil, nil, nil, nil, nil, nil

-- A binary chunk is Lua bytecode, which can break out of any sandbox; only text is ever loaded.
string.dump = nil

local error_meta = { __tostring = function(e) return tostring(e.message) end }
local function fail(fields, level) error(setmetatable(fields, error_meta), level) end

local is_function, is_account = {}, {}
for _, name in ipairs(functions) do is_function[name] = true end
for _, alias in ipairs(accounts) do is_account[alias] = true end

local function caller(account, name)
  return function(args)
    if args == nil then args = {} end
    if type(args) ~= 'table' then
      fail({ type = 'validation_error', message = name .. ': expected a table of arguments, got ' .. type(args) }, 2)
    end
    local outcome = json.decode(bridge.call(account, name, json.encode(args)):await())
    if outcome.ok then return outcome.result end
    fail(outcome.error, 2)
  end
end

-- The agent reference also names tools with their catalogue prefix (stripe_create_customer).
local function function_name(key)
  if type(key) ~= 'string' then return nil end
  local name = key:gsub('^stripe_', '')
  return is_function[name] and name or nil
end

local function unknown(path, key)
  local hint = bridge.suggest(tostring(key))
  fail({ type = 'unknown_function', message = path .. '.' .. tostring(key) .. ' is not a function of the Stripe integration.' .. hint }, 3)
end

local function namespace(account, path)
  return setmetatable({}, {
    __index = function(self, key)
      local name = function_name(key)
      if not name then unknown(path, key) end
      local fn = caller(account, name)
      rawset(self, key, fn)
      return fn
    end,
    __newindex = function() fail({ type = 'read_only', message = path .. ' cannot be changed' }, 2) end,
  })
end

local stripe_path = 'app.integrations.stripe'
local stripe = setmetatable({}, {
  __index = function(self, key)
    if is_account[key] then
      local ns = namespace(key, stripe_path .. '.' .. key)
      rawset(self, key, ns)
      return ns
    end
    local name = function_name(key)
    if not name then unknown(stripe_path, key) end
    local fn = caller('default', name)
    rawset(self, key, fn)
    return fn
  end,
  __newindex = function() fail({ type = 'read_only', message = stripe_path .. ' cannot be changed' }, 2) end,
})

local function print_line(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  bridge.print(table.concat(parts, '\t', 1, parts.n))
end

local function read_doc(page)
  local outcome = json.decode(bridge.read_doc(tostring(page or 'integrations.stripe')))
  if outcome.ok then return outcome.text end
  fail(outcome.error, 2)
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local env = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall, xpcall = xpcall,
  rawequal = rawequal, rawget = rawget, rawlen = rawlen, rawset = rawset, select = select, type = type,
  tonumber = tonumber, tostring = tostring, setmetatable = setmetatable, getmetatable = getmetatable,
  _VERSION = _VERSION, math = copy(math), string = copy(string), table = copy(table), utf8 = copy(utf8),
  -- os only for reading the clock; nothing that touches files, processes or the environment. os.clock comes from
  -- the host's high-resolution timer (seconds), since the WebAssembly clock only counts whole milliseconds.
  os = { time = os.time, clock = bridge.clock },
  json = { encode = json.encode, decode = json.decode },
  print = print_line,
  lua_read_doc = read_doc,
  app = { integrations = { stripe = stripe } },
}
env.load = function(chunk, name, mode, chunk_env)
  if type(chunk) ~= 'string' then return nil, 'load: only source text can be loaded here' end
  return load(chunk, name, 't', chunk_env or env)
end
env._G = env

local function outcome_of(e)
  if type(e) == 'table' then return e end
  return { type = 'lua_error', message = tostring(e) }
end

local chunk, syntax_error = load(source, '=script', 't', env)
if not chunk then return json.encode({ ok = false, error = { type = 'syntax_error', message = syntax_error } }) end
local results = table.pack(xpcall(chunk, outcome_of))
if results[1] then return json.encode({ ok = true, value = results[2] }) end
return json.encode({ ok = false, error = outcome_of(results[2]) })
`;
