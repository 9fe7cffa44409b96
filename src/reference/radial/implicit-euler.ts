// One implicit Euler step  V (f − f^n) = dt·(Φ_{i+1}(f) − Φ_i(f))  of the radial operator, solved by
// Newton's method with the exact Jacobian in O(N).
//
// Why exact Newton. The flux Φ_k = Λ_k X_k/Δu_k + F_k M̃_k depends on f through the local face data
// (f_{k−1}, f_k, F_k) and through three running sums: m_k = Σ_{i<k} V_i f_i (forward),
// S_k = Σ_{l<k} ρ_l³ Δu_l F_l (forward) and T_k = Σ_{l≥k} Δu_l F_l (backward), plus the truncation
// term −F_k ρ_k³ f_{N−1}/3. Taking the increments of m, S, T as extra unknowns, each defined by a
// two-term recursion, makes the Newton system banded: per index k the block (f_k, m_k, S_k, T_k),
// lower bandwidth 10, upper 7; the one dense column (f_{N−1} in every flux) is a rank-one term
// handled by Sherman–Morrison. Cost: one banded LU of size 4N per Newton iteration.
//
// Conservation of every iterate. Let c be the mass or the energy weights (c_i = 1 or e_i). The
// operator satisfies cᵀ(Φ_{i+1} − Φ_i)(f) = 0 for every f > 0 (operator.ts), so its exact Jacobian
// J_R satisfies cᵀJ_R = 0, and the Newton matrix J = V − dt·J_R satisfies cᵀJ = cᵀV. Starting from
// f^(0) = f^n (or any guess with the mass and energy of f^n), the residual G(f) = V(f − f^n) − dt R(f) has cᵀG(f) = cᵀV(f − f^n), and the Newton
// increment δ = −J⁻¹G obeys cᵀVδ = −cᵀG(f). By induction cᵀV f^(j) = cᵀV f^n for every iterate, and
// also for every damped iterate f + θδ (cᵀVδ = 0 once cᵀV f = cᵀV f^n). So mass and energy are
// conserved to round-off whatever the number of iterations, and the step is exactly conservative
// even when Newton is stopped early. (The implicit Euler solution itself is positive and
// entropy-dissipating for every dt: H(f) − H(f^n) ≤ ∇H(f)·(f − f^n) = −dt·(dissipation) ≤ 0.)
//
// Positivity of iterates: an increment that would take a cell below a tenth of its value is damped
// (θ < 1); that keeps every iterate > 0 and, as shown above, conservative.

import { BandedMatrix } from './banded.js';
import type { RadialGrid } from './grid.js';
import { RadialOperator } from './operator.js';

const KL = 10;
/**
 * Convergence is measured relative to f_i + TAIL_FLOOR·max f. The column scaling below already gives
 * every cell its increment to relative round-off; the floor only keeps cells ≲ 1e-16·max f (whose
 * relative accuracy is immaterial) from holding up the iteration.
 */
const TAIL_FLOOR = 1e-16;
const KU = 7;

export interface NewtonOptions {
  /**
   * Converged when the scaled increment max_i |δ_i|/(f_i + 1e-16·max f), or the error left after it
   * as estimated from the observed contraction, is ≤ tol (default 1e-11).
   */
  tol?: number;
  /** Iteration cap (default 12). */
  maxIterations?: number;
}

export interface ImplicitStepResult {
  converged: boolean;
  iterations: number;
  /** Smallest damping factor used (1 = pure Newton). */
  minDamping: number;
}

export class ImplicitEulerSolver {
  readonly grid: RadialGrid;
  readonly op: RadialOperator;
  private readonly matrix: BandedMatrix;
  private readonly rhs: Float64Array;
  private readonly column: Float64Array;
  private readonly residual: Float64Array;
  private readonly colScale: Float64Array;
  private readonly rowScale: Float64Array;
  private readonly tol: number;
  private readonly maxIterations: number;

  constructor(grid: RadialGrid, options: NewtonOptions = {}) {
    this.grid = grid;
    this.op = new RadialOperator(grid);
    const n = 4 * grid.N;
    this.matrix = new BandedMatrix(n, KL, KU);
    this.rhs = new Float64Array(n);
    this.column = new Float64Array(n);
    this.residual = new Float64Array(grid.N);
    this.colScale = new Float64Array(n);
    this.rowScale = new Float64Array(n);
    this.tol = options.tol ?? 1e-11;
    this.maxIterations = options.maxIterations ?? 12;
  }

  /**
   * Solves V(f − fOld) = dt·R(f) for f, writing it into `out` (not fOld itself). Newton starts from
   * `guess` when given and positive (it must carry the mass and energy of fOld, e.g. an affine
   * combination of conservative states, for the iterates to stay conservative), else from fOld.
   */
  step(fOld: Float64Array, dt: number, out: Float64Array, guess?: Float64Array): ImplicitStepResult {
    const N = this.grid.N;
    const V = this.grid.volume;
    const f = out;
    f.set(guess && guess.every((v) => v > 0) ? guess : fOld);
    const G = this.residual;
    let minDamping = 1;
    let previous = Infinity;
    for (let it = 1; it <= this.maxIterations; it++) {
      this.op.evaluate(f, true);
      const Phi = this.op.flux;
      for (let i = 0; i < N; i++) G[i] = V[i]! * (f[i]! - fOld[i]!) - dt * (Phi[i + 1]! - Phi[i]!);
      this.assemble(f, dt);
      this.columnScales(f);
      this.matrix.equilibrate(this.colScale, this.rowScale);
      try {
        this.matrix.factor();
      } catch {
        return { converged: false, iterations: it, minDamping };
      }
      // Right-hand side −G in the cell slots, 0 in the auxiliary slots (row-scaled).
      const cs = this.colScale;
      const rs = this.rowScale;
      const b = this.rhs;
      b.fill(0);
      for (let i = 0; i < N; i++) b[4 * i] = -G[i]! * rs[4 * i]!;
      this.matrix.solve(b);
      // Sherman–Morrison for the dense f_{N−1} column (see denseColumn()), in scaled variables.
      const z = this.column;
      this.denseColumn(dt, z);
      for (let i = 0; i < N; i++) z[4 * i] = z[4 * i]! * rs[4 * i]!;
      this.matrix.solve(z);
      const c = 4 * (N - 1);
      const scale = (cs[c]! * b[c]!) / (1 + cs[c]! * z[c]!);
      let theta = 1;
      let change = 0;
      let finite = Number.isFinite(scale);
      for (let i = 0; i < N; i++) {
        const d = cs[4 * i]! * (b[4 * i]! - scale * z[4 * i]!);
        b[4 * i] = d;
        if (!Number.isFinite(d)) finite = false;
        if (d < 0) theta = Math.min(theta, (0.9 * f[i]!) / -d);
      }
      if (!finite) return { converged: false, iterations: it, minDamping };
      minDamping = Math.min(minDamping, theta);
      let fMax = 0;
      for (let i = 0; i < N; i++) fMax = Math.max(fMax, f[i]!);
      const floor = TAIL_FLOOR * fMax;
      for (let i = 0; i < N; i++) {
        const d = theta * b[4 * i]!;
        f[i] = f[i]! + d;
        change = Math.max(change, Math.abs(d) / (f[i]! + floor));
      }
      // Converged when the increment, or the error left after it as estimated from the contraction
      // rate ρ = change/previous (≤ ρ/(1 − ρ)·change), is below tol.
      const rho = change / previous;
      const left = Number.isFinite(previous) && rho < 0.5 ? (rho / (1 - rho)) * change : change;
      if (theta === 1 && (change <= this.tol || left <= this.tol)) return { converged: true, iterations: it, minDamping };
      previous = theta === 1 ? change : Infinity;
    }
    return { converged: false, iterations: this.maxIterations, minDamping };
  }

  /**
   * Column scales of the Newton unknowns: f_i for δf_i (so the solve works with relative increments
   * and every cell, however far down the tail, gets its increment to relative round-off) and the
   * current values of m_k, S_k, T_k for their increments.
   */
  private columnScales(f: Float64Array): void {
    const N = this.grid.N;
    const op = this.op;
    const cs = this.colScale;
    const mMax = op.innerMass[N]!;
    const sMax = op.innerFourth[N - 1]! + this.grid.faces3[N - 1]! * this.grid.du[N - 1]! * op.faceValue[N - 1]!;
    const tMax = op.outerFirst[1]!;
    for (let k = 0; k < N; k++) {
      cs[4 * k] = f[k]!;
      cs[4 * k + 1] = Math.max(op.innerMass[k]!, 1e-300 * mMax) || 1;
      cs[4 * k + 2] = Math.max(op.innerFourth[k]!, 1e-300 * sMax) || 1;
      cs[4 * k + 3] = Math.max(op.outerFirst[k]!, 1e-300 * tMax) || 1;
    }
  }

  /** The banded part of the Newton matrix at f (op.evaluate(f, true) done). */
  private assemble(f: Float64Array, dt: number): void {
    const A = this.matrix;
    A.clear();
    const { N, volume: V, du, faces3: r3 } = this.grid;
    const op = this.op;
    const lam = op.lambdaR3;
    const mt = op.drift;
    const F = op.faceValue;
    const p = op.dFaceLeft;
    const q = op.dFaceRight;
    // Cell rows: ∂G_i = V_i e_{f_i} − dt (∂Φ_{i+1} − ∂Φ_i).
    for (let i = 0; i < N; i++) A.add(4 * i, 4 * i, V[i]!);
    for (let k = 1; k < N; k++) {
      const x = f[k]! - f[k - 1]!;
      const dLeft = -lam[k]! / du[k]! + mt[k]! * p[k]!; // ∂Φ_k/∂f_{k−1}
      const dRight = lam[k]! / du[k]! + mt[k]! * q[k]!; // ∂Φ_k/∂f_k
      const dS = x / (3 * du[k]!); // ∂Φ_k/∂S_k
      const dT = (r3[k]! * x) / (3 * du[k]!); // ∂Φ_k/∂T_k
      const dM = F[k]!; // ∂Φ_k/∂m_k
      // G_{k−1} contains −dt Φ_k, G_k contains +dt Φ_k.
      for (let side = 0; side < 2; side++) {
        const row = 4 * (k - 1 + side);
        const sign = side === 0 ? -dt : dt;
        A.add(row, 4 * (k - 1), sign * dLeft);
        A.add(row, 4 * k, sign * dRight);
        A.add(row, 4 * k + 1, sign * dM);
        A.add(row, 4 * k + 2, sign * dS);
        A.add(row, 4 * k + 3, sign * dT);
      }
    }
    // m rows: δm_0 = 0; δm_k − δm_{k−1} − V_{k−1} δf_{k−1} = 0.
    A.add(1, 1, 1);
    for (let k = 1; k < N; k++) {
      const r = 4 * k + 1;
      A.add(r, r, 1);
      A.add(r, 4 * (k - 1) + 1, -1);
      A.add(r, 4 * (k - 1), -V[k - 1]!);
    }
    // S rows: δS_0 = δS_1 = 0; δS_k − δS_{k−1} − ρ³_{k−1} Δu_{k−1} δF_{k−1} = 0.
    A.add(2, 2, 1);
    A.add(6, 6, 1);
    for (let k = 2; k < N; k++) {
      const r = 4 * k + 2;
      const w = r3[k - 1]! * du[k - 1]!;
      A.add(r, r, 1);
      A.add(r, 4 * (k - 1) + 2, -1);
      A.add(r, 4 * (k - 2), -w * p[k - 1]!);
      A.add(r, 4 * (k - 1), -w * q[k - 1]!);
    }
    // T rows: δT_0 = 0; δT_k − δT_{k+1} − Δu_k δF_k = 0 (δT_N ≡ 0).
    A.add(3, 3, 1);
    for (let k = 1; k < N; k++) {
      const r = 4 * k + 3;
      A.add(r, r, 1);
      if (k + 1 < N) A.add(r, 4 * (k + 1) + 3, -1);
      A.add(r, 4 * (k - 1), -du[k]! * p[k]!);
      A.add(r, 4 * k, -du[k]! * q[k]!);
    }
  }

  /**
   * The dense column of f_{N−1}: the term −F_k ρ_k³ f_{N−1}/3 of every Φ_k, so
   * ∂G_i/∂f_{N−1} = −dt(∂Φ_{i+1} − ∂Φ_i) = dt (F_{i+1} ρ_{i+1}³ − F_i ρ_i³)/3 (faces 0 and N excluded).
   */
  private denseColumn(dt: number, z: Float64Array): void {
    z.fill(0);
    const { N, faces3: r3 } = this.grid;
    const F = this.op.faceValue;
    for (let i = 0; i < N; i++) {
      const outer = i + 1 < N ? F[i + 1]! * r3[i + 1]! : 0;
      const inner = i >= 1 ? F[i]! * r3[i]! : 0;
      z[4 * i] = (dt * (outer - inner)) / 3;
    }
  }
}
