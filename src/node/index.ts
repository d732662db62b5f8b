/**
 * @kosmokrator/stripe/node: Node-only helpers. The core stays browser-safe; this entry may use Node built-ins.
 */
export { createNodeFetch, type NodeFetchOptions } from './node-fetch.js';
