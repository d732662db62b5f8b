/**
 * What the command says while it waits: the client's `fetch` option wrapped, so every attempt — the first and each
 * retry — is seen without any hook in the library. After about two seconds without an answer stderr says what it is
 * waiting for, and each retry says which attempt it is and why the one before failed. It also remembers the last
 * attempt, so a failure can say whether anything was sent and with which idempotency key.
 */

export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** One attempt as the watcher saw it. */
export interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly number: number;
  /** The status Stripe answered with, or undefined when no answer came. */
  status?: number;
  /** The transport's error code (`ENOTFOUND`, `ECONNREFUSED`, …) when no answer came. */
  errorCode?: string;
  /** True when the caller gave up waiting (the timeout). */
  aborted?: boolean;
}

export interface Watcher {
  readonly fetch: FetchLike;
  /** The last attempt, for the failure message. */
  last(): Attempt | undefined;
}

export interface WatchOptions {
  readonly err: (text: string) => void;
  /** Retries after the first attempt, to say "attempt n of m". */
  readonly maxRetries: number;
  /** Who is waited for: "Stripe" or "the emulator". */
  readonly server: string;
  /** Rewrite the waiting line in place (a terminal) instead of adding lines. */
  readonly tty?: boolean;
  /** @default 2000 */
  readonly firstNoticeMs?: number;
  /** Called before each attempt is sent (the command's banner, said once). */
  readonly beforeSend?: () => void;
}

const RETRYABLE = new Set([409, 429, 500, 502, 503, 504]);

/** The transport's error code, from undici's `TypeError('fetch failed')` and its cause, or node:http's error. */
function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function why(previous: Attempt): string {
  if (previous.status !== undefined) return previous.status === 429 ? 'it was rate limited (429)' : `it was answered ${previous.status}`;
  if (previous.aborted) return 'no answer came in time';
  return `the network failed${previous.errorCode ? ` (${previous.errorCode})` : ''}`;
}

export function watchFetch(inner: FetchLike, options: WatchOptions): Watcher {
  const { err, maxRetries, server, tty = false, firstNoticeMs = 2000, beforeSend } = options;
  let last: Attempt | undefined;
  const watched: FetchLike = async (input, init) => {
    beforeSend?.();
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const method = (init?.method ?? request.method).toUpperCase();
    const path = url.pathname;
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
    const previous = last;
    const again = previous !== undefined && previous.method === method && previous.path === path && previous.idempotencyKey === idempotencyKey && (previous.status === undefined || RETRYABLE.has(previous.status));
    const attempt: Attempt = { method, path, idempotencyKey, number: again ? previous.number + 1 : 1 };
    last = attempt;
    const what = `${method} ${path}`;
    if (attempt.number > 1) err(`kosmo-stripe: retrying ${what}: attempt ${attempt.number} of ${maxRetries + 1}, because ${why(previous!)}\n`);
    const started = Date.now();
    let shown = false;
    const notice = () => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      err(`${tty ? '\r' : ''}kosmo-stripe: waiting for ${server}: ${what}, ${seconds} s…${tty ? '' : '\n'}`);
      shown = true;
    };
    // First after about two seconds, then every two seconds on a terminal (in place) and every five otherwise.
    let timer: ReturnType<typeof setTimeout> = setTimeout(function tick() {
      notice();
      timer = setTimeout(tick, tty ? 2000 : 5000);
    }, firstNoticeMs);
    try {
      const response = await inner(input, init);
      attempt.status = response.status;
      return response;
    } catch (error) {
      attempt.aborted = (request.signal?.aborted ?? false) || (init?.signal?.aborted ?? false) || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
      const code = codeOf(error);
      if (code !== undefined) attempt.errorCode = code;
      throw error;
    } finally {
      clearTimeout(timer);
      if (shown && tty) err('\n');
    }
  };
  return { fetch: watched, last: () => last };
}

/** Codes that mean the request never left this machine: nothing reached Stripe. */
export const NOTHING_SENT = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH']);
export const DNS_FAILURE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
