// Integrals of the kernel family K_γ(z) = |z|^{γ+2} Π(z)/(8π) = |z|^γ (|z|² I − z⊗z)/(8π), γ ∈ [−3, 1],
// over axis-aligned boxes.
//
// Every component of K_γ is homogeneous of degree p = γ + 2, so ∇·(z g) = (p + 3) g, also across the
// origin when p > −3 (z g = O(|z|^{p+1}) carries no flux into a small ball), and the divergence
// theorem gives
//   ∫_box g dz = 1/(p + 3) Σ_faces (z·n) ∫_face g dA,
// with z·n constant on each face (the face's signed distance from the origin). A box around the
// singular point becomes six smooth face integrals as long as no face plane passes through 0 — true
// for every grid cell, whose faces lie at half-integers. The face integrals use tensor Gauss–Legendre
// on panels no wider than the face's distance from 0, which keeps the complex singularities of
// |z|^γ (at distance ≥ that distance) far enough away for ~1e-13 relative accuracy.

export type Sym6 = Float64Array;

const GL_ORDER = 12;
const GL = gaussLegendre(GL_ORDER);

/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n, f64). */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

/** K_γ(z) as [xx, yy, zz, xy, xz, yz], added to out with weight w. */
export function addKernelPoint(gamma: number, x: number, y: number, z: number, w: number, out: Sym6): void {
  const r2 = x * x + y * y + z * z;
  const c = (w * Math.pow(r2, gamma / 2)) / (8 * Math.PI);
  out[0]! += c * (y * y + z * z);
  out[1]! += c * (x * x + z * z);
  out[2]! += c * (x * x + y * y);
  out[3]! -= c * x * y;
  out[4]! -= c * x * z;
  out[5]! -= c * y * z;
}

/** ∫ of K_γ over the face {z_axis = at} × [lo, hi] of the other two axes, added to out with weight w. */
function addFaceIntegral(gamma: number, axis: number, at: number, lo: readonly number[], hi: readonly number[], w: number, out: Sym6): void {
  const [b, c] = [(axis + 1) % 3, (axis + 2) % 3];
  const distance = Math.abs(at);
  const panels = (k: number) => Math.max(1, Math.ceil((hi[k]! - lo[k]!) / distance));
  const nb = panels(b);
  const nc = panels(c);
  const wb = (hi[b]! - lo[b]!) / nb;
  const wc = (hi[c]! - lo[c]!) / nc;
  const z = [0, 0, 0];
  z[axis] = at;
  for (let pb = 0; pb < nb; pb++)
    for (let pc = 0; pc < nc; pc++) {
      const cb = lo[b]! + (pb + 0.5) * wb;
      const cc = lo[c]! + (pc + 0.5) * wc;
      for (let i = 0; i < GL_ORDER; i++) {
        z[b] = cb + 0.5 * wb * GL.nodes[i]!;
        for (let j = 0; j < GL_ORDER; j++) {
          z[c] = cc + 0.5 * wc * GL.nodes[j]!;
          addKernelPoint(gamma, z[0]!, z[1]!, z[2]!, w * 0.25 * wb * wc * GL.weights[i]! * GL.weights[j]!, out);
        }
      }
    }
}

/**
 * ∫ over the box [lo, hi] of K_γ(z) dz, as [xx, yy, zz, xy, xz, yz], for γ > −5 (degree p > −3) and
 * boxes whose face planes avoid the origin (the box itself may contain it).
 */
export function homogeneousKernelBoxIntegral(gamma: number, lo: readonly number[], hi: readonly number[]): Sym6 {
  if (!(gamma > -5)) throw new RangeError(`the face-integral formula needs γ > −5, got ${gamma}`);
  const out = new Float64Array(6);
  const degree = gamma + 2;
  for (let axis = 0; axis < 3; axis++) {
    for (const [at, sign] of [[hi[axis]!, 1], [lo[axis]!, -1]] as const) {
      if (at === 0) throw new RangeError('a face plane of the box passes through the singular point z = 0');
      addFaceIntegral(gamma, axis, at, lo, hi, (sign * at) / (degree + 3), out);
    }
  }
  return out;
}

const GAUSS3_NODES = [-Math.sqrt(0.6) / 2, 0, Math.sqrt(0.6) / 2];
const GAUSS3_WEIGHTS = [5 / 18, 8 / 18, 5 / 18];

/** Tensor 3-point Gauss–Legendre integral of K_γ over the unit cube centred at c, for cubes far from 0. */
export function homogeneousKernelCubeGauss(gamma: number, cx: number, cy: number, cz: number): Sym6 {
  const out = new Float64Array(6);
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++)
      for (let c = 0; c < 3; c++) {
        const w = GAUSS3_WEIGHTS[a]! * GAUSS3_WEIGHTS[b]! * GAUSS3_WEIGHTS[c]!;
        addKernelPoint(gamma, cx + GAUSS3_NODES[a]!, cy + GAUSS3_NODES[b]!, cz + GAUSS3_NODES[c]!, w, out);
      }
  return out;
}
