const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_HEX = '0123456789ABCDEF';

/** `length` random characters from `alphabet`, from the Web Crypto API (available in Node, browsers and edge runtimes). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A Stripe-style object id: the resource prefix and 24 random alphanumerics, e.g. `cus_…`. */
export const newId = (prefix: string): string => `${prefix}_${randomString(24)}`;

export const newRequestId = (): string => `req_${randomString(14)}`;

/** A customer's invoice prefix: Stripe uses eight upper-case characters, e.g. `7FE1103A`. */
export const newInvoicePrefix = (): string => randomString(8, UPPER_HEX);
