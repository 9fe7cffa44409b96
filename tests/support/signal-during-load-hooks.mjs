// Module resolution hook (signal-during-load.mjs): SIGTERM to the process when the first command's
// module (src/cli/run-command) is resolved, while the program's modules load.
let sent = false;

export async function resolve(specifier, context, next) {
  if (!sent && /(^|\/)run-command\.(js|ts)$/.test(specifier)) {
    sent = true;
    process.kill(process.pid, 'SIGTERM');
  }
  return next(specifier, context);
}
