// The discrete Landau kernel W(d) for cell offsets d = i − j (DESIGN §4.3), for the kernel family
// K_γ(z) = |z|^{γ+2} Π(z)/(8π), γ ∈ [−3, 1] (γ = −3 Coulomb, γ = 0 Maxwell molecules), in units of
// h^{γ+5}: K_γ is homogeneous of degree γ + 2, so the integral over a cell of side h is h^{γ+5} times
// the integral over the unit cell, and one table serves every L (kernelScale gives the factor).
//
// W(0) is the exact average over the self cell. For d ≠ 0 the exact cell integral is projected onto
// the plane orthogonal to d, W(d) = P_d (∫_cell K) P_d with P_d = I − d̂d̂ᵀ: the projection removes an
// O(h²) part, keeps W symmetric positive semi-definite, and restores W(d)·d = 0, the property of the
// continuous kernel (Π(z)z = 0) on which exact discrete energy conservation rests, for every γ.
// Cells with |d|∞ ≤ EXACT_RADIUS use exact integrals (Coulomb: closed-form corner sums; other γ: the
// face-integral form of homogeneous-integrals.ts, ~1e-13); farther cells a 3³ Gauss rule, which
// agrees with the exact integrals to < 4e-9 relative there. For Coulomb W(0) also carries the
// isotropic part that the projections remove (see buildOctant).
import { kernelBoxIntegral, kernelCubeGauss } from './cube-integrals.js';
import { homogeneousKernelBoxIntegral, homogeneousKernelCubeGauss } from './homogeneous-integrals.js';

export const KERNEL_COMPONENTS = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;
const EXACT_RADIUS = 8;

/**
 * Octant table for offsets 0 ≤ dx, dy, dz < n at index ((dx·n + dy)·n + dz)·6, components
 * [xx, yy, zz, xy, xz, yz]. An offset with negative components reads the entry of |d| with the
 * off-diagonal ab entry multiplied by sign(d_a)·sign(d_b).
 */
export interface KernelTable {
  n: number;
  /** Exponent of the kernel family; −3 is Coulomb. */
  gamma: number;
  weights: Float64Array;
}

export const COULOMB_GAMMA = -3;
export const GAMMA_MIN = -3;
export const GAMMA_MAX = 1;

const cache = new Map<string, KernelTable>();

export function kernelTable(n: number, gamma = COULOMB_GAMMA): KernelTable {
  if (!(gamma >= GAMMA_MIN && gamma <= GAMMA_MAX)) throw new RangeError(`γ = ${gamma} is outside [${GAMMA_MIN}, ${GAMMA_MAX}]`);
  const key = `${n}:${gamma}`;
  let table = cache.get(key);
  if (!table) {
    table = { n, gamma, weights: buildOctant(n, gamma) };
    cache.set(key, table);
  }
  return table;
}

/** Factor from table units to physical weights on a grid of spacing h: h^{γ+5} (h² for Coulomb). */
export function kernelScale(h: number, gamma = COULOMB_GAMMA): number {
  return gamma === COULOMB_GAMMA ? h ** 2 : h ** (gamma + 5);
}

/** ∫ of K_γ over the unit cell centred at offset d. */
function cellIntegral(dx: number, dy: number, dz: number, gamma: number): Float64Array {
  const near = Math.max(dx, dy, dz) <= EXACT_RADIUS;
  const lo = [dx - 0.5, dy - 0.5, dz - 0.5];
  const hi = [dx + 0.5, dy + 0.5, dz + 0.5];
  if (gamma === COULOMB_GAMMA) return near ? kernelBoxIntegral(lo, hi) : kernelCubeGauss(dx, dy, dz);
  return near ? homogeneousKernelBoxIntegral(gamma, lo, hi) : homogeneousKernelCubeGauss(gamma, dx, dy, dz);
}

function buildOctant(n: number, gamma: number): Float64Array {
  const w = new Float64Array(n * n * n * 6);
  let removedTrace = 0;
  for (let dx = 0; dx < n; dx++)
    for (let dy = 0; dy < n; dy++)
      for (let dz = 0; dz < n; dz++) {
        const cell = cellIntegral(dx, dy, dz, gamma);
        if (dx + dy + dz > 0) {
          const trace = cell[0]! + cell[1]! + cell[2]!;
          projectOrthogonal(cell, dx, dy, dz);
          const mirrorImages = (dx > 0 ? 2 : 1) * (dy > 0 ? 2 : 1) * (dz > 0 ? 2 : 1);
          removedTrace += mirrorImages * (trace - cell[0]! - cell[1]! - cell[2]!);
        }
        w.set(cell, ((dx * n + dy) * n + dz) * 6);
      }
  // The projections remove O(h²/|d|³) from every far weight; summed over shells that is an O(h² log h)
  // bias of A[F], isotropic by cubic symmetry. Returning it through the self weight restores clean
  // second order for A[F]; Q(F,F) is untouched because the self interaction cancels in the flux.
  // For γ > −3 the removed part decays only like |d|^γ: its bias h²·∫|z|^γ F(v − z)dz is non-local
  // and already O(h²), while its sum over the table grows like (2L)^{γ+3}, so returning it would put
  // a box-size dependent error into A[F] (for γ = 0 larger than A itself); it is dropped.
  if (gamma === COULOMB_GAMMA) for (let a = 0; a < 3; a++) w[a]! += removedTrace / 3;
  return w;
}

/** m ← P m P with P = I − d̂d̂ᵀ, for a symmetric m stored as [xx, yy, zz, xy, xz, yz]. */
function projectOrthogonal(m: Float64Array, dx: number, dy: number, dz: number): void {
  const r = Math.hypot(dx, dy, dz);
  const e = [dx / r, dy / r, dz / r];
  const full = [
    [m[0]!, m[3]!, m[4]!],
    [m[3]!, m[1]!, m[5]!],
    [m[4]!, m[5]!, m[2]!],
  ];
  const p = [0, 1, 2].map((a) => [0, 1, 2].map((b) => (a === b ? 1 : 0) - e[a]! * e[b]!));
  const pm = [0, 1, 2].map((a) => [0, 1, 2].map((b) => p[a]![0]! * full[0]![b]! + p[a]![1]! * full[1]![b]! + p[a]![2]! * full[2]![b]!));
  const r2 = (a: number, b: number) => pm[a]![0]! * p[0]![b]! + pm[a]![1]! * p[1]![b]! + pm[a]![2]! * p[2]![b]!;
  m[0] = r2(0, 0);
  m[1] = r2(1, 1);
  m[2] = r2(2, 2);
  m[3] = 0.5 * (r2(0, 1) + r2(1, 0));
  m[4] = 0.5 * (r2(0, 2) + r2(2, 0));
  m[5] = 0.5 * (r2(1, 2) + r2(2, 1));
}

/** Reads W(d) for a signed offset into out (table units, see kernelScale). */
export function kernelAt(table: KernelTable, dx: number, dy: number, dz: number, out: Float64Array): Float64Array {
  const n = table.n;
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  const az = Math.abs(dz);
  const base = ((ax * n + ay) * n + az) * 6;
  const w = table.weights;
  out[0] = w[base]!;
  out[1] = w[base + 1]!;
  out[2] = w[base + 2]!;
  out[3] = (dx ^ dy) < 0 ? -w[base + 3]! : w[base + 3]!;
  out[4] = (dx ^ dz) < 0 ? -w[base + 4]! : w[base + 4]!;
  out[5] = (dy ^ dz) < 0 ? -w[base + 5]! : w[base + 5]!;
  return out;
}
