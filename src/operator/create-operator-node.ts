// Picks the backend in Node: the WGSL backend on Dawn when an adapter can be had, else (for `auto`)
// the CPU reference with a notice saying what to install.
import type { Grid } from '../grid/grid.js';
import { GpuUnavailableError, type GpuHandle } from '../gpu/gpu-handle.js';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import { ShaderLibrary } from '../gpu/shader-library.js';
import { loadShaderSources } from '../gpu/shader-sources-node.js';
import { CpuLandauOperator } from './cpu/cpu-operator.js';
import { GpuLandauOperator } from './gpu/gpu-operator.js';
import type { ConvolutionPathName } from './gpu/convolution-path.js';
import type { LandauOperator } from './landau-operator.js';
import type { EquationOptions } from '../solver/stability.js';

export const BACKENDS = ['auto', 'gpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export const CONV_CHOICES = ['auto', 'direct', 'fft'] as const;
export type ConvChoice = (typeof CONV_CHOICES)[number];

/** Smallest N at which the FFT path beats direct summation (measured: bench/README.md). */
export const FFT_CROSSOVER_N = 11;

export function resolveConv(choice: ConvChoice, n: number): ConvolutionPathName {
  if (choice !== 'auto') return choice;
  return n >= FFT_CROSSOVER_N ? 'fft' : 'direct';
}

export interface NodeOperator {
  operator: LandauOperator;
  /** Set when `auto` fell back to the CPU: why, and what to install. */
  notice?: string;
  release(): void;
}

/** The f64 reference sums all N⁶ pairs in JavaScript: beyond this it takes hours per step. */
export const CPU_MAX_N = 40;

/** How the operator is built: convolution path (GPU), kernel exponent γ and source coefficient ε. */
export interface NodeOperatorOptions extends EquationOptions {
  conv?: ConvChoice;
}

function cpuOperator(grid: Grid, equation: EquationOptions, notice?: string): NodeOperator {
  if (grid.n > CPU_MAX_N) {
    throw new RangeError(
      `the CPU reference is limited to N ≤ ${CPU_MAX_N} (its cost grows like N⁶); N = ${grid.n} needs the GPU backend` +
        (notice ? ` — ${notice}` : ''),
    );
  }
  return { operator: new CpuLandauOperator(grid, equation), notice, release: () => {} };
}

export async function createNodeOperator(grid: Grid, choice: BackendChoice, options: NodeOperatorOptions = {}): Promise<NodeOperator> {
  const equation: EquationOptions = { gamma: options.gamma, epsF2: options.epsF2 };
  if (choice === 'cpu') return cpuOperator(grid, equation);
  let gpu: GpuHandle;
  try {
    gpu = await acquireNodeGpu();
  } catch (err) {
    if (choice === 'auto' && err instanceof GpuUnavailableError) {
      return cpuOperator(grid, equation, `WGSL path unavailable (${err.message}) Using the CPU f64 reference.`);
    }
    throw err;
  }
  try {
    const operator = await GpuLandauOperator.create(grid, gpu, new ShaderLibrary(loadShaderSources()), { ...equation, conv: resolveConv(options.conv ?? 'auto', grid.n) });
    return { operator, release: () => { operator.dispose(); gpu.release(); } };
  } catch (err) {
    gpu.release();
    throw err;
  }
}
