// Bind groups are built from buffers named as the WGSL declares them, and uniform buffers from the
// fields of the WGSL struct: a missing or misspelt binding or field fails at once, naming the kernel
// or struct and what it declares, instead of validating silently by position or byte offset.
import { afterAll, describe, expect, it } from 'vitest';
import { declaredBindings, GpuResources } from '../src/backends/gpu/gpu-resources.js';
import { UniformLayout } from '../src/backends/gpu/programs/uniform-layout.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

describe('named bindings', () => {
  it('reads the group-0 declarations of a composed shader', () => {
    const code = shaders.compose('divergence_update');
    expect([...declaredBindings(code)]).toEqual([
      ['grid', 0], ['stage', 1], ['state_hi', 3], ['state_lo', 4], ['stage_value', 5], ['acc', 6], ['q', 7], ['health', 8], ['stiffness', 9],
    ]);
    // Variants declare their own: the relative sources bind the reference; the split unpack one buffer per field.
    expect([...declaredBindings(shaders.compose('prepare_sources', { RELATIVE: true, HALF_ORDER: 4 }, ['pair_gradient'])).keys()]).toEqual(['grid', 'f', 'src', 'reference']);
    expect([...declaredBindings(shaders.compose('flux_divergence', { HALF_ORDER: 3, COMPACT: false }, ['pair_gradient'])).keys()]).toEqual(['grid', 'flux', 'src', 'state_hi', 'q', 'stiffness']);
    expect([...declaredBindings(shaders.compose('flux_divergence', { HALF_ORDER: 4, COMPACT: true }, ['pair_gradient'])).keys()]).toEqual(['grid', 'flux', 'src', 'state_hi', 'q', 'stiffness', 'blend', 'share']);
    expect([...declaredBindings(shaders.compose('fft_unpack', { FLUX: true, SPLIT: true }, ['fft_common', 'flux_epilogue'])).keys()]).toEqual(['grid', 'fft', 'z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'own', 'flux']);
  });

  it('refuses a define the composed files do not read, and requires the ones they do', () => {
    expect(() => shaders.compose('flux_divergence', { HALF_ORDER: 4, COMPACT: true, HALF_ORDRE: 4 }, ['pair_gradient'])).toThrow(/flux_divergence.wgsl' .* reads no define HALF_ORDRE/);
    expect(() => shaders.compose('flux_divergence', { COMPACT: true }, ['pair_gradient'])).toThrow(/needs define 'HALF_ORDER'/);
  });

  it.skipIf(!gpu)('refuses a missing or an undeclared binding, naming the kernel', () => {
    const res = new GpuResources(gpu!.device, shaders);
    try {
      const pipeline = res.pipeline('diffusion_eigen');
      const [grid, diffusion, eigen] = [res.uniform('FftGrid', { m: 8, m3: 512 }), res.storage(64), res.storage(64)];
      expect(() => res.bind(pipeline, { grid, diffusion })).toThrow(/'diffusion_eigen' binds grid, diffusion, eigen; missing eigen/);
      expect(() => res.bind(pipeline, { grid, diffusion, eigen, extra: eigen })).toThrow(/not declared extra/);
      expect(() => res.bind(pipeline, { grid, diffusion, eigen })).not.toThrow();
    } finally {
      res.destroyAll();
    }
  });
});

describe('uniforms packed by field name', () => {
  it('takes the offsets of the struct in shaders/: Grid, Stage, FftStage', () => {
    const grid = shaders.uniformLayout('Grid');
    expect(grid.names).toEqual(['n', 'cells', 'h', 'lower', 'stiff_diffusion', 'stiff_reaction', 'stiff_drift', 'eps_f2']);
    expect(grid.size).toBe(32);
    const bytes = grid.pack({ n: 16, cells: 4096, h: 0.75, lower: -6, stiff_diffusion: 1, stiff_reaction: 2, stiff_drift: 3, eps_f2: 0.5 });
    expect(new Uint32Array(bytes, 0, 2)).toEqual(new Uint32Array([16, 4096]));
    expect(new Float32Array(bytes, 8, 6)).toEqual(new Float32Array([0.75, -6, 1, 2, 3, 0.5]));
    // Stage: five f32, the flags and two padding words, which need not be given.
    const stage = shaders.uniformLayout('Stage');
    expect(stage.size).toBe(32);
    expect(new Uint32Array(stage.pack({ dt: 1, acc_keep: 0, stage_scale: 0, final_acc: 0, final_k: 0, flags: 7 }), 20, 1)[0]).toBe(7);
    expect(shaders.uniformLayout('FftStage').size).toBe(48);
  });

  it('refuses a missing or an undeclared field, naming the struct', () => {
    const stage = shaders.uniformLayout('Stage');
    expect(() => stage.pack({ dt: 1, acc_keep: 0, stage_scale: 0, final_acc: 0, flags: 0 })).toThrow(/struct Stage has dt, .*; missing final_k/);
    expect(() => stage.pack({ dt: 1, acc_keep: 0, stage_scale: 0, final_acc: 0, final_k: 0, flags: 0, flag: 1 })).toThrow(/not declared flag/);
    expect(() => shaders.uniformLayout('NoSuchStruct')).toThrow(/declared in no file/);
  });

  it("follows WGSL's alignment for vectors and matrices (the demo's volume uniforms)", () => {
    const layout = UniformLayout.of('struct U { a: f32, b: vec3<f32>, c: mat4x4<f32>, d: vec2<f32>, }', 'U');
    const bytes = new Float32Array(layout.pack({ a: 1, b: [2, 3, 4], c: Array.from({ length: 16 }, (_, i) => 10 + i), d: [5, 6] }));
    expect(layout.size).toBe(112);
    expect(bytes[0]).toBe(1);
    expect(Array.from(bytes.slice(4, 7))).toEqual([2, 3, 4]);
    expect(bytes[8]).toBe(10);
    expect(Array.from(bytes.slice(24, 26))).toEqual([5, 6]);
    expect(() => layout.pack({ a: 1, b: [2, 3], c: [], d: [5, 6] })).toThrow(/b takes 3 value\(s\), got 2/);
  });
});
