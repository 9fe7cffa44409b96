// The fourth-order log F gradient's share of Q and of the rate bound (src/equation/log-gradient.ts),
// dispatched after the fluxes and before divergence_update.wgsl, which adds what this leaves in q and
// takes the diffusion part of the bound from stiffness:
//   q[c]         = −(1/6) Σ_k (u_k(c − e_k) − 2u_k(c) + u_k(c + e_k)),  u_k = ½ Σ_σ (D^σ_k)ᵀ(Θ_k J^σ_k) / h,
//   stiffness[c] = (1 + 2Θ_max/3)² · c_diff · r · (3 + ½ Σ_nb F_nb/F + ½ Σ Θ_k(c ± e_k)² F_{c±2e_k}/(9F)) / 6
// with r the largest A row sum around the cell, as divergence_update.wgsl has it for order 2.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> flux: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> theta: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> state_hi: array<f32>;
@group(0) @binding(4) var<storage, read_write> q: array<f32>;
@group(0) @binding(5) var<storage, read_write> stiffness: array<f32>;

// u_k at cell x (coordinates p); zero off the interior cells it lives on.
fn theta_divergence(x: u32, p: vec3<u32>, k: u32, sk: u32, n: u32) -> f32 {
  if (!is_interior(p, n)) { return 0.0; }
  let sum = theta[x][k] * (flux[2u * x][k] - flux[2u * x + 1u][k])
          - theta[x - sk][k] * flux[2u * (x - sk)][k]
          + theta[x + sk][k] * flux[2u * (x + sk) + 1u][k];
  return 0.5 * sum / grid.h;
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
  let s = neighbour_strides(n);
  let fc = state_hi[c];
  var correction = 0.0;
  var row_sum = flux[2u * c].w;
  var ratio_sum = 0.0;
  var symbol = 1.0;
  for (var k = 0u; k < 3u; k++) {
    var e = vec3<u32>(0u);
    e[k] = 1u;
    correction -= 2.0 * theta_divergence(c, p, k, s[k], n);
    if (p[k] > 0u) {
      let b = c - s[k];
      correction += theta_divergence(b, p - e, k, s[k], n);
      row_sum = max(row_sum, flux[2u * b].w);
      ratio_sum += state_hi[b] / fc;
    }
    if (p[k] < n - 1u) {
      let a = c + s[k];
      correction += theta_divergence(a, p + e, k, s[k], n);
      row_sum = max(row_sum, flux[2u * a].w);
      ratio_sum += state_hi[a] / fc;
    }
    if (p[k] >= 2u) {
      let t = theta[c - s[k]][k];
      ratio_sum += t * t * state_hi[c - 2u * s[k]] / (9.0 * fc);
    }
    if (p[k] + 3u <= n) {
      let t = theta[c + s[k]][k];
      ratio_sum += t * t * state_hi[c + 2u * s[k]] / (9.0 * fc);
    }
    let amplification = 1.0 + 2.0 / 3.0 * theta[c][k];
    symbol = max(symbol, amplification * amplification);
  }
  q[c] = -correction / 6.0;
  stiffness[c] = symbol * grid.stiff_diffusion * row_sum * (3.0 + 0.5 * ratio_sum) / 6.0;
}
