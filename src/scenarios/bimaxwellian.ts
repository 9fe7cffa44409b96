// A bi-Maxwellian of unit density: T∥ along one axis, T⊥ across it; it relaxes to the Maxwellian of
// temperature (T∥ + 2T⊥)/3, at the exact initial rate of src/core/math/moment-rates.ts.
import { gaussianTerm, type ScenarioDefinition } from './scenario-definition.js';

const AXIS_INDEX = { x: 0, y: 1, z: 2 } as const;

export const BIMAXWELLIAN: ScenarioDefinition = {
  name: 'bimaxwellian',
  summary: 'a bi-Maxwellian with T∥ along the chosen axis and T⊥ across it',
  params: ['tPar', 'tPerp', 'axis'],
  initialState: (grid, p) => {
    const norm = Math.pow(2 * Math.PI, -1.5) / (p.tPerp * Math.sqrt(p.tPar));
    const k = AXIS_INDEX[p.axis];
    return grid.sample((...v) => {
      const along = v[k]! * v[k]!;
      const across = v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - along;
      return norm * Math.exp(-across / (2 * p.tPerp) - along / (2 * p.tPar));
    });
  },
  separableTerms: (p) => {
    const temps: [number, number, number] = [p.tPerp, p.tPerp, p.tPerp];
    temps[AXIS_INDEX[p.axis]] = p.tPar;
    return [gaussianTerm(1, [0, 0, 0], temps, 'the bi-Maxwellian')];
  },
};
