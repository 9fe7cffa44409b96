// Loaded with --import before a command line runs: sends the process SIGTERM at the moment the
// program's modules load (the resolution of its first command), as a user's Ctrl-C in the first
// second would arrive.
import { register } from 'node:module';

register('./signal-during-load-hooks.mjs', import.meta.url);
