/**
 * `@kosmokrator/stripe/lua`: run agents' Lua scripts, written against the KosmoKrator Stripe reference,
 * unchanged. The Lua VM is WebAssembly (wasmoon, Lua 5.4); only this entry point loads it. This is the Node
 * entry (the VM runs in a `worker_threads` Worker); index.web.ts and index.workerd.ts are the others.
 */
import { createHost, type LuaHost, type LuaHostOptions } from './host.js';
import { nodePlatform } from './platform-node.js';

export { type LuaFailureKind, type LuaHost, type LuaHostOptions, type LuaRunOptions, type LuaRunResult, LuaScriptError } from './host.js';

export const createLuaHost = (options: LuaHostOptions): LuaHost => createHost(options, nodePlatform);
