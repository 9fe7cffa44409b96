// Least-squares slopes of the fits the reports and studies print.

/** Slope of the least-squares line through (x, y); null for fewer than two points or a single x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const cov = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const vx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return vx > 0 ? cov / vx : null;
}

/** Exponent s of y ≈ C x^s (positive points only). */
export function logSlope(points: readonly { x: number; y: number }[]): number | null {
  return leastSquaresSlope(points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) })));
}

/** Rate λ of y ≈ C e^{−λt} (positive y only). */
export function exponentialRate(points: readonly { t: number; y: number }[]): number | null {
  const slope = leastSquaresSlope(points.filter((p) => p.y > 0).map((p) => ({ x: p.t, y: Math.log(p.y) })));
  return slope === null ? null : -slope;
}
