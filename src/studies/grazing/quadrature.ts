// Gauss–Legendre rules and composite (panel) rules in f64. Every integral in src/grazing is a sum
// over panels with a fixed number of Gauss nodes each; endpoint singularities and multi-scale
// integrands are handled by geometric grading of the panel breaks, never by adaptive recursion,
// so that the same nodes can be reused (tables of θ(ρ, κ) share their ρ nodes).

export interface Rule {
  /** nodes */
  readonly x: Float64Array;
  /** weights */
  readonly w: Float64Array;
}

const cache = new Map<number, Rule>();

/** P_n(z) and P_n'(z) by the three-term recurrence. */
function legendreWithDerivative(n: number, z: number): [number, number] {
  let p0 = 1;
  let p1 = z;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return [p1, (n * (z * p1 - p0)) / (z * z - 1)];
}

/** n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n from Tricomi's initial guesses). */
export function gaussLegendre(n: number): Rule {
  if (!Number.isInteger(n) || n < 1 || n > 512) throw new RangeError(`gaussLegendre: n = ${n} must be an integer in 1..512`);
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 2;
  } else {
    for (let i = 0; i < Math.floor(n / 2); i++) {
      let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
      for (let iter = 0; iter < 100; iter++) {
        const [p, dp] = legendreWithDerivative(n, z);
        const dz = p / dp;
        z -= dz;
        if (Math.abs(dz) < 4e-16) break;
      }
      const dp = legendreWithDerivative(n, z)[1];
      x[i] = -z;
      x[n - 1 - i] = z;
      w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
    }
    if (n % 2 === 1) {
      const dp = legendreWithDerivative(n, 0)[1];
      w[(n - 1) / 2] = 2 / (dp * dp);
    }
  }
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}

/** Composite Gauss–Legendre rule over consecutive panels [breaks[i], breaks[i+1]]. */
export function compositeRule(breaks: readonly number[], nodesPerPanel: number): Rule {
  const g = gaussLegendre(nodesPerPanel);
  const panels = breaks.length - 1;
  const x = new Float64Array(panels * nodesPerPanel);
  const w = new Float64Array(panels * nodesPerPanel);
  let k = 0;
  for (let p = 0; p < panels; p++) {
    const a = breaks[p];
    const b = breaks[p + 1];
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    for (let i = 0; i < nodesPerPanel; i++, k++) {
      x[k] = mid + half * g.x[i];
      w[k] = half * g.w[i];
    }
  }
  return { x, w };
}

/**
 * Breaks a = x0 < x1 < … < b growing geometrically away from `a` (x_{k+1} − a = ratio·(x_k − a)),
 * starting at a + first. Resolves an integrand whose nearest singularity sits at or just beyond `a`.
 */
export function gradedBreaks(a: number, b: number, first: number, ratio: number): number[] {
  const breaks = [a];
  let d = first;
  while (a + d < b && d > 0) {
    breaks.push(a + d);
    d *= ratio;
  }
  const last = breaks[breaks.length - 1];
  // Merge a sliver into the previous panel rather than leave a tiny last panel.
  if (breaks.length > 1 && b - last < 0.3 * (last - breaks[breaks.length - 2])) breaks[breaks.length - 1] = b;
  else breaks.push(b);
  return breaks;
}

/** Geometric breaks a, a·q, a·q², …, b for 0 < a < b (scale-free integrands on a log scale). */
export function geometricBreaks(a: number, b: number, ratio: number): number[] {
  if (!(a > 0 && b > a)) throw new RangeError(`geometricBreaks: need 0 < a < b, got ${a}, ${b}`);
  const n = Math.max(1, Math.ceil(Math.log(b / a) / Math.log(ratio)));
  const q = Math.pow(b / a, 1 / n);
  const breaks: number[] = [];
  for (let i = 0; i <= n; i++) breaks.push(i === n ? b : a * Math.pow(q, i));
  return breaks;
}

/** Uniform breaks on [a, b] with panels no wider than maxWidth. */
export function uniformBreaks(a: number, b: number, maxWidth: number): number[] {
  const n = Math.max(1, Math.ceil((b - a) / maxWidth));
  const breaks: number[] = [];
  for (let i = 0; i <= n; i++) breaks.push(i === n ? b : a + ((b - a) * i) / n);
  return breaks;
}

/** Joins break lists that share their end points into one increasing list. */
export function joinBreaks(...lists: number[][]): number[] {
  const out: number[] = [];
  for (const list of lists) {
    for (const x of list) if (out.length === 0 || x > out[out.length - 1]) out.push(x);
  }
  return out;
}

/** Σ w_i f(x_i). */
export function integrate(rule: Rule, f: (x: number) => number): number {
  let s = 0;
  for (let i = 0; i < rule.x.length; i++) s += rule.w[i] * f(rule.x[i]);
  return s;
}
