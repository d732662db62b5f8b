/**
 * Stripe's form encoding: nested objects as `a[b]=`, arrays as `a[0]=`, booleans as `true`/`false`.
 * Brackets stay unescaped as Stripe's own libraries send them; keys and values are percent-encoded.
 * `undefined` entries are left out, so an omitted argument is never sent.
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
      for (const [name, item] of Object.entries(value)) visit(item, `${key}[${encodeKey(name)}]`);
    } else {
      pairs.push(`${key}=${encodeURIComponent(value === null ? '' : String(value))}`);
    }
  };
  for (const [name, value] of Object.entries(data)) visit(value, encodeKey(name));
  return pairs.join('&');
}

// A bracket inside a key name is data, not structure, so it is escaped like any other character.
const encodeKey = encodeURIComponent;
