// Eigenvalues of a symmetric 3×3 matrix in f64, by cyclic Jacobi rotations: an algorithm independent
// of the closed-form (trigonometric) one in shaders/diffusion_eigen.wgsl, so that each checks the other.
// Matrices are stored as [xx, yy, zz, xy, xz, yz].

const SWEEPS = 12;

/** The three eigenvalues, ascending. */
export function symmetricEigenvalues(m: ArrayLike<number>): [number, number, number] {
  const a = [
    [m[0]!, m[3]!, m[4]!],
    [m[3]!, m[1]!, m[5]!],
    [m[4]!, m[5]!, m[2]!],
  ];
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const off = a[0]![1]! ** 2 + a[0]![2]! ** 2 + a[1]![2]! ** 2;
    const scale = a[0]![0]! ** 2 + a[1]![1]! ** 2 + a[2]![2]! ** 2;
    if (off <= 1e-34 * scale || off === 0) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) rotate(a, p, q);
  }
  return [a[0]![0]!, a[1]![1]!, a[2]![2]!].sort((x, y) => x - y) as [number, number, number];
}

/** One Jacobi rotation zeroing a[p][q] (symmetric update of rows and columns p, q). */
function rotate(a: number[][], p: number, q: number): void {
  const apq = a[p]![q]!;
  if (apq === 0) return;
  const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.hypot(theta, 1));
  const c = 1 / Math.hypot(t, 1);
  const s = t * c;
  for (let k = 0; k < 3; k++) {
    const akp = a[k]![p]!;
    const akq = a[k]![q]!;
    a[k]![p] = c * akp - s * akq;
    a[k]![q] = s * akp + c * akq;
  }
  for (let k = 0; k < 3; k++) {
    const apk = a[p]![k]!;
    const aqk = a[q]![k]!;
    a[p]![k] = c * apk - s * aqk;
    a[q]![k] = s * apk + c * aqk;
  }
}

/** v̂ᵀ m v̂: the radial component (for A[M], the eigenvalue λ1 of the eigenvector v); tr/3 at v = 0. */
export function radialComponent(m: ArrayLike<number>, v: readonly [number, number, number]): number {
  const r2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  if (r2 === 0) return (m[0]! + m[1]! + m[2]!) / 3;
  const [x, y, z] = v;
  return (m[0]! * x * x + m[1]! * y * y + m[2]! * z * z + 2 * (m[3]! * x * y + m[4]! * x * z + m[5]! * y * z)) / r2;
}
