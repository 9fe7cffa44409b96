// The gradient of log F in the flux, the one choice of the discrete operator besides the kernel.
//
// For each sign pattern σ ∈ {+,−}³ the flux uses, along axis a, an upwind-biased difference G^σ_a
// and the divergence its transpose. Of order p = 2m (m = 1 … 4) the pair is
//   G^± = C_{2m} ∓ κ_m δ^{2m} / h,
// C_{2m} the centred difference of order 2m and κ_m the multiple of the 2m-th difference that
// removes the stencil's far point on the downwind side: m = 1 gives the one-sided differences D±,
// m = 2 the third-order upwind-biased differences (−2, −3, 6, −1)/6h, m = 3, 4 those of order 5, 7.
// Averaged over the patterns the operator is
//   Q = C 𝒥(C log F) − E 𝒥(E log F),   E = κ_m δ^{2m}/h,  𝒥 the flux map (linear in its argument),
// so Q is of order 2m (E𝒥E is O(h^{4m−2})), while E keeps the highest wave number coupled (its
// symbol at the Nyquist frequency is of order 1/h, where C's vanishes: no odd–even decoupling).
//
// Any G with G·1 = 0, G·v = 1 and G·v² = 2v + c, c the same on every row, gives the pair form its
// structure: exact conservation of mass, momentum and energy, dH/dt ≤ 0, Maxwellians stationary —
// for each choice of rows, so rows may differ from cell to cell. For m ≥ 2 the stencils are exact on
// quadratics (c = 0), and so are the three-point differences the tail rows use; order 2 is D± on
// every row (c = ±h), the one-sided scheme.
//
// Resolution: the flux F_i A G log F of row i reaches F_i/F_k of every cell k in its stencil, e^{J|i−k|}
// in a tail where log F drops by J per cell. A row takes the highest half order m whose coupling
// Σ_o |w_o| Σ|w| e^{J|o|} (J the largest jump of log F across the row's window) stays within
// TAIL_BUDGET times that of D±, 2(1 + e^J). Else it takes a tail pair whose members reach at most
// one cell towards the smaller F — the backward (forward) three-point difference and C₂ — so its
// coupling is that of D±, and its members differ at the Nyquist frequency as D± do (4/h against 0):
// the grid's checkerboard modes stay damped in the tails, which keeps the linearised operator
// coercive there (c̄0). So the rate bound of the explicit step stays within TAIL_BUDGET times the
// one-sided scheme's on any data.
//
// Compact core (order 8 only): where F is within e^{−CORE_DEPTH} of its largest value along the
// line and the row is the full pair of order 8, the centred part is the tridiagonal compact
// (Padé) difference of order 8, α C_{i−1} + C_i + α C_{i+1} = Σ_k c_k (f_{i+k} − f_{i−k}) / h,
// solved along the line (compact-lines.ts) with the explicit rows as identity rows of the system;
// the upwind part stays the order-8 pair's. Each row is exact on quadratics, so the structure holds;
// the compact rows resolve about twice the wave numbers of the explicit ones at the same order.

export type GradientOrder = 2 | 4 | 6 | 8;
export const GRADIENT_ORDERS: readonly GradientOrder[] = [2, 4, 6, 8];
export const DEFAULT_GRADIENT_ORDER: GradientOrder = 8;
export const MAX_HALF_ORDER = 4;

/** Offsets and weights (times h) of one difference: G f_i = Σ_k weights[k] f_{i + offsets[k]} / h. */
export interface Stencil {
  offsets: readonly number[];
  weights: readonly number[];
}

/** The two members of an upwind-biased pair of half order m: plus is biased forward, minus backward. */
export interface StencilPair {
  plus: Stencil;
  minus: Stencil;
}

function factorial(k: number): number {
  let out = 1;
  for (let j = 2; j <= k; j++) out *= j;
  return out;
}

function binomial(n: number, k: number): number {
  return factorial(n) / (factorial(k) * factorial(n - k));
}

/** The upwind-biased pair of half order m (1 … MAX_HALF_ORDER), from C_{2m} and δ^{2m} in exact arithmetic of small rationals. */
export function stencilPair(m: number): StencilPair {
  if (!(Number.isInteger(m) && m >= 1 && m <= MAX_HALF_ORDER)) throw new RangeError(`half order ${m} is outside 1 … ${MAX_HALF_ORDER}`);
  const centred = new Map<number, number>();
  for (let k = 1; k <= m; k++) {
    const c = ((-1) ** (k + 1) * factorial(m) ** 2) / (k * factorial(m - k) * factorial(m + k));
    centred.set(k, c);
    centred.set(-k, -c);
  }
  // δ^{2m} has weight (−1)^{k+m} C(2m, k+m) at offset k; κ cancels C's weight at −m (plus) or +m (minus).
  const diff = (k: number) => (-1) ** (k + m) * binomial(2 * m, k + m);
  const kappa = centred.get(-m)! / diff(-m);
  const build = (sign: number): Stencil => {
    const offsets: number[] = [];
    const weights: number[] = [];
    for (let k = -m; k <= m; k++) {
      const w = (centred.get(k) ?? 0) - sign * kappa * diff(k);
      if (Math.abs(w) > 1e-14) {
        offsets.push(k);
        weights.push(w);
      }
    }
    return { offsets, weights };
  };
  return { plus: build(1), minus: build(-1) };
}

const PAIRS: readonly StencilPair[] = Array.from({ length: MAX_HALF_ORDER + 1 }, (_, m) => (m === 0 ? { plus: { offsets: [], weights: [] }, minus: { offsets: [], weights: [] } } : stencilPair(m)));

/** The pair of half order m (cached). */
export function pairOfHalfOrder(m: number): StencilPair {
  const pair = PAIRS[m];
  if (!pair || m < 1) throw new RangeError(`half order ${m} is outside 1 … ${MAX_HALF_ORDER}`);
  return pair;
}

/**
 * Row ids, also the entries of the weight tables: NO_ROW outside V; ONE_SIDED_ROW, D± (order 2 only);
 * 2 … MAX_HALF_ORDER, the pair of that half order; the tail pairs, whose members reach at most one
 * cell towards the smaller F (TAIL_BELOW: F larger below the cell, G⁺ = B₂ the backward three-point
 * difference and G⁻ = C₂; TAIL_ABOVE its mirror image, G⁺ = C₂ and G⁻ = F₂); CENTRED_ROW, C₂ for both
 * members, where neither tail pair fits or the slope is exactly zero.
 */
export const NO_ROW = 0;
export const ONE_SIDED_ROW = 1;
export const TAIL_BELOW = MAX_HALF_ORDER + 1;
export const TAIL_ABOVE = MAX_HALF_ORDER + 2;
export const CENTRED_ROW = MAX_HALF_ORDER + 3;
export const COMPACT_ROW = MAX_HALF_ORDER + 4;
export const ROW_IDS = MAX_HALF_ORDER + 5;

/** A row may couple its cells up to this multiple of what the one-sided differences do (see above). */
export const TAIL_BUDGET = 8;

const C2: Stencil = { offsets: [-1, 1], weights: [-0.5, 0.5] };
const B2: Stencil = { offsets: [-2, -1, 0], weights: [0.5, -2, 1.5] };
const F2: Stencil = { offsets: [0, 1, 2], weights: [-1.5, 2, -0.5] };
export const CENTRED_PAIR: StencilPair = { plus: C2, minus: C2 };

/** α of the compact difference of order 8 (its tridiagonal left-hand side). */
export const COMPACT_ALPHA = 3 / 8;
/**
 * The compact core's weight θ of a row (compact-lines.ts) from its depth, the largest log F over the
 * interior cells less its own: 1 up to CORE_DEPTH, falling smoothly (a cubic smoothstep) to 0 at
 * CORE_DEPTH + CORE_BAND. The compact rows reach F ratios up to e^{depth} through P⁻¹, and where the
 * scheme changes the two truncation errors differ: at these depths F and Q are below e^{−6} of their
 * peaks, and the rows beyond cost the rate bound's exact share without adding accuracy.
 */
export const CORE_DEPTH = 6;
export const CORE_BAND = 2;

export function coreWeight(depth: number): number {
  return smoothStep((CORE_DEPTH + CORE_BAND - depth) / CORE_BAND);
}

/**
 * The core's weight at the edge of the order-8 rows: θ is also multiplied by edgeWeight(d), d the
 * distance in cells from the row to the nearest row of the line that is not of order 8 (capped at
 * EDGE_BAND + 1), a smoothstep of d/(EDGE_BAND + 1). Where the window of order 8 stops fitting the
 * data (its largest jump reaches ROW_JUMP_LIMITS[4], inside the data on coarse grids), the compact
 * rows thus fade into the explicit order-8 rows over EDGE_BAND cells instead of switching at once,
 * as they fade over CORE_BAND in depth.
 */
export const EDGE_BAND = 3;

export function edgeWeight(distance: number): number {
  return smoothStep(distance / (EDGE_BAND + 1));
}

function smoothStep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/** The right-hand side of the compact difference of order 8 (times h): (25/32, 1/20, −1/480) at offsets 1, 2, 3, odd. */
const COMPACT_CENTRED: Stencil = {
  offsets: [-3, -2, -1, 1, 2, 3],
  weights: [1 / 480, -1 / 20, -25 / 32, 25 / 32, 1 / 20, -1 / 480],
};

/** The compact row's table entries: its right-hand side D ∓ E, E the order-8 pair's upwind part (halfSum). */
function compactPair(): StencilPair {
  const upwind = halfSum(stencilPair(MAX_HALF_ORDER), -1);
  const build = (sign: number): Stencil => {
    const offsets: number[] = [];
    const weights: number[] = [];
    for (let o = -MAX_HALF_ORDER; o <= MAX_HALF_ORDER; o++) {
      const w = weightAt(COMPACT_CENTRED, o) - sign * weightAt(upwind, o);
      if (Math.abs(w) > 1e-14) {
        offsets.push(o);
        weights.push(w);
      }
    }
    return { offsets, weights };
  };
  return { plus: build(1), minus: build(-1) };
}
export const COMPACT_PAIR: StencilPair = compactPair();

/** The weight of a stencil at offset o (0 off the stencil). */
function weightAt(s: Stencil, o: number): number {
  return s.weights[s.offsets.indexOf(o)] ?? 0;
}

/** (G⁺ + G⁻)/2 (sign 1: the centred part) or (G⁻ − G⁺)/2 (sign −1: the upwind part) of a pair. */
export function halfSum(pair: StencilPair, sign: 1 | -1): Stencil {
  const offsets: number[] = [];
  const weights: number[] = [];
  for (let o = -MAX_HALF_ORDER; o <= MAX_HALF_ORDER; o++) {
    const [p, m] = [weightAt(pair.plus, o), weightAt(pair.minus, o)];
    const w = sign === 1 ? 0.5 * (p + m) : 0.5 * (m - p);
    if (Math.abs(w) > 1e-14) {
      offsets.push(o);
      weights.push(w);
    }
  }
  return { offsets, weights };
}

/** The pair of a row id (null for NO_ROW). */
export function pairOfRow(id: number): StencilPair | null {
  if (id === NO_ROW) return null;
  if (id === COMPACT_ROW) return COMPACT_PAIR;
  if (id === TAIL_BELOW) return { plus: B2, minus: C2 };
  if (id === TAIL_ABOVE) return { plus: C2, minus: F2 };
  if (id === CENTRED_ROW) return CENTRED_PAIR;
  return pairOfHalfOrder(id);
}

/** Σ_o |w_o|·Σ|w|·x^{|o|}: the coupling of a row in a tail with F ratio x per cell (x = 1: uniform F). */
export function rowCoupling(pair: StencilPair, x: number): number {
  const total = absoluteWeight(pair.plus);
  let sum = 0;
  for (const s of [pair.plus, pair.minus]) s.offsets.forEach((o, k) => (sum += 0.5 * Math.abs(s.weights[k]!) * total * x ** Math.abs(o)));
  return sum;
}

/** budget(x) − coupling(x) of the pair of half order m at x = e^J: ≥ 0 where the row may be taken. */
function headroom(m: number, jump: number): number {
  const x = Math.exp(jump);
  return TAIL_BUDGET * 2 * (1 + x) - rowCoupling(pairOfHalfOrder(m), x);
}

/**
 * The largest jump J (|Δ log F| per cell) at which the pair of half order m keeps within the budget:
 * the coupling is a polynomial in e^J of degree m against a budget linear in e^J, so the rows of
 * half order m are those with J ≤ ROW_JUMP_LIMITS[m] (bisection to 1e-12; −1: never).
 */
function rowJumpLimit(m: number): number {
  if (headroom(m, 0) < 0) return -1;
  let [lo, hi] = [0, 20];
  while (hi - lo > 1e-12) {
    const mid = 0.5 * (lo + hi);
    if (headroom(m, mid) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** ROW_JUMP_LIMITS[m] for m = 0 … MAX_HALF_ORDER (entries below 2 unused). */
export const ROW_JUMP_LIMITS: readonly number[] = Array.from({ length: MAX_HALF_ORDER + 1 }, (_, m) => (m < 2 ? -1 : rowJumpLimit(m)));

/** Whether an operator of this order can choose the row id (D± only at order 2; the pairs up to its half order and the tail rows above). */
export function rowOfOrder(id: number, order: GradientOrder): boolean {
  if (id === NO_ROW) return false;
  if (order === 2) return id === ONE_SIDED_ROW;
  if (id === COMPACT_ROW) return order === 2 * MAX_HALF_ORDER;
  return id !== ONE_SIDED_ROW && (id > MAX_HALF_ORDER || id <= order / 2);
}

/**
 * The row id of cell i of an axis of n cells: jump = the largest |Δ log F| between neighbours over
 * its window (clamped to the grid, i ± order/2), slope = log F_{i+1} − log F_{i−1}.
 */
export function chooseRow(i: number, n: number, jump: number, slope: number, order: GradientOrder): number {
  const edge = Math.min(i, n - 1 - i);
  if (edge < 1) return NO_ROW;
  if (order === 2) return ONE_SIDED_ROW;
  for (let m = Math.min(order / 2, edge); m >= 2; m--) if (jump <= ROW_JUMP_LIMITS[m]!) return m;
  if (slope < 0 && i >= 2) return TAIL_BELOW;
  if (slope > 0 && i <= n - 3) return TAIL_ABOVE;
  return CENTRED_ROW;
}

/**
 * The difference as a sum of neighbour differences, G u_i = Σ_o s_o (u_{i+o+1} − u_{i+o}) with
 * s_o = −Σ_{o' ≤ o} w_{o'} (zero past the last offset, as the weights sum to zero). Its transpose
 * is then a difference of face values: (Gᵀ J)_k = Φ_{k−½} − Φ_{k+½}, Φ_{k+½} = Σ_o s_o J_{k−o}, so
 * the divergence telescopes — each face value enters the two cells beside it with opposite signs,
 * computed once, and mass is conserved to the rounding of one subtraction per cell in f32.
 * Returns the offsets o with s_o ≠ 0 and the s_o.
 */
export function faceWeights(s: Stencil): Stencil {
  const offsets: number[] = [];
  const weights: number[] = [];
  let partial = 0;
  const lo = Math.min(...s.offsets);
  const hi = Math.max(...s.offsets);
  for (let o = lo; o < hi; o++) {
    const k = s.offsets.indexOf(o);
    if (k >= 0) partial += s.weights[k]!;
    if (Math.abs(partial) > 1e-14) {
      offsets.push(o);
      weights.push(-partial);
    }
  }
  return { offsets, weights };
}

/** Σ|w| of a stencil (times h): its row sum, the bound of the difference on data bounded by 1. */
export function absoluteWeight(s: Stencil): number {
  return s.weights.reduce((sum, w) => sum + Math.abs(w), 0);
}
