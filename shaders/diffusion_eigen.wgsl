// Eigenvalues of the symmetric 3×3 matrix A[F] at every cell by cyclic Jacobi rotations, and the
// radial component v̂ᵀA v̂:
//   eigen[c] = (λ_min, λ_mid, λ_max, v̂ᵀA v̂)     (tr A / 3 at v = 0)
// Jacobi rather than the closed-form cubic: A[M] has a double eigenvalue everywhere, where the
// trigonometric solution loses half the f32 digits (acos near ±1); each rotation here is accurate to
// a few ulps of |A|, the accuracy of A itself.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> diffusion: array<vec4<f32>>;  // (xx, yy, zz, xy), (xz, yz, ·, ·)
@group(0) @binding(2) var<storage, read_write> eigen: array<vec4<f32>>;

const SWEEPS: u32 = 6u;

fn sort3(v: vec3<f32>) -> vec3<f32> {
  let lo = min(v.x, min(v.y, v.z));
  let hi = max(v.x, max(v.y, v.z));
  return vec3<f32>(lo, v.x + v.y + v.z - lo - hi, hi);
}

fn eigenvalues(m: Sym3) -> vec3<f32> {
  var d = m.diag;   // a_00, a_11, a_22
  var o = m.off;    // a_01, a_02, a_12
  for (var sweep = 0u; sweep < SWEEPS; sweep++) {
    for (var k = 0u; k < 3u; k++) {
      // the pair (p, q) = (0,1), (0,2), (1,2) for k = 0, 1, 2; r is the third index
      let p = select(0u, 1u, k == 2u);
      let q = select(1u, 2u, k != 0u);
      let r = 3u - p - q;
      let apq = o[k];
      if (apq == 0.0) { continue; }
      let theta = (d[q] - d[p]) / (2.0 * apq);
      let t = select(1.0, -1.0, theta < 0.0) / (abs(theta) + sqrt(theta * theta + 1.0));
      let c = inverseSqrt(t * t + 1.0);
      let s = t * c;
      // off-diagonal entries (r, p) and (r, q): the pair (i, j) sits at o[i + j − 1]
      let rp = r + p - 1u;
      let rq = r + q - 1u;
      let arp = o[rp];
      let arq = o[rq];
      d[p] = d[p] - t * apq;
      d[q] = d[q] + t * apq;
      o[k] = 0.0;
      o[rp] = c * arp - s * arq;
      o[rq] = s * arp + c * arq;
    }
  }
  return sort3(d);
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let a0 = diffusion[2u * c];
  let a1 = diffusion[2u * c + 1u];
  let m = Sym3(a0.xyz, vec3<f32>(a0.w, a1.x, a1.y));
  let v = cell_velocity(cell_coords(c, grid.n), grid);
  let r2 = dot(v, v);
  var radial = (m.diag.x + m.diag.y + m.diag.z) / 3.0;
  if (r2 > 0.0) { radial = dot(v, sym_apply(m, v)) / r2; }
  let lambda = eigenvalues(m);
  eigen[c] = vec4<f32>(lambda, radial);
}
