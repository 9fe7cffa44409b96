#!/usr/bin/env node
// landau3d command line: the entry. The start-up's signal handling is installed before the program's
// modules load (about a second), so a SIGINT or SIGTERM then is answered as one during the start-up:
// one line and exit status 130, not a silent death. Then the program itself (cli.ts) is loaded.
import { installStartupSignals } from './startup-signals.js';

installStartupSignals();
await import('./cli.js');
