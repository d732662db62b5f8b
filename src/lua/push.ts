/**
 * The bridge's own C functions in the Lua VM, written against Lua's C API as the WebAssembly module exports it
 * (wasmoon's `module._lua_*`). wasmoon's way of calling JavaScript from Lua converts every argument and result
 * through several layers and copies strings with JavaScript loops; these functions read their string arguments and
 * push the host's answer as Lua tables directly, without Lua source to compile (issue 14).
 *
 * An answer is JSON text (answer.ts writes it) and becomes what the JSON codec would make of it: objects become
 * tables, arrays sequences indexed from 1, null an absent field (a hole in a sequence), whole numbers that fit in
 * 64 bits integers, other numbers floats. A string is pushed as its bytes, a lone surrogate as the code point it
 * is (as the codec writes `\udXXX`), so nothing in an answer is ever read as code.
 */
import { ANSWER_MAX_DEPTH, answerFailure, tooDeep } from './answer.js';

/** The part of the Emscripten module the bridge uses (wasmoon's LuaWasm `module`). */
interface WasmModule {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  addFunction(fn: (L: number) => number, signature: string): number;
  removeFunction(pointer: number): void;
  _lua_gettop(L: number): number;
  _lua_settop(L: number, index: number): void;
  _lua_checkstack(L: number, slots: number): number;
  _lua_type(L: number, index: number): number;
  _lua_tolstring(L: number, index: number, length: number): number;
  _lua_pushnil(L: number): void;
  _lua_pushboolean(L: number, value: number): void;
  _lua_pushinteger(L: number, value: bigint): void;
  _lua_pushnumber(L: number, value: number): void;
  _lua_pushlstring(L: number, bytes: number, length: number): number;
  _lua_pushcclosure(L: number, fn: number, upvalues: number): void;
  _lua_createtable(L: number, sequence: number, fields: number): void;
  _lua_rawset(L: number, table: number): void;
  _lua_rawseti(L: number, table: number, index: bigint): void;
  _lua_error(L: number): number;
}

/** What vm.ts needs of a Lua state: its module, and the state's address. */
export interface LuaApi {
  /** A C function for Lua that pushes the answer `produce` gives as JSON text; remove it with `release`. */
  answering(produce: (L: number, argument: (index: number) => string) => string): number;
  /** A C function for Lua that returns the number `read` gives (the bridge's clock). */
  numbering(read: () => number): number;
  /** Sets global `name` to the C function `fn` (made by `answering` or `numbering`). */
  setGlobal(name: string, fn: number): void;
  /**
   * Bounds what the Lua state may allocate. With the module's exports at hand, the state's allocator is replaced
   * by one that calls them directly (every table and string a script makes passes through it); otherwise
   * wasmoon's own allocator keeps the count. Either refuses, as Lua expects, an allocation that would pass the
   * limit: Lua then raises its memory error.
   */
  limitMemory(maxBytes: number): void;
  /** Frees the functions and buffers made for this state. */
  release(): void;
}

const LUA_TSTRING = 4;
const INT64_LIMIT = 2 ** 63;
// Below this many characters a JavaScript loop copies a string faster than a call to the encoder or decoder.
const SHORT = 64;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const nativeWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (text: string): boolean => (nativeWellFormed ? nativeWellFormed.call(text) : !LONE_SURROGATE.test(text));

/** The engine's module, state address, setglobal and memory count, as wasmoon keeps them. */
interface EngineGlobal {
  readonly address: number;
  readonly lua: { readonly module: unknown; lua_setglobal(L: number, name: string): void };
  getMemoryUsed(): number;
  setMemoryMax(maxBytes: number): void;
}

// The C API functions the bridge calls, by their names in the WebAssembly module's exports.
const RAW_NAMES = ['lua_gettop', 'lua_settop', 'lua_checkstack', 'lua_type', 'lua_tolstring', 'lua_pushnil', 'lua_pushboolean', 'lua_pushinteger', 'lua_pushnumber', 'lua_pushlstring', 'lua_pushcclosure', 'lua_createtable', 'lua_rawset', 'lua_rawseti', 'malloc', 'free'] as const;
type Exports = Record<string, unknown> & { memory?: WebAssembly.Memory };
const captured: Exports[] = [];

/**
 * For a thread that runs only the VM (the workers): keep the exports of the Lua WebAssembly module as it is
 * instantiated. wasmoon's `module._lua_*` wrap each export in a function that builds two assertion messages and
 * calls it with `apply` on every call, which costs more than most of the C functions themselves; the bridge calls
 * the exports directly where it has them. Call before the VM starts; the thread's WebAssembly functions are
 * restored once the Lua module is in.
 */
export function keepLuaExports(): void {
  const wasm = WebAssembly as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  const restore = (): void => {
    for (const [name, original] of originals) wasm[name] = original;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = wasm[name];
    if (typeof original !== 'function') continue;
    originals.set(name, original);
    wasm[name] = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const result = (original as (...given: unknown[]) => Promise<unknown>).apply(this, args);
      // Registered before the caller's own handlers, so the exports are kept before the module starts.
      void result.then(
        (made) => {
          const exports = ((made as { instance?: WebAssembly.Instance }).instance ?? (made as WebAssembly.Instance)).exports as Exports | undefined;
          if (typeof exports?.lua_pushlstring !== 'function') return;
          captured.push(exports);
          restore();
        },
        () => {},
      );
      return result;
    };
  }
}

export function luaApi(global: EngineGlobal): LuaApi {
  const wrapped = global.lua.module as WasmModule;
  const exports = captured.find((candidate) => candidate.memory?.buffer === wrapped.HEAPU8.buffer);
  // The module's own object (its heap views stay current as memory grows), with the exports called directly.
  const M: WasmModule = Object.create(wrapped);
  if (exports) for (const name of RAW_NAMES) Object.defineProperty(M, `_${name}`, { value: exports[name] });
  const functions: number[] = [];
  // One scratch buffer for string bytes (grown as needed) and one word for the lengths lua_tolstring writes.
  let scratch = 0;
  let capacity = 0;
  const lengthSlot = M._malloc(4);

  const reserve = (bytes: number): number => {
    if (bytes > capacity) {
      if (scratch) M._free(scratch);
      capacity = Math.max(bytes, 1024);
      scratch = M._malloc(capacity);
      if (!scratch) {
        capacity = 0;
        throw new RangeError('not enough memory for the answer');
      }
    }
    return scratch;
  };

  /** UTF-8 bytes of `text` at `at`; a lone surrogate as the three bytes of its code point. Returns the byte count. */
  const writeText = (text: string, at: number): number => {
    if (text.length >= SHORT && wellFormed(text)) {
      return encoder.encodeInto(text, M.HEAPU8.subarray(at, at + text.length * 3)).written;
    }
    const heap = M.HEAPU8;
    let end = at;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        heap[end++] = code;
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      if (code < 0x800) {
        heap[end++] = 0xc0 | (code >> 6);
      } else if (code < 0x10000) {
        heap[end++] = 0xe0 | (code >> 12);
        heap[end++] = 0x80 | ((code >> 6) & 0x3f);
      } else {
        heap[end++] = 0xf0 | (code >> 18);
        heap[end++] = 0x80 | ((code >> 12) & 0x3f);
        heap[end++] = 0x80 | ((code >> 6) & 0x3f);
      }
      heap[end++] = 0x80 | (code & 0x3f);
    }
    return end - at;
  };

  const pushString = (L: number, text: string): void => {
    const at = reserve(text.length * 3);
    M._lua_pushlstring(L, at, writeText(text, at));
  };

  const pushValue = (L: number, value: unknown, depth: number): void => {
    switch (typeof value) {
      case 'string':
        return pushString(L, value);
      case 'number':
        // JSON has no NaN or infinities; a whole number Lua's integers can hold is read as one, as the codec does.
        if (Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT) return M._lua_pushinteger(L, BigInt(value));
        return M._lua_pushnumber(L, value);
      case 'boolean':
        return M._lua_pushboolean(L, value ? 1 : 0);
      default: {
        if (depth >= ANSWER_MAX_DEPTH) throw new RangeError(tooDeep());
        // A table, and a key and a value over it.
        if (!M._lua_checkstack(L, 3)) throw new RangeError(tooDeep());
        if (Array.isArray(value)) {
          M._lua_createtable(L, value.length, 0);
          for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            if (item === null) continue;
            pushValue(L, item, depth + 1);
            M._lua_rawseti(L, -2, BigInt(i + 1));
          }
          return;
        }
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record);
        M._lua_createtable(L, 0, keys.length);
        for (const key of keys) {
          const item = record[key];
          if (item === null) continue;
          pushString(L, key);
          pushValue(L, item, depth + 1);
          M._lua_rawset(L, -3);
        }
      }
    }
  };

  /** The string argument at `index` (the prelude passes only strings; anything else reads as empty). */
  const readArgument = (L: number, index: number): string => {
    if (M._lua_type(L, index) !== LUA_TSTRING) return '';
    const at = M._lua_tolstring(L, index, lengthSlot);
    const heap = M.HEAPU8;
    const length = M.HEAPU32[lengthSlot >> 2]!;
    if (length < SHORT) {
      let text = '';
      for (let i = at; i < at + length; i++) {
        const byte = heap[i]!;
        if (byte >= 0x80) return decoder.decode(heap.subarray(at, at + length));
        text += String.fromCharCode(byte);
      }
      return text;
    }
    return decoder.decode(heap.subarray(at, at + length));
  };

  const cFunction = (body: (L: number) => number): number => {
    const fn = M.addFunction(body, 'ii');
    functions.push(fn);
    return fn;
  };

  const answering: LuaApi['answering'] = (produce) =>
    cFunction((L) => {
      const base = M._lua_gettop(L);
      let text: string;
      try {
        text = produce(L, (index) => readArgument(L, index));
        pushValue(L, JSON.parse(text), 0);
      } catch (error) {
        // A Lua error raised inside the C API (memory) unwinds as this value; it must reach Lua as it is.
        if (error === Infinity) throw error;
        M._lua_settop(L, base);
        pushValue(L, answerFailure(error), 0);
      }
      return 1;
    });

  return {
    answering,
    numbering: (read) =>
      cFunction((L) => {
        M._lua_pushnumber(L, read());
        return 1;
      }),
    limitMemory(maxBytes) {
      const realloc = exports?.realloc as ((pointer: number, bytes: number) => number) | undefined;
      const free = exports?.free as ((pointer: number) => void) | undefined;
      const setAllocator = exports?.lua_setallocf as ((L: number, fn: number, userData: number) => void) | undefined;
      if (!realloc || !free || !setAllocator) return global.setMemoryMax(maxBytes);
      // What the state holds so far, counted by the allocator it was made with; from here on this one counts.
      let used = global.getMemoryUsed();
      // Lua's allocator contract: a new size of 0 frees; otherwise (re)allocate, where a null block's old size is
      // the kind of object, not a size.
      const allocate = M.addFunction(((_: number, pointer: number, oldSize: number, newSize: number): number => {
        if (newSize === 0) {
          if (pointer) {
            used -= oldSize;
            free(pointer);
          }
          return 0;
        }
        const grown = pointer ? newSize - oldSize : newSize;
        if (newSize > oldSize && used + grown > maxBytes) return 0;
        const block = realloc(pointer, newSize);
        if (block) used += grown;
        return block;
      }) as unknown as (L: number) => number, 'iiiii');
      functions.push(allocate);
      setAllocator(global.address, allocate, 0);
    },
    setGlobal(name, fn) {
      M._lua_pushcclosure(global.address, fn, 0);
      global.lua.lua_setglobal(global.address, name);
    },
    release() {
      for (const fn of functions.splice(0)) M.removeFunction(fn);
      if (scratch) M._free(scratch);
      M._free(lengthSlot);
      scratch = 0;
      capacity = 0;
    },
  };
}
