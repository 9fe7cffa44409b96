// The live time series (t, entropy, ‖E + f‖_{L²_M}, anisotropy, mass drift), thinned to a bounded length.
import type { Snapshot } from './simulation.js';

const MAX_POINTS = 1000;

export class History {
  t: number[] = [];
  entropy: number[] = [];
  ef: number[] = [];
  anisotropy: number[] = [];
  massDrift: number[] = [];

  clear(): void {
    for (const a of [this.t, this.entropy, this.ef, this.anisotropy, this.massDrift]) a.length = 0;
  }

  push(s: Snapshot): void {
    this.t.push(s.entry.t);
    this.entropy.push(s.entry.entropy);
    this.ef.push(s.Ef_L2M ?? NaN);
    this.anisotropy.push(s.anisotropy);
    this.massDrift.push(s.entry.massDrift);
    if (this.t.length > MAX_POINTS) {
      // Keep the first point and every second one after it.
      for (const a of [this.t, this.entropy, this.ef, this.anisotropy, this.massDrift]) {
        const kept = a.filter((_, i) => i === 0 || i % 2 === 1 || i === a.length - 1);
        a.length = 0;
        a.push(...kept);
      }
    }
  }
}
