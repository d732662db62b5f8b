/**
 * Stripe's form encoding: nested objects as `a[b]=`, arrays as `a[0]=`, booleans as `true`/`false`.
 * Brackets stay unescaped as Stripe's own libraries send them; keys and values are percent-encoded.
 * `undefined` entries are left out, so an omitted argument is never sent.
 *
 * It only reads: own enumerable keys (so `__proto__` as a key is data, never the prototype), and a lone
 * surrogate, which encodeURIComponent cannot encode, becomes U+FFFD instead of a URIError. (Validation refuses
 * lone surrogates before this runs; this is the last line.)
 */
export function encodeForm(data: Readonly<Record<string, unknown>>): string {
  const pairs: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${key}[${index}]`));
    } else if (value instanceof Date) {
      pairs.push(`${key}=${Math.floor(value.getTime() / 1000)}`);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) visit(item, `${key}[${encode(name)}]`);
    } else {
      pairs.push(`${key}=${encode(value === null ? '' : String(value))}`);
    }
  };
  // A bracket inside a key name is data, not structure, so key names are escaped like any value.
  for (const [name, value] of Object.entries(data)) visit(value, encode(name));
  return pairs.join('&');
}

/** A UTF-16 surrogate without its other half: text that has no UTF-8 form. Global, so it is used with `replace` and `search` only (neither keeps state). */
export const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `text` with each lone surrogate replaced by U+FFFD, the replacement character. */
export const toWellFormed = (text: string): string => text.replace(LONE_SURROGATES, '\uFFFD');
const encode = (text: string): string => encodeURIComponent(toWellFormed(text));
