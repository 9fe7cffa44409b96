// LOBPCG (Knyazev 2001) for the smallest eigenvalues of a symmetric pencil A x = λ B x, B positive
// definite, in a subspace orthogonal (Euclidean) to given constraint vectors. The operators are
// asynchronous so that A can be a GPU mat-vec; each iteration applies A and B once to a block of
// residual directions, everything else is combinations of stored products. Rayleigh–Ritz on
// [X, W, P] uses the dense symmetric eigensolver of ml-matrix on a 3m×3m problem.
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { mulberry32 } from '../../core/math/seeded-random.js';

export type BlockOperator = (block: Float64Array[]) => Promise<Float64Array[]> | Float64Array[];

export interface LobpcgProblem {
  size: number;
  applyA: BlockOperator;
  applyB: BlockOperator;
  /** Approximate inverse of A − σB (or of B), applied to residuals; identity when absent. */
  precondition?: (r: Float64Array) => Float64Array;
  /** The iteration stays Euclidean-orthogonal to these vectors. */
  constraints?: Float64Array[];
}

export interface LobpcgOptions {
  blockSize?: number;
  /** How many of the smallest pairs must converge (the rest of the block only speeds them up). */
  wanted?: number;
  /** Stop when ‖Ax − λBx‖ / (‖Ax‖ + |λ|‖Bx‖) of each wanted pair is below this. */
  tolerance?: number;
  maxIterations?: number;
  /** Seed of the random start. */
  seed?: number;
  onIteration?(iteration: number, values: number[], residuals: number[]): void;
}

export interface LobpcgResult {
  values: number[];
  vectors: Float64Array[];
  residuals: number[];
  iterations: number;
  converged: boolean;
  /** Smallest Ritz value after each iteration. */
  history: number[];
}

export async function lobpcg(problem: LobpcgProblem, options: LobpcgOptions = {}): Promise<LobpcgResult> {
  const m = options.blockSize ?? 4;
  const tol = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const wanted = Math.min(options.wanted ?? 1, m);
  const n = problem.size;
  const constraints = orthonormalColumns(problem.constraints ?? []);
  const project = (v: Float64Array) => {
    for (let pass = 0; pass < 2; pass++) for (const y of constraints) axpy(-dot(v, y), y, v);
    return v;
  };
  const random = mulberry32(options.seed ?? 1);
  let x = Array.from({ length: m }, () => project(Float64Array.from({ length: n }, () => random() - 0.5)));
  let ax = await problem.applyA(x);
  let bx = await problem.applyB(x);
  ({ x, ax, bx } = rayleighRitz([x], [ax], [bx], m).blocks);
  let p: Float64Array[] = [];
  let ap: Float64Array[] = [];
  let bp: Float64Array[] = [];
  let values = x.map((xi, i) => dot(xi, ax[i]!) / dot(xi, bx[i]!));
  const history: number[] = [];
  let residuals: number[] = [];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // Residuals of the constrained problem P(A − λB)P x = 0 (P: projector off the constraints).
    const r = x.map((_, i) => {
      const ri = Float64Array.from(ax[i]!);
      axpy(-values[i]!, bx[i]!, ri);
      return project(ri);
    });
    residuals = r.map((ri, i) => norm(ri) / (norm(ax[i]!) + Math.abs(values[i]!) * norm(bx[i]!)));
    if (residuals.slice(0, wanted).every((e) => e < tol)) return { values, vectors: x, residuals, iterations: iteration - 1, converged: true, history };
    const w = r.map((ri) => project(problem.precondition ? problem.precondition(ri) : ri));
    const aw = await problem.applyA(w);
    const bw = await problem.applyB(w);
    const step = rayleighRitz([x, w, p], [ax, aw, ap], [bx, bw, bp], m);
    if (!step.ok && p.length > 0) {
      // The search directions became dependent: restart without P.
      p = ap = bp = [];
      const restart = rayleighRitz([x, w], [ax, aw], [bx, bw], m);
      ({ x, ax, bx } = restart.blocks);
      values = restart.values;
    } else {
      ({ x, ax, bx, p, ap, bp } = step.blocks);
      values = step.values;
    }
    history.push(values[0]!);
    options.onIteration?.(iteration, values, residuals);
  }
  return { values, vectors: x, residuals, iterations: maxIterations, converged: false, history };
}

interface RitzStep {
  ok: boolean;
  values: number[];
  blocks: { x: Float64Array[]; ax: Float64Array[]; bx: Float64Array[]; p: Float64Array[]; ap: Float64Array[]; bp: Float64Array[] };
}

/** Rayleigh–Ritz on the span of the blocks [X, W, P]: the m smallest Ritz pairs, and the new P (the W, P part). */
function rayleighRitz(s: Float64Array[][], as: Float64Array[][], bs: Float64Array[][], m: number): RitzStep {
  const basis = s.flat();
  const aBasis = as.flat();
  const bBasis = bs.flat();
  const k = basis.length;
  // Scale every direction to unit B-norm: the Gram matrices then have unit diagonal (better conditioned).
  const scale = basis.map((v, i) => 1 / Math.sqrt(Math.max(dot(v, bBasis[i]!), 1e-300)));
  const gramA = new Matrix(k, k);
  const gramB = new Matrix(k, k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      const a = 0.5 * (dot(basis[i]!, aBasis[j]!) + dot(basis[j]!, aBasis[i]!)) * scale[i]! * scale[j]!;
      const b = 0.5 * (dot(basis[i]!, bBasis[j]!) + dot(basis[j]!, bBasis[i]!)) * scale[i]! * scale[j]!;
      gramA.set(i, j, a).set(j, i, a);
      gramB.set(i, j, b).set(j, i, b);
    }
  const chol = new CholeskyDecomposition(gramB);
  const l = chol.lowerTriangularMatrix;
  let ok = chol.isPositiveDefinite();
  for (let i = 0; i < k && ok; i++) if (!(l.get(i, i) > 1e-7)) ok = false;
  const empty = { x: [], ax: [], bx: [], p: [], ap: [], bp: [] };
  if (!ok) return { ok: false, values: [], blocks: empty };
  // C = L⁻¹ A L⁻ᵀ, C z = λ z, coefficients L⁻ᵀ z.
  const linv = solve(l, Matrix.eye(k));
  const c = linv.mmul(gramA).mmul(linv.transpose());
  const symmetric = c.add(c.transpose()).mul(0.5);
  const eig = new EigenvalueDecomposition(symmetric, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]).slice(0, m);
  const coef = linv.transpose().mmul(eig.eigenvectorMatrix);
  const combine = (vectors: Float64Array[], from: number, col: number) => {
    const out = new Float64Array(vectors[0]!.length);
    for (let i = from; i < k; i++) axpy(coef.get(i, col) * scale[i]!, vectors[i]!, out);
    return out;
  };
  const firstBlock = s[0]!.length;
  const pick = (vectors: Float64Array[], from: number) => order.map(([, col]) => combine(vectors, from, col));
  return {
    ok: true,
    values: order.map(([v]) => v),
    blocks: {
      x: pick(basis, 0),
      ax: pick(aBasis, 0),
      bx: pick(bBasis, 0),
      p: k > firstBlock ? pick(basis, firstBlock) : [],
      ap: k > firstBlock ? pick(aBasis, firstBlock) : [],
      bp: k > firstBlock ? pick(bBasis, firstBlock) : [],
    },
  };
}

function orthonormalColumns(vectors: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of vectors) {
    const u = Float64Array.from(v);
    for (let pass = 0; pass < 2; pass++) for (const y of out) axpy(-dot(u, y), y, u);
    const length = norm(u);
    if (length > 0) out.push(u.map((e) => e / length));
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** y ← y + α x */
function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += alpha * x[i]!;
}
