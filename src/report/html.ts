// The HTML of the report pages: text escaping, the stylesheet and the frame of a page.

/** `s` with &, < and > escaped. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The pages' stylesheet. Plots sit in a grid of columns at least 560 px wide that fills the page,
 * and each SVG scales to its column (Vega's SVG has a viewBox): two columns on a 1400 px screen,
 * one on a phone. Heat maps (.slices) are three to a row.
 */
export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;margin:2em auto;padding:0 2em;max-width:1800px;color:#222}
p{max-width:80em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}th{background:#f3f3f3}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,560px),1fr));gap:16px 24px;align-items:start}
.plots.slices{grid-template-columns:repeat(auto-fill,minmax(min(100%,380px),1fr))}
.plots svg{display:block;width:100%;height:auto}.plots.slices svg{max-width:560px}`;

/** A report page: the title as heading, then the body's blocks. */
export function page(title: string, body: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>${PAGE_STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
${body.join('\n')}
</body></html>
`;
}

/** Plots side by side, as many to a row as the page holds; `kind` 'slices' for heat maps. */
export const plotsDiv = (plots: string[], kind: 'plots' | 'slices' = 'plots') =>
  `<div class="${kind === 'slices' ? 'plots slices' : 'plots'}">${plots.map((p) => `<div>${p}</div>`).join('\n')}</div>`;

/** The axis title of time: t in the units of the equation, τ (docs/mathematics.md). */
export const TIME_AXIS = 't / τ';
