// Mistakes on the command line that the parser would report without the hint a user needs: an
// option in the wrong case (--N for --n) and a list given with spaces (--bump-center 1 0 0). Read
// before the parser, and only where it would refuse the arguments anyway.
import type { Command, Option } from 'commander';
import { shown, UsageError } from './option-values.js';

/** A number as a stray argument may be written (also negative, which the parser takes for an option). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Throws a UsageError with the hint when `args` (the arguments after the program name) make one of these mistakes. */
export function checkArgumentHints(program: Command, args: readonly string[]): void {
  const command = program.commands.find((c) => c.name() === args[0]);
  if (!command) return;
  const options = [...command.options, ...program.options];
  let positionals = 0;
  let previous: { option: Option; value: string } | null = null;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return;
    if (arg.startsWith('--')) {
      const [name, inline] = splitInline(arg);
      const option = options.find((o) => o.long === name);
      if (!option) return refuseUnknown(name, options);
      const takesValue = option.required || option.optional;
      const value = inline ?? (takesValue ? args[++i] : undefined);
      previous = value === undefined ? null : { option, value };
      continue;
    }
    if (arg.startsWith('-') && !NUMBER.test(arg)) return;
    if (++positionals > command.registeredArguments.length) refuseExtra(command, args.slice(i), previous);
  }
}

function splitInline(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/** An unknown option that differs from a known one in case only. */
function refuseUnknown(name: string, options: readonly Option[]): void {
  const same = options.find((o) => o.long?.toLowerCase() === name.toLowerCase());
  if (same) throw new UsageError(`unknown option '${name}': options are case-sensitive; did you mean ${same.long}?`);
}

/** Options whose value is a comma-separated list (their value name says so: <list>, <ux,uy,uz>). */
function takesList(option: Option): boolean {
  return /<[^>]*(,|list)[^>]*>/.test(option.flags);
}

/** More arguments than the command takes: a list given with spaces, or a stray word. */
function refuseExtra(command: Command, rest: readonly string[], previous: { option: Option; value: string } | null): never {
  const end = rest.findIndex((a) => !NUMBER.test(a));
  const numbers = end < 0 ? rest : rest.slice(0, end);
  if (previous && takesList(previous.option) && numbers.length > 0) {
    const parts = [previous.value, ...numbers];
    const what = previous.option.long === '--bump-center' || previous.option.long === '--bump-temps' ? 'the three components' : 'the values';
    throw new UsageError(`${previous.option.long} takes one argument: give ${what} separated by commas: ${previous.option.long} ${parts.join(',')}`);
  }
  const after = previous ? ` after ${previous.option.long} ${shown(previous.value)}` : '';
  const names = command.registeredArguments.map((a) => a.name().toUpperCase());
  const takes = names.length === 0 ? 'no arguments besides its options' : `${names.length === 1 ? 'one argument' : `${names.length} arguments`}, ${names.join(' ')}`;
  throw new UsageError(`unexpected argument ${shown(rest[0])}${after}: ${command.name()} takes ${takes} (quote a value that holds spaces)`);
}
