// Logarithmic mean L(a, b) = (a − b)/(ln a − ln b) of two positive numbers and its partial
// derivatives, to full double precision for all a, b > 0.
//
// With s = (a + b)/2 and ε = (a − b)/(a + b) ∈ (−1, 1): ln(a/b) = 2 atanh ε, so L = s·g(ε) with
// g(ε) = ε/atanh ε = 1/(1 + ε²/3 + ε⁴/5 + ε⁶/7 + …). For |ε| < 1e-2 the series (to ε⁸, remainder
// < 1e-20) is used; beyond, (a − b)/ln(a/b) loses at most a few digits. L(a, a) = a, L ≤ (a + b)/2, and L(a, b) → 0
// when either argument → 0, which is what keeps the flux of the radial scheme positivity preserving:
// L(a, b)·(ln a − ln b) = a − b exactly.

const SERIES_LIMIT = 1e-2;

/** L(a, b) for a, b > 0. */
export function logMean(a: number, b: number): number {
  const s = 0.5 * (a + b);
  const e = (a - b) / (a + b);
  if (Math.abs(e) < SERIES_LIMIT) {
    const e2 = e * e;
    return s / (1 + e2 * (1 / 3 + e2 * (1 / 5 + e2 * (1 / 7 + e2 / 9))));
  }
  return (a - b) / logRatio(a, b);
}

/** ln(a/b) without overflow of a/b. */
function logRatio(a: number, b: number): number {
  const q = a / b;
  return q > 0 && Number.isFinite(q) ? Math.log(q) : Math.log(a) - Math.log(b);
}

/** Writes [L, ∂L/∂a, ∂L/∂b] into out (for the Newton Jacobian). */
export function logMeanWithDerivatives(a: number, b: number, out: Float64Array | number[]): void {
  const s = 0.5 * (a + b);
  const e = (a - b) / (a + b);
  if (Math.abs(e) < SERIES_LIMIT) {
    const e2 = e * e;
    const h = 1 + e2 * (1 / 3 + e2 * (1 / 5 + e2 * (1 / 7 + e2 / 9)));
    const dh = e * (2 / 3 + e2 * (4 / 5 + e2 * (6 / 7 + (8 / 9) * e2)));
    const g = 1 / h;
    const dg = -dh / (h * h); // g′(ε)
    // ∂ε/∂a = (1 − ε)/(2s), ∂ε/∂b = −(1 + ε)/(2s), ∂s/∂a = ∂s/∂b = 1/2.
    out[0] = s * g;
    out[1] = 0.5 * (g + (1 - e) * dg);
    out[2] = 0.5 * (g - (1 + e) * dg);
    return;
  }
  // Away from a = b: ∂L/∂a = L(a − L)/(a(a − b)), ∂L/∂b = L(b − L)/(b(b − a)).
  const L = (a - b) / logRatio(a, b);
  out[0] = L;
  out[1] = (L * (a - L)) / (a * (a - b));
  out[2] = (L * (b - L)) / (b * (b - a));
}
