// The unit Maxwellian: the equilibrium, exact for the discrete operator too.
import { maxwellian } from '../core/math/closed-forms.js';
import { gaussianTerm, type ReferenceProfile, type ScenarioDefinition } from './scenario-definition.js';

/** The closed form a scenario without its own is compared with. */
export const UNIT_MAXWELLIAN: ReferenceProfile = { name: 'M', label: 'M', deviation: 'F − M', at: (v2) => maxwellian(v2) };

export const MAXWELLIAN: ScenarioDefinition = {
  name: 'maxwellian',
  summary: 'the unit Maxwellian M (an exact discrete equilibrium)',
  params: [],
  initialState: (grid) => grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)),
  separableTerms: () => [gaussianTerm(1, [0, 0, 0], [1, 1, 1], 'M')],
  radial: { data: () => ({ name: 'maxwellian', temperature: 1, density: 1 }) },
};
