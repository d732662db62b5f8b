import { invalidApiKey, liveKeyRefused, noApiKey } from './errors.js';

const TEST_KEY = /^(sk|rk)_test_[0-9A-Za-z]+$/;
const LIVE_KEY = /^(sk|rk)_live_/;
const KEY_PREFIX = /^(sk|rk|pk)_(test|live)_/;

/**
 * A key as Stripe shows it in errors: the prefix, asterisks, and at most the last four characters, which are
 * shown only when at least eight others stay hidden.
 */
export function maskKey(key: string): string {
  const prefix = KEY_PREFIX.exec(key)?.[0] ?? '';
  const hidden = key.length - prefix.length;
  const tail = hidden >= 12 ? key.slice(-4) : '';
  return `${prefix}${'*'.repeat(Math.max(4, hidden - tail.length))}${tail}`;
}

function decodeBasic(credentials: string): string | null {
  try {
    // Basic auth carries `key:` (the key as user name, no password).
    const decoded = atob(credentials);
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(0, colon);
  } catch {
    return null;
  }
}

/** The key in an `Authorization` header (`Bearer <key>` or `Basic base64(<key>:)`), or null when there is none. */
export function keyFromHeader(header: string | null): string | null {
  const match = /^\s*(\S+)\s*(.*?)\s*$/.exec(header ?? '');
  if (!match) return null;
  const [, scheme = '', value = ''] = match;
  if (value === '') return null;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) return decodeBasic(value) ?? value;
  return null;
}

/** Checks a request's credentials like Stripe, except that live keys are always refused. Returns the API key. */
export function authenticate(header: string | null): string {
  const key = keyFromHeader(header);
  if (key === null || key === '') throw noApiKey();
  if (LIVE_KEY.test(key)) throw liveKeyRefused();
  if (!TEST_KEY.test(key)) throw invalidApiKey(maskKey(key));
  return key;
}
