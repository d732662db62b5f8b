/**
 * Answers travel from the host to a script as Lua source: a `return { … }` table constructor that the prelude
 * loads, so Lua's own parser (C code) builds the tables, several times faster than a JSON decoder written in Lua.
 * The conversion rules are the JSON codec's (json.lua.ts) and JSON.stringify's: objects become tables, arrays
 * sequences indexed from 1, `null` (and what JSON leaves out or makes null) an absent field, whole numbers
 * integers; `toJSON` is honoured.
 *
 * Every string is written as a quoted literal whose quote, backslash and control characters are escaped (and a
 * lone surrogate written as the code point it is), so no value can end the literal it is in; keys are written as
 * names only when they are plain identifiers that are not Lua keywords. The prelude loads the text with no
 * globals at all.
 */

// Text that can stand between quotes as it is: no quote, backslash, control character or lone surrogate.
const PLAIN = /^[^"\\\u0000-\u001f\u007f\ud800-\udfff]*$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while']);
// Deeper than any Stripe object, and within the 200 levels of nesting Lua's parser allows.
const MAX_DEPTH = 100;

function quote(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 34 || code === 92) out += `\\${char}`;
    // Three digits always, so a digit that follows is not read as part of the escape.
    else if (code < 32 || code === 127) out += `\\${String(code).padStart(3, '0')}`;
    // A lone surrogate has no UTF-8 form of its own: Lua writes the code point as the JSON codec does.
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return `${out}"`;
}

const key = (name: string): string => (NAME.test(name) && !KEYWORDS.has(name) ? name : `[${quote(name)}]`);

/** `undefined` for what JSON.stringify leaves out of an object (and makes null in an array). */
function literal(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // JSON's text for the number: `1` is read as an integer, `1.5` and `1e+21` as floats.
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt cannot be passed to Lua');
    case 'object': {
      if (value === null) return undefined;
      if (depth >= MAX_DEPTH) throw new RangeError(`the value is nested more than ${MAX_DEPTH} deep (a cycle?)`);
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return literal(toJSON.call(value), depth);
      const parts: string[] = [];
      if (Array.isArray(value)) {
        // A loop, not map: a hole in a sparse array is nil too.
        for (let i = 0; i < value.length; i++) parts.push(literal(value[i], depth + 1) ?? 'nil');
      } else {
        for (const name of Object.keys(value)) {
          const item = literal((value as Record<string, unknown>)[name], depth + 1);
          if (item !== undefined) parts.push(`${key(name)}=${item}`);
        }
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

/** Lua source that evaluates to a fresh copy of `value` (JSON-like data): `return {id="cus_1",balance=0}`. */
export function luaAnswer(value: unknown): string {
  return `return ${literal(value, 0) ?? 'nil'}`;
}
