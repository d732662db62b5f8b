/**
 * The Lua side of the host, run before every script in a fresh Lua state. It takes the host's bridge functions
 * out of the globals into locals (so the script cannot reach them), captures every library function it relies on
 * before the script can replace one, builds the script's sandboxed environment, runs the script in it, and hands
 * the outcome back as JSON text made by a codec the script cannot change (issue 9).
 *
 * Limits the script must not catch (memory, output, time) end the run through `STOP`, a local the script never
 * sees: the sandbox's pcall and xpcall rethrow it, and any error caught after a limit was hit.
 */
export const PRELUDE_LUA = String.raw`
local json = (function() __JSON__ end)()
local bridge = { call = __call, take = __take, read_doc = __read_doc, print = __print, suggest = __suggest, clock = __clock, ended = __ended }
local source, accounts, functions = __source, json.decode(__accounts), json.decode(__functions)
local output_limit, deadline, script_name, want_traceback = __output_limit, __deadline, __name, __traceback
__call, __take, __read_doc, __print, __suggest, __clock, __ended, __source, __accounts, __functions, __output_limit, __deadline, __name, __traceback = nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil

local type, tostring, error, pcall, xpcall, select, setmetatable, rawget, rawset, next, load, ipairs =
  type, tostring, error, pcall, xpcall, select, setmetatable, rawget, rawset, next, load, ipairs
local tonumber = tonumber
local pack, concat = table.pack, table.concat
local gsub, sub, match = string.gsub, string.sub, string.match
-- Waiting on the host: the thread runner awaits a yielded promise and resumes the script once it settles.
local yield = coroutine.yield
-- Where errors happened, from the VM's own records of the stack (the script never sees debug).
local getinfo = debug.getinfo

-- A binary chunk is Lua bytecode, which can break out of any sandbox; only text is ever loaded.
string.dump = nil

local MEMORY_ERROR = 'not enough memory'
local STOP = setmetatable({}, { __metatable = false, __tostring = function() return 'the run was stopped' end })
local stopped

local function stop(reason)
  stopped = stopped or reason
  error(STOP, 0)
end

-- True when an error that a pcall caught must end the run: a limit was hit, or the host ended the run.
local function must_stop(e)
  if stopped then return true end
  if e == MEMORY_ERROR then stopped = 'memory' return true end
  if deadline and bridge.clock() >= deadline then stopped = 'timeout' return true end
  local ended = bridge.ended()
  if ended then stopped = ended return true end
  return false
end

local function after_pcall(ok, ...)
  if not ok and must_stop((...)) then error(STOP, 0) end
  return ok, ...
end
local function sandbox_pcall(f, ...) return after_pcall(pcall(f, ...)) end
local function sandbox_xpcall(f, handler, ...)
  return after_pcall(xpcall(f, function(e)
    if must_stop(e) then return STOP end
    return handler(e)
  end, ...))
end

local function copy(t)
  local c = {}
  for k, v in next, t do c[k] = v end
  return c
end

-- The script's chunk name: every function the script defines has it as its source.
local script_source = '=' .. script_name
-- How far up the stack to look for the script's line (deeper than any real call chain, bounded for a runaway one).
local LOCATE_LEVELS = 1000

-- The innermost line of the script on the stack: where it made the call that failed, or raised the error. Code the
-- script loads with load() counts as the line of the script that ran it.
local function locate()
  for level = 2, LOCATE_LEVELS do
    local info = getinfo(level, 'Sl')
    if not info then return nil end
    if info.source == script_source and info.currentline > 0 then return info.currentline end
  end
  return nil
end

-- The number of levels on the stack, found as Lua's own traceback finds it (a run may be 200,000 calls deep).
local function stack_depth()
  local low, high = 1, 2
  while getinfo(high, '') do low, high = high, high * 2 end
  while low + 1 < high do
    local middle = (low + high) // 2
    if getinfo(middle, '') then low = middle else high = middle end
  end
  return low
end

local function frame_line(info)
  local where = info.short_src .. ':' .. (info.currentline > 0 and info.currentline or '?') .. ': in '
  if info.what == 'main' then return where .. 'main chunk' end
  if info.name then
    local kind = (info.namewhat == 'global' or info.namewhat == '') and 'function' or info.namewhat
    return where .. kind .. " '" .. info.name .. "'"
  end
  return where .. 'function <' .. info.short_src .. ':' .. info.linedefined .. '>'
end

-- A Lua traceback of the script's own frames (the prelude's and C functions left out): the innermost and the
-- outermost ten levels of a deeper stack, like Lua's.
local SHOWN = 10
local function script_traceback()
  local lines, depth = { 'stack traceback:' }, stack_depth()
  local level = 2
  while level <= depth do
    if level == 2 + SHOWN and depth - SHOWN > level then
      lines[#lines + 1] = '\t...\t(skipping ' .. (depth - SHOWN - level + 1) .. ' levels)'
      level = depth - SHOWN + 1
    end
    local info = getinfo(level, 'Slnt')
    if info then
      if info.what ~= 'C' and info.source ~= '=host' then lines[#lines + 1] = '\t' .. frame_line(info) end
      -- A tail call (a script's 'return create_price(…)' too) left no frame, and no line, for its caller.
      if info.istailcall then lines[#lines + 1] = '\t(...tail calls...)' end
    end
    level = level + 1
  end
  return concat(lines, '\n')
end

-- Errors the bridge and the prelude make are recorded here, with their fields as made and the script's line that
-- made the call: the outcome tells them from a table the script raises itself, whatever fields that one has.
local genuine = setmetatable({}, { __mode = 'k' })
local error_meta = { __metatable = false, __tostring = function(e) return tostring(rawget(e, 'message')) end }
local function fail(fields, level)
  local e = setmetatable(copy(fields), error_meta)
  genuine[e] = { fields = copy(fields), line = locate() }
  error(e, level)
end

local is_function, is_account = {}, {}
for _, name in ipairs(functions) do is_function[name] = true end
for _, alias in ipairs(accounts) do is_account[alias] = true end

-- The bridge answers with a table (push.ts) at once where the VM can wait for the host, or with a promise to wait
-- on, after which the answer is taken.
local function reply_of(answer)
  if type(answer) ~= 'table' then
    yield(answer)
    answer = bridge.take()
  end
  if stopped then error(STOP, 0) end
  if answer.ended then stop(answer.ended) end
  return answer
end

local function caller(account, name)
  return function(args)
    if stopped then error(STOP, 0) end
    if args == nil then args = {} end
    if type(args) ~= 'table' then
      fail({ type = 'validation_error', message = name .. ': expected a table of arguments, got ' .. type(args) }, 2)
    end
    local outcome = reply_of(bridge.call(account, name, json.encode(args)))
    if outcome.ok then return outcome.result end
    fail(outcome.error, 2)
  end
end

-- The agent reference also names tools with their catalogue prefix (stripe_create_customer).
local function function_name(key)
  if type(key) ~= 'string' then return nil end
  local name = gsub(key, '^stripe_', '')
  return is_function[name] and name or nil
end

local function unknown(path, key)
  local hint = bridge.suggest(tostring(key))
  fail({ type = 'unknown_function', message = path .. '.' .. tostring(key) .. ' is not a function of the Stripe integration.' .. hint }, 3)
end

local function namespace(account, path)
  return setmetatable({}, {
    __metatable = false,
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
  __metatable = false,
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

-- print counts against the output limit before anything is joined, so a giant line stops as output, not memory.
local printed = 0
local function print_line(...)
  if stopped then error(STOP, 0) end
  local parts = pack(...)
  local size = printed + 1 + (parts.n > 1 and parts.n - 1 or 0)
  for i = 1, parts.n do
    local text = tostring(parts[i])
    parts[i] = text
    size = size + #text
    if size > output_limit then stop('output') end
  end
  printed = size
  bridge.print(concat(parts, '\t', 1, parts.n))
end

local function read_doc(page)
  if stopped then error(STOP, 0) end
  local outcome = reply_of(bridge.read_doc(tostring(page or 'integrations.stripe')))
  if outcome.ok then return outcome.text end
  fail(outcome.error, 2)
end

-- Names a script may expect that the sandbox leaves out say so, instead of failing later on a nil.
local function not_available(prefix, names)
  local set = {}
  for _, name in ipairs(names) do set[name] = true end
  return function(_, key)
    if set[key] then error(prefix .. tostring(key) .. ' is not available in this sandbox', 2) end
  end
end

local sandbox_string = setmetatable(copy(string), { __index = not_available('string.', { 'dump' }) })
-- Strings index the sandbox's copy of the string library, and getmetatable("") gives a copy of the metatable:
-- the real string functions, which the codec holds, stay out of reach.
local string_meta = getmetatable('')
string_meta.__index = sandbox_string
string_meta.__metatable = { __index = sandbox_string }

local env = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = sandbox_pcall, xpcall = sandbox_xpcall,
  rawequal = rawequal, rawget = rawget, rawlen = rawlen, rawset = rawset, select = select, type = type,
  tonumber = tonumber, tostring = tostring, setmetatable = setmetatable, getmetatable = getmetatable,
  _VERSION = _VERSION, math = copy(math), string = sandbox_string, table = copy(table), utf8 = copy(utf8),
  -- os only for reading the clock; nothing that touches files, processes or the environment. os.clock comes from
  -- the host's high-resolution timer (seconds), since the WebAssembly clock only counts whole milliseconds.
  os = setmetatable({ time = os.time, clock = bridge.clock }, { __index = not_available('os.', { 'date', 'difftime', 'execute', 'exit', 'getenv', 'remove', 'rename', 'setlocale', 'tmpname' }) }),
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
setmetatable(env, { __index = not_available('', { 'io', 'require', 'package', 'debug', 'dofile', 'loadfile', 'coroutine', 'collectgarbage', 'warn' }) })

-- Where the error that ended the run was raised, taken by the message handler while the stack is still there.
local raised = {}
local function on_error(e)
  if must_stop(e) then return e end
  local located, line = pcall(locate)
  raised.line = located and line or nil
  if want_traceback then
    local traced, text = pcall(script_traceback)
    raised.traceback = traced and text or nil
  end
  return e
end

-- The outcome as plain data: only what the prelude itself knows decides its shape.
local function describe(e)
  if must_stop(e) then return { stop = stopped } end
  if type(e) == 'table' and genuine[e] then
    local made = genuine[e]
    return { error = made.fields, genuine = true, line = made.line or raised.line, traceback = raised.traceback }
  end
  local message = type(e) == 'table' and rawget(e, 'message') or e
  if type(message) ~= 'string' then
    local ok, text = pcall(tostring, e)
    if not ok and must_stop(text) then return { stop = stopped } end
    message = ok and type(text) == 'string' and text or ('a ' .. type(e) .. ' value')
  end
  return { error = { type = 'lua_error', message = message }, line = raised.line, traceback = raised.traceback }
end

local chunk, syntax_error = load(source, script_source, 't', env)
if not chunk then
  -- Lua's parser starts its message with the chunk name and the line.
  local prefix = script_name .. ':'
  local line = sub(syntax_error, 1, #prefix) == prefix and tonumber(match(syntax_error, '^(%d+):', #prefix + 1)) or nil
  return json.encode({ syntax = syntax_error, line = line })
end
local ran, result = xpcall(chunk, on_error)
local outcome = ran and { ok = true, value = result } or describe(result)
if stopped then outcome = { stop = stopped } end
local encoded, text = pcall(json.encode, outcome)
if encoded then return text end
if must_stop(text) then return json.encode({ stop = stopped }) end
return json.encode({ error = { type = 'lua_error', message = 'the value the script returned cannot be sent back: ' .. tostring(text) } })
`;
