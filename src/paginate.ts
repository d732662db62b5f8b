import type { Client, RequestOptions } from './client.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each list function has its own argument type
type ListFunction = (client: Client, args: any, options?: RequestOptions) => Promise<{ has_more: boolean }>;

/** The item type of a list result such as `{ customers: Customer[]; has_more: boolean }`. */
export type ListItem<Page> = { [K in keyof Page]-?: Page[K] extends readonly (infer Item)[] ? Item : never }[keyof Page];

// A list result holds exactly one array (the seed names it per function), so it is found, not configured.
const itemsOf = <Item>(page: object): Item[] => (Object.values(page).find(Array.isArray) as Item[] | undefined) ?? [];

/**
 * Every item of a list function, page after page: follows `has_more` with the last item's ID as
 * `starting_after`, and holds one page in memory at a time. Stop early with `break`.
 *
 * @example
 * for await (const customer of paginate(listCustomers, client, { limit: 100 })) console.log(customer.id);
 */
export async function* paginate<List extends ListFunction>(
  list: List,
  client: Client,
  args: Parameters<List>[1] = {},
  options?: RequestOptions,
): AsyncGenerator<ListItem<Awaited<ReturnType<List>>>, void, undefined> {
  let cursor: string | undefined = args?.starting_after;
  for (;;) {
    const page = await list(client, { ...args, ...(cursor !== undefined && { starting_after: cursor }) }, options);
    const items = itemsOf<ListItem<Awaited<ReturnType<List>>>>(page);
    yield* items;
    const last = items.at(-1) as { id: string } | undefined;
    if (!page.has_more || last === undefined) return;
    cursor = last.id;
  }
}
