// The gradient of log F in the flux, the one choice of the discrete operator besides the kernel.
// Order 2 (default): the one-sided differences D^σ of the eight sign patterns. Order 4: per axis a,
//   G^σ_a = D^σ_a − (Θ_a/6) D^σ_a δ²_a,
// whose pattern mean is the fourth-order centred difference wherever Θ = 1. Any per-cell Θ keeps
// the pair structure: G is linear, used for the flux and (transposed) for the divergence alike, and
// the third difference D^σδ² vanishes on quadratics, so G maps 1, v and |v|² as D^σ does — exact
// conservation, dH/dt ≤ 0 and Maxwellians as exact equilibria carry over.
//
// Θ_a = min(1, TAIL_LIMIT · e^{−J}) with J the largest |Δ log F| between neighbours along a over the
// stencil (five cells), and Θ = 0 where the stencil leaves the grid. The correction couples a cell
// to the one two away with weight Θ/6, so through that face a cell k feels F_{k±2} with weight
// (Θ/6)²; in an under-resolved tail F_{k±2}/F_{k±1} = e^{J}, and the limit keeps that coupling at
// most the nearest neighbour's, which is what the log barrier of the one-sided patterns can hold.
//
// Measured (README, "Symmetry and exact rates"): order 4 takes the second-moment rates of broad
// data (two Maxwellians) about 15× closer to their exact values and the moments they relax, but the
// profile of a narrow bump — the blow-down — about 4× further from a converged one; order 2 stays
// the default.

export type GradientOrder = 2 | 4;
export const GRADIENT_ORDERS: readonly GradientOrder[] = [2, 4];
export const DEFAULT_GRADIENT_ORDER: GradientOrder = 2;

/** Θ = TAIL_LIMIT·e^{−J} below 1: (Θ/6)²·e^{J} ≤ 1 for J ≥ ln TAIL_LIMIT. */
export const TAIL_LIMIT = 6;

/** Θ of a cell and axis from the largest log-ratio J of neighbours along its stencil. */
export function correctionWeight(largestLogJump: number): number {
  return Math.min(1, TAIL_LIMIT * Math.exp(-largestLogJump));
}

/**
 * Factor on the diffusion part of the rate bound: the symbol of I − (Θ/6)δ² is at most 1 + (2/3)Θ
 * (at the grid's highest wave number), squared by the pair form.
 */
export function gradientSymbolFactor(theta: number): number {
  return (1 + (2 / 3) * theta) ** 2;
}
