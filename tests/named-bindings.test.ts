// Bind groups are built from buffers named as the WGSL declares them: a missing or misspelt binding
// fails at once, naming the kernel and what it binds, instead of validating silently by position.
import { afterAll, describe, expect, it } from 'vitest';
import { declaredBindings, GpuResources } from '../src/backends/gpu/gpu-resources.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

describe('named bindings', () => {
  it('reads the group-0 declarations of a composed shader', () => {
    const code = shaders.compose('divergence_update', { FOURTH: false });
    expect([...declaredBindings(code)]).toEqual([
      ['grid', 0], ['stage', 1], ['flux', 2], ['state_hi', 3], ['state_lo', 4], ['stage_value', 5], ['acc', 6], ['q', 7], ['health', 8], ['stiffness', 9],
    ]);
    // Variants declare their own: the fourth-order sources bind Θ; the split unpack one buffer per field.
    expect([...declaredBindings(shaders.compose('prepare_sources', { RELATIVE: true, FOURTH: true })).keys()]).toEqual(['grid', 'f', 'src', 'theta', 'reference']);
    expect([...declaredBindings(shaders.compose('fft_unpack', { FLUX: true, SPLIT: true }, ['fft_common', 'flux_epilogue'])).keys()]).toEqual(['grid', 'fft', 'z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'own', 'flux']);
  });

  it.skipIf(!gpu)('refuses a missing or an undeclared binding, naming the kernel', () => {
    const res = new GpuResources(gpu!.device, shaders);
    try {
      const pipeline = res.pipeline('diffusion_eigen');
      const [grid, diffusion, eigen] = [res.uniform(new Uint32Array(8)), res.storage(64), res.storage(64)];
      expect(() => res.bind(pipeline, { grid, diffusion })).toThrow(/'diffusion_eigen' binds grid, diffusion, eigen; missing eigen/);
      expect(() => res.bind(pipeline, { grid, diffusion, eigen, extra: eigen })).toThrow(/not declared extra/);
      expect(() => res.bind(pipeline, { grid, diffusion, eigen })).not.toThrow();
    } finally {
      res.destroyAll();
    }
  });
});
