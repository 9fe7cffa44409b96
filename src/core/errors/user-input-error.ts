// Errors the user causes and can fix, kept apart from how a front end names its settings. The
// library states the problem in text whose mentions of options are data (the option's key, and the
// value to give or the way to move it); each front end words those mentions in its own terms: the
// command line as its flags (src/cli/option-flags.ts), the demo as its controls (web/option-names.ts).

/** The options a library message can point to, by their keys (those of the CLI's RunOptions). */
export type OptionKey =
  | 'n'
  | 'L'
  | 'cfl'
  | 'rateTol'
  | 'conv'
  | 'backend'
  | 'threads'
  | 'maxBufferMib'
  | 'gamma'
  | 'epsF2'
  | 'fMax'
  | 'axis'
  | 'init'
  | 'out'
  | 'force'
  | 'checkpointEvery';

/** An option in a message: named alone, with a value to give it, or with the way to move it. */
export interface OptionMention {
  readonly option: OptionKey;
  readonly value?: string | number;
  readonly change?: 'lower' | 'raise';
}

/** Text with the options it mentions kept as data. */
export type Wording = readonly (string | OptionMention)[];

/** A front end's words for its options: the name of one, and an option with a value. */
export interface OptionNames {
  name(option: OptionKey): string;
  withValue(name: string, value: string | number): string;
}

/** A front end's names for every setting of a run by its key, options of messages among them (a report's configuration table). */
export interface SettingNames extends OptionNames {
  name(key: string): string;
}

/** The options by their keys, for messages no front end has worded (logs, tests). */
export const KEY_NAMES: OptionNames = { name: (option) => option, withValue: (name, value) => `${name} = ${value}` };

export function isMention(part: string | OptionMention): part is OptionMention {
  return typeof part !== 'string';
}

/** `parts` as one text in a front end's words. */
export function word(parts: Wording, names: OptionNames): string {
  return parts.map((part) => (isMention(part) ? mentionText(part, names) : part)).join('');
}

function mentionText(m: OptionMention, names: OptionNames): string {
  const name = names.name(m.option);
  const named = m.value === undefined ? name : names.withValue(name, m.value);
  return m.change ? `${m.change} ${named}` : named;
}

/** An error whose message mentions options: each front end words it with `wordedFor`. */
export class WordedError extends Error {
  override name = 'WordedError';

  readonly text: Wording;

  constructor(text: Wording | string, options?: ErrorOptions) {
    const parts = typeof text === 'string' ? [text] : text;
    super(word(parts, KEY_NAMES), options);
    this.text = parts;
  }

  /** The changes of options the message suggests, as data. */
  get remedy(): OptionMention[] {
    return this.text.filter(isMention);
  }

  /** The message in a front end's words. */
  wordedFor(names: OptionNames): string {
    return word(this.text, names);
  }
}

/** The input (options, data, files, the machine asked for) is at fault, and the message says what to change. */
export class UserInputError extends WordedError {
  override name = 'UserInputError';
}

/** `err`'s message in a front end's words (as it is where `err` mentions no option). */
export function messageFor(err: unknown, names: OptionNames): string {
  if (err instanceof WordedError) return err.wordedFor(names);
  return err instanceof Error ? err.message : String(err);
}
