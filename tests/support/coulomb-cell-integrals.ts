// Exact integrals of the Coulomb kernel over axis-aligned boxes: a closed-form oracle for the
// general face-integral form of src/core/kernel/homogeneous-integrals.ts (tests/kernel-gamma.test.ts).
//
// K(z) = Π(z)/(8π|z|) is the Hessian of |z|/(8π), so ∫_box ∂a∂b|z| dz reduces, by the fundamental
// theorem of calculus, to a signed sum over the eight corners of a function whose mixed third
// derivative is ∂a∂b|z|. Asinh replaces ln(z + r) so that no corner loses digits to cancellation.

/** Antiderivative in z of r = |(x,y,z)|, up to terms constant in z: ∂z G = r. Used for off-diagonal entries. */
function offDiagonalPrimitive(x: number, y: number, z: number): number {
  const rho2 = x * x + y * y;
  const r = Math.sqrt(rho2 + z * z);
  const tail = rho2 > 0 ? rho2 * Math.asinh(z / Math.sqrt(rho2)) : 0;
  return 0.5 * (z * r + tail);
}

/** H with ∂y∂z H = x/r (so ∂x∂y∂z of it integrates ∂x²r after one x-difference). Used for diagonal entries. */
function diagonalPrimitive(x: number, y: number, z: number): number {
  if (x === 0) return 0;
  const r = Math.sqrt(x * x + y * y + z * z);
  const sy = y === 0 ? 0 : y * Math.asinh(z / Math.hypot(x, y));
  const sz = z === 0 ? 0 : z * Math.asinh(y / Math.hypot(x, z));
  const t = y === 0 || z === 0 ? 0 : x * Math.atan((y * z) / (x * r));
  return x * (sy + sz) - x * t;
}

/**
 * ∫ over the box [lo, hi] of Π(z)/(8π|z|) dz, as [xx, yy, zz, xy, xz, yz].
 * Exact up to round-off; the corner sums cancel digits like |box centre|³, so use it for nearby boxes.
 */
export function kernelBoxIntegral(lo: readonly number[], hi: readonly number[]): Float64Array {
  const out = new Float64Array(6);
  const xs = [lo[0]!, hi[0]!];
  const ys = [lo[1]!, hi[1]!];
  const zs = [lo[2]!, hi[2]!];
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 2; b++)
      for (let c = 0; c < 2; c++) {
        const s = (a ? 1 : -1) * (b ? 1 : -1) * (c ? 1 : -1);
        const x = xs[a]!;
        const y = ys[b]!;
        const z = zs[c]!;
        out[0] += s * diagonalPrimitive(x, y, z);
        out[1] += s * diagonalPrimitive(y, z, x);
        out[2] += s * diagonalPrimitive(z, x, y);
        out[3] += s * offDiagonalPrimitive(x, y, z);
        out[4] += s * offDiagonalPrimitive(x, z, y);
        out[5] += s * offDiagonalPrimitive(y, z, x);
      }
  for (let k = 0; k < 6; k++) out[k]! /= 8 * Math.PI;
  return out;
}

/** Point value of the kernel, [xx, yy, zz, xy, xz, yz]. */
export function kernelPoint(x: number, y: number, z: number, out = new Float64Array(6)): Float64Array {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const c = 1 / (8 * Math.PI * r);
  out[0] = c * (1 - (x * x) / r2);
  out[1] = c * (1 - (y * y) / r2);
  out[2] = c * (1 - (z * z) / r2);
  out[3] = -c * ((x * y) / r2);
  out[4] = -c * ((x * z) / r2);
  out[5] = -c * ((y * z) / r2);
  return out;
}

const GAUSS3_NODES = [-Math.sqrt(0.6) / 2, 0, Math.sqrt(0.6) / 2];
const GAUSS3_WEIGHTS = [5 / 18, 8 / 18, 5 / 18];

/** Tensor 3-point Gauss–Legendre integral over the unit cube centred at c, for boxes far from the origin. */
export function kernelCubeGauss(cx: number, cy: number, cz: number): Float64Array {
  const out = new Float64Array(6);
  const k = new Float64Array(6);
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++)
      for (let c = 0; c < 3; c++) {
        const w = GAUSS3_WEIGHTS[a]! * GAUSS3_WEIGHTS[b]! * GAUSS3_WEIGHTS[c]!;
        kernelPoint(cx + GAUSS3_NODES[a]!, cy + GAUSS3_NODES[b]!, cz + GAUSS3_NODES[c]!, k);
        for (let q = 0; q < 6; q++) out[q]! += w * k[q]!;
      }
  return out;
}
