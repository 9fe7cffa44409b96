// The radial profile view: the spherical average S F of the state against the scenario's closed
// forms (the blow-down: M + E(t) and the equilibrium M_eq; others: the Maxwellian with the state's
// mass and temperature).
import { maxwellian } from '../src/core/math/closed-forms.js';
import type { Simulation } from './simulation.js';
import { drawPlot, type Curve } from './plots.js';

export function drawProfile(canvas: HTMLCanvasElement, sim: Simulation): void {
  const { average, entry } = sim.snapshot;
  // The ball inside the box, where the grid holds the whole shell.
  const rMax = sim.grid.L;
  const samples = 200;
  const r = Float64Array.from({ length: samples }, (_, i) => (rMax * i) / (samples - 1));
  const curves: Curve[] = [];
  const closed = sim.definition.referenceProfile?.(sim.t, sim.params);
  const eq = sim.definition.equilibriumProfile?.(sim.params);
  if (closed && eq) {
    curves.push({ x: r, y: r.map((x) => closed.at(x * x)), colour: '#d95f02', label: closed.name });
    curves.push({ x: r, y: r.map((x) => eq.at(x * x)), colour: '#7570b3', label: eq.name });
  } else {
    const T = (entry.temperature[0][0] + entry.temperature[1][1] + entry.temperature[2][2]) / 3;
    curves.push({ x: r, y: r.map((x) => entry.mass * maxwellian(x * x, T)), colour: '#7570b3', label: 'M_eq' });
  }
  const inside = average.r.findIndex((x) => x > rMax);
  const end = inside < 0 ? average.r.length : inside;
  curves.push({ x: average.r.subarray(0, end), y: average.f.subarray(0, end), colour: '#1b9e77', label: 'S F', dots: true });
  // An off-centre or anisotropic bump: its measured moments against the generalised profile E_u.
  const b = sim.snapshot.bump;
  const f = (x: number) => x.toPrecision(3);
  const title = b
    ? `spherical average vs |v|; bump at u_x ${f(b.centre[0]!)}, Σ_xx ${f(b.measured[0]!)} (E_u ${f(b.predicted[0]!)}), Σ_yy ${f(b.measured[1]!)} (E_u ${f(b.predicted[1]!)})`
    : 'spherical average vs |v|';
  drawPlot(canvas, curves, { title, logY: true, xLabel: '|v|' });
}
