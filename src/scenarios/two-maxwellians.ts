// Two unit Maxwellians of half the mass each at ±shift along v_x: momentum zero, T_xx = 1 + shift².
import { maxwellian } from '../core/math/closed-forms.js';
import { gaussianTerm, type ScenarioDefinition } from './scenario-definition.js';

export const TWO_MAXWELLIANS: ScenarioDefinition = {
  name: 'two-maxwellians',
  summary: 'two Maxwellians at ±shift along v_x, half the mass each',
  params: ['shift'],
  initialState: (grid, p) =>
    grid.sample((x, y, z) => {
      const t = y * y + z * z;
      return 0.5 * (maxwellian((x - p.shift) ** 2 + t) + maxwellian((x + p.shift) ** 2 + t));
    }),
  separableTerms: (p) => [gaussianTerm(0.5, [p.shift, 0, 0], [1, 1, 1], 'M(v − u)'), gaussianTerm(0.5, [-p.shift, 0, 0], [1, 1, 1], 'M(v + u)')],
};
