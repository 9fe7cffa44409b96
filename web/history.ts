// The live time series (t, entropy, ‖E + f‖_{L²_M}, anisotropy, Fisher information and the mass,
// energy and momentum drifts), thinned to a bounded length.
import type { SeriesEntry } from '../src/diagnostics/series.js';
import type { Snapshot } from './simulation.js';

const MAX_POINTS = 1000;

export class History {
  t: number[] = [];
  entropy: number[] = [];
  ef: number[] = [];
  anisotropy: number[] = [];
  massDrift: number[] = [];
  fisher: number[] = [];
  energyDrift: number[] = [];
  momentumDrift: number[] = [];
  /** The series entries behind the points (for the monotonicity verdicts). */
  entries: SeriesEntry[] = [];

  private get all(): unknown[][] {
    return [this.t, this.entropy, this.ef, this.anisotropy, this.massDrift, this.fisher, this.energyDrift, this.momentumDrift, this.entries];
  }

  clear(): void {
    for (const a of this.all) a.length = 0;
  }

  push(s: Snapshot): void {
    this.t.push(s.entry.t);
    this.entropy.push(s.entry.entropy);
    this.ef.push(s.Ef_L2M ?? NaN);
    this.anisotropy.push(s.anisotropy);
    this.massDrift.push(s.entry.massDrift);
    this.fisher.push(s.entry.fisher);
    this.energyDrift.push(s.entry.energyDrift);
    this.momentumDrift.push(s.entry.momentumDrift);
    this.entries.push(s.entry);
    if (this.t.length > MAX_POINTS) {
      // Keep the first point and every second one after it.
      for (const a of this.all) {
        const kept = a.filter((_, i) => i === 0 || i % 2 === 1 || i === a.length - 1);
        a.length = 0;
        a.push(...kept);
      }
    }
  }
}
