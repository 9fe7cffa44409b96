// Shared by every Landau3D kernel: grid parameters and cell indexing.
// Cell (ix, iy, iz) of the N³ grid lives at index (ix·N + iy)·N + iz.

struct Grid {
  n: u32,
  cells: u32,
  h: f32,
  lower: f32,            // −L, the lower edge of the domain on every axis
  stiff_diffusion: f32,  // coefficients of the per-cell stiffness estimate (src/equation/stability.ts)
  stiff_reaction: f32,
  stiff_drift: f32,
  eps_f2: f32,           // ε of the source εF² of the modified equation (0: the Landau equation)
}


fn cell_coords(c: u32, n: u32) -> vec3<u32> {
  return vec3<u32>(c / (n * n), (c / n) % n, c % n);
}

fn cell_velocity(p: vec3<u32>, g: Grid) -> vec3<f32> {
  return vec3<f32>(g.lower) + (vec3<f32>(p) + vec3<f32>(0.5)) * g.h;
}

// Interior cells V: both one-sided differences exist along every axis.
fn is_interior(p: vec3<u32>, n: u32) -> bool {
  return all(p > vec3<u32>(0u)) && all(p < vec3<u32>(n - 1u));
}

// Index of the workgroup in 1D work dispatched as a 3D grid of workgroups (folded beyond the
// per-dimension limit, GpuResources.dispatch); groups past the end of the work must do nothing.
fn group_index(wid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return (wid.z * nwg.y + wid.y) * nwg.x + wid.x;
}

// Linear invocation index for 1D work dispatched as a folded grid of workgroups.
fn linear_index(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return group_index(wid, nwg) * WORKGROUP + lid;
}

// The built-ins of a 1D kernel's invocation; `fn main(inv: Invocation)` for kernels that need only
// its index (invocation_index).
struct Invocation {
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
}

fn invocation_index(inv: Invocation) -> u32 {
  return linear_index(inv.wid, inv.nwg, inv.lid);
}

struct LogGradients {
  up: vec3<f32>,    // D⁺ log F
  down: vec3<f32>,  // D⁻ log F
}

// One-sided differences of log F at an interior cell from the neighbour values above (f_up) and
// below (f_down), as logs of ratios so that no digits are lost to the difference of two large
// logarithms in the tails.
fn log_gradients(fc: f32, f_up: vec3<f32>, f_down: vec3<f32>, h: f32) -> LogGradients {
  let inv_h = 1.0 / h;
  return LogGradients(log(f_up / fc) * inv_h, log(vec3<f32>(fc) / f_down) * inv_h);
}

fn neighbour_strides(n: u32) -> vec3<u32> {
  return vec3<u32>(n * n, n, 1u);
}

// Error-free sum: a + b == s + err exactly (Knuth's TwoSum; valid without FMA and in any rounding).
fn two_sum(a: f32, b: f32) -> vec2<f32> {
  let s = a + b;
  let bb = s - a;
  return vec2<f32>(s, (a - (s - bb)) + (b - bb));
}

// A symmetric 3×3 matrix.
struct Sym3 {
  diag: vec3<f32>,  // xx, yy, zz
  off: vec3<f32>,   // xy, xz, yz
}

fn sym_apply(w: Sym3, x: vec3<f32>) -> vec3<f32> {
  return vec3<f32>(
    w.diag.x * x.x + w.off.x * x.y + w.off.y * x.z,
    w.off.x * x.x + w.diag.y * x.y + w.off.z * x.z,
    w.off.y * x.x + w.off.z * x.y + w.diag.z * x.z);
}
