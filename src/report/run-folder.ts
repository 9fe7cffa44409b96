// Whether the files of a run folder hold what report.html is drawn from: diagnostics.json with the
// grid, the scenario and a series of entries, and final.npy with F on that grid. A damaged or
// foreign folder is named in one sentence instead of failing halfway through the drawing.
import { findScenario } from '../scenarios/catalogue.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import { decodeNpy, NpyError } from '../io/npy.js';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isMatrix3 = (m: unknown) => Array.isArray(m) && m.length === 3 && m.every((row) => Array.isArray(row) && row.length === 3 && row.every(isNumber));

/** Whether X is a value of the kind of EXAMPLE: a number, a text, or a list of as many numbers. */
function sameKind(x: unknown, example: unknown): boolean {
  if (Array.isArray(example)) return Array.isArray(x) && x.length === example.length && x.every(isNumber);
  return typeof x === typeof example;
}

/** The numbers of every series entry that the report plots or prints. */
const ENTRY_NUMBERS = ['t', 'step', 'entropy', 'fisher', 'massDrift', 'energyDrift', 'momentumDrift'];

/** What keeps `diagnostics` (the text of diagnostics.json) and `final` (final.npy) from making a report, or null. */
export function runFolderProblem(diagnostics: string, final: Uint8Array): string | null {
  let run: unknown;
  try {
    run = JSON.parse(diagnostics);
  } catch {
    return 'diagnostics.json is not valid JSON';
  }
  if (!isObject(run) || !isObject(run.config) || !isObject(run.device) || typeof run.status !== 'string') {
    return 'diagnostics.json lacks the config, device and status of a run';
  }
  const { scenario, n, L, params } = run.config;
  if (typeof scenario !== 'string' || !Number.isInteger(n) || (n as number) < 1 || !isNumber(L) || !(L > 0)) {
    return 'diagnostics.json has no 3D grid (config.n, config.L) and scenario: it is not from landau3d run';
  }
  // The closed forms the report draws read the scenario's parameters.
  const definition = findScenario(scenario);
  const needed = definition?.referenceProfile ? definition.params.filter((k) => typeof DEFAULT_SCENARIO_PARAMS[k] === 'number') : [];
  if (needed.length > 0 && !(isObject(params) && needed.every((k) => isNumber(params[k])))) {
    return `diagnostics.json lacks the parameters of the ${scenario} scenario (config.params.${needed.join(', ')})`;
  }
  // The report fills a missing parameter with its default; one present must be of the default's kind.
  const wrong = isObject(params) ? definition?.params.find((k) => params[k] !== undefined && !sameKind(params[k], DEFAULT_SCENARIO_PARAMS[k])) : undefined;
  if (wrong) return `config.params.${wrong} of diagnostics.json is not like its default (${JSON.stringify(DEFAULT_SCENARIO_PARAMS[wrong])})`;
  const resolution = run.config.resolution;
  if (
    resolution !== undefined &&
    !(
      isObject(resolution) &&
      typeof resolution.resolved === 'boolean' &&
      isNumber(resolution.error) &&
      isNumber(resolution.limit) &&
      (resolution.worst === undefined || typeof resolution.worst === 'string') &&
      (resolution.smallestN === undefined || resolution.smallestN === null || isNumber(resolution.smallestN))
    )
  ) {
    return 'config.resolution of diagnostics.json lacks the resolution check (resolved, error, limit; worst a text, smallestN a number)';
  }
  const series = run.series;
  if (!Array.isArray(series) || series.length === 0) return 'diagnostics.json has no series entries';
  const bad = series.findIndex((e) => !isObject(e) || !ENTRY_NUMBERS.every((k) => isNumber(e[k])) || !isMatrix3(e.temperature));
  if (bad >= 0) return `series entry ${bad} of diagnostics.json lacks ${ENTRY_NUMBERS.join(', ')} or the temperature tensor`;
  const reference = run.radialReference;
  if (reference !== undefined) {
    const ok = isObject(reference) && isNumber(reference.t) && Array.isArray(reference.r) && Array.isArray(reference.f) &&
      reference.r.length === reference.f.length && reference.r.every(isNumber) && reference.f.every(isNumber);
    if (!ok) return 'the radial reference in diagnostics.json is damaged';
  }
  try {
    const { shape } = decodeNpy(final, 'final.npy');
    if (shape.length !== 3 || shape.some((d) => d !== n)) return `final.npy has shape (${shape.join(', ')}), not the run's (${n}, ${n}, ${n})`;
  } catch (err) {
    if (err instanceof NpyError) return err.message;
    throw err;
  }
  return null;
}
