// The coercivity facts of [GW24] on one grid, with numbers (docs/mathematics.md §3): the eigen-structure of
// A[M] and of A[F] for a scenario's F, the kernel of L_M, the Rayleigh quotient of Lemma 2.4 on random
// g ⊥ ker L_M, Lemma 3.1 on random h, and the best constant c̄0 by LOBPCG on one or more grids.
import { Grid } from '../../core/grid/grid.js';
import { maxwellian } from '../../core/math/closed-forms.js';
import { mulberry32 } from '../../core/math/seeded-random.js';
import { explicitProfile } from '../../scenarios/blowdown-profile.js';
import type { LandauOperator } from '../../backends/landau-operator.js';
import { type ScenarioName, type ScenarioParams } from '../../scenarios/scenario-params.js';
import { initialState } from '../../scenarios/catalogue.js';
import { bestCoercivityConstant, type BestConstant } from './best-constant.js';
import { eigenSummary, rayProfile, type EigenSummary, type RayPoint } from './eigen-structure.js';
import { linearised } from '../../diagnostics/coercivity/linearised.js';
import type { LobpcgOptions } from './lobpcg.js';
import { kernelFields, WeightedSpace } from '../../diagnostics/coercivity/weighted-space.js';

export const KERNEL_LABELS = ['M', 'v1 M', 'v2 M', 'v3 M', '|v|^2 M'] as const;
const RANDOM_SAMPLES = 3;

export interface CoercivityReport {
  n: number;
  L: number;
  scenario: string;
  device: string;
  /** λ_min and c = min λ_min⟨v⟩³ of A[F] for the scenario's F. */
  lambda_min: number;
  c_lower: number;
  c_lower_at: number;
  maxwellian: EigenSummary & { c0_grid: number; c0_exact: number; ray_max_error: number; ray_monotone: boolean };
  eigen_along_ray: RayPoint[];
  /** ‖L_M(pM)‖_M / (‖L_M‖ ‖pM‖_M) for p = 1, v₁, v₂, v₃, |v|². */
  kernel_residuals: number[];
  kernel_labels: readonly string[];
  /** max over random g of ‖L_M g‖_M / ‖g‖_M. */
  L_M_norm: number;
  /** R(g) = −(L_M g, g)_M / D_M(P⊥g) on random g ⊥ ker L_M. */
  rayleigh_random: number[];
  /** (L_E h, h)_μ / (‖L_E h‖_μ ‖h‖_μ) on random h, E = E(0) of the blow-down data (Lemma 3.1: ≤ 0). */
  LE_random: number[];
  /** c̄0 on the finest grid studied, and per grid. */
  cbar0: number | null;
  cbar0_by_n: (BestConstant & { seconds: number })[];
}

export interface StudyInputs {
  scenario: ScenarioName;
  params: ScenarioParams;
  /** Build an operator on a grid; release it when done. */
  operatorFor(grid: Grid): Promise<{ operator: LandauOperator; release(): void }>;
  n: number;
  L: number;
  /** Grids for c̄0 (empty: skip). */
  cbarN: number[];
  lobpcg?: LobpcgOptions;
  log?: (line: string) => void;
}

export async function coercivityStudy(inputs: StudyInputs): Promise<CoercivityReport> {
  const log = inputs.log ?? (() => {});
  const grid = new Grid({ n: inputs.n, L: inputs.L });
  const { operator: op, release } = await inputs.operatorFor(grid);
  try {
    const m = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
    op.setState(m);
    const eigenM = await op.diffusionEigen();
    const summaryM = eigenSummary(grid, eigenM);
    const ray = rayProfile(grid, eigenM);
    const f = initialState(grid, inputs.scenario, inputs.params);
    op.setState(f);
    const summaryF = inputs.scenario === 'maxwellian' ? summaryM : eigenSummary(grid, await op.diffusionEigen());
    log(`A[F] eigen-structure done (λ_min ${summaryF.lambdaMin.toExponential(4)})`);

    const space = new WeightedSpace(grid, m);
    const random = randomFields(grid, space, m, RANDOM_SAMPLES);
    let lmNorm = 0;
    const rayleigh: number[] = [];
    for (const g0 of random) {
      const g = space.projectOffKernel(g0);
      const lg = await linearised(op, m, g);
      lmNorm = Math.max(lmNorm, space.norm(lg) / space.norm(g));
      rayleigh.push(-space.inner(lg, g) / space.dissipation(g));
    }
    const residuals: number[] = [];
    for (const k of kernelFields(grid, m)) residuals.push(space.norm(await linearised(op, m, k)) / (lmNorm * space.norm(k)));
    log(`kernel residuals ${residuals.map((r) => r.toExponential(2)).join(' ')}`);

    const e = explicitProfile(0, inputs.params);
    const profile = grid.sample((x, y, z) => e.mass * maxwellian(x * x + y * y + z * z, e.temperature));
    const muSpace = new WeightedSpace(grid, profile);
    const leRandom: number[] = [];
    for (const h of randomFields(grid, muSpace, profile, RANDOM_SAMPLES, 7)) {
      const le = await linearised(op, profile, h);
      leRandom.push(muSpace.inner(le, h) / (muSpace.norm(le) * muSpace.norm(h)));
    }

    const cbar: (BestConstant & { seconds: number })[] = [];
    for (const n of inputs.cbarN) {
      const started = performance.now();
      const best = n === grid.n ? await bestCoercivityConstant(op, inputs.lobpcg) : await withOperator(inputs, n, (o) => bestCoercivityConstant(o, inputs.lobpcg));
      cbar.push({ ...best, seconds: (performance.now() - started) / 1000 });
      log(`c̄0(N=${n}) = ${best.cbar0.toFixed(6)} (${best.iterations} iterations, ${best.converged ? 'converged' : 'not converged'})`);
    }
    return {
      n: grid.n,
      L: grid.L,
      scenario: inputs.scenario,
      device: op.description.device,
      lambda_min: summaryF.lambdaMin,
      c_lower: summaryF.cLower,
      c_lower_at: summaryF.cLowerAt,
      maxwellian: { ...summaryM, c0_grid: ray.c0Grid, c0_exact: ray.c0Exact, ray_max_error: ray.maxError, ray_monotone: ray.monotone },
      eigen_along_ray: ray.points,
      kernel_residuals: residuals,
      kernel_labels: KERNEL_LABELS,
      L_M_norm: lmNorm,
      rayleigh_random: rayleigh,
      LE_random: leRandom,
      cbar0: cbar.length > 0 ? cbar[cbar.length - 1]!.cbar0 : null,
      cbar0_by_n: cbar,
    };
  } finally {
    release();
  }
}

async function withOperator<T>(inputs: StudyInputs, n: number, work: (op: LandauOperator) => Promise<T>): Promise<T> {
  const { operator, release } = await inputs.operatorFor(new Grid({ n, L: inputs.L }));
  try {
    return await work(operator);
  } finally {
    release();
  }
}

/** √w·ξ on the space's cells with ξ uniform in (−½, ½) (deterministic), zero elsewhere. */
export function randomFields(grid: Grid, space: WeightedSpace, w: Float64Array, count: number, seed = 1): Float64Array[] {
  const random = mulberry32(seed);
  const next = () => random() - 0.5;
  return Array.from({ length: count }, () => {
    const g = new Float64Array(grid.cells);
    for (const c of space.cells) g[c] = Math.sqrt(w[c]!) * next();
    return g;
  });
}
