/**
 * Answers travel from the host to a script as JSON text, which the VM pushes into Lua as tables (push.ts): the
 * host's side is JSON.stringify (native, and `toJSON` honoured), so the host's thread, which also runs the
 * caller's application, does as little as possible per call (issue 14). An answer that cannot be written as JSON
 * becomes an error answer the script sees, naming why.
 */

/** Deeper than any Stripe object, and well within the Lua stack. */
export const ANSWER_MAX_DEPTH = 100;

export const tooDeep = (): string => `the value is nested more than ${ANSWER_MAX_DEPTH} deep (a cycle?)`;

const describe = (error: unknown): string => {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return 'an error that cannot be read';
  }
};

/** The answer a script gets in place of one that could not be passed to it. */
export const answerFailure = (error: unknown): { ok: false; error: { type: string; message: string } } => ({
  ok: false,
  error: { type: 'lua_error', message: `the answer could not be passed to Lua: ${describe(error)}` },
});

/** Why JSON.stringify failed on `value`, in the bridge's words where it is a BigInt or nesting (a cycle). */
function whyNot(value: unknown, depth: number): Error | undefined {
  if (typeof value === 'bigint') return new TypeError('a BigInt cannot be passed to Lua');
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= ANSWER_MAX_DEPTH) return new RangeError(tooDeep());
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return whyNot(toJSON.call(value), depth);
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const why = whyNot(item, depth + 1);
    if (why) return why;
  }
  return undefined;
}

/** The JSON text of an answer (`{ ok, result }`, `{ ok, error }`, `{ ok, text }`, `{ ended }`). */
export function answerText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    let reason: unknown = error;
    try {
      reason = whyNot(value, 0) ?? error;
    } catch (thrown) {
      reason = thrown;
    }
    return JSON.stringify(answerFailure(reason));
  }
}
