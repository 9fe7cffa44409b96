// Imported first by the command line: installs the start-up signal handling before anything else loads.
import { installStartupSignals } from './startup-signals.js';

installStartupSignals();
