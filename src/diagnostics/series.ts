// One entry of a run's diagnostic series, derived from the backend's moments.
import type { Moments } from '../backends/landau-operator.js';
import type { BlowdownCoercivity } from './coercivity/blowdown-coercivity.js';
import type { ScenarioDiagnostics } from '../scenarios/scenario-definition.js';

export type Matrix3 = [[number, number, number], [number, number, number], [number, number, number]];

/**
 * The diagnostics an entry may carry besides the moments, by who adds them (output-diagnostics.ts,
 * the radial command). The scenarios' own (ScenarioDiagnostics): the blow-down norms over |v| ≤ rw
 * (L²(M⁻¹); f_L2mu in L²(μ_T⁻¹)), the profile's mass and temperature and δ^(α−1/4); for off-centre
 * or anisotropic bumps E_u's covariance and the bump's measured moments; the BKW errors.
 */
export interface SeriesExtras extends ScenarioDiagnostics {
  /** Radial symmetry: ‖F − SF‖/‖F‖ and the l = 4 cubic-harmonic content. */
  anisotropy?: number;
  cubic_l4?: number;
  /** The radial reference: F at r → 0 (radial runs), the 3D run's distance from it, the extrapolation's change. */
  f0?: number;
  radial_error?: number;
  extrapolation_change?: number;
  /** Maxwell molecules: the deviator law. */
  deviator_law_error?: number;
  /** Blow-down runs: the coercivity quantities of [GW24] (coercivity/blowdown-coercivity.ts). */
  rayleigh_LM?: BlowdownCoercivity['rayleigh_LM'];
  near_radius?: number;
  near_cells?: number;
  LE_form?: number;
  LE_form_rel?: BlowdownCoercivity['LE_form_rel'];
  lemma33?: BlowdownCoercivity['lemma33'];
  /** The modified equation ε > 0: F at the origin, ∫F², the mass production ε∫F² and the extrapolated blow-up time. */
  f_center?: number;
  l2_squared?: number;
  mass_source_rate?: number;
  blowup_time_estimate?: number;
}

/** An output of the radial reference solver (landau3d radial): its moments (the temperature a scalar), drifts and profile diagnostics. */
export interface RadialSeriesEntry extends SeriesExtras {
  t: number;
  step: number;
  mass: number;
  energy: number;
  temperature: number;
  entropy: number;
  minF: number;
  massDrift: number;
  energyDrift: number;
}

export interface SeriesEntry extends SeriesExtras {
  t: number;
  step: number;
  /** Step size used to reach t (at t = 0: the step the stability estimate allows). */
  dt: number;
  mass: number;
  momentum: [number, number, number];
  energy: number;
  /** Second-moment tensor about the mean velocity, per unit mass. */
  temperature: Matrix3;
  entropy: number;
  fisher: number;
  minF: number;
  maxF: number;
  /** (1/m) ∫ v⊗v Q dv: the rate of the temperature tensor (mass and momentum are conserved). */
  dTemperature_dt: Matrix3;
  dEntropy_dt: number;
  /** Largest per-cell rate bound (1/time), under its file key `stiffness`. */
  stiffness: number;
  /** Relative changes since t = 0; momentum relative to √(mass·energy), the thermal momentum scale. */
  massDrift: number;
  momentumDrift: number;
  energyDrift: number;
}

function symmetric(c: number[]): Matrix3 {
  return [
    [c[0]!, c[3]!, c[4]!],
    [c[3]!, c[1]!, c[5]!],
    [c[4]!, c[5]!, c[2]!],
  ];
}

export function seriesEntry(t: number, step: number, dt: number, m: Moments, initial: Moments | null): SeriesEntry {
  const u = m.momentum.map((p) => p / m.mass);
  const pairs = [
    [0, 0],
    [1, 1],
    [2, 2],
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const;
  const temperature = symmetric(pairs.map(([a, b], k) => m.secondMoment[k]! / m.mass - u[a]! * u[b]!));
  const rate = symmetric(m.secondMomentRate.map((r) => r / m.mass));
  const ref = initial ?? m;
  const thermal = Math.sqrt(ref.mass * ref.energy);
  return {
    t,
    step,
    dt,
    mass: m.mass,
    momentum: m.momentum,
    energy: m.energy,
    temperature,
    entropy: m.entropy,
    fisher: m.fisher,
    minF: m.minF,
    maxF: m.maxF,
    dTemperature_dt: rate,
    dEntropy_dt: m.entropyRate,
    stiffness: m.stiffness,
    massDrift: (m.mass - ref.mass) / ref.mass,
    momentumDrift: Math.hypot(...m.momentum.map((p, k) => p - ref.momentum[k]!)) / thermal,
    energyDrift: (m.energy - ref.energy) / ref.energy,
  };
}

/** The diagnostics a run adds to each output's entry, from the state there (output-diagnostics.ts builds them). */
export type StateDiagnostics = (t: number, state: Float64Array) => SeriesExtras | Promise<SeriesExtras>;
