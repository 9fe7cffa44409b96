// Sources of the flux convolutions, per cell j: χF and χF·g± with g± = D± log F (χ: interior indicator).
//   src[2j]   = (χF, χF g⁺)      src[2j+1] = (χF g⁻, 0)

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> src: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let c = linear_index(wid, nwg, lid);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
  if (!is_interior(p, n)) {
    src[2u * c] = vec4<f32>(0.0);
    src[2u * c + 1u] = vec4<f32>(0.0);
    return;
  }
  let fc = f[c];
  let s = neighbour_strides(n);
  let g = log_gradients(fc, vec3<f32>(f[c + s.x], f[c + s.y], f[c + s.z]),
                        vec3<f32>(f[c - s.x], f[c - s.y], f[c - s.z]), grid.h);
  src[2u * c] = vec4<f32>(fc, g.up * fc);
  src[2u * c + 1u] = vec4<f32>(g.down * fc, 0.0);
}
