// CPU backends: the same discrete operator as the WGSL backend, in f64 throughout. The kernel
// convolutions are pluggable (convolution.ts): the N⁶ direct sums of the reference, or the
// zero-padded FFT of the native backend on a pool of threads; everything else is shared. Over 300
// lines: the sources, the flux epilogue, the divergence with its rate bound and the RK stages mirror
// the WGSL kernels one for one, and are read side by side with them.
//
// Discretisation: with g^σ = G^σ log F on the interior cells V for the eight sign patterns
// σ ∈ {+,−}³ (G^σ_a the upwind-biased differences of src/equation/log-gradient.ts, of the order the
// equation asks, lower only in the rows next to the faces) and χ the indicator of V,
//   J^σ = χF (A^χ g^σ − W ∗ (χF g^σ)),  A^χ = W ∗ (χF),  Q = ⅛ Σ_σ (G^σ)ᵀ-divergence of J^σ,
// computed through the convolutions of convolution.ts (see convolveFluxes). Restricting both
// convolution partners to V makes the weak form an exact double sum over pairs in V, which conserves
// mass, momentum and energy and dissipates entropy to round-off.
import type { Grid } from '../../core/grid/grid.js';
import type { KernelTable } from '../../core/kernel/kernel-table.js';
import { Equation } from '../../equation/equation.js';
import { interiorCells, RowStencils } from '../../equation/row-stencils.js';
import { CompactLines } from '../../equation/compact-lines.js';
import { COMPACT_ROW } from '../../equation/log-gradient.js';
import { SSPRK3_STAGES } from '../../equation/ssprk3.js';
import type { StiffnessCoefficients } from '../../equation/stability.js';
import { radialComponent, symmetricEigenvalues } from '../../core/math/sym3-eigen.js';
import { checkOptionNames, type BackendDescription, type LandauOperator, type Moments, type StepHealth } from '../landau-operator.js';
import { allocateConvolved, allocateSources, type Convolved, type CpuConvolution, type Sources } from './convolution.js';
import { DirectConvolution } from './direct-convolution.js';
import { FftConvolution } from './fft-convolution.js';
import { allocateWorkspace, plainArrays } from './fft/fft-workspace.js';
import { SerialRunner, type PassRunner } from './fft/pass-runner.js';

/** The equation (default Landau–Coulomb), and how a CPU operator convolves: the direct reference (default), or FFT on a runner (one thread unless given a pool). */
export interface CpuOperatorOptions {
  equation?: Equation;
  conv?: 'direct' | 'fft';
  runner?: PassRunner;
}

export class CpuLandauOperator implements LandauOperator {
  readonly description: BackendDescription;
  private readonly table: KernelTable;
  private readonly conv: CpuConvolution;
  private readonly convolved: Convolved;
  private readonly stiffnessCoef: StiffnessCoefficients;
  /** F between steps, the RK stage value and the increment accumulator (see ssprk3.ts). */
  private readonly state: Float64Array;
  private readonly stage: Float64Array;
  private readonly acc: Float64Array;
  private readonly interior: Int32Array;
  private readonly strides: readonly number[];
  private readonly logF: Float64Array;
  /** Sources of the convolutions (χF, χF g±), and those of the second argument of bilinear(). */
  private readonly src: Sources;
  private readonly targetSrc: Sources;
  private readonly fluxP: Float64Array;
  /** (G⁺, G⁻) of one row, and the face values Φ above every cell per axis (divergence()). */
  private readonly pairScratch = new Float64Array(2);
  private readonly faces: Float64Array;
  private readonly fluxM: Float64Array;
  private readonly q: Float64Array;
  /** The rows of the differences G± per cell and axis, chosen from the field each evaluation differentiates. */
  private readonly rows: RowStencils;
  /** The compact core of order 8 along the lines, and h·G± per cell and axis before it finishes them (two fields: bilinear()'s). */
  private readonly compact: CompactLines;
  private readonly gradients: [Float64Array, Float64Array, Float64Array, Float64Array];
  /** The compact rows' blend fluxes (1 − θ)(J⁺ + J⁻), differenced by C₈ (CompactLines.solveFluxes). */
  private readonly blendFlux: Float64Array;
  /** The compact rows' share of the rate bound's couplings (CompactLines.couplings). */
  private readonly compactShare: Float64Array;
  /** Per interior cell: A's largest row sum and the drift |B|₁, inputs of the rate bound. */
  private readonly rowSum: Float64Array;
  private readonly drift: Float64Array;
  private maxStiffness = 0;

  /** Physical weight of one table unit (Equation.kernelScale). */
  private readonly weightScale: number;
  readonly equation: Equation;

  /**
   * options.equation gives the kernel K_γ, the source εF² advance() adds to ∂tF and the gradient
   * order; options.conv the convolutions (direct reference unless 'fft' or a runner is given).
   */
  constructor(readonly grid: Grid, options: CpuOperatorOptions = {}) {
    checkOptionNames('CpuLandauOperator', options, ['equation', 'conv', 'runner']);
    const cells = grid.cells;
    const equation = (this.equation = options.equation ?? Equation.LANDAU_COULOMB);
    this.table = equation.kernelTable(grid.n);
    this.weightScale = equation.kernelScale(grid.h);
    this.stiffnessCoef = equation.stiffness(grid.h);
    this.state = new Float64Array(cells);
    this.stage = new Float64Array(cells);
    this.acc = new Float64Array(cells);
    this.rows = new RowStencils(grid.n, equation.gradient);
    this.compact = new CompactLines(grid.n, equation.gradient);
    this.gradients = [0, 1, 2, 3].map(() => new Float64Array(cells * 3)) as CpuLandauOperator['gradients'];
    this.compactShare = new Float64Array(this.compact.active ? cells * 3 : 0);
    this.blendFlux = new Float64Array(this.compact.active ? cells * 3 : 0);
    this.interior = interiorCells(grid.n);
    this.strides = [grid.n * grid.n, grid.n, 1];
    this.logF = new Float64Array(cells);
    this.src = allocateSources(cells);
    this.targetSrc = allocateSources(cells);
    this.fluxP = new Float64Array(cells * 3);
    this.fluxM = new Float64Array(cells * 3);
    this.q = new Float64Array(cells);
    this.faces = new Float64Array(cells * 3);
    this.rowSum = new Float64Array(cells);
    this.drift = new Float64Array(cells);
    this.convolved = allocateConvolved(cells);
    if (options.conv === 'fft' || options.runner) {
      const runner = options.runner ?? new SerialRunner(grid.n, allocateWorkspace(grid.n, plainArrays));
      this.conv = new FftConvolution(grid, this.table, this.weightScale, this.interior, runner);
      const m = runner.workspace.m;
      this.description = { kind: 'cpu', device: `CPU f64, FFT on ${m}³, ${runner.threads} thread${runner.threads > 1 ? 's' : ''}`, precision: 'f64', conv: 'fft' };
    } else {
      this.conv = new DirectConvolution(grid, this.table, this.weightScale, this.interior);
      this.description = { kind: 'cpu', device: 'CPU f64 reference', precision: 'f64', conv: 'direct' };
    }
  }

  setState(f: ArrayLike<number>): void {
    if (f.length !== this.grid.cells) throw new Error(`state has ${f.length} values, grid needs ${this.grid.cells}`);
    this.state.set(f);
  }

  async getState(): Promise<Float64Array> {
    return this.state.slice();
  }

  async diffusionMatrix(): Promise<Float64Array> {
    const out = new Float64Array(this.grid.cells * 6);
    this.conv.diffusion(this.state, out);
    return out;
  }

  async collision(): Promise<Float64Array> {
    this.evaluate(this.state, false);
    return this.q.slice();
  }

  async moments(): Promise<Moments> {
    const f = this.state;
    this.evaluate(f, true);
    const { n, h, cellVolume } = this.grid;
    const axis = this.grid.axis;
    const m: Moments = {
      mass: 0, momentum: [0, 0, 0], energy: 0, secondMoment: [0, 0, 0, 0, 0, 0], entropy: 0, fisher: 0,
      minF: Infinity, maxF: -Infinity, secondMomentRate: [0, 0, 0, 0, 0, 0], entropyRate: 0, absRate: 0, stiffness: this.maxStiffness,
    };
    const strides = [n * n, n, 1];
    this.grid.forEachCell((c, ix, iy, iz) => {
      const v = [axis[ix]!, axis[iy]!, axis[iz]!];
      const fc = f[c]!;
      const qc = this.q[c]!;
      const lf = this.logF[c]!;
      m.mass += fc;
      for (let k = 0; k < 3; k++) m.momentum[k]! += v[k]! * fc;
      const pairs = [v[0]! * v[0]!, v[1]! * v[1]!, v[2]! * v[2]!, v[0]! * v[1]!, v[0]! * v[2]!, v[1]! * v[2]!];
      for (let k = 0; k < 6; k++) {
        m.secondMoment[k]! += pairs[k]! * fc;
        m.secondMomentRate[k]! += pairs[k]! * qc;
      }
      m.energy += (pairs[0]! + pairs[1]! + pairs[2]!) * fc;
      m.entropy += fc * lf;
      m.entropyRate += lf * qc;
      m.absRate += Math.abs(qc);
      m.minF = Math.min(m.minF, fc);
      m.maxF = Math.max(m.maxF, fc);
      if (isInterior(ix, iy, iz, n)) {
        let g2 = 0;
        for (let k = 0; k < 3; k++) {
          const gp = (this.logF[c + strides[k]!]! - lf) / h;
          const gm = (lf - this.logF[c - strides[k]!]!) / h;
          g2 += 0.5 * (gp * gp + gm * gm);
        }
        m.fisher += fc * g2;
      }
    });
    m.mass *= cellVolume;
    m.energy *= cellVolume;
    m.entropy *= cellVolume;
    m.entropyRate *= cellVolume;
    m.absRate *= cellVolume;
    m.fisher *= cellVolume;
    for (let k = 0; k < 3; k++) m.momentum[k]! *= cellVolume;
    for (let k = 0; k < 6; k++) {
      m.secondMoment[k]! *= cellVolume;
      m.secondMomentRate[k]! *= cellVolume;
    }
    return m;
  }

  async advance(dt: number, steps: number): Promise<StepHealth> {
    const health: StepHealth = { maxStabilityRatio: 0, minF: Infinity, invalid: false };
    const { state, stage, acc, q, equation } = this;
    const source = equation.hasSource;
    for (let s = 0; s < steps; s++) {
      for (const st of SSPRK3_STAGES) {
        const u = st.evaluateAt === 'state' ? state : stage;
        this.evaluate(u, st.evaluateAt === 'state');
        // Finite ratios only, as on the GPU: see divergence_update.wgsl.
        if (st.evaluateAt === 'state' && Number.isFinite(this.maxStiffness)) {
          health.maxStabilityRatio = Math.max(health.maxStabilityRatio, dt * this.maxStiffness);
        }
        for (let c = 0; c < state.length; c++) {
          // ∂tF = Q(F,F) + εF² (the source is read before the stage value u[c] is overwritten).
          const k = dt * (source ? q[c]! + equation.source(u[c]!) : q[c]!);
          if (st.final) {
            state[c]! += st.finalAcc * acc[c]! + st.finalK * k;
            if (!(state[c]! > 0) || !Number.isFinite(state[c]!)) health.invalid = true;
          } else {
            acc[c] = st.accKeep * acc[c]! + k;
            stage[c] = state[c]! + st.stageScale * acc[c]!;
          }
        }
      }
      for (const v of state) health.minF = Math.min(health.minF, v);
    }
    return health;
  }

  dispose(): void {
    this.conv.dispose();
  }

  /** Q(F,F) of f into this.q, and with `bound` the rate bound at f into this.maxStiffness. */
  private evaluate(f: Float64Array, bound: boolean): void {
    this.prepareSources(f);
    this.convolveFluxes(this.src, this.src);
    this.divergence();
    if (bound) this.maxStiffness = this.rateBound(f);
  }

  private prepareSources(f: Float64Array): void {
    const { h } = this.grid;
    const { F, P, M } = this.src;
    const lf = this.logF;
    const rows = this.rows;
    const [plus, minus] = this.gradients;
    for (let c = 0; c < f.length; c++) lf[c] = Math.log(f[c]!);
    rows.choose(lf, this.interior);
    this.compact.choose(rows.ids, lf);
    // G± log F as Σ_o w_o (log F_{c+o} − log F_c): the weights sum to zero, and the differences keep their digits.
    const pair = this.pairScratch;
    for (const c of this.interior) {
      for (let k = 0; k < 3; k++) {
        rows.applyLog(lf, c, k, this.strides[k]!, pair);
        plus[c * 3 + k] = pair[0]!;
        minus[c * 3 + k] = pair[1]!;
      }
    }
    this.compact.solveGradients(rows.ids, lf, rows, plus, minus);
    for (const c of this.interior) {
      const fc = f[c]!;
      F[c] = fc;
      for (let x = c * 3; x < c * 3 + 3; x++) {
        P[x] = (fc * plus[x]!) / h;
        M[x] = (fc * minus[x]!) / h;
      }
    }
  }

  async bilinear(f: ArrayLike<number>, g: ArrayLike<number>, reference: ArrayLike<number>): Promise<Float64Array> {
    const cells = this.grid.cells;
    for (const [name, x] of [['F', f], ['G', g], ['reference', reference]] as const) {
      if (x.length !== cells) throw new Error(`${name} has ${x.length} values, grid needs ${cells}`);
    }
    this.prepareRelativeSources(f, reference, this.src);
    this.prepareRelativeSources(g, reference, this.targetSrc);
    this.convolveFluxes(this.src, this.targetSrc);
    this.divergence();
    return this.q.slice();
  }

  /** Sources of a field g with gradients relative to R: g·G±log R + R·G±(g/R) (linear in g; = g G±log g at g = R). */
  private prepareRelativeSources(g: ArrayLike<number>, r: ArrayLike<number>, out: Sources): void {
    const { h, cells } = this.grid;
    const rows = this.rows;
    const logR = Float64Array.from({ length: cells }, (_, c) => Math.log(r[c]!));
    rows.choose(logR, this.interior);
    this.compact.choose(rows.ids, logR);
    const [logPlus, logMinus, ratioPlus, ratioMinus] = this.gradients;
    for (const c of this.interior) {
      const ratio = g[c]! / r[c]!;
      const logRatio = (x: number) => logR[x]! - logR[c]!;
      const ratioDifference = (x: number) => g[x]! / r[x]! - ratio;
      for (let k = 0; k < 3; k++) {
        const s = this.strides[k]!;
        const x = c * 3 + k;
        logPlus[x] = rows.apply(c, k, 1, s, logRatio);
        logMinus[x] = rows.apply(c, k, -1, s, logRatio);
        ratioPlus[x] = rows.apply(c, k, 1, s, ratioDifference);
        ratioMinus[x] = rows.apply(c, k, -1, s, ratioDifference);
      }
    }
    if (this.compact.active) {
      this.compact.solveGradients(rows.ids, logR, rows, logPlus, logMinus);
      this.compact.solveGradients(rows.ids, Float64Array.from({ length: cells }, (_, c) => g[c]! / r[c]!), rows, ratioPlus, ratioMinus);
    }
    for (const c of this.interior) {
      const gc = g[c]!;
      const rc = r[c]!;
      out.F[c] = gc;
      for (let x = c * 3; x < c * 3 + 3; x++) {
        out.P[x] = (gc * logPlus[x]! + rc * ratioPlus[x]!) / h;
        out.M[x] = (gc * logMinus[x]! + rc * ratioMinus[x]!) / h;
      }
    }
  }

  async diffusionEigen(): Promise<Float64Array> {
    const a = await this.diffusionMatrix();
    const out = new Float64Array(this.grid.cells * 4);
    for (let c = 0; c < this.grid.cells; c++) {
      const m = a.subarray(c * 6, c * 6 + 6);
      const v = this.grid.velocity(c);
      out.set([...symmetricEigenvalues(m), radialComponent(m, v)], c * 4);
    }
    return out;
  }

  /**
   * Fluxes at the interior cells, averaged over the eight sign patterns σ ∈ {+,−}³ of one-sided
   * differences (forward or backward per axis): the set of patterns is closed under every
   * reflection and permutation of the axes, so the discrete Q commutes with all 48 symmetries of
   * the grid. Component a of the flux is differenced with the adjoint of D^{σ_a}; averaged over the
   * other two signs it reads, with q the own sources (q± = χF g±, q̄ = (q⁺ + q⁻)/2),
   *   J^s_a = A_aa q^s_a + Σ_{b≠a} A_ab q̄_b − χF B^s_a,
   * linear in the patterns, so each pattern's pair structure — exact conservation, dH/dt ≤ 0 —
   * carries over to the average. J⁺ and J⁻ go to fluxP, fluxM; rate-bound inputs alongside.
   */
  private convolveFluxes(conv: Sources, own: Sources): void {
    const { fluxP, fluxM, interior } = this;
    const { A, Bp, Bm } = this.convolved;
    this.conv.convolve(conv, this.convolved);
    for (const i of interior) {
      const axx = A[i * 6]!, ayy = A[i * 6 + 1]!, azz = A[i * 6 + 2]!;
      const axy = A[i * 6 + 3]!, axz = A[i * 6 + 4]!, ayz = A[i * 6 + 5]!;
      const fi = own.F[i]!;
      const px = own.P[i * 3]!, py = own.P[i * 3 + 1]!, pz = own.P[i * 3 + 2]!;
      const mx = own.M[i * 3]!, my = own.M[i * 3 + 1]!, mz = own.M[i * 3 + 2]!;
      const cx = 0.5 * (px + mx), cy = 0.5 * (py + my), cz = 0.5 * (pz + mz);
      // The off-diagonal part of A on q̄, shared by both signs.
      const sx = axy * cy + axz * cz;
      const sy = axy * cx + ayz * cz;
      const sz = axz * cx + ayz * cy;
      const cpx = Bp[i * 3]!, cpy = Bp[i * 3 + 1]!, cpz = Bp[i * 3 + 2]!;
      const cmx = Bm[i * 3]!, cmy = Bm[i * 3 + 1]!, cmz = Bm[i * 3 + 2]!;
      fluxP[i * 3] = axx * px + sx - fi * cpx;
      fluxP[i * 3 + 1] = ayy * py + sy - fi * cpy;
      fluxP[i * 3 + 2] = azz * pz + sz - fi * cpz;
      fluxM[i * 3] = axx * mx + sx - fi * cmx;
      fluxM[i * 3 + 1] = ayy * my + sy - fi * cmy;
      fluxM[i * 3 + 2] = azz * mz + sz - fi * cmz;
      this.rowSum[i] = Math.max(
        Math.abs(axx) + Math.abs(axy) + Math.abs(axz),
        Math.abs(axy) + Math.abs(ayy) + Math.abs(ayz),
        Math.abs(axz) + Math.abs(ayz) + Math.abs(azz),
      );
      this.drift[i] = 0.5 * (Math.abs(cpx) + Math.abs(cpy) + Math.abs(cpz) + Math.abs(cmx) + Math.abs(cmy) + Math.abs(cmz));
    }
  }

  /**
   * Q from the fluxes into this.q, Q_k = −(1/2h) Σ_a Σ_± Σ_i G^±_{ik} J^±_{a,i} over the rows i of
   * axis a whose stencil reaches k, as (1/2h) Σ_a (Φ_{k+½} − Φ_{k−½}) with the face values of
   * log-gradient.ts's faceWeights (as flux_divergence.wgsl).
   */
  private divergence(): void {
    const { n, h } = this.grid;
    const { q, strides } = this;
    this.compact.solveFluxes(this.rows.ids, this.fluxP, this.fluxM, this.blendFlux);
    const faces = this.faceValues();
    let c = 0;
    for (let ix = 0; ix < n; ix++)
      for (let iy = 0; iy < n; iy++)
        for (let iz = 0; iz < n; iz++, c++) {
          const x = faces[c * 3]! - (ix > 0 ? faces[(c - strides[0]!) * 3]! : 0);
          const y = faces[c * 3 + 1]! - (iy > 0 ? faces[(c - strides[1]!) * 3 + 1]! : 0);
          const z = faces[c * 3 + 2]! - (iz > 0 ? faces[(c - 1) * 3 + 2]! : 0);
          q[c] = (0.5 * (x + y + z)) / h;
        }
  }

  /**
   * The largest per-cell rate bound at f, with Q in this.q (as flux_divergence.wgsl and
   * divergence_update.wgsl): the Gershgorin bound of the linearised pair form, in which a row i
   * couples k to F_i with weight |G_{ik}|·Σ|G_i·| F_i/F_k (RowStencils.couplings); only the first
   * stage of a step and the diagnostics need it.
   */
  private rateBound(f: Float64Array): number {
    const { n } = this.grid;
    const { q, rowSum, drift, strides, rows } = this;
    const { reach, ids, weights, couplings: coupling, width } = rows;
    const coef = this.stiffnessCoef;
    const compact = this.compact.active;
    const compactShare = this.compactShare;
    if (compact) this.compact.couplings(ids, rows, f, rowSum, compactShare);
    const driftTerm = coef.drift * rows.driftFactor;
    const minus = width; // offset of the G⁻ member's entries from the G⁺ member's
    let maxRate = 0;
    let c = 0;
    const coord = [0, 0, 0];
    for (let ix = 0; ix < n; ix++)
      for (let iy = 0; iy < n; iy++)
        for (let iz = 0; iz < n; iz++, c++) {
          coord[0] = ix;
          coord[1] = iy;
          coord[2] = iz;
          const fc = f[c]!;
          let r = rowSum[c]!;
          let d = drift[c]!;
          let couplings = 0;
          let compactCouplings = 0;
          for (let k = 0; k < 3; k++) {
            if (compact) compactCouplings += compactShare[c * 3 + k]!;
            const s = strides[k]!;
            const ia = coord[k]!;
            const hi = Math.min(n - 1, ia + reach);
            for (let i = Math.max(0, ia - reach); i <= hi; i++) {
              const x = c + (i - ia) * s;
              const id = ids[x * 3 + k]!;
              const e = rows.entry(id, 0, ia - i);
              if (weights[e] === 0 && weights[e + minus] === 0) continue;
              d = Math.max(d, drift[x]!);
              if (id === COMPACT_ROW) continue;
              r = Math.max(r, rowSum[x]!);
              couplings += (coupling[e]! + coupling[e + minus]!) * (f[x]! / fc);
            }
          }
          const outflow = q[c]! < 0 ? -q[c]! / fc : 0;
          // The compact rows couple through P⁻¹, each with its own A row sum (CompactLines.couplings).
          const diffusion = compactCouplings === 0 ? coef.diffusion * r * 0.5 * couplings : coef.diffusion * 0.5 * (r * couplings + compactCouplings / Math.sqrt(fc));
          const bound = diffusion / 12 + coef.reaction * fc + driftTerm * d;
          maxRate = Math.max(maxRate, outflow, bound);
        }
    return maxRate;
  }

  /**
   * Φ above every cell along each axis (0 above the last), once per evaluation:
   * Φ_k(f + ½) = Σ_± Σ_i s^±_{f−i} J^±_k(i) over the rows i reaching that face.
   */
  private faceValues(): Float64Array {
    const { n } = this.grid;
    const { faces, fluxP, fluxM, strides, rows, blendFlux } = this;
    const { reach, ids, faces: faceTable, width, blendFaces } = rows;
    const compact = this.compact.active;
    const coord = [0, 0, 0];
    let c = 0;
    for (let ix = 0; ix < n; ix++)
      for (let iy = 0; iy < n; iy++)
        for (let iz = 0; iz < n; iz++, c++) {
          coord[0] = ix;
          coord[1] = iy;
          coord[2] = iz;
          for (let k = 0; k < 3; k++) {
            const f = coord[k]!;
            let sum = 0;
            if (f < n - 1) {
              const s = strides[k]!;
              const hi = Math.min(n - 2, f + reach);
              for (let i = Math.max(1, f - reach + 1); i <= hi; i++) {
                const x = c + (i - f) * s;
                const id = ids[x * 3 + k]!;
                const e = rows.entry(id, 0, f - i);
                sum += faceTable[e]! * fluxP[x * 3 + k]! + faceTable[e + width]! * fluxM[x * 3 + k]!;
                if (compact && id === COMPACT_ROW) sum += blendFaces[f - i + reach]! * blendFlux[x * 3 + k]!;
              }
            }
            faces[c * 3 + k] = sum;
          }
        }
    return faces;
  }
}

function isInterior(ix: number, iy: number, iz: number, n: number): boolean {
  return ix > 0 && iy > 0 && iz > 0 && ix < n - 1 && iy < n - 1 && iz < n - 1;
}
