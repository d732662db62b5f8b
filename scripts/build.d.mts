/** dist/<name>.js ← source file, for every entry point the package's "exports" and "bin" name, and the Lua workers. */
export declare const ENTRIES: Readonly<Record<string, string>>;
/** Builds the package's JS and declarations into `outDir` (default: dist/), deleting earlier builds' outputs it did not write. */
export declare function build(outDir?: string): Promise<void>;
