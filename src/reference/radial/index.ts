// Radial reference solver of the Landau–Coulomb equation in f64 (docs/mathematics.md §2); see solver.ts.
export { RadialGrid, betaForInnerSpacing, type RadialGridOptions, type RadialGrading } from './grid.js';
export { RadialOperator } from './operator.js';
export { radialCoefficients, type RadialCoefficients } from './coefficients.js';
export { ImplicitEulerSolver, type NewtonOptions, type ImplicitStepResult } from './implicit-euler.js';
export { RadialStepper, errorNorm, discreteEntropy, type TimeStepOptions, type StepAttempt } from './stepper.js';
export { radialDiagnostics, radialProfile, type RadialDiagnostics, type RadialProfile } from './diagnostics.js';
export { interpolateRadial, interpolateRadialMany } from './interpolate.js';
export {
  blowdownProfile,
  blowdownE,
  blowdownGridOptions,
  radialProfileOf,
  type RadialScenario,
} from './scenarios.js';
export {
  RadialSolver,
  PROFILE_FLOOR,
  type RadialSolverOptions,
  type RadialAdvanceOptions,
  type RadialStepInfo,
  type RadialRunStats,
} from './solver.js';
