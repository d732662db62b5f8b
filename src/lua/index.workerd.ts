/**
 * `@kosmokrator/stripe/lua`: run agents' Lua scripts, written against the KosmoKrator Stripe reference,
 * unchanged. The Lua VM is WebAssembly (wasmoon, Lua 5.4); only this entry point loads it. This is the entry for
 * workerd, which has no workers: the VM runs in the host's thread, with the weaker guarantees README.md lists.
 */
import { createHost, type LuaHost, type LuaHostOptions } from './host.js';
import { inlinePlatform } from './platform-inline.js';

export { type LuaFailureKind, type LuaHost, type LuaHostOptions, type LuaRunOptions, type LuaRunResult, LuaScriptError } from './host.js';

export const createLuaHost = (options: LuaHostOptions): LuaHost => createHost(options, inlinePlatform);
