// The discrete Landau kernel W(d) for cell offsets d = i − j, for the kernel family
// K_γ(z) = |z|^{γ+2} Π(z)/(8π), γ ∈ [−3, 1] (γ = −3 Coulomb, γ = 0 Maxwell molecules), in units of
// h^{γ+5}: K_γ is homogeneous of degree γ + 2, so one table serves every L (kernelScale gives the
// factor). Every W(d) is symmetric positive semi-definite with W(d)·d = 0 for d ≠ 0, as Π(z)z = 0:
// the properties exact conservation and entropy dissipation rest on.
//
// Coulomb (γ = −3): the corrected trapezoidal rule of the singular convolution (lattice-sums.ts),
// W(d) = (1 + c_s) K(d) with c_s ≠ 0 on the shells |d|² = 1, 2 only, and the isotropic self weight
// W(0) that removes the h² term of the |z|⁻¹ singularity. Both errors of the punctured sum at order
// h⁴ — of A[F] = W ∗ F, and of Q's pair sums, whose integrand (g_i − g_j)ᵀK(g_i − g_j) is K times a
// quadratic in z — carry the same cubic 4-tensor T_acbd = Z[z_b z_d K_ac(z)]; with K(z)z = 0 it has
// two free parameters, p = (Z[|z|]/3 − (5/6) Z[P₄/|z|³])/5 and Z[|z|], and the two shells cancel it:
//   c₁ = 2p − Z[|z|]/6 = −0.2516…,  c₂ = −p/√2 = 0.1047…,
//   W(0) = −[(2/3) Z[|z|⁻¹] + 4c₁ + 4√2 c₂] / (8π) · I.
// Both rules are then sixth order: A[M]'s eigenvalues and the bi-Maxwellian's rates. 1 + c_s > 0
// keeps every W(d) positive semi-definite, and K(d)d = 0 still holds shell by shell. Q(F,F) does not
// see W(0) (the self pair cancels in the flux); A[F] and the rate bound do.
// Other γ: the exact cell integral, projected onto the plane orthogonal to d, W(d) = P_d (∫_cell K) P_d
// with P_d = I − d̂d̂ᵀ (restores W(d)·d = 0), exact for |d|∞ ≤ EXACT_RADIUS (face-integral form of
// homogeneous-integrals.ts, ~1e-13) and a 3³ Gauss rule beyond (< 4e-9 relative there).
import { homogeneousKernelBoxIntegral, homogeneousKernelCubeGauss } from './homogeneous-integrals.js';
import { latticeSumCubicHarmonic, latticeSumDistance, latticeSumInverseDistance } from './lattice-sums.js';

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

/** ∫ of K_γ over the unit cell centred at offset d (γ > −3). */
function cellIntegral(dx: number, dy: number, dz: number, gamma: number): Float64Array {
  const near = Math.max(dx, dy, dz) <= EXACT_RADIUS;
  const lo = [dx - 0.5, dy - 0.5, dz - 0.5];
  const hi = [dx + 0.5, dy + 0.5, dz + 0.5];
  return near ? homogeneousKernelBoxIntegral(gamma, lo, hi) : homogeneousKernelCubeGauss(gamma, dx, dy, dz);
}

function buildOctant(n: number, gamma: number): Float64Array {
  return gamma === COULOMB_GAMMA ? coulombOctant(n) : projectedCellOctant(n, gamma);
}

/** The factors 1 + c_s of K(d) on the shells |d|² = 1 and 2, and the self weight W(0) (a multiple of I). */
export function coulombCorrections(): { shell1: number; shell2: number; self: number } {
  const zDistance = latticeSumDistance();
  const p = (zDistance / 3 - (5 / 6) * latticeSumCubicHarmonic()) / 5;
  const c1 = 2 * p - zDistance / 6;
  const c2 = -p / Math.SQRT2;
  // Σ_{|d|=1} K(d) = 4I/(8π) and Σ_{|d|²=2} K(d) = 4√2 I/(8π): what the shells add to A's h² term.
  const self = -((2 / 3) * latticeSumInverseDistance() + 4 * c1 + 4 * Math.SQRT2 * c2) / (8 * Math.PI);
  return { shell1: 1 + c1, shell2: 1 + c2, self };
}

function coulombOctant(n: number): Float64Array {
  const w = new Float64Array(n * n * n * 6);
  const { shell1, shell2, self } = coulombCorrections();
  w.set([self, self, self, 0, 0, 0], 0);
  for (let dx = 0; dx < n; dx++)
    for (let dy = 0; dy < n; dy++)
      for (let dz = 0; dz < n; dz++) {
        const r2 = dx * dx + dy * dy + dz * dz;
        if (r2 === 0) continue;
        // K(d) = (|d|² I − d⊗d) / (8π |d|³), corrected on the two nearest shells
        const c = (r2 === 1 ? shell1 : r2 === 2 ? shell2 : 1) / (8 * Math.PI * r2 * Math.sqrt(r2));
        w.set([c * (r2 - dx * dx), c * (r2 - dy * dy), c * (r2 - dz * dz), -c * dx * dy, -c * dx * dz, -c * dy * dz], ((dx * n + dy) * n + dz) * 6);
      }
  return w;
}

function projectedCellOctant(n: number, gamma: number): Float64Array {
  const w = new Float64Array(n * n * n * 6);
  for (let dx = 0; dx < n; dx++)
    for (let dy = 0; dy < n; dy++)
      for (let dz = 0; dz < n; dz++) {
        const cell = cellIntegral(dx, dy, dz, gamma);
        // The isotropic part the projections remove decays only like |d|^γ: its bias h²·∫|z|^γ F(v − z)dz
        // is non-local and already O(h²), and its sum over the table grows like (2L)^{γ+3}; it is dropped.
        if (dx + dy + dz > 0) projectOrthogonal(cell, dx, dy, dz);
        w.set(cell, ((dx * n + dy) * n + dz) * 6);
      }
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
