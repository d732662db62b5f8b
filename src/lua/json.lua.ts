/**
 * A JSON codec written in Lua. Values cross between JavaScript and Lua as JSON text, so the conversion rules are
 * ours and exact: objects become tables, arrays become sequences indexed from 1 (so `#` and `ipairs` work), `null`
 * becomes an absent field (never a value that crashes on access), and whole numbers become Lua integers.
 */
export const JSON_LUA = String.raw`
-- Everything the codec uses is a local taken before any script runs: a script that replaces string functions
-- (through getmetatable("").__index or otherwise) cannot change how the host encodes its outcome (issue 9).
local type, tostring, tonumber, error, next, rawget, rawlen = type, tostring, tonumber, error, next, rawget, rawlen
local gsub, format, byte, find, sub, match = string.gsub, string.format, string.byte, string.find, string.sub, string.match
local concat, sort = table.concat, table.sort
local mtype, tointeger, huge = math.type, math.tointeger, math.huge
local uchar = utf8.char
local json = {}

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function encode_string(s)
  return '"' .. gsub(s, '[%c"\\]', function(c) return escapes[c] or format('\\u%04x', byte(c)) end) .. '"'
end

local function is_sequence(t)
  local count = 0
  for key in next, t do
    if mtype(key) ~= 'integer' or key < 1 then return false end
    count = count + 1
  end
  for i = 1, count do if rawget(t, i) == nil then return false end end
  return count > 0
end

local encode_value

local function encode_table(t, depth)
  if depth > 64 then error('json.encode: tables nested more than 64 deep (a cycle?)', 0) end
  local parts = {}
  if is_sequence(t) then
    for i = 1, rawlen(t) do parts[i] = encode_value(rawget(t, i), depth + 1) end
    return '[' .. concat(parts, ',') .. ']'
  end
  for key, value in next, t do
    if type(key) ~= 'string' then error('json.encode: a table mixes list entries and named keys, or has a ' .. type(key) .. ' key', 0) end
    parts[#parts + 1] = encode_string(key) .. ':' .. encode_value(value, depth + 1)
  end
  sort(parts)
  return '{' .. concat(parts, ',') .. '}'
end

function encode_value(v, depth)
  local kind = type(v)
  if kind == 'nil' then return 'null'
  elseif kind == 'boolean' then return tostring(v)
  elseif kind == 'string' then return encode_string(v)
  elseif kind == 'number' then
    if mtype(v) == 'integer' then return format('%d', v) end
    if v ~= v or v == huge or v == -huge then error('json.encode: cannot encode ' .. tostring(v), 0) end
    return format('%.17g', v)
  elseif kind == 'table' then return encode_table(v, depth)
  end
  error('json.encode: cannot encode a ' .. kind, 0)
end

function json.encode(value) return encode_value(value, 0) end

local decode_value

local function decode_error(pos, what)
  error(format('json.decode: %s at character %d', what, pos), 0)
end

-- Byte codes: the decoder looks at one byte where it can, since every call that makes a one-character string
-- costs more than comparing a number (replies are decoded on every call a script makes).
local SPACE, TAB, LF, CR = 32, 9, 10, 13
local QUOTE, BACKSLASH, COMMA, COLON = 34, 92, 44, 58
local OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY = 123, 125, 91, 93

local function skip(text, pos)
  local b = byte(text, pos)
  if b == SPACE or b == TAB or b == LF or b == CR then return find(text, '[^ \t\r\n]', pos) or #text + 1 end
  return b and pos or #text + 1
end

local simple_escapes = { b = '\b', f = '\f', n = '\n', r = '\r', t = '\t', ['"'] = '"', ['\\'] = '\\', ['/'] = '/' }

-- A string with escapes, from the first backslash on (rare in Stripe's answers).
local function decode_escaped(text, pos, first)
  local parts, i = { sub(text, pos + 1, first - 1) }, first
  while true do
    local c = byte(text, i)
    if not c then decode_error(i, 'unterminated string') end
    if c == QUOTE then return concat(parts), i + 1 end
    if c == BACKSLASH then
      local e = sub(text, i + 1, i + 1)
      local simple = simple_escapes[e]
      if simple then parts[#parts + 1] = simple; i = i + 2
      elseif e == 'u' then
        local code = tonumber(sub(text, i + 2, i + 5), 16) or decode_error(i, 'bad \\u escape')
        i = i + 6
        if code >= 0xD800 and code <= 0xDBFF and sub(text, i, i + 1) == '\\u' then
          local low = tonumber(sub(text, i + 2, i + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00); i = i + 6 end
        end
        parts[#parts + 1] = uchar(code)
      else decode_error(i, 'bad escape') end
    else
      local stop = find(text, '["\\]', i) or #text + 1
      parts[#parts + 1] = sub(text, i, stop - 1)
      i = stop
    end
  end
end

local function decode_string(text, pos)
  local plain, after = match(text, '^"([^"\\]*)"()', pos)
  if plain then return plain, after end
  local backslash = find(text, '\\', pos + 1, true)
  if not backslash then decode_error(#text + 1, 'unterminated string') end
  return decode_escaped(text, pos, backslash)
end

local function decode_number(text, pos)
  local literal = match(text, '^-?%d+%.?%d*[eE]?[-+]?%d*', pos)
  if not literal or literal == '' then decode_error(pos, 'unexpected character') end
  local value = find(literal, '[.eE]') and tonumber(literal) or tointeger(tonumber(literal)) or tonumber(literal)
  return value, pos + #literal
end

local function decode_array(text, pos)
  local list, i = {}, skip(text, pos + 1)
  if byte(text, i) == CLOSE_ARRAY then return list, i + 1 end
  local n = 0
  while true do
    local value
    value, i = decode_value(text, i)
    n = n + 1
    list[n] = value
    i = skip(text, i)
    local c = byte(text, i)
    if c == CLOSE_ARRAY then return list, i + 1 end
    if c ~= COMMA then decode_error(i, 'expected , or ]') end
    i = skip(text, i + 1)
  end
end

local function decode_object(text, pos)
  local object, i = {}, skip(text, pos + 1)
  if byte(text, i) == CLOSE_OBJECT then return object, i + 1 end
  while true do
    -- A plain key right before its colon (compact JSON, as the host sends) is one match.
    local key, after = match(text, '^"([^"\\]*)":()', i)
    if not key then
      if byte(text, i) ~= QUOTE then decode_error(i, 'expected a key') end
      key, i = decode_string(text, i)
      i = skip(text, i)
      if byte(text, i) ~= COLON then decode_error(i, 'expected :') end
      after = i + 1
    end
    local value
    value, i = decode_value(text, skip(text, after))
    object[key] = value
    i = skip(text, i)
    local c = byte(text, i)
    if c == CLOSE_OBJECT then return object, i + 1 end
    if c ~= COMMA then decode_error(i, 'expected , or }') end
    i = skip(text, i + 1)
  end
end

-- The literals by their first byte (t, f, n); a word that does not match is read as a number, which fails.
local literals = { [116] = { 'true', true }, [102] = { 'false', false }, [110] = { 'null', nil } }

function decode_value(text, pos)
  pos = skip(text, pos)
  local c = byte(text, pos)
  if c == OPEN_OBJECT then return decode_object(text, pos) end
  if c == OPEN_ARRAY then return decode_array(text, pos) end
  if c == QUOTE then return decode_string(text, pos) end
  local literal = literals[c]
  if literal then
    local word = literal[1]
    if sub(text, pos, pos + #word - 1) == word then return literal[2], pos + #word end
  end
  return decode_number(text, pos)
end

function json.decode(text)
  if type(text) ~= 'string' then error('json.decode: expected a string, got ' .. type(text), 2) end
  local value, pos = decode_value(text, 1)
  if skip(text, pos) <= #text then decode_error(pos, 'trailing characters') end
  return value
end

return json
`;
