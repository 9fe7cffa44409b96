// The HTML of the report pages: text escaping, and the frame of a study page.

/** `s` with &, < and > escaped. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A study's page: the title as heading, then the body's blocks. */
export function page(title: string, body: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plots>div{flex:0 0 auto}</style></head>
<body>
<h1>${esc(title)}</h1>
${body.join('\n')}
</body></html>
`;
}

/** Plots side by side, wrapping. */
export const plotsDiv = (plots: string[]) => `<div class="plots">${plots.map((p) => `<div>${p}</div>`).join('\n')}</div>`;
