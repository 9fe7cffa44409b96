// The radial profile view: the spherical average S F of the state against the explicit
// blow-down profile M + E(t) and the equilibrium M_eq (for other scenarios: the Maxwellian with
// the state's mass and temperature).
import { blowdownEquilibrium, explicitProfile } from '../src/scenarios/blowdown-profile.js';
import { maxwellian } from '../src/math/closed-forms.js';
import type { Simulation } from './simulation.js';
import { drawPlot, type Curve } from './plots.js';

export function drawProfile(canvas: HTMLCanvasElement, sim: Simulation): void {
  const { average, entry } = sim.snapshot;
  // The ball inside the box, where the grid holds the whole shell.
  const rMax = sim.grid.L;
  const samples = 200;
  const r = Float64Array.from({ length: samples }, (_, i) => (rMax * i) / (samples - 1));
  const curves: Curve[] = [];
  const c = sim.config;
  if (c.scenario === 'blowdown') {
    const e = explicitProfile(sim.t, c);
    const eq = blowdownEquilibrium(c);
    curves.push({ x: r, y: r.map((x) => maxwellian(x * x) + e.mass * maxwellian(x * x, e.temperature)), colour: '#d95f02', label: 'M + E(t)' });
    curves.push({ x: r, y: r.map((x) => eq.mass * maxwellian(x * x, eq.temperature)), colour: '#7570b3', label: 'M_eq' });
  } else {
    const T = (entry.temperature[0][0] + entry.temperature[1][1] + entry.temperature[2][2]) / 3;
    curves.push({ x: r, y: r.map((x) => entry.mass * maxwellian(x * x, T)), colour: '#7570b3', label: 'M_eq' });
  }
  const inside = average.r.findIndex((x) => x > rMax);
  const end = inside < 0 ? average.r.length : inside;
  curves.push({ x: average.r.subarray(0, end), y: average.f.subarray(0, end), colour: '#1b9e77', label: 'S F', dots: true });
  drawPlot(canvas, curves, { title: 'spherical average vs |v|', logY: true, xLabel: '|v|' });
}
