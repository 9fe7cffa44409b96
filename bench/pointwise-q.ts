// Pointwise accuracy of the discrete collision operator: Q(F,F) of sums of Maxwellians on the cell
// centres against the exact Q = A[F]:∇²F + F² (src/core/math/gaussian-collision.ts), per gradient
// order and grid size, on the native CPU backend (f64, FFT convolutions, one thread):
//   relative L2 error of Q, observed order between successive N, and the entropy production
//   ∫ log F · Q against its exact value on the same cells.
//   npx tsx bench/pointwise-q.ts [--orders 2,4,6,8] [--n 16,24,32,48] [--cases twoMax,bump,offBump,blowdown] [--json FILE]
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { Grid } from '../src/core/grid/grid.js';
import { collisionOfMaxwellians, type MaxwellianTerm } from '../src/core/math/gaussian-collision.js';
import { Equation } from '../src/equation/equation.js';
import { GRADIENT_ORDERS, type GradientOrder } from '../src/equation/log-gradient.js';

interface PointwiseCase {
  label: string;
  L: number;
  terms: MaxwellianTerm[];
}

const bump = (delta: number, alpha: number, centre: [number, number, number]): MaxwellianTerm[] => [
  { weight: 1, centre: [0, 0, 0], temperature: 1 },
  { weight: Math.pow(delta, alpha), centre, temperature: delta },
];

export const POINTWISE_CASES: Record<string, PointwiseCase> = {
  twoMax: {
    label: 'two Maxwellians ±1.5 e_x, L = 7',
    L: 7,
    terms: [
      { weight: 0.5, centre: [1.5, 0, 0], temperature: 1 },
      { weight: 0.5, centre: [-1.5, 0, 0], temperature: 1 },
    ],
  },
  bump: { label: 'centred bump δ = α = 0.3, L = 6', L: 6, terms: bump(0.3, 0.3, [0, 0, 0]) },
  offBump: { label: 'bump δ = α = 0.3 at (1, 0, 0), L = 6', L: 6, terms: bump(0.3, 0.3, [1, 0, 0]) },
  blowdown: { label: 'blow-down δ = 0.1, α = 0.4, L = 6', L: 6, terms: bump(0.1, 0.4, [0, 0, 0]) },
};

export interface PointwiseRow {
  case: string;
  order: GradientOrder;
  n: number;
  qError: number;
  entropyProductionError: number;
}

/** Q of the case on an N³ grid with the given gradient order, against the exact values. */
export async function pointwiseError(name: string, order: GradientOrder, n: number): Promise<PointwiseRow> {
  const spec = POINTWISE_CASES[name]!;
  const grid = new Grid({ n, L: spec.L });
  const f = new Float64Array(grid.cells);
  const exact = new Float64Array(grid.cells);
  for (let c = 0; c < grid.cells; c++) {
    const p = collisionOfMaxwellians(spec.terms, grid.velocity(c));
    f[c] = p.f;
    exact[c] = p.q;
  }
  const op = new CpuLandauOperator(grid, { equation: new Equation({ gradient: order }), conv: 'fft' });
  op.setState(f);
  const q = await op.collision();
  op.dispose();
  let diff = 0;
  let norm = 0;
  let production = 0;
  let exactProduction = 0;
  for (let c = 0; c < grid.cells; c++) {
    diff += (q[c]! - exact[c]!) ** 2;
    norm += exact[c]! ** 2;
    const lf = Math.log(f[c]!);
    production += lf * q[c]!;
    exactProduction += lf * exact[c]!;
  }
  return { case: name, order, n, qError: Math.sqrt(diff / norm), entropyProductionError: production / exactProduction - 1 };
}

async function main(): Promise<void> {
  const opts = new Command('pointwise-q')
    .option('--orders <list>', 'gradient orders', GRADIENT_ORDERS.join(','))
    .option('--n <list>', 'grid sizes', '16,24,32,48')
    .option('--cases <list>', `cases: ${Object.keys(POINTWISE_CASES).join(', ')}`, 'twoMax,bump')
    .option('--json <file>', 'also write the rows as JSON')
    .parse(process.argv)
    .opts<{ orders: string; n: string; cases: string; json?: string }>();
  const orders = opts.orders.split(',').map(Number) as GradientOrder[];
  const sizes = opts.n.split(',').map(Number);
  const rows: PointwiseRow[] = [];
  for (const name of opts.cases.split(',')) {
    console.log(`\n${POINTWISE_CASES[name]!.label}: relative L2 error of Q (observed order), entropy production error`);
    for (const order of orders) {
      const cells: string[] = [];
      let previous: PointwiseRow | null = null;
      for (const n of sizes) {
        const row = await pointwiseError(name, order, n);
        rows.push(row);
        const observed = previous ? ` (${(Math.log(previous.qError / row.qError) / Math.log(n / previous.n)).toFixed(1)})` : '';
        cells.push(`N=${n}: ${(100 * row.qError).toFixed(3)} %${observed}, H' ${(100 * row.entropyProductionError).toFixed(2)} %`);
        previous = row;
      }
      console.log(`  order ${order}: ${cells.join(' | ')}`);
    }
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(rows, null, 1) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
