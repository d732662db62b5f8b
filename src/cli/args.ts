/** A parsed command line: positional words, and flags as strings (`--name value`, `--name=value`) or `true`. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Record<string, string | true>;
  /** Tool arguments of `call`, in order: `--arg name=value` pairs, and `--name value` for any other flag. */
  readonly args: Array<[string, string]>;
  /** Every value of a flag that may be given more than once (`--trigger a --trigger b`), in order. */
  readonly lists: Record<string, string[]>;
}

/** Thrown for a command line that cannot work; the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses `argv` against the flags a command knows: `booleans` take no value, every other known flag takes one.
 * An unknown flag is a usage error rather than something silently ignored — except for a command that takes
 * `toolArgs`, where `--name value` is an argument of the tool (checked by the tool's own validation).
 */
export function parseArgs(argv: readonly string[], known: { values: readonly string[]; booleans: readonly string[]; repeatable?: readonly string[]; toolArgs?: boolean }): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  const args: Array<[string, string]> = [];
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('--') || word === '--') {
      positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.booleans.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (name === 'arg') args.push(splitPair(value));
      else flags[name] = value;
      if (known.repeatable?.includes(name)) (lists[name] ??= []).push(value);
    } else if (known.toolArgs) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      args.push([name, value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags, args, lists };
}

function splitPair(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at < 1) throw new UsageError(`--arg expects name=value, got "${value}"`);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** A flag that must be a whole number, at least `min` (1 unless told). */
export function numberFlag(flags: ParsedArgs['flags'], name: string, min = 1): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`--${name} expects a ${min === 0 ? 'non-negative' : 'positive'} whole number, got "${String(value)}"`);
  }
  return number;
}
