import type { Config } from './options.js';
import type { Fields, Params } from './params.js';
import type { State } from './store.js';

/** What a route handler gets: the state, the options, the request's time, its validated parameters and the path id. */
export interface Context<P> {
  readonly state: State;
  readonly config: Config;
  /** The emulator clock at the start of the request (Unix seconds). */
  readonly now: number;
  readonly params: P;
  /** The `{id}` path segment, or '' on routes without one. */
  readonly id: string;
  /** Stores the parameters the handler does not act on onto `target`'s fields of the same name (echo.ts). */
  readonly echo: (target: object) => void;
}

export type Method = 'GET' | 'POST' | 'DELETE';

/** One row of the route table. The handler returns the response body (status 200) or throws a `StripeFailure`. */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly fields: Fields;
  readonly run: (context: Context<unknown>) => unknown;
}

/** Declares a route; the handler's parameter type is computed from `fields`. */
export function route<F extends Fields>(method: Method, path: string, fields: F, run: (context: Context<Params<F>>) => unknown): Route {
  return { method, path, fields, run: run as Route['run'] };
}
