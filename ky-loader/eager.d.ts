// The one shape both variants of "#ky" (package.json "imports") give. They are hand-written JavaScript at the
// package's root, not built from src/, so that tsx, vitest, esbuild and the installed package resolve the same
// path whether dist/ exists or not.
import type { default as Ky, HTTPError } from 'ky';

/** ky, and the HTTPError class of that same copy of ky: up front, or loaded on first use, by platform. */
export declare const loadKy: () => Promise<{ readonly ky: typeof Ky; readonly HTTPError: typeof HTTPError }>;
