// Picks and builds the backend in Node. Order for `auto`: a hardware GPU adapter (WGSL on Dawn);
// otherwise the native CPU backend (f64, FFT convolutions on all cores). A software adapter such as
// SwiftShader runs the WGSL on the CPU several times slower than the native backend
// (bench/README.md), so `auto` passes it over; the backend `gpu` asked for still takes it. The
// backend `cpu` with the convolution `direct` is the N⁶ f64 reference, the oracle of the tests.
// Messages mention options as data (Wording): the front end words them.
import type { Grid } from '../../core/grid/grid.js';
import { GpuUnavailableError, type GpuHandle } from '../gpu/device/gpu-handle.js';
import { acquireNodeGpu } from '../gpu/device/node-gpu.js';
import { ShaderLibrary } from '../gpu/programs/shader-library.js';
import { loadShaderSources } from '../gpu/programs/shader-sources-node.js';
import { CpuLandauOperator } from '../cpu/cpu-operator.js';
import { allocateWorkspace, sharedArrays } from '../cpu/fft/fft-workspace.js';
import { defaultThreads, FftThreadPool, ThreadsUnavailableError } from '../cpu/fft/thread-pool-node.js';
import { checkCpuMemory } from '../cpu/memory-plan.js';
import { GpuLandauOperator } from '../gpu/gpu-operator.js';
import type { ConvolutionPathName } from '../gpu/convolution-path.js';
import { checkOptionNames, type LandauOperator } from '../landau-operator.js';
import type { Equation } from '../../equation/equation.js';
import { UserInputError, type Wording } from '../../core/errors/user-input-error.js';

export const BACKENDS = ['auto', 'gpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export const CONV_CHOICES = ['auto', 'direct', 'fft'] as const;
export type ConvChoice = (typeof CONV_CHOICES)[number];

/** Smallest N at which the GPU FFT path beats direct summation (measured: bench/README.md). */
export const FFT_CROSSOVER_N = 11;

export function resolveConv(choice: ConvChoice, n: number): ConvolutionPathName {
  if (choice !== 'auto') return choice;
  return n >= FFT_CROSSOVER_N ? 'fft' : 'direct';
}

export interface NodeOperator {
  operator: LandauOperator;
  /** Why this backend: the request, or what `auto` found. */
  selection: Wording;
  /**
   * What identifies the arithmetic of this backend (kind, convolution, CPU threads, GPU adapter):
   * a run resumed on a backend of the same key takes the same steps. The operator's description
   * says the same for people, and is no key.
   */
  backendKey: string;
  release(): void;
}

/** The f64 reference sums all N⁶ pairs in JavaScript: beyond this it takes hours per step. */
export const CPU_MAX_N = 40;

/** How the operator is built: the equation (default Landau–Coulomb), convolution path, CPU threads. */
export interface NodeOperatorOptions {
  equation?: Equation;
  conv?: ConvChoice;
  /** Threads of the native CPU backend (default: every core Node may use). */
  threads?: number;
  /** WGSL backend: the most one buffer may hold (bytes), below the adapter's limits. */
  maxBufferBytes?: number;
}

/** Raised for a backend that cannot be had as asked (the CLI reports it as a usage error). */
export class BackendUnavailableError extends UserInputError {
  override name = 'BackendUnavailableError';
}

async function cpuOperator(grid: Grid, options: NodeOperatorOptions, selection: Wording): Promise<NodeOperator> {
  const { equation } = options;
  if (options.conv === 'direct') {
    if (grid.n > CPU_MAX_N) {
      throw new BackendUnavailableError([
        `the direct CPU reference is limited to N ≤ ${CPU_MAX_N} (its cost grows like N⁶); use `,
        { option: 'conv', value: 'fft' },
        ` (the native CPU backend) for N = ${grid.n}`,
      ]);
    }
    return { operator: new CpuLandauOperator(grid, { equation, conv: 'direct' }), selection, backendKey: 'cpu direct', release: () => {} };
  }
  checkCpuMemory(grid.n);
  const threads = options.threads ?? defaultThreads();
  let pool: FftThreadPool | undefined;
  if (threads > 1) {
    try {
      pool = await FftThreadPool.start(grid.n, allocateWorkspace(grid.n, sharedArrays), threads);
    } catch (err) {
      if (err instanceof ThreadsUnavailableError) throw new BackendUnavailableError([`${err.message}; run with `, { option: 'threads', value: 1 }]);
      throw err;
    }
  }
  const operator = new CpuLandauOperator(grid, { equation, conv: 'fft', runner: pool });
  return { operator, selection, backendKey: `cpu fft, ${threads} threads`, release: () => operator.dispose() };
}

async function gpuOperator(grid: Grid, gpu: GpuHandle, options: NodeOperatorOptions, selection: Wording): Promise<NodeOperator> {
  try {
    const operator = await GpuLandauOperator.create(grid, gpu, new ShaderLibrary(loadShaderSources()), {
      equation: options.equation,
      conv: resolveConv(options.conv ?? 'auto', grid.n),
      maxBufferBytes: options.maxBufferBytes,
    });
    return { operator, selection, backendKey: `gpu ${operator.description.conv} on ${gpu.adapterKey}`, release: () => { operator.dispose(); gpu.release(); } };
  } catch (err) {
    gpu.release();
    throw err;
  }
}

export async function createNodeOperator(grid: Grid, choice: BackendChoice, options: NodeOperatorOptions = {}): Promise<NodeOperator> {
  checkOptionNames('createNodeOperator', options, ['equation', 'conv', 'threads', 'maxBufferBytes']);
  if (choice === 'cpu') return cpuOperator(grid, options, ['requested with ', { option: 'backend', value: 'cpu' }]);
  let gpu: GpuHandle;
  try {
    gpu = await acquireNodeGpu();
  } catch (err) {
    if (choice === 'auto' && err instanceof GpuUnavailableError) {
      return cpuOperator(grid, options, [`no WebGPU adapter (${err.message.replace(/\.$/, '')}); the native CPU backend runs the same discrete operator in f64`]);
    }
    throw err;
  }
  if (choice === 'gpu') return gpuOperator(grid, gpu, options, ['requested with ', { option: 'backend', value: 'gpu' }, gpu.isFallback ? ' (a software adapter)' : '']);
  if (!gpu.isFallback) return gpuOperator(grid, gpu, options, ['a hardware GPU adapter']);
  gpu.release();
  return cpuOperator(grid, options, [
    'no hardware GPU adapter; the software one (SwiftShader) runs WGSL on the CPU, 2–5× slower than the native CPU backend (measured at N = 16–32, bench/README.md) — ',
    { option: 'backend', value: 'gpu' },
    ' uses it anyway',
  ]);
}
