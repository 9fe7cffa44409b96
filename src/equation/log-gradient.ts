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
// quadratics (c = 0), and so is the centred difference C₂ (both members equal), which the higher
// orders use where a row is cut by the faces or the data are not resolved; order 2 is D± on every
// row (c = ±h), the one-sided scheme.
//
// Resolution: the flux F_i A G log F of row i reaches F_i/F_k of every cell k in its stencil, e^{J|i−k|}
// in a tail where log F drops by J per cell. A row takes the highest half order m whose coupling
// Σ_o |w_o| Σ|w| e^{J|o|} (J the largest jump of log F across the row's window) stays within
// TAIL_BUDGET times that of D±, 2(1 + e^J); else C₂ (coupling e^J, below D±'s). So the rate bound
// of the explicit step never exceeds TAIL_BUDGET times the one-sided scheme's, on any data.

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

/** Stencil ids of a row: NO_ROW outside V, CENTRED_ROW (C₂; D± for order 2), else the half order m ≥ 2. */
export const NO_ROW = 0;
export const CENTRED_ROW = 1;

/** A row may couple its cells up to this multiple of what the one-sided differences do (see above). */
export const TAIL_BUDGET = 8;

export const CENTRED_PAIR: StencilPair = { plus: { offsets: [-1, 1], weights: [-0.5, 0.5] }, minus: { offsets: [-1, 1], weights: [-0.5, 0.5] } };

/** The pair of a row id for an operator of this order. */
export function pairOfRow(id: number, order: GradientOrder): StencilPair {
  if (id === CENTRED_ROW) return order === 2 ? pairOfHalfOrder(1) : CENTRED_PAIR;
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

/**
 * The row id of a cell along one axis: edge = its distance to the nearer face, jump = the largest
 * |Δ log F| between neighbours over its window (edge-clamped, ±order/2 cells).
 */
export function chooseRow(edge: number, jump: number, order: GradientOrder): number {
  if (edge < 1) return NO_ROW;
  if (order === 2) return CENTRED_ROW;
  for (let m = Math.min(order / 2, edge); m >= 2; m--) if (jump <= ROW_JUMP_LIMITS[m]!) return m;
  return CENTRED_ROW;
}

/** Σ|w| of a stencil (times h): its row sum, the bound of the difference on data bounded by 1. */
export function absoluteWeight(s: Stencil): number {
  return s.weights.reduce((sum, w) => sum + Math.abs(w), 0);
}
