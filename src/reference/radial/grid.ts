// Graded radial grid on [0, R] for the radial reference solver (docs/mathematics.md §2).
//
// Cells i = 0..N−1 are the shells [ρ_i, ρ_{i+1}] between faces ρ_0 = 0 < ρ_1 < … < ρ_N = R.
// Per cell the grid stores the exact shell quantities the conservative scheme is built from:
//   V_i   = (ρ_{i+1}³ − ρ_i³)/3                     (shell volume / 4π)
//   e_i   = ⟨r²⟩_i = ∫ r⁴ dr / ∫ r² dr over the shell (exact shell average of r²)
//   r̂_i  = √e_i                                    (the node: f_i is the value f(r̂_i))
// and per interior face k = 1..N−1 the spacing in u = r²/2 between the nodes on either side,
//   Δu_k = (e_k − e_{k−1})/2,
// which is the spacing the energy identity needs (see operator.ts).
//
// Grading. The default map is ρ(ξ) = R·sinh(βξ)/sinh(β), ξ = j/N. It is smooth and odd in ξ, so the
// grid is smooth through r = 0 (no kink at the origin; refining N at fixed β refines every cell by
// the same factor, which is what a second-order self-convergence study needs). Near r = 0 the
// spacing is ≈ h0 = Rβ/(N sinh β), nearly uniform for r ≲ R/sinh β; further out the cells grow
// geometrically (Δr/r ≈ β/N) up to Δr ≈ Rβ coth(β)/N at r = R. The blow-down data concentrate at
// width √δ near r = 0 (δ down to 1e-4, i.e. width 0.01 inside a Maxwellian of width 1 on R = 10),
// so one asks for the inner spacing h0 (a fraction of √δ) and β follows from it. A fraction
// ≈ asinh(1)/β of the cells lies in the quasi-uniform core r ≲ R/sinh β, the rest are spread with
// Δr/r ≈ β/N, which matches how the Maxwellian bulk and tail vary. (A purely geometric grading would
// need a special first cell and has a kink at the core; the sinh map is smooth everywhere, so the
// scheme keeps its second order on it — tests/radial.test.ts measures 2.00.) A uniform grid
// (β → 0) is available for checks. Example: R = 10, N = 400, h0 = 1e-3 gives β ≈ 5.6, Δr ≈ 0.03 at
// r = 2 and ≈ 0.15 at r = R.

export type RadialGrading = 'sinh' | 'uniform';

export interface RadialGridOptions {
  /** Outer radius R (zero-flux boundary), default 10. */
  R?: number;
  /** Number of cells N, default 400. */
  cells?: number;
  /** 'sinh' (default) or 'uniform'. */
  grading?: RadialGrading;
  /** sinh grading: the stretching β. Ignored when innerSpacing is given. Default 4. */
  beta?: number;
  /** sinh grading: the spacing h0 wanted at r = 0; β is solved from h0 = Rβ/(N sinh β). */
  innerSpacing?: number;
}

export class RadialGrid {
  readonly R: number;
  readonly N: number;
  readonly grading: RadialGrading;
  /** Stretching β of the sinh map (0 for a uniform grid). */
  readonly beta: number;
  /** Faces ρ_0 … ρ_N (length N+1). */
  readonly faces: Float64Array;
  /** ρ_k³ (length N+1). */
  readonly faces3: Float64Array;
  /** Shell volumes / 4π (length N). */
  readonly volume: Float64Array;
  /** Exact shell averages ⟨r²⟩ (length N). */
  readonly r2: Float64Array;
  /** Nodes r̂_i = √⟨r²⟩_i (length N). */
  readonly nodes: Float64Array;
  /** Δu_k = (e_k − e_{k−1})/2 for interior faces k = 1..N−1 (length N+1, ends unused = 0). */
  readonly du: Float64Array;

  constructor(options: RadialGridOptions = {}) {
    const R = options.R ?? 10;
    const N = options.cells ?? 400;
    const grading = options.grading ?? 'sinh';
    if (!(R > 0)) throw new Error(`radial grid: R must be > 0 (got ${R})`);
    if (!Number.isInteger(N) || N < 4) throw new Error(`radial grid: cells must be an integer ≥ 4 (got ${N})`);
    this.R = R;
    this.N = N;
    this.grading = grading;
    let beta = 0;
    if (grading === 'sinh') {
      if (options.innerSpacing !== undefined) beta = betaForInnerSpacing(R, N, options.innerSpacing);
      else beta = options.beta ?? 4;
      if (!(beta >= 0)) throw new Error(`radial grid: beta must be ≥ 0 (got ${beta})`);
    }
    this.beta = beta;
    const faces = new Float64Array(N + 1);
    for (let j = 0; j <= N; j++) faces[j] = faceMap(R, beta, j / N);
    faces[0] = 0;
    faces[N] = R;
    this.faces = faces;
    this.faces3 = faces.map((r) => r * r * r);
    this.volume = new Float64Array(N);
    this.r2 = new Float64Array(N);
    this.nodes = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const a = faces[i]!;
      const b = faces[i + 1]!;
      // Factored forms: no cancellation between b³ and a³ (or b⁵ and a⁵) for thin outer shells.
      const q3 = b * b + a * b + a * a; // (b³ − a³)/(b − a)
      const q5 = b * b * b * b + b * b * b * a + b * b * a * a + b * a * a * a + a * a * a * a; // (b⁵ − a⁵)/(b − a)
      this.volume[i] = ((b - a) * q3) / 3;
      this.r2[i] = (3 / 5) * (q5 / q3);
      this.nodes[i] = Math.sqrt(this.r2[i]!);
    }
    this.du = new Float64Array(N + 1);
    for (let k = 1; k < N; k++) this.du[k] = 0.5 * (this.r2[k]! - this.r2[k - 1]!);
  }

  /** Spacing of the innermost cell (ρ_1). */
  get innerSpacing(): number {
    return this.faces[1]!;
  }

  /** Spacing of the outermost cell. */
  get outerSpacing(): number {
    return this.R - this.faces[this.N - 1]!;
  }

  /** Samples f at the nodes r̂_i (the representation used by the solver). */
  sample(f: (r: number) => number): Float64Array {
    const out = new Float64Array(this.N);
    for (let i = 0; i < this.N; i++) out[i] = f(this.nodes[i]!);
    return out;
  }
}

function faceMap(R: number, beta: number, xi: number): number {
  if (beta < 1e-8) return R * xi;
  return (R * Math.sinh(beta * xi)) / Math.sinh(beta);
}

/** β with Rβ/(N sinh β) = h0 (the spacing at r = 0 of the sinh map); h0 must be ≤ R/N. */
export function betaForInnerSpacing(R: number, N: number, h0: number): number {
  const target = (h0 * N) / R; // = β / sinh β ∈ (0, 1]
  if (!(target > 0)) throw new Error(`radial grid: innerSpacing must be > 0 (got ${h0})`);
  if (target >= 1) return 0; // the uniform grid is already that fine
  let lo = 0;
  let hi = 1;
  while (hi / Math.sinh(hi) > target) hi *= 2;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid / Math.sinh(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
