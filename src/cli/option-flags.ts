// The command line's names of the run options: the one mapping from an option's key to its flag
// (tEnd → --t-end), with which the CLI words the library's messages and the report its settings.
import { messageFor, type SettingNames } from '../core/errors/user-input-error.js';

/** Keys whose flag is not their kebab-case form. */
const IRREGULAR_FLAGS: Readonly<Record<string, string>> = { L: '--L', gradient: '--gradient-order' };

/** The flag that sets the option `key`. */
export function flagOf(key: string): string {
  return IRREGULAR_FLAGS[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Options as the command line writes them: `--cfl`, `--conv fft`. */
export const CLI_FLAGS: SettingNames = { name: flagOf, withValue: (flag, value) => `${flag} ${value}` };

/** An error's message as the command line words it. */
export function cliMessage(err: unknown): string {
  return messageFor(err, CLI_FLAGS);
}
