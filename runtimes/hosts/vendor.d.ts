/**
 * The few parts of miniflare and playwright-core the hosts use. Both live in their own prefixes under
 * .cache/runtimes/, never in the project's node_modules, so their own types are not there to check against.
 */
declare module 'miniflare' {
  export class Miniflare {
    constructor(options: { modules: boolean; scriptPath: string; compatibilityDate: string; compatibilityFlags?: string[] });
    dispatchFetch(url: string, init?: RequestInit): Promise<Response>;
    dispose(): Promise<void>;
  }
}

declare module 'playwright-core' {
  interface ConsoleMessage {
    type(): string;
    text(): string;
  }
  interface Page {
    on(event: 'pageerror', listener: (error: Error) => void): void;
    on(event: 'console', listener: (message: ConsoleMessage) => void): void;
    goto(url: string, options?: { timeout?: number }): Promise<unknown>;
    waitForFunction(body: () => boolean, argument: undefined, options?: { timeout?: number }): Promise<unknown>;
    evaluate<T>(body: () => T): Promise<T>;
  }
  interface Browser {
    newPage(): Promise<Page>;
    version(): string;
    close(): Promise<void>;
  }
  export const chromium: {
    launch(options: { executablePath: string; args?: string[]; timeout?: number }): Promise<Browser>;
  };
}
