// The WGSL path for tests: a real adapter (SwiftShader on machines without a GPU). Without one the
// GPU tests are skipped with a visible notice, except under CI, where that is a failure.
import { GpuUnavailableError, type GpuHandle } from '../../src/backends/gpu/device/gpu-handle.js';
import { acquireNodeGpu } from '../../src/backends/gpu/device/node-gpu.js';
import { ShaderLibrary } from '../../src/backends/gpu/programs/shader-library.js';
import { loadShaderSources } from '../../src/backends/gpu/programs/shader-sources-node.js';

export const shaders = new ShaderLibrary(loadShaderSources());

export async function testGpu(): Promise<GpuHandle | null> {
  try {
    return await acquireNodeGpu();
  } catch (err) {
    if (process.env.CI && err instanceof GpuUnavailableError) {
      throw new Error(`CI requires the WGSL path: ${err.message}`);
    }
    if (err instanceof GpuUnavailableError) {
      console.warn(`SKIPPING GPU TESTS: ${err.message}`);
      return null;
    }
    throw err;
  }
}

/** Seeded positive random field around a Maxwellian, rounded to f32 so both backends see the same data. */
export function randomPositiveField(values: Float64Array, seed: number): Float64Array {
  let s = seed;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return Float64Array.from(Float32Array.from(values, (x) => x * (0.5 + rnd())));
}

/** max |a − b| / max |b|. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}
