// The text read-outs: each value in an element with a stable id, its full-precision number in
// data-value (for tests and copy-paste).
export function setText(id: string, text: string, value?: number): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  if (value !== undefined) el.dataset.value = String(value);
}

export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(digits) : x.toExponential(digits - 1);
}
