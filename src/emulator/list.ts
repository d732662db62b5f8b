import { exclusiveParameters, type ResourceName, resourceMissing } from './errors.js';
import type { TimestampFilter } from './params.js';

/** The cursor parameters every list takes, validated. */
export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  created?: TimestampFilter;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

interface Listed {
  id: string;
  created: number;
}

/** What one list route needs to know: its URL, what its ids are called, and which objects match its filters. */
export interface ListSource<T extends Listed> {
  url: string;
  resource: ResourceName;
  /** Every object of the kind, newest first, matching or not: a cursor may name one the filters leave out. */
  all: readonly T[];
  matches: (item: T) => boolean;
}

const DEFAULT_LIMIT = 10;

export function matchesCreated(created: number, filter: TimestampFilter | undefined): boolean {
  if (!filter) return true;
  const { eq, gt, gte, lt, lte } = filter;
  return (eq === undefined || created === eq) && (gt === undefined || created > gt) && (gte === undefined || created >= gte) && (lt === undefined || created < lt) && (lte === undefined || created <= lte);
}

function cursorIndex<T extends Listed>(source: ListSource<T>, id: string, param: string): number {
  const index = source.all.findIndex((item) => item.id === id);
  // Stripe answers an unknown cursor as a missing object named by the cursor parameter.
  if (index === -1) throw resourceMissing(source.resource, id, param, 400);
  return index;
}

/** One page of a list, newest first, with Stripe's cursor rules: `ending_before` returns the objects just newer than its cursor. */
export function paginate<T extends Listed>(source: ListSource<T>, params: ListParams): ListPage<T> {
  if (params.starting_after !== undefined && params.ending_before !== undefined) throw exclusiveParameters(['ending_before', 'starting_after']);
  const limit = params.limit ?? DEFAULT_LIMIT;
  const matches = (item: T): boolean => source.matches(item) && matchesCreated(item.created, params.created);
  if (params.ending_before !== undefined) {
    const newer = source.all.slice(0, cursorIndex(source, params.ending_before, 'ending_before')).filter(matches);
    return { object: 'list', data: newer.slice(-limit), has_more: newer.length > limit, url: source.url };
  }
  const start = params.starting_after === undefined ? 0 : cursorIndex(source, params.starting_after, 'starting_after') + 1;
  const older = source.all.slice(start).filter(matches);
  return { object: 'list', data: older.slice(0, limit), has_more: older.length > limit, url: source.url };
}
