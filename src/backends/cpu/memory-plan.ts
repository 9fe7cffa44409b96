// Memory of the native CPU backend, computed before anything is allocated: the padded FFT
// workspace (fft/fft-workspace.ts), the kernel table and the operator's per-cell arrays. A run
// that would not fit in the memory this process may use is refused naming the need and the
// largest N that fits.
import { totalmem } from 'node:os';
import { workspaceBytes } from './fft/fft-workspace.js';
import { UserInputError } from '../../core/errors/user-input-error.js';

/** f64 values per cell held by CpuLandauOperator (state, stage, increments, log F, two source sets,
 *  fluxes, Q, rate-bound inputs, the convolutions), the kernel table (6) and two index arrays (i32). */
export const OPERATOR_F64_PER_CELL = 3 + 1 + 2 * 7 + 6 + 1 + 2 + 12 + 6 + 1;

/** Share of the machine's (or the container's) memory a run may plan to use. */
export const USABLE_SHARE = 0.8;

export function cpuBytes(n: number): number {
  return workspaceBytes(n) + 8 * OPERATOR_F64_PER_CELL * n ** 3;
}

export function usableMemory(): number {
  // A cgroup limit (containers), where there is one; 0 or undefined otherwise.
  const limit = process.constrainedMemory?.() || Infinity;
  return USABLE_SHARE * Math.min(totalmem(), limit);
}

export class InsufficientMemoryError extends UserInputError {
  override name = 'InsufficientMemoryError';
  /** The largest N that fits (the command line offers it). */
  constructor(message: string, readonly largestN: number) {
    super(message);
  }
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** Throws InsufficientMemoryError unless an N³ run fits in `available` bytes. */
export function checkCpuMemory(n: number, available = usableMemory()): void {
  const need = cpuBytes(n);
  if (need <= available) return;
  let fits = n - 1;
  while (fits >= 4 && cpuBytes(fits) > available) fits--;
  throw new InsufficientMemoryError(
    `N = ${n} needs ${gib(need)} on the native CPU backend (FFT workspace ${gib(workspaceBytes(n))}), ` +
      `more than the ${gib(available)} this machine can give (${USABLE_SHARE * 100} % of its memory); the largest N that fits is ${fits}`,
    fits,
  );
}
