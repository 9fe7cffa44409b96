// `run --dry-run`: the memory plan of the backend a run would take (the same choice as
// create-operator-node.ts), printed before anything is allocated; nothing is written.
import type { Grid } from '../core/grid/grid.js';
import { fftSize } from '../core/grid/fft-size.js';
import { acquireNodeGpu } from '../backends/gpu/device/node-gpu.js';
import { GpuUnavailableError } from '../backends/gpu/device/gpu-handle.js';
import { resolveConv } from '../backends/node/create-operator-node.js';
import { cpuBytes, OPERATOR_F64_PER_CELL, USABLE_SHARE, usableMemory } from '../backends/cpu/memory-plan.js';
import { workspaceBytes, WORKSPACE_FIELDS } from '../backends/cpu/fft/fft-workspace.js';
import { gpuMemoryPlan, mibToBytes, planLimits, planSummary, planTable } from '../backends/gpu/memory-plan.js';
import type { RunOptions } from './run-options.js';
import { word } from '../core/errors/user-input-error.js';
import { CLI_FLAGS } from './option-flags.js';

const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;

/** The plan in lines, and whether it fits (a run would start). */
export interface MemoryPlanReport {
  lines: string[];
  fits: boolean;
}

export async function memoryPlanReport(grid: Grid, opts: RunOptions): Promise<MemoryPlanReport> {
  if (opts.backend !== 'cpu') {
    try {
      const gpu = await acquireNodeGpu();
      try {
        if (opts.backend === 'gpu' || !gpu.isFallback) {
          const conv = resolveConv(opts.conv, grid.n);
          const limits = planLimits(gpu.device, mibToBytes(opts.maxBufferMib));
          const plan = gpuMemoryPlan(grid.n, conv, limits, opts.gradient);
          return { lines: [`memory plan: WGSL backend on ${gpu.description}`, word(planTable(plan, limits), CLI_FLAGS), word(planSummary(plan, limits), CLI_FLAGS)], fits: plan.fits };
        }
      } finally {
        gpu.release();
      }
    } catch (err) {
      if (!(opts.backend === 'auto' && err instanceof GpuUnavailableError)) throw err;
    }
  }
  return cpuPlan(grid.n, opts.conv === 'direct');
}

function cpuPlan(n: number, direct: boolean): MemoryPlanReport {
  const total = direct ? cpuBytes(n) - workspaceBytes(n) : cpuBytes(n);
  const available = usableMemory();
  const rows: [string, string][] = [
    ...(direct ? [] : [[`FFT workspace (${WORKSPACE_FIELDS} f64 fields of the padded ${fftSize(n)}³ grid)`, gib(workspaceBytes(n))] as [string, string]]),
    [`operator arrays (${OPERATOR_F64_PER_CELL} f64 per cell)`, gib(cpuBytes(n) - workspaceBytes(n))],
    ['total', gib(total)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    `memory plan: native CPU backend (${direct ? 'direct f64 reference' : 'f64, FFT convolutions'})`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
  ];
  lines.push(
    `N = ${n}: ${gib(total)} of the ${gib(available)} this machine can give (${USABLE_SHARE * 100} % of its memory): ${total <= available ? 'fits' : 'does not fit; a run is refused naming the largest N that fits'}`,
  );
  return { lines, fits: total <= available };
}
