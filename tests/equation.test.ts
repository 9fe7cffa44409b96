// The Equation object: its ranges, the questions the scenarios and diagnostics ask it, and that a
// backend built for it is what the time loop and the diagnostics read (no second copy of ε).
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { Equation } from '../src/equation/equation.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { simulate } from '../src/solver/simulate.js';
import { outputDiagnostics } from '../src/diagnostics/output-diagnostics.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { scenario } from '../src/scenarios/catalogue.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { word } from '../src/core/errors/user-input-error.js';
import { CLI_FLAGS } from '../src/cli/option-flags.js';

describe('Equation', () => {
  it('defaults to Landau–Coulomb with the order-8 flux differences and refuses parameters out of range, naming them', () => {
    const e = new Equation();
    expect(e.toJSON()).toEqual({ gamma: -3, epsF2: 0, gradient: 8 });
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
    expect(word(new Equation({ gamma: 0, epsF2: 0.5 }).unmet(bkw)!, CLI_FLAGS)).toBe('--gamma 0 and --eps-f2 0 (got γ = 0, ε = 0.5)');
    expect(Equation.LANDAU_COULOMB.unmet(scenario('blowdown').requires!)).toBeNull();
    expect(word(new Equation({ gamma: -1 }).unmet(scenario('blowdown').requires!)!, CLI_FLAGS)).toBe('--gamma -3, got -1');
    expect(new Equation({ gamma: 0, epsF2: 2, gradient: 4 }).label()).toBe(
      '∂tF = Q(F,F) + εF², ε = 2, kernel |z|^{γ+2}Π(z)/(8π) with γ = 0 (Maxwell molecules); order-4 log F differences',
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
