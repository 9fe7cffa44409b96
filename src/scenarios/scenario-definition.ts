// What a scenario is: the initial data and everything else that depends on which data it is — the
// parameters it reads, its separable form (the resolution guard's closed-form moments), the equation
// its closed forms belong to, the notes a run prints, the radial form the reference solver follows,
// the diagnostics its outputs carry and the reference profile plots and slices compare with. The
// commands, reports and the demo look these up (catalogue.ts) instead of branching on names.
import type { Grid } from '../core/grid/grid.js';
import type { Equation, EquationRequirement } from '../equation/equation.js';
import type { BlowdownDiagnostics, WeightedPoints } from './blowdown-profile.js';
import type { BumpDiagnostics } from './bump-profile.js';
import type { ScenarioName, ScenarioParams } from './scenario-params.js';
import type { Wording } from '../core/errors/user-input-error.js';

/** The radial reference solver's form of radial data (src/reference/radial/scenarios.ts samples it). */
export type RadialData = { name: 'blowdown'; delta: number; alpha: number } | { name: 'maxwellian'; temperature: number; density: number };

/** A closed-form radial profile f(|v|²) the run is compared with: its name, its legend at this time and the name of F minus it. */
export interface ReferenceProfile {
  name: string;
  label: string;
  deviation: string;
  at(v2: number): number;
}

/** The distance of a run of the BKW solution from it: relative L¹ and max errors, with K(t). */
export interface BkwErrors {
  bkw_K: number;
  bkw_error_l1: number;
  bkw_error_max: number;
}

/** What the scenarios' outputs record against their closed forms, by key (each scenario some of them). */
export type ScenarioDiagnostics = Partial<BlowdownDiagnostics & BumpDiagnostics & BkwErrors>;

export interface ScenarioDefinition {
  name: ScenarioName;
  /** One line for the help and the documentation. */
  summary: string;
  /** The parameters it reads (a run folder must record them; the demo shows only these). */
  params: readonly (keyof ScenarioParams)[];
  initialState(grid: Grid, p: ScenarioParams): Float64Array;
  /** The same data as separable Gaussian terms (initialState samples their sum). */
  separableTerms(p: ScenarioParams): SeparableTerm[];
  /** The equation its closed forms assume; runs of another γ or ε are refused with the reason. */
  requires?: EquationRequirement & { reason: string };
  /** Lines a run prints before it starts (parameter ranges, what a reference means). */
  runNotes?(p: ScenarioParams, equation: Equation): Wording[];
  /** Radial data the reference solver can follow (compareRadial), the variance of its narrowest feature (the reference grid resolves it), and why given parameters are not radial. */
  radial?: { data(p: ScenarioParams): RadialData; narrowestVariance?(p: ScenarioParams): number; unless?(p: ScenarioParams): string | null };
  /** Diagnostics of the state at every output, added to the series entries. */
  outputDiagnostics?(grid: Grid, state: ArrayLike<number>, t: number, p: ScenarioParams & { rw: number }): ScenarioDiagnostics;
  /** Rows of those a run's closing summary shows: a key with its label, or the ratio of two keys. */
  summaryRows?: readonly ({ key: keyof ScenarioDiagnostics; label: string } | { ratio: readonly [keyof ScenarioDiagnostics, keyof ScenarioDiagnostics]; label: string })[];
  /** The same profile norms from any quadrature of the state (the radial solver's shells). */
  profileNorms?(points: WeightedPoints, t: number, p: ScenarioParams & { rw: number }): object;
  /** Whether the outputs also carry the coercivity quantities of [GW24] (they need the operator). */
  coercivityAlongRun?(p: ScenarioParams): boolean;
  /** The closed-form profile at time t and the equilibrium the data relax to, for plots and slices; absent: the Maxwellian of F's moments. */
  referenceProfile?(t: number, p: ScenarioParams): ReferenceProfile | undefined;
  equilibriumProfile?(p: ScenarioParams): ReferenceProfile | undefined;
}

/** A term of the initial data, separable along the axes: w · Π_a x_a^{p_a} exp(−(x_a − u_a)²/(2 T_a)). */
export interface SeparableTerm {
  weight: number;
  centre: [number, number, number];
  temps: [number, number, number];
  powers: [number, number, number];
  label: string;
}

/** A Gaussian term of mass `mass` centred at `centre` with temperatures `temps` along the axes. */
export function gaussianTerm(mass: number, centre: [number, number, number], temps: [number, number, number], label: string): SeparableTerm {
  return {
    weight: mass / Math.sqrt((2 * Math.PI) ** 3 * temps[0] * temps[1] * temps[2]),
    centre,
    temps,
    powers: [0, 0, 0],
    label,
  };
}
