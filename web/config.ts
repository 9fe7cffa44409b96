// The demo's configuration: parsed from and written to the URL query, every field validated
// (finite, in range). Bad values never throw: they come back as messages keyed by field.
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS, type GradientOrder } from '../src/equation/log-gradient.js';
import { Grid } from '../src/core/grid/grid.js';
import { COULOMB_GAMMA } from '../src/core/kernel/kernel-table.js';
import { scenario, scenariosFor } from '../src/scenarios/catalogue.js';
import { RESOLUTION_TOL, scenarioResolution, separableTerms, smallestResolvingN } from '../src/scenarios/resolution.js';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_PARAMS, type ScenarioName, type ScenarioParams } from '../src/scenarios/scenario-params.js';

/** The convolution path; 'auto' takes the FFT from N = 11, where it overtakes direct summation. */
export type ConvName = 'auto' | 'direct' | 'fft';
const FFT_FROM_N = 11;

/** The path a configuration runs on. */
export function resolvedConv(c: Pick<DemoConfig, 'conv' | 'n'>): 'direct' | 'fft' {
  return c.conv !== 'auto' ? c.conv : c.n >= FFT_FROM_N ? 'fft' : 'direct';
}
/** Whether the demo runs data its grid does not resolve (the command line's --allow-unresolved). */
export type UnresolvedPolicy = 'refuse' | 'allow';

export interface DemoConfig {
  scenario: ScenarioName;
  n: number;
  L: number;
  conv: ConvName;
  delta: number;
  alpha: number;
  /** blowdown: the bump's centre along v_x and its stretch a along v_x (covariance δ·diag(a, 1, 1)). */
  bumpU: number;
  bumpA: number;
  tPar: number;
  tPerp: number;
  unresolved: UnresolvedPolicy;
  /** Order of the log F gradient in the flux (src/equation/log-gradient.ts). */
  gradient: GradientOrder;
}

/** A blow-down the default grid resolves (δ = 0.3 needs N ≥ 17 at L = 6). */
export const DEFAULT_CONFIG: DemoConfig = {
  scenario: DEFAULT_SCENARIO,
  n: 24,
  L: 6,
  conv: 'auto',
  delta: 0.3,
  alpha: 0.4,
  bumpU: 0,
  bumpA: 1,
  tPar: 1.5,
  tPerp: 0.75,
  unresolved: 'refuse',
  gradient: DEFAULT_GRADIENT_ORDER,
};

export type NumericField = 'n' | 'L' | 'delta' | 'alpha' | 'bumpU' | 'bumpA' | 'tPar' | 'tPerp';
export type Field = NumericField | 'scenario' | 'conv' | 'unresolved' | 'gradient';

interface Range {
  min: number;
  max: number;
  /** Exclusive bounds (an open interval). */
  open?: boolean;
  integer?: boolean;
  label: string;
}

/** N up to 48: beyond that a browser tab (and SwiftShader) becomes unusably slow. */
export const RANGES: Record<NumericField, Range> = {
  n: { min: 4, max: 48, integer: true, label: 'N' },
  L: { min: 2, max: 20, label: 'L' },
  delta: { min: 0, max: 1, open: true, label: 'δ' },
  alpha: { min: 0, max: 2, open: true, label: 'α' },
  bumpU: { min: 0, max: 3, label: 'bump centre u_x' },
  bumpA: { min: 0.1, max: 10, label: 'bump stretch a' },
  tPar: { min: 0.05, max: 10, label: 'T∥' },
  tPerp: { min: 0.05, max: 10, label: 'T⊥' },
};

/** URL query key of each field. */
export const QUERY_KEYS: Record<Field, string> = {
  scenario: 'scenario',
  n: 'n',
  L: 'L',
  conv: 'conv',
  delta: 'delta',
  alpha: 'alpha',
  bumpU: 'bumpu',
  bumpA: 'bumpa',
  tPar: 'tpar',
  tPerp: 'tperp',
  unresolved: 'unresolved',
  gradient: 'gradient',
};

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

export function validateNumber(field: NumericField, raw: string): Validated<number> {
  const r = RANGES[field];
  const text = raw.trim();
  if (text === '') return { ok: false, error: `${r.label} is empty` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, error: `${r.label} must be a finite number` };
  if (r.integer && !Number.isInteger(value)) return { ok: false, error: `${r.label} must be a whole number` };
  const inside = r.open ? value > r.min && value < r.max : value >= r.min && value <= r.max;
  if (!inside) {
    const interval = r.open ? `(${r.min}, ${r.max})` : `[${r.min}, ${r.max}]`;
    return { ok: false, error: `${r.label} must lie in ${interval}` };
  }
  return { ok: true, value };
}

/** The demo integrates the Coulomb equation: the scenarios whose closed forms hold for γ = −3. */
export const DEMO_SCENARIOS = scenariosFor(COULOMB_GAMMA).map((s) => s.name);

export function validateScenario(raw: string): Validated<ScenarioName> {
  return (DEMO_SCENARIOS as readonly string[]).includes(raw)
    ? { ok: true, value: raw as ScenarioName }
    : { ok: false, error: `unknown scenario '${raw}' (${DEMO_SCENARIOS.join(', ')})` };
}

export function validateConv(raw: string): Validated<ConvName> {
  return raw === 'auto' || raw === 'direct' || raw === 'fft' ? { ok: true, value: raw } : { ok: false, error: `convolution must be auto, direct or fft` };
}

export function validatePolicy(raw: string): Validated<UnresolvedPolicy> {
  return raw === 'refuse' || raw === 'allow' ? { ok: true, value: raw } : { ok: false, error: `unresolved data: refuse or allow` };
}

export function validateGradient(raw: string): Validated<GradientOrder> {
  const order = Number(raw);
  return (GRADIENT_ORDERS as readonly number[]).includes(order)
    ? { ok: true, value: order as GradientOrder }
    : { ok: false, error: `log F difference order must be one of ${GRADIENT_ORDERS.join(', ')}` };
}

export function validateField(field: Field, raw: string): Validated<DemoConfig[Field]> {
  if (field === 'scenario') return validateScenario(raw);
  if (field === 'conv') return validateConv(raw);
  if (field === 'unresolved') return validatePolicy(raw);
  if (field === 'gradient') return validateGradient(raw);
  return validateNumber(field, raw);
}

export const FIELDS: readonly Field[] = ['scenario', 'n', 'L', 'conv', 'gradient', 'delta', 'alpha', 'bumpU', 'bumpA', 'tPar', 'tPerp', 'unresolved'];

export interface DemoResolution {
  resolved: boolean;
  /** One sentence for the page: what the grid misses and which N resolves it. */
  message: string;
}

/** The resolution guard of the command line (src/scenarios/resolution.ts) for a demo configuration. */
/** The scenario parameters of a configuration (the others keep their defaults). */
export function demoScenarioParams(c: DemoConfig): ScenarioParams {
  return { ...DEFAULT_SCENARIO_PARAMS, delta: c.delta, alpha: c.alpha, tPar: c.tPar, tPerp: c.tPerp, bumpCenter: [c.bumpU, 0, 0], bumpTemps: [c.bumpA, 1, 1] };
}

export function demoResolution(c: DemoConfig): DemoResolution {
  const params = demoScenarioParams(c);
  const terms = separableTerms(c.scenario, params);
  const r = scenarioResolution(new Grid({ n: c.n, L: c.L }), terms);
  if (r.resolved) return { resolved: true, message: `resolved: mass and second moments within ${r.error.toExponential(1)} of their exact values (limit ${RESOLUTION_TOL})` };
  const need = smallestResolvingN(c.L, terms, 512, (n) => new Grid({ n, L: c.L }));
  const fix = need === null ? `no N resolves it at L = ${c.L} (the box cuts its tails)` : `N ≥ ${need} resolves it at L = ${c.L}`;
  return { resolved: false, message: `N = ${c.n} does not resolve ${r.worst}: its mass or second moments are off by ${r.error.toExponential(2)} (limit ${RESOLUTION_TOL}); ${fix}` };
}

/** The configuration in a query string; fields that are missing take defaults, bad ones too (with a message). */
export function parseQuery(search: string): { config: DemoConfig; errors: Partial<Record<Field, string>> } {
  const params = new URLSearchParams(search);
  const config: DemoConfig = { ...DEFAULT_CONFIG };
  const errors: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const raw = params.get(QUERY_KEYS[field]);
    if (raw === null) continue;
    const v = validateField(field, raw);
    if (v.ok) (config as unknown as Record<Field, unknown>)[field] = v.value;
    else errors[field] = `${v.error} (from the URL; using ${String(DEFAULT_CONFIG[field])})`;
  }
  return { config: refuseUnresolved(config, errors), errors };
}

/** The values that decide whether the grid resolves the data, other than N: the one refused when no N does. */
const DATA_FIELDS: readonly NumericField[] = ['delta', 'bumpA', 'bumpU', 'tPar', 'tPerp', 'L'];

/**
 * A configuration from the URL whose data the grid does not resolve (and the policy refuses): only
 * the value at fault is replaced, with its message. N is raised to the smallest that resolves the
 * data where the demo's grids reach it; otherwise the data value whose default the grid resolves.
 */
function refuseUnresolved(config: DemoConfig, errors: Partial<Record<Field, string>>): DemoConfig {
  const resolution = demoResolution(config);
  if (resolution.resolved || config.unresolved === 'allow') return config;
  const anyway = ' — or choose "allow" under unresolved data to run it anyway (from the URL)';
  const n = smallestDemoN(config);
  if (n !== null) {
    errors.n = `${resolution.message}; using N = ${n}${anyway}`;
    return { ...config, n };
  }
  for (const field of DATA_FIELDS) {
    const next = { ...config, [field]: DEFAULT_CONFIG[field] };
    if (next[field] === config[field] || !demoResolution(next).resolved) continue;
    errors[field] = `${resolution.message}, beyond the demo's N ≤ ${RANGES.n.max}; using ${RANGES[field].label} = ${DEFAULT_CONFIG[field]}${anyway}`;
    return next;
  }
  errors.n = `${resolution.message}; using the default grid and data${anyway}`;
  const fallback = { ...config, n: DEFAULT_CONFIG.n, ...Object.fromEntries(DATA_FIELDS.map((f) => [f, DEFAULT_CONFIG[f]])) };
  return demoResolution(fallback).resolved ? fallback : { ...DEFAULT_CONFIG };
}

/** The smallest N above the configuration's, within the demo's range, that resolves its data; null if none does. */
function smallestDemoN(c: DemoConfig): number | null {
  const terms = separableTerms(c.scenario, demoScenarioParams(c));
  const n = smallestResolvingN(c.L, terms, RANGES.n.max, (k) => new Grid({ n: k, L: c.L }));
  return n !== null && n > c.n ? n : null;
}

export function toQuery(config: DemoConfig, view: ViewSettings = DEFAULT_VIEW): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) params.set(QUERY_KEYS[field], String(config[field]));
  for (const field of VIEW_FIELDS) params.set(field, String(view[field]));
  return `?${params.toString()}`;
}

/** Which parameters a scenario uses (the others are hidden in the form). */
export function scenarioFields(s: ScenarioName): NumericField[] {
  // The demo's fields for the scenario's parameters: the bump's centre and shape through u_x and a.
  const demoFields: Partial<Record<string, NumericField[]>> = { delta: ['delta'], alpha: ['alpha'], bumpCenter: ['bumpU'], bumpTemps: ['bumpA'], tPar: ['tPar'], tPerp: ['tPerp'] };
  return scenario(s).params.flatMap((k) => demoFields[k] ?? []);
}

/** Display settings: in the URL too, but changing them never rebuilds the run. */
export type SliceView = 'log' | 'dev';
export type Speed = 'auto' | number;

export interface ViewSettings {
  /** Steps per animation frame: 1 … MAX_SPEED, or 'auto' (the batch that fits a frame's time budget). */
  speed: Speed;
  /** The slices show log₁₀ F, or the deviation F − M − E(t) (blow-down) / F − M (other scenarios). */
  slices: SliceView;
  /** The run pauses at the first step that reaches this time. */
  tEnd: number;
}

export const MAX_SPEED = 8;
export const T_END_MAX = 1e4;
export const DEFAULT_VIEW: ViewSettings = { speed: 'auto', slices: 'log', tEnd: 20 };
export type ViewField = keyof ViewSettings;
export const VIEW_FIELDS: readonly ViewField[] = ['speed', 'slices', 'tEnd'];

export function validateSpeed(raw: string): Validated<Speed> {
  const text = raw.trim();
  if (text === 'auto') return { ok: true, value: 'auto' };
  const value = Number(text);
  return text !== '' && Number.isInteger(value) && value >= 1 && value <= MAX_SPEED
    ? { ok: true, value }
    : { ok: false, error: `steps per frame must be auto or a whole number in [1, ${MAX_SPEED}]` };
}

export function validateSliceView(raw: string): Validated<SliceView> {
  return raw === 'log' || raw === 'dev' ? { ok: true, value: raw } : { ok: false, error: `slices must be log or dev` };
}

export function validateTEnd(raw: string): Validated<number> {
  const text = raw.trim();
  const value = Number(text);
  return text !== '' && Number.isFinite(value) && value > 0 && value <= T_END_MAX
    ? { ok: true, value }
    : { ok: false, error: `end time must be a number in (0, ${T_END_MAX}]` };
}

export function validateViewField(field: ViewField, raw: string): Validated<ViewSettings[ViewField]> {
  if (field === 'speed') return validateSpeed(raw);
  if (field === 'tEnd') return validateTEnd(raw);
  return validateSliceView(raw);
}

/** The display settings in a query string; bad ones take defaults, with a message. */
export function parseViewQuery(search: string): { view: ViewSettings; errors: Partial<Record<ViewField, string>> } {
  const params = new URLSearchParams(search);
  const view: ViewSettings = { ...DEFAULT_VIEW };
  const errors: Partial<Record<ViewField, string>> = {};
  for (const field of VIEW_FIELDS) {
    const raw = params.get(field);
    if (raw === null) continue;
    const v = validateViewField(field, raw);
    if (v.ok) (view as unknown as Record<ViewField, unknown>)[field] = v.value;
    else errors[field] = `${v.error} (from the URL; using ${String(DEFAULT_VIEW[field])})`;
  }
  return { view, errors };
}
