/**
 * `@kosmokrator/stripe/lua`: run agents' Lua scripts, written against the KosmoKrator Stripe reference,
 * unchanged. The Lua VM is WebAssembly (wasmoon, Lua 5.4); only this entry point loads it.
 */
export { createLuaHost, type LuaFailureKind, type LuaHost, type LuaHostOptions, type LuaRunOptions, type LuaRunResult, LuaScriptError } from './host.js';
