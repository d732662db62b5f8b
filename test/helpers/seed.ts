import { readFileSync } from 'node:fs';

/** The seed document's parameter tables, copied from it into test/fixtures (function, parameter, type, required). */
export const seedParameterTables: Array<{ tool: string; function: string; operation: 'read' | 'write'; parameters: Array<{ parameter: string; type: string; required: boolean }> }> =
  JSON.parse(readFileSync(new URL('../fixtures/seed-parameter-tables.json', import.meta.url), 'utf8'));

/** The seed document's Lua examples, verbatim, with the heading they stood under. */
export const seedExamples: Array<{ section: string; lua: string }> = JSON.parse(readFileSync(new URL('../fixtures/seed-examples.json', import.meta.url), 'utf8'));

/**
 * The literal argument tables of every `app.integrations.stripe.<fn>({...})` call in a Lua snippet, as JSON.
 * Only literal tables (strings, numbers, booleans, nested tables) are converted; calls that pass variables are
 * left out — the seed's per-function examples are all literal.
 */
export function literalCalls(lua: string): Array<{ function: string; args: Record<string, unknown> }> {
  const calls: Array<{ function: string; args: Record<string, unknown> }> = [];
  for (const match of lua.matchAll(/app\.integrations\.stripe\.(\w+)\((\{[\s\S]*?\n?\s*\})\)/g)) {
    const table = match[2]!.replace(/--[^\n]*/g, '');
    const json = table
      .replace(/(\w+)\s*=\s*/g, '"$1": ')
      .replace(/,(\s*\})/g, '$1');
    try {
      calls.push({ function: match[1]!, args: JSON.parse(json) });
    } catch {
      // Not a literal table (it names a variable): not comparable as data.
    }
  }
  return calls;
}
