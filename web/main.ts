// The page: WebGPU device → GPU Landau operator (the solver's own TypeScript and WGSL) → a few
// RK3 steps per animation frame, each batch awaited on the GPU so the main thread stays free.
import { acquireBrowserGpu, BROWSER_HINT } from '../src/gpu/browser-gpu.js';
import { GpuUnavailableError, type GpuHandle } from '../src/gpu/gpu-handle.js';
import { parseQuery, toQuery, type DemoConfig, type Field } from './config.js';
import { bindButtons, bindControls, setPlayLabel, showConfig, showFieldError } from './controls.js';
import { History } from './history.js';
import { drawPlot } from './plots.js';
import { drawProfile } from './profile.js';
import { fmt, setText } from './readout.js';
import { Simulation } from './simulation.js';
import { drawColourBar, drawSlices } from './slices.js';

/** Device time aimed at per animation frame; the batch size follows from the measured step time. */
const FRAME_BUDGET_S = 0.03;
const MAX_STEPS_PER_FRAME = 8;

const canvas = (id: string) => document.getElementById(id) as HTMLCanvasElement;
const body = document.body;

let gpu: GpuHandle | null = null;
let sim: Simulation | null = null;
let config: DemoConfig;
let playing = true;
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
    try {
      await task();
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
    }
  });
  return chain;
}

function fail(err: unknown): void {
  playing = false;
  setPlayLabel(false);
  const message = err instanceof Error ? err.message : String(err);
  const box = document.getElementById('error')!;
  box.textContent = `Stopped: ${message}`;
  box.hidden = false;
  body.dataset.state = 'error';
  setText('status', 'error');
}

function clearError(): void {
  document.getElementById('error')!.hidden = true;
}

function render(): void {
  if (!sim) return;
  const s = sim.snapshot;
  const e = s.entry;
  const range = drawSlices([canvas('slice-xy'), canvas('slice-xz'), canvas('slice-yz')], sim.grid, s.state);
  drawColourBar(canvas('colour-bar'), range);
  drawProfile(canvas('profile'), sim);
  const t = history.t;
  drawPlot(canvas('series-entropy'), [{ x: t, y: history.entropy, colour: '#1b9e77', label: 'H' }], { title: 'entropy ∫F log F' });
  drawPlot(canvas('series-ef'), [{ x: t, y: history.ef, colour: '#d95f02', label: '' }], {
    title: sim.config.scenario === 'blowdown' ? '‖E + f‖_L²_M (|v| ≤ 4)' : '‖E + f‖_L²_M (blow-down only)',
  });
  drawPlot(canvas('series-anisotropy'), [{ x: t, y: history.anisotropy, colour: '#7570b3', label: '' }], { title: 'anisotropy ‖F − SF‖/‖F‖' });
  drawPlot(canvas('series-mass'), [{ x: t, y: history.massDrift, colour: '#e7298a', label: '' }], { title: 'mass drift', xLabel: 't' });
  setText('time', fmt(e.t, 5), e.t);
  setText('steps', String(e.step), e.step);
  setText('dt', fmt(e.dt, 3), e.dt);
  setText('mass-drift', fmt(e.massDrift, 3), e.massDrift);
  setText('entropy', e.entropy.toPrecision(9), e.entropy);
  const dH = e.entropy - history.entropy[0]!;
  setText('entropy-change', fmt(dH, 3), dH);
  setText('ef-l2m', fmt(s.Ef_L2M, 4), s.Ef_L2M ?? NaN);
  setText('anisotropy', fmt(s.anisotropy, 3), s.anisotropy);
}

async function build(next: DemoConfig): Promise<void> {
  sim?.dispose();
  sim = null;
  config = next;
  window.history.replaceState(null, '', toQuery(config));
  showConfig(config);
  setText('status', `building N = ${config.n} (${config.conv})…`);
  body.dataset.state = 'loading';
  history.clear();
  sim = await Simulation.create(gpu!, config);
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
  const result = await sim.advance(steps);
  history.push(sim.snapshot);
  rate.steps += result.steps;
  const elapsed = (performance.now() - rate.since) / 1000;
  setText('step-time', `${(result.stepSeconds * 1000).toFixed(1)} ms`, result.stepSeconds);
  if (elapsed > 0) setText('steps-per-second', (rate.steps / elapsed).toFixed(2), rate.steps / elapsed);
  stepsPerFrame = Math.max(1, Math.min(MAX_STEPS_PER_FRAME, Math.round(FRAME_BUDGET_S / Math.max(result.stepSeconds, 1e-6))));
  render();
}

function frame(): void {
  if (!busy && sim && (playing || pendingSteps > 0)) {
    const steps = playing ? stepsPerFrame : 1;
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
  try {
    gpu = await acquireBrowserGpu();
  } catch (err) {
    noWebGpu(err instanceof GpuUnavailableError || err instanceof Error ? err.message : String(err));
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
      window.history.replaceState(null, '', toQuery(config));
      void run(() => build(next));
    },
  );
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
