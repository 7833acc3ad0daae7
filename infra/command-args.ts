import { parseArgs } from 'node:util';

export interface CommandArgs {
  positionals: string[];
  /** The `--name value` (or `--name=value`) options given, by name. */
  values: Record<string, string | undefined>;
}

/**
 * A command line read strictly with node:util's parseArgs: positionals, and the string options
 * the command takes. An option it does not take, or one without its value, throws an Error
 * saying which (Node's hint about `--` left out: none of these commands takes a value starting with a dash).
 */
export function readCommandArgs(args: string[], optionNames: string[] = []): CommandArgs {
  const options = Object.fromEntries(optionNames.map((name) => [name, { type: 'string' as const }]));
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { positionals, values: values as Record<string, string | undefined> };
  } catch (error) {
    throw new Error((error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, ''));
  }
}
