/**
 * The command line's arguments: flags, and their check by the contract's own schemas. A command
 * that does what a handler does builds the handler's input from its flags and checks it with
 * that handler's schema (or with the contract's rule for one value, `FIELDS`); a refusal names
 * the flag, the value given and what is allowed, in the contract's words.
 */
import type { z } from 'zod';
import { FIELDS, parseInput, type HandlerName, type InputOf } from '../../shared/api/contract.ts';
import { LANGUAGES, type Language } from '../../shared/api/types.ts';
import { InputError, describeValue, formatProblem, type Problem } from '../../shared/problems.ts';

/** A usage or input error: shown as one message, exit code 1. */
export class CliError extends Error {}

/** Bad arguments of a command whose convention is exit code 2 (report): one message. */
export class UsageError extends CliError {}

/** A result with its own exit code (verify and the imports: the output, then 1 when something failed). */
export class Outcome {
  constructor(
    readonly stdout: string,
    readonly code: number,
    readonly stderr = '',
  ) {}
}

export type Flags = Record<string, string | undefined>;

/** Split arguments into positional ones and flags: `booleans` take no value, `valued` one. */
export function parseFlags(args: readonly string[], booleans: readonly string[], valued: readonly string[], Refusal: typeof CliError = CliError) {
  const positional: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (booleans.includes(a)) flags[a] = 'true';
    else if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new Refusal(`${a} needs a value`);
      flags[a] = v;
    } else if (a.startsWith('--')) throw new Refusal(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, flags };
}

/** Where a field of a handler's input came from on the command line. */
export interface ArgSource {
  /** The flag (`--month`) or the positional argument (`FILE`). */
  flag: string;
  /** What was typed (shown in the refusal instead of the value built from it). */
  text: string;
  /** The command line's words for what is allowed, when they say more than the contract's (e.g. what each choice means). */
  expected?: string;
}

/**
 * Check a handler's input built from the command line with the contract's schema for that
 * handler; `sources` says which flag each field of the input came from.
 */
export function checkInput<N extends HandlerName>(name: N, input: unknown, sources: Partial<Record<string, ArgSource>>, Refusal: typeof CliError = CliError): InputOf<N> {
  try {
    return parseInput(name, input);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new Refusal(flagProblems(err.problems, sources));
  }
}

/** Check one flag's value with one of the contract's rules (`FIELDS`); returns the parsed value. */
export function checkValue<S extends z.ZodType>(schema: S, value: unknown, source: ArgSource, Refusal: typeof CliError = CliError): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Refusal(parsed.error.issues.map((issue) => refusalLine(source, issue.message, choices(issue))).join('\n'));
}

/** The problems of a contract check as the command line's refusal: one line per problem, naming the flag. */
function flagProblems(problems: readonly Problem[], sources: Partial<Record<string, ArgSource>>): string {
  return problems
    .map((p) => {
      const field = /^[^.[]+/.exec(p.field)?.[0] ?? p.field;
      const source = sources[field];
      return source ? refusalLine(source, p.expected) : formatProblem(p);
    })
    .join('\n');
}

function refusalLine(source: ArgSource, contractWords: string, choiceWords?: string): string {
  return `${source.flag}: got ${describeValue(source.text)}; expected ${source.expected ?? choiceWords ?? contractWords}`;
}

/** A choice among fixed values (a zod enum) in words: "zh or en", "one of manager, planning, vp, hr". */
function choices(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_value') return undefined;
  const values = issue.values.map(String);
  return values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
}

/** The one place `--lang` is read: zh (the default) or en, the contract's languages. */
export function languageFlag(flags: Flags, Refusal: typeof CliError = CliError): Language {
  const text = flags['--lang'];
  if (text === undefined) return LANGUAGES[0];
  return checkValue(FIELDS.language, text, { flag: '--lang', text }, Refusal);
}
