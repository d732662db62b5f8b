/** Parameters many routes share. */
import type { Fields } from '../params.js';

/** `expand[]`: the paths of fields to return as objects (see expand.ts). */
export const expand = { type: 'array', items: { type: 'string' } } as const;

/** The parameters of routes that take nothing else. */
export const expandOnly = { expand } as const satisfies Fields;

/** The cursor and size parameters every list takes. */
export const listFields = {
  limit: { type: 'integer', min: 1, max: 100 },
  starting_after: { type: 'string' },
  ending_before: { type: 'string' },
  created: { type: 'timestamp_filter' },
  expand,
} as const satisfies Fields;
