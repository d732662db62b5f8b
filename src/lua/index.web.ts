/**
 * `@kosmokrator/stripe/lua`: run agents' Lua scripts, written against the KosmoKrator Stripe reference,
 * unchanged. The Lua VM is WebAssembly (wasmoon, Lua 5.4); only this entry point loads it. This is the entry for
 * browsers, Deno and Bun (the VM runs in a module `Worker`); index.ts is Node's, index.workerd.ts workerd's.
 */
import { createHost, type LuaHost, type LuaHostOptions } from './host.js';
import { webPlatform } from './platform-web.js';

export { type LuaFailureKind, type LuaHost, type LuaHostOptions, type LuaRunOptions, type LuaRunResult, LuaScriptError } from './host.js';

export const createLuaHost = (options: LuaHostOptions): LuaHost => createHost(options, webPlatform);
