import { invalidShape } from './errors.js';

/** A decoded form value: Stripe's bracket syntax nests strings in objects (`a[b]`) and arrays (`a[0]`, `a[]`). */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

// Intermediate nodes have no prototype, so a key such as `__proto__` is just a key; arrays are built at the end.
type Node = string | Branch;
interface Branch {
  [key: string]: Node;
}
const branch = (): Branch => Object.create(null) as Branch;

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const INDEX = /^(0|[1-9]\d*)$/;

/** `items[0][price]` → `['items', '0', 'price']`; `expand[]` → `['expand', '']`. A key that is not bracket syntax stays whole. */
export function splitKey(key: string): string[] {
  const match = KEY.exec(key);
  if (!match) return [key];
  const [, head = key, rest = ''] = match;
  return [head, ...Array.from(rest.matchAll(/\[([^[\]]*)\]/g), (m) => m[1] ?? '')];
}

/** The bracket name of a path, as Stripe writes it in `param`: `['items', '0', 'price']` → `items[0][price]`. */
export const joinKey = (path: readonly string[]): string => path.map((part, i) => (i === 0 ? part : `[${part}]`)).join('');

function place(root: Branch, path: readonly string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i += 1) {
    // `[]` appends: the next free index of this container.
    const part = path[i] === '' ? String(Object.keys(node).length) : (path[i] as string);
    if (i === path.length - 1) {
      if (typeof node[part] === 'object') throw invalidShape(joinKey(path.slice(0, i + 1)), 'string');
      node[part] = value;
      return;
    }
    const next = node[part] ?? branch();
    if (typeof next === 'string') throw invalidShape(joinKey(path.slice(0, i + 1)), 'hash');
    node[part] = next;
    node = next;
  }
}

// A container whose keys are all array indices was written as an array; gaps are closed up, in index order.
function finish(node: Node): FormValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((key) => INDEX.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => finish(node[key] as Node));
  }
  return Object.fromEntries(keys.map((key) => [key, finish(node[key] as Node)]));
}

/** Decodes an `application/x-www-form-urlencoded` body or a query string into nested objects and arrays. */
export function decodeForm(text: string): FormObject {
  const root = branch();
  for (const [key, value] of new URLSearchParams(text)) {
    if (key !== '') place(root, splitKey(key), value);
  }
  // The top level is always named parameters, even if someone sends `0=x`.
  return Object.fromEntries(Object.keys(root).map((key) => [key, finish(root[key] as Node)]));
}

/** Merges two decoded forms; on a clash the second wins (used for a POST's query string and body). */
export const mergeForms = (first: FormObject, second: FormObject): FormObject => ({ ...first, ...second });
