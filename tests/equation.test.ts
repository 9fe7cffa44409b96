// The Equation object: its ranges, the questions the scenarios and diagnostics ask it, and that a
// backend built for it is what the time loop and the diagnostics read (no second copy of ε); and the
// registry of output diagnostics that asks it.
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { Equation } from '../src/equation/equation.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { simulate } from '../src/solver/simulate.js';
import { DIAGNOSTIC_GROUPS, outputDiagnostics, SUMMARY_ROWS } from '../src/diagnostics/output-diagnostics.js';
import type { SeriesEntry } from '../src/diagnostics/series.js';
import { summaryTable } from '../src/cli/summary.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenarios.js';
import { scenario } from '../src/scenarios/catalogue.js';
import { maxwellian } from '../src/core/math/closed-forms.js';

describe('Equation', () => {
  it('defaults to Landau–Coulomb with the second-order gradient and refuses parameters out of range, naming them', () => {
    const e = new Equation();
    expect(e.toJSON()).toEqual({ gamma: -3, epsF2: 0, gradient: 2 });
    expect(e.isLandauCoulomb && !e.isMaxwellMolecules && !e.hasSource).toBe(true);
    expect(() => new Equation({ gamma: -3.5 })).toThrow(/kernel exponent γ = -3.5/);
    expect(() => new Equation({ gamma: Number.NaN })).toThrow(/kernel exponent/);
    expect(() => new Equation({ epsF2: -1 })).toThrow(/source coefficient ε = -1/);
    expect(() => new Equation({ epsF2: Infinity })).toThrow(/source coefficient/);
    expect(() => new Equation({ gradient: 3 as 2 })).toThrow(/gradient order 3/);
  });

  it("answers the scenarios' requirements and labels itself", () => {
    const bkw = scenario('bkw').requires!;
    expect(new Equation({ gamma: 0 }).unmet(bkw)).toBeNull();
    expect(new Equation({ gamma: 0, epsF2: 0.5 }).unmet(bkw)).toBe('--gamma 0 and --eps-f2 0 (got γ = 0, ε = 0.5)');
    expect(Equation.LANDAU_COULOMB.unmet(scenario('blowdown').requires!)).toBeNull();
    expect(new Equation({ gamma: -1 }).unmet(scenario('blowdown').requires!)).toBe('--gamma -3, got -1');
    expect(new Equation({ gamma: 0, epsF2: 2, gradient: 4 }).label()).toBe(
      '∂tF = Q(F,F) + εF², ε = 2, kernel |z|^{γ+2}Π(z)/(8π) with γ = 0 (Maxwell molecules); fourth-order log F gradient',
    );
  });

  it('the source term, its mass rate and its step limit follow ε', () => {
    const e = new Equation({ epsF2: 3 });
    expect(e.source(2)).toBe(12);
    expect(e.massRate(0.5)).toBe(1.5);
    expect(e.stepLimits({ cfl: 0.5, rateTol: 0.02 })).toEqual({ cfl: 0.5, rateTol: 0.02, epsF2: 3 });
  });

  it("a backend carries its equation; the time loop's mass check and the blow-up diagnostics read it from there", async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const equation = new Equation({ epsF2: 1 });
    const op = new CpuLandauOperator(grid, { equation });
    expect(op.equation).toBe(equation);
    op.setState(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)));
    const diagnose = outputDiagnostics(grid, { scenario: 'maxwellian', params: DEFAULT_SCENARIO_PARAMS, rw: 4, compareRadial: false, operator: op });
    // With ε = 1 the mass grows by several per cent; the loop accepts it because it follows ε∫F².
    const series = await simulate(op, { tEnd: 0.5, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 }, {}, diagnose);
    expect(series.at(-1)!.massDrift).toBeGreaterThan(0.005);
    const last = series.at(-1)! as unknown as { mass_source_rate: number; l2_squared: number };
    expect(last.mass_source_rate).toBe(last.l2_squared);
  });

  it('a backend refuses the old loose option names instead of ignoring them', () => {
    const grid = new Grid({ n: 8, L: 6 });
    expect(() => new CpuLandauOperator(grid, { gamma: 0 } as never)).toThrow(/CpuLandauOperator takes equation, conv, runner; not gamma/);
  });

  it('a state that is not finite and positive is refused before the first step, in one line', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = new CpuLandauOperator(grid);
    op.setState(new Float64Array(grid.cells).fill(Number.NaN));
    await expect(simulate(op, { tEnd: 0.5, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 })).rejects.toThrow(/state at t = 0 is not finite and positive .*set F > 0 everywhere/);
  });
});

describe('the registry of output diagnostics', () => {
  const grid = new Grid({ n: 8, L: 6 });
  const groups = (o: { scenario: string; equation?: Equation; operator?: boolean; compareRadial?: boolean }) => {
    const operator = o.operator ? new CpuLandauOperator(grid, { equation: o.equation }) : undefined;
    const run = { grid, scenario: o.scenario, params: DEFAULT_SCENARIO_PARAMS, rw: 4, compareRadial: o.compareRadial ?? false, operator, equation: o.equation ?? Equation.LANDAU_COULOMB };
    return DIAGNOSTIC_GROUPS.filter((g) => g.appliesTo(run)).map((g) => g.name);
  };

  it('picks the groups a run needs from its scenario, equation, operator and options', () => {
    expect(groups({ scenario: 'blowdown', operator: true })).toEqual(['radial symmetry', "the scenario's closed forms", 'coercivity along the run [GW24]']);
    expect(groups({ scenario: 'blowdown' })).toEqual(['radial symmetry', "the scenario's closed forms"]);
    expect(groups({ scenario: 'bkw', equation: new Equation({ gamma: 0 }), operator: true })).toEqual(['radial symmetry', "the scenario's closed forms", 'Maxwell molecules: the deviator law']);
    expect(groups({ scenario: 'two-maxwellians', equation: new Equation({ epsF2: 1 }), operator: true })).toEqual(['radial symmetry', 'blow-up watch of the source εF²']);
    expect(groups({ scenario: 'maxwellian', compareRadial: true })).toEqual(['radial symmetry', 'radial reference solver']);
    expect(groups({ scenario: 'file', equation: new Equation({ gamma: 0 }) })).toEqual(['radial symmetry']);
  });

  it('the closing summary shows the rows of the groups that recorded a value', () => {
    expect(SUMMARY_ROWS.map((r) => r.label)).toContain('smallest C of Lemma 3.3');
    const table = summaryTable([entry(0, { deviator_law_error: 1e-5 }), entry(1, { deviator_law_error: 2e-5 })], 1);
    expect(table).toMatch(/deviator vs e\^\{−3ρt\/\(2π\)\}\s+1\.000000e-5\s+2\.000000e-5/);
    expect(table).not.toMatch(/BKW error|Lemma/);
  });
});

function entry(t: number, extras: object): SeriesEntry {
  const zero3: [number, number, number] = [0, 0, 0];
  const m = [zero3, zero3, zero3] as SeriesEntry['temperature'];
  return { t, step: t, dt: 0.1, mass: 1, momentum: zero3, energy: 3, temperature: m, entropy: -1 - t, fisher: 3 - t, minF: 1e-9, maxF: 0.06, dTemperature_dt: m, dEntropy_dt: -0.1, stiffness: 1, massDrift: 0, momentumDrift: 0, energyDrift: 0, ...extras };
}
