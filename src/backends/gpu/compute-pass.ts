// What the encoders use of a compute pass: a real GPUComputePassEncoder, or the kernel timer's pass
// that runs each dispatch in a timed pass of its own (kernel-timer.ts).
export interface ComputePass {
  setPipeline(pipeline: GPUComputePipeline): void;
  setBindGroup(index: number, group: GPUBindGroup): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}
