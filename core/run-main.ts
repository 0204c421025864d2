import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * A command was called the wrong way. Every command reports it in one shape, the problem on the
 * first line and the usage on the second, and exits with status 2.
 *
 * @example
 * throw new UsageError('Unknown option --colour', 'npm run grade [-- <chapter>]');
 * // Unknown option --colour.
 * // Usage: npm run grade [-- <chapter>]
 */
export class UsageError extends Error {
  readonly problem: string;
  readonly usage: string | undefined;

  constructor(problem: string, usage?: string) {
    const sentence = /[.?!]$/.test(problem) ? problem : `${problem}.`;
    super(usage ? `${sentence}\nUsage: ${usage}` : sentence);
    this.name = 'UsageError';
    this.problem = sentence;
    this.usage = usage;
  }
}

/** How one option is written: `--force` (`flag`), `--watchdog=8` (`value`), or either (`flag-or-value`: `--json`, `--json=out.json`). */
export type OptionKind = 'flag' | 'value' | 'flag-or-value';

/** What a command accepts: its options, how many positional arguments, and its usage line. */
export interface CommandSpec {
  usage: string;
  options?: Record<string, OptionKind>;
  /** Positional arguments allowed (default 0 to 0). */
  positionals?: { min?: number; max?: number; missing?: string; tooMany?: string };
}

export interface ParsedCommand {
  /** Each option given: `true` for a bare flag, the text for a value (the last, when repeated). */
  options: Record<string, string | true>;
  /** Every occurrence of each option, in order (`--json --json=out.json`: `[true, 'out.json']`). */
  occurrences: Record<string, Array<string | true>>;
  positionals: string[];
  /** `--help` or `-h` was given. */
  help: boolean;
}

/**
 * Parses a command's arguments with `node:util`'s `parseArgs`, then applies the command's own
 * rules, so that every command rejects the same mistakes with the same {@link UsageError}.
 *
 * @throws {UsageError} for an unknown option, a missing or unexpected value, or the wrong number
 *   of positional arguments.
 * @example
 * parseCommand(['06', '--json=out.json'], { usage, options: { json: 'flag-or-value' }, positionals: { max: 1 } });
 * // { options: { json: 'out.json' }, occurrences: { json: ['out.json'] }, positionals: ['06'], help: false }
 */
export function parseCommand(args: readonly string[], spec: CommandSpec): ParsedCommand {
  const declared = spec.options ?? {};
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(declared).map(([name, kind]) => [name, { type: kind === 'value' ? 'string' : 'boolean' }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const parsed: ParsedCommand = { options: {}, occurrences: {}, positionals: [], help: false };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (token.name === 'help' || token.name === 'h') {
      parsed.help = true;
      continue;
    }
    const kind = declared[token.name];
    if (!kind) throw new UsageError(`Unknown option ${token.rawName}`, spec.usage);
    if (kind === 'flag' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`, spec.usage);
    if (kind === 'value' && (token.value === undefined || token.value === '')) throw new UsageError(`${token.rawName} needs a value: ${token.rawName}=…`, spec.usage);
    parsed.options[token.name] = token.value ?? true;
    (parsed.occurrences[token.name] ??= []).push(token.value ?? true);
  }
  if (parsed.help) return parsed;
  const { min = 0, max = 0 } = spec.positionals ?? {};
  if (parsed.positionals.length < min) throw new UsageError(spec.positionals?.missing ?? 'Missing an argument', spec.usage);
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals[max]!;
    throw new UsageError(spec.positionals?.tooMany ?? (max === 0 ? `Unexpected argument "${extra}"` : `Too many arguments (from "${extra}")`), spec.usage);
  }
  return parsed;
}

/**
 * Runs `main` when the calling module is the process's entry point, exiting with its code.
 * A {@link UsageError} prints its two lines and exits 2. Any other error is internal: it prints
 * its message (and cause) and exits 1, never a bare stack dump; with `WORKBOOK_DEBUG=1` it
 * prints the stack as well.
 */
export function runMain(moduleUrl: string, main: (argv: string[]) => Promise<number> | number): void {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(path.resolve(entry)).href !== moduleUrl) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.exitCode = reportError(error);
      },
    );
}

/** Prints an error escaping a command and returns the exit status it stands for (2 for usage, else 1). */
export function reportError(error: unknown, env: NodeJS.ProcessEnv = process.env): number {
  if (error instanceof UsageError) {
    console.error(error.message);
    return 2;
  }
  const debug = Boolean(env.WORKBOOK_DEBUG && env.WORKBOOK_DEBUG !== '0');
  if (debug && error instanceof Error && error.stack) console.error(error.stack);
  else console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  if (error instanceof Error && error.cause) console.error('caused by:', debug ? error.cause : describeCause(error.cause));
  if (!debug) console.error('(Set WORKBOOK_DEBUG=1 to see where it happened.)');
  return 1;
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
