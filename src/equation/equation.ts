// The equation a run integrates, as one object: ∂tF = Q_γ(F,F) + εF² with the kernel
// K_γ(z) = |z|^{γ+2}Π(z)/(8π) (γ = −3 Coulomb), the source εF² of the modified equation (ε = 0: the
// Landau equation) and the order of the log F gradient of the discrete flux. The backends take the
// kernel table, the rate-bound coefficients and the source from it; the time loop its mass balance;
// the scenarios and diagnostics ask it which closed forms apply. Built once, from the command line
// or the demo's controls, and passed as it is.
import { COULOMB_GAMMA, GAMMA_MAX, GAMMA_MIN, kernelScale, kernelTable, type KernelTable } from '../core/kernel/kernel-table.js';
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS, type GradientOrder } from './log-gradient.js';
import { stiffnessCoefficients, type StepLimits, type StiffnessCoefficients } from './stability.js';
import { UserInputError, type OptionMention, type Wording } from '../core/errors/user-input-error.js';

/** The parameters of an equation; every field has the Landau–Coulomb default. */
export interface EquationSpec {
  /** Exponent of the kernel K_γ, GAMMA_MIN ≤ γ ≤ GAMMA_MAX (−3: Coulomb). */
  gamma?: number;
  /** Coefficient ε ≥ 0 of the source εF². */
  epsF2?: number;
  /** Order of the log F gradient in the flux (log-gradient.ts). */
  gradient?: GradientOrder;
}

/** What a closed form needs of the equation (ScenarioDefinition.requires). */
export interface EquationRequirement {
  gamma?: number;
  epsF2?: number;
}

/** Largest ε accepted: beyond it the solution blows up within a step of any resolvable grid. */
export const EPS_F2_MAX = 1e6;

export class Equation {
  readonly gamma: number;
  readonly epsF2: number;
  readonly gradient: GradientOrder;

  /** Fails naming the parameter for a γ, ε or gradient order outside its range. */
  constructor(spec: EquationSpec = {}) {
    this.gamma = spec.gamma ?? COULOMB_GAMMA;
    this.epsF2 = spec.epsF2 ?? 0;
    this.gradient = spec.gradient ?? DEFAULT_GRADIENT_ORDER;
    if (!(this.gamma >= GAMMA_MIN && this.gamma <= GAMMA_MAX)) throw new UserInputError([`kernel exponent γ = ${this.gamma} is outside [${GAMMA_MIN}, ${GAMMA_MAX}]`]);
    if (!(this.epsF2 >= 0 && this.epsF2 <= EPS_F2_MAX)) throw new UserInputError([`source coefficient ε = ${this.epsF2} is outside [0, ${EPS_F2_MAX}]`]);
    if (!GRADIENT_ORDERS.includes(this.gradient)) throw new UserInputError([`gradient order ${this.gradient} is not one of ${GRADIENT_ORDERS.join(', ')}`]);
  }

  /** The Landau–Coulomb equation with the default flux. */
  static readonly LANDAU_COULOMB = new Equation();

  /** The spec as given to the constructor (JSON of records, checkpoints). */
  toJSON(): Required<EquationSpec> {
    return { gamma: this.gamma, epsF2: this.epsF2, gradient: this.gradient };
  }

  get hasSource(): boolean {
    return this.epsF2 > 0;
  }

  /** γ = −3 and ε = 0: the equation of the radial reference solver and of the blow-down theorem. */
  get isLandauCoulomb(): boolean {
    return this.gamma === COULOMB_GAMMA && this.epsF2 === 0;
  }

  /** γ = 0 and ε = 0: Maxwell molecules, whose second moments and BKW solution are known exactly. */
  get isMaxwellMolecules(): boolean {
    return this.gamma === 0 && this.epsF2 === 0;
  }

  /** The lattice kernel weights of an N³ grid, in units of kernelScale (cached per N and γ). */
  kernelTable(n: number): KernelTable {
    return kernelTable(n, this.gamma);
  }

  /** Physical weight of one table unit on a grid of spacing h: h^{γ+5}. */
  kernelScale(h: number): number {
    return kernelScale(h, this.gamma);
  }

  /** Coefficients of the per-cell rate bound on a grid of spacing h (stability.ts). */
  stiffness(h: number): StiffnessCoefficients {
    return stiffnessCoefficients(h, this);
  }

  /** The step rule with the source's own limit on the growth of max F. */
  stepLimits(base: { cfl: number; rateTol: number }): StepLimits {
    return { cfl: base.cfl, rateTol: base.rateTol, epsF2: this.epsF2 };
  }

  /** The source term εF² at one value of F (the backends add it to Q in every RK stage). */
  source(f: number): number {
    return this.epsF2 * f * f;
  }

  /** d(mass)/dt = ε∫F²: Q conserves mass exactly on the grid, so the source is all of it. */
  massRate(squareIntegral: number): number {
    return this.epsF2 * squareIntegral;
  }

  /** Why a closed form with these needs does not apply, as the options that would fix it; null if it does. */
  unmet(needs: EquationRequirement): Wording | null {
    const gammaOff = needs.gamma !== undefined && this.gamma !== needs.gamma;
    const epsOff = needs.epsF2 !== undefined && this.epsF2 !== needs.epsF2;
    if (!gammaOff && !epsOff) return null;
    const wanted: OptionMention[] = [];
    if (needs.gamma !== undefined) wanted.push({ option: 'gamma', value: needs.gamma });
    if (needs.epsF2 !== undefined) wanted.push({ option: 'epsF2', value: needs.epsF2 });
    const got = needs.epsF2 !== undefined ? ` (got γ = ${this.gamma}, ε = ${this.epsF2})` : `, got ${this.gamma}`;
    return [...wanted.flatMap((m, i) => (i > 0 ? [' and ', m] : [m])), got];
  }

  /** The equation in words: kernel exponent γ, the source εF², a gradient order other than the default. */
  label(): string {
    const g = this.gamma;
    const kernel = g === COULOMB_GAMMA ? 'Coulomb' : g === 0 ? 'Maxwell molecules' : g < 0 ? 'soft potential' : 'hard potential';
    const source = this.hasSource ? ` + εF², ε = ${this.epsF2}` : '';
    const flux = this.gradient === DEFAULT_GRADIENT_ORDER ? '' : `; order-${this.gradient} log F differences`;
    return `∂tF = Q(F,F)${source}, kernel |z|^{γ+2}Π(z)/(8π) with γ = ${g} (${kernel})${flux}`;
  }
}
