/**
 * `@kosmokrator/stripe/docs`: the agent reference at runtime, page by page, as `lua_read_doc` serves it.
 * The pages are generated from spec/; this module only looks them up.
 */
import { pages, REFERENCE_PAGE } from '../../generated/docs/pages.js';
import { StripeError } from '../errors.js';
import { closestNames } from '../suggest.js';

export { REFERENCE_PAGE };

/** A page name that names no page; `suggestions` holds the closest ones. */
export class StripeDocNotFoundError extends StripeError {
  override name = 'StripeDocNotFoundError';
  readonly suggestions: readonly string[];

  constructor(page: string, suggestions: readonly string[]) {
    const hint = suggestions.length ? ` Close matches: ${suggestions.map((s) => `"${s}"`).join(', ')}.` : ` Start with "${REFERENCE_PAGE}".`;
    super(`readDoc: there is no page "${page}".${hint}`, { type: 'doc_not_found', param: 'page' });
    this.suggestions = suggestions;
  }
}

// `integrations.stripe.work.create_customer` documents the same function as `integrations.stripe.create_customer`:
// the account segment only picks credentials. The Lua path (`app.integrations.stripe...`) is accepted as well.
function canonical(page: string): string {
  const name = page.trim().replace(/^app\./, '');
  const segments = name.startsWith(`${REFERENCE_PAGE}.`) ? name.slice(REFERENCE_PAGE.length + 1).split('.') : [];
  return segments.length === 2 ? `${REFERENCE_PAGE}.${segments[1]}` : name;
}

const functionNames = (): string[] => listDocs().filter((page) => page !== REFERENCE_PAGE).map((page) => page.slice(REFERENCE_PAGE.length + 1));

/**
 * A page of the reference: `"integrations.stripe"` for all of it, `"integrations.stripe.create_customer"` (or
 * `"integrations.stripe.work.create_customer"`) for one function. An unknown page throws, naming close matches.
 */
export function readDoc(page: string = REFERENCE_PAGE): string {
  const name = canonical(String(page));
  const text = pages[name];
  if (text !== undefined) return text;
  const last = name.split('.').at(-1) ?? name;
  const suggestions = closestNames(last, functionNames()).map((fn) => `${REFERENCE_PAGE}.${fn}`);
  throw new StripeDocNotFoundError(String(page), suggestions);
}

/** Every page name, the whole reference first. */
export function listDocs(): string[] {
  return Object.keys(pages);
}

export interface DocSearchHit {
  readonly page: string;
  /** The first line of the page that matched, trimmed. */
  readonly excerpt: string;
  /** Two points per query word in the function's name, one per word only in its text; hits are sorted by it. */
  readonly score: number;
}

/** The function pages that contain the query's words, best first: a word in a function's name outweighs one in its text. */
export function searchDocs(query: string, limit = 10): DocSearchHit[] {
  const words = query.toLowerCase().split(/[^a-z0-9_]+/).filter((word) => word.length > 1);
  if (words.length === 0) return [];
  const hits: DocSearchHit[] = [];
  for (const page of listDocs().filter((name) => name !== REFERENCE_PAGE)) {
    const text = pages[page]!.toLowerCase();
    const score = words.reduce((sum, word) => sum + (page.includes(word) ? 2 : text.includes(word) ? 1 : 0), 0);
    if (score === 0) continue;
    const line = pages[page]!.split('\n').find((l) => words.some((w) => l.toLowerCase().includes(w))) ?? '';
    hits.push({ page, excerpt: line.trim().slice(0, 160), score });
  }
  return hits.sort((a, b) => b.score - a.score || a.page.localeCompare(b.page)).slice(0, limit);
}
