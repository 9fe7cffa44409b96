// Calibration kernel for timing ratios: a plain copy, the cheapest pass over a field.

@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let i = invocation_index(inv);
  if (i < arrayLength(&input)) { output[i] = input[i]; }
}
