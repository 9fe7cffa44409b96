// The kernel table on the padded periodic grid, offset d at d mod m (|d_k| < N; zero elsewhere),
// as three complex fields (Wxx + i Wyy), (Wzz + i Wxy), (Wxz + i Wyz) and one zero field.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<uniform> fft: FftGrid;
@group(0) @binding(2) var<storage, read> table: array<vec4<f32>>;
// Binding 3 on: the input fields (fft_store_inputs.wgsl).

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let t = invocation_index(inv);
  if (t >= fft.m3) { return; }
  let m = fft.m;
  let n = grid.n;
  let p = vec3<i32>(fft_coords(t, m));
  let d = select(p, p - vec3<i32>(i32(m)), p >= vec3<i32>(i32(m) / 2));
  var w = Sym3(vec3<f32>(0.0), vec3<f32>(0.0));
  if (all(abs(d) < vec3<i32>(i32(n)))) {
    w = kernel_at(d, n);
  }
  store_inputs(t, array<vec2<f32>, 4>(vec2<f32>(w.diag.x, w.diag.y), vec2<f32>(w.diag.z, w.off.x), w.off.yz, vec2<f32>(0.0)));
}
