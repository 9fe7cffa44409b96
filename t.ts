import { Grid } from './src/grid/grid.ts';
import { CpuLandauOperator } from './src/operator/cpu/cpu-operator.ts';
import { initialState, DEFAULT_SCENARIO_PARAMS } from './src/scenarios/scenarios.ts';
import { stepLimit } from './src/solver/stability.ts';
const g = new Grid({ n: 12, L: 6 });
const op = new CpuLandauOperator(g);
op.setState(initialState(g, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3 }));
let m = await op.moments();
for (let s = 0; s < 50; s++) {
  const dt = stepLimit(m, { cfl: 0.5, rateTol: 0.02 });
  const h = await op.advance(dt, 1);
  m = await op.moments();
  const f = await op.getState(); const q = await op.collision();
  let w = 0, wc = 0; for (let c = 0; c < f.length; c++) { const r = -q[c] / f[c]; if (r > w) { w = r; wc = c; } }
  console.log(s, dt.toFixed(3), h.maxStabilityRatio.toFixed(3), h.minF.toExponential(2), h.invalid, 'stiff', m.stiffness.toFixed(3), 'rate', (m.absRate/m.mass).toFixed(4), 'worst -Q/F', w.toFixed(3), [Math.floor(wc/144), Math.floor(wc/12)%12, wc%12].join(','));
  if (h.invalid) break;
}
