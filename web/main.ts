// The page: WebGPU device → GPU Landau operator (the solver's own TypeScript and WGSL) → a few
// RK3 steps per animation frame, each batch awaited on the GPU so the main thread stays free.
import { acquireBrowserGpu, BROWSER_HINT } from '../src/backends/gpu/device/browser-gpu.js';
import { GpuUnavailableError, type GpuHandle } from '../src/backends/gpu/device/gpu-handle.js';
import { entropyVerdict, fisherVerdict, verdictLine } from '../src/diagnostics/monotonicity.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { demoResolution, parseQuery, parseViewQuery, resolvedConv, toQuery, type DemoConfig, type Field, type ViewField, type ViewSettings } from './config.js';
import { bindButtons, bindControls, bindView, setPlayLabel, showConfig, showFieldError, showView, showViewError } from './controls.js';
import { History } from './history.js';
import { drawPlot } from './plots.js';
import { drawProfile } from './profile.js';
import { fmt, setText } from './readout.js';
import { Simulation } from './simulation.js';
import { drawColourBar, drawSlices, type SliceMode } from './slices.js';
import { VolumeView } from './volume.js';
import { DEMO_NAMES, demoMessage } from './option-names.js';

/** Device time aimed at per animation frame; the batch size follows from the measured step time. */
const FRAME_BUDGET_S = 0.03;
const MAX_STEPS_PER_FRAME = 8;

const canvas = (id: string) => document.getElementById(id) as HTMLCanvasElement;
const body = document.body;

let gpu: GpuHandle | null = null;
let sim: Simulation | null = null;
let config: DemoConfig;
let view: ViewSettings;
let volume: VolumeView | null = null;
let playing = true;
/** Set once the end time has stopped the run (a later play goes on without stopping again). */
let pastEnd = false;
let stepsPerFrame = 1;
let pendingSteps = 0;
/** All GPU work goes through this chain, one task at a time. */
let chain: Promise<void> = Promise.resolve();
let busy = false;
const history = new History();
const rate = { since: 0, steps: 0 };

function run(task: () => Promise<void>): Promise<void> {
  chain = chain.then(async () => {
    busy = true;
    body.dataset.busy = 'true'; // for tests: a batch or rebuild is under way
    try {
      await task();
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
      delete body.dataset.busy;
    }
  });
  return chain;
}

function fail(err: unknown): void {
  playing = false;
  setPlayLabel(false);
  const message = demoMessage(err);
  const box = document.getElementById('error')!;
  box.textContent = `Stopped: ${message}`;
  box.hidden = false;
  body.dataset.state = 'error';
  setText('status', 'error');
}

function clearError(): void {
  document.getElementById('error')!.hidden = true;
}

/** What the slices show: log₁₀ F, or F minus its reference (M + E(t) for the blow-down; else the Maxwellian of F's mass, mean velocity and temperature). */
function sliceMode(current: Simulation): SliceMode {
  if (view.slices === 'log') return { kind: 'log' };
  const closed = current.definition.referenceProfile?.(current.t, current.params);
  if (closed) return { kind: 'dev', label: `${closed.deviation}(t)`, ref: (x, y, z) => closed.at(x * x + y * y + z * z) };
  const { mass, momentum, temperature } = current.snapshot.entry;
  const T = (temperature[0][0] + temperature[1][1] + temperature[2][2]) / 3;
  const u = momentum.map((p) => p / mass);
  return {
    kind: 'dev',
    label: 'F − M',
    ref: (x, y, z) => mass * maxwellian((x - u[0]!) ** 2 + (y - u[1]!) ** 2 + (z - u[2]!) ** 2, T),
  };
}

function renderSlices(): void {
  if (!sim) return;
  const mode = sliceMode(sim);
  const range = drawSlices([canvas('slice-xy'), canvas('slice-xz'), canvas('slice-yz')], sim.grid, sim.snapshot.state, mode);
  drawColourBar(canvas('colour-bar'), range);
  document.getElementById('slices-title')!.textContent = `${range.label} on three planes through v = 0`;
}

function render(): void {
  if (!sim) return;
  const s = sim.snapshot;
  const e = s.entry;
  renderSlices();
  volume?.update(sim.grid, s.state);
  drawProfile(canvas('profile'), sim);
  const t = history.t;
  drawPlot(canvas('series-entropy'), [{ x: t, y: history.entropy, colour: '#1b9e77', label: 'H' }], { title: 'entropy ∫F log F' });
  // ‖E + f‖ measures the blow-down against its closed form E(t): other scenarios have none, so no panel.
  const efApplies = s.Ef_L2M !== null;
  canvas('series-ef').hidden = !efApplies;
  if (efApplies) drawPlot(canvas('series-ef'), [{ x: t, y: history.ef, colour: '#d95f02', label: '' }], { title: '‖E + f‖ in L²(M⁻¹), |v| ≤ 4' });
  drawPlot(canvas('series-anisotropy'), [{ x: t, y: history.anisotropy, colour: '#7570b3', label: '' }], { title: 'anisotropy ‖F − SF‖/‖F‖' });
  drawPlot(canvas('series-mass'), [{ x: t, y: history.massDrift, colour: '#e7298a', label: '' }], { title: 'mass drift', xLabel: 't' });
  drawPlot(canvas('series-fisher'), [{ x: t, y: history.fisher, colour: '#66a61e', label: '' }], { title: 'Fisher information ∫|∇F|²/F', xLabel: 't' });
  drawPlot(canvas('series-energy'), [{ x: t, y: history.energyDrift, colour: '#e6ab02', label: '' }], { title: 'energy drift (E − E₀)/E₀', xLabel: 't' });
  drawPlot(canvas('series-momentum'), [{ x: t, y: history.momentumDrift, colour: '#a6761d', label: '' }], { title: 'momentum drift |P − P₀|/√(mE)', xLabel: 't' });
  setText('time', fmt(e.t, 5), e.t);
  setText('steps', String(e.step), e.step);
  setText('dt', fmt(e.dt, 3), e.dt);
  setText('mass-drift', fmt(e.massDrift, 3), e.massDrift);
  setText('entropy', e.entropy.toPrecision(9), e.entropy);
  const dH = e.entropy - history.entropy[0]!;
  setText('entropy-change', fmt(dH, 3), dH);
  // f32 state: rises within round-off are said to be so; larger ones are flagged.
  const verdicts = [entropyVerdict(history.entries, 'f32'), fisherVerdict(history.entries, 'f32')];
  const monotone = document.getElementById('monotonicity')!;
  monotone.textContent = verdicts.map((v) => verdictLine(v, 'f32', DEMO_NAMES)).join('; ');
  monotone.dataset.flagged = String(verdicts.some((v) => v.beyondRoundoff > 0));
  setText('ef-l2m', efApplies ? fmt(s.Ef_L2M, 4) : `does not apply: E(t) is the blow-down's closed form`, s.Ef_L2M ?? NaN);
  setText('anisotropy', fmt(s.anisotropy, 3), s.anisotropy);
}

async function build(next: DemoConfig): Promise<void> {
  sim?.dispose();
  sim = null;
  config = next;
  window.history.replaceState(null, '', toQuery(config, view));
  showConfig(config);
  const resolution = demoResolution(config);
  const note = document.getElementById('resolution')!;
  note.textContent = resolution.resolved ? resolution.message : `NOT resolved (allowed): ${resolution.message}`;
  note.dataset.resolved = String(resolution.resolved);
  const building = `building N = ${config.n} (${resolvedConv(config)} convolution${config.conv === 'auto' ? ', auto' : ''}): kernel table, spectra and pipelines`;
  setText('status', `${building}…`);
  body.dataset.state = 'loading';
  history.clear();
  pastEnd = false;
  // Large grids take seconds to build: the status counts them.
  const started = performance.now();
  const ticking = setInterval(() => setText('status', `${building}… ${((performance.now() - started) / 1000).toFixed(0)} s`), 500);
  try {
    sim = await Simulation.create(gpu!, config);
  } finally {
    clearInterval(ticking);
  }
  history.push(sim.snapshot);
  rate.since = performance.now();
  rate.steps = 0;
  clearError();
  setText('step-time', '—');
  setText('steps-per-second', '—');
  render();
  setStatus();
}

function setStatus(): void {
  body.dataset.state = playing ? 'running' : 'paused';
  setText('status', playing ? 'running' : 'paused');
}

async function advance(steps: number): Promise<void> {
  if (!sim) return;
  const result = await sim.advance(steps, pastEnd ? Infinity : view.tEnd);
  history.push(sim.snapshot);
  rate.steps += result.steps;
  const elapsed = (performance.now() - rate.since) / 1000;
  setText('step-time', `${(result.stepSeconds * 1000).toFixed(1)} ms`, result.stepSeconds);
  if (elapsed > 0) setText('steps-per-second', (rate.steps / elapsed).toFixed(2), rate.steps / elapsed);
  // 'auto': as many steps as fit the frame budget; otherwise the chosen steps per frame.
  stepsPerFrame = view.speed !== 'auto' ? view.speed : Math.max(1, Math.min(MAX_STEPS_PER_FRAME, Math.round(FRAME_BUDGET_S / Math.max(result.stepSeconds, 1e-6))));
  render();
  // The end time: the run pauses at the first step that reaches it (play goes on past it).
  if (playing && sim.snapshot.entry.t >= view.tEnd * (1 - 1e-12) && !pastEnd) {
    pastEnd = true;
    setPlaying(false);
    setText('status', `paused at t = ${fmt(sim.snapshot.entry.t, 4)}: the end time ${view.tEnd} is reached (play to go on)`);
    body.dataset.state = 'ended';
  }
}

function frame(): void {
  if (!busy && sim && (playing || pendingSteps > 0)) {
    const steps = playing ? (view.speed === 'auto' ? stepsPerFrame : view.speed) : 1;
    pendingSteps = Math.max(0, pendingSteps - 1);
    void run(() => advance(steps));
  }
  requestAnimationFrame(frame);
}

function setPlaying(on: boolean): void {
  playing = on;
  setPlayLabel(on);
  if (on) {
    rate.since = performance.now();
    rate.steps = 0;
  }
  if (sim) setStatus();
}

function noWebGpu(message: string): void {
  const box = document.getElementById('no-webgpu')!;
  box.innerHTML = '';
  const title = document.createElement('strong');
  title.textContent = 'WebGPU is not available, so the simulator cannot run here. ';
  const text = document.createElement('span');
  text.textContent = message.includes(BROWSER_HINT) ? message : `${message} ${BROWSER_HINT}`;
  box.append(title, text);
  box.hidden = false;
  document.getElementById('app')!.hidden = true;
  body.dataset.state = 'no-webgpu';
}

async function start(): Promise<void> {
  const parsed = parseQuery(window.location.search);
  config = parsed.config;
  showConfig(config);
  for (const [field, message] of Object.entries(parsed.errors)) showFieldError(field as Field, message);
  const parsedView = parseViewQuery(window.location.search);
  view = parsedView.view;
  showView(view);
  for (const [field, message] of Object.entries(parsedView.errors)) showViewError(field as ViewField, message);
  try {
    gpu = await acquireBrowserGpu();
  } catch (err) {
    noWebGpu(err instanceof GpuUnavailableError ? err.message : demoMessage(err));
    return;
  }
  setText('device', gpu.description);
  gpu.device.lost.then((info) => {
    if (info.reason !== 'destroyed') fail(new Error(`GPU device lost: ${info.message}`));
  });
  bindControls(
    () => config,
    (next) => {
      config = next; // at once, so that a second edit builds on this one
      window.history.replaceState(null, '', toQuery(config, view));
      void run(() => build(next));
    },
  );
  bindView(
    () => view,
    (next) => {
      // A later end time stops the run again when it is reached.
      if (next.tEnd !== view.tEnd) pastEnd = false;
      view = next;
      window.history.replaceState(null, '', toQuery(config, view));
      renderSlices();
    },
  );
  try {
    volume = new VolumeView(gpu.device, canvas('volume'));
  } catch (err) {
    document.getElementById('volume-view')!.hidden = true;
    console.warn('3D view unavailable:', err);
  }
  bindButtons({
    play: () => setPlaying(!playing),
    step: () => {
      setPlaying(false);
      pendingSteps++;
    },
    reset: () => void run(() => build(config)),
  });
  setPlayLabel(playing);
  await run(() => build(config));
  requestAnimationFrame(frame);
}

void start();
