import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { Grid } from '../src/core/grid/grid.js';
import { Equation } from '../src/equation/equation.js';
import { bestCoercivityConstant } from '../src/studies/coercivity/best-constant.js';
for (const order of [8] as const) for (const n of [8, 12]) {
  const best = await bestCoercivityConstant(new CpuLandauOperator(new Grid({ n, L: 6 }), { equation: new Equation({ gradient: order }) }));
  console.log(order, n, best.cbar0, best.converged, best.iterations);
}
