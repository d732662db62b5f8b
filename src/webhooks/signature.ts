/**
 * Stripe's webhook signature scheme, on WebCrypto only so it runs in browsers, workers and edge runtimes:
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">[,v1=…]`, keyed with the whole
 * endpoint secret (`whsec_…`) as UTF-8 bytes. The emulator signs with these functions and apps verify with them.
 */

const encoder = new TextEncoder();

/** The bytes Stripe signs: the timestamp, a dot, then the raw body exactly as it was sent. */
function signedBytes(timestamp: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = new Uint8Array(prefix.length + payload.length);
  bytes.set(prefix);
  bytes.set(payload, prefix.length);
  return bytes;
}

const hmacKey = (secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

const toHex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** 64 hex digits as 32 bytes, or undefined for anything else (which then can never match). */
function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  return Uint8Array.from({ length: 32 }, (_, index) => Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16));
}

/** The `v1` signature of a payload at a timestamp, as hex. */
export async function computeSignature(payload: Uint8Array, secret: string, timestamp: number): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedBytes(timestamp, payload)));
}

/**
 * True when one of `signatures` is the payload's signature under one of `secrets`. WebCrypto's `verify` compares
 * in constant time, so how much of a forged signature was right never shows in the time taken.
 */
export async function matchesAny(payload: Uint8Array, timestamp: number, signatures: readonly string[], secrets: readonly string[]): Promise<boolean> {
  const data = signedBytes(timestamp, payload);
  const candidates = signatures.map(fromHex).filter((bytes) => bytes !== undefined);
  for (const secret of secrets) {
    const key = await hmacKey(secret, 'verify');
    for (const signature of candidates) {
      if (await crypto.subtle.verify('HMAC', key, signature, data)) return true;
    }
  }
  return false;
}

export interface SignatureHeader {
  readonly timestamp: number;
  /** The `v1` signatures; other schemes (`v0`, the test-mode legacy one) are ignored as Stripe's libraries do. */
  readonly signatures: readonly string[];
}

/** Reads `t=…,v1=…`; undefined when there is no whole-number timestamp or no `v1` signature. */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1') signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** The header value Stripe sends for one signature. */
export const formatSignatureHeader = (timestamp: number, signature: string): string => `t=${timestamp},v1=${signature}`;
