// Q_c = −(1/2h) Σ_k Σ_± Σ_i G^±_{ic} J^±_k(i), over the rows i of axis k whose upwind-biased stencil
// (pair_gradient.wgsl) reaches c — the transpose of the differences of the sources — fused with one SSP-RK3
// stage in increment form (src/equation/ssprk3.ts), k = dt·(Q + εF²) with F the field Q was evaluated
// at (ε = grid.eps_f2, 0 for the Landau equation; q keeps Q alone):
//   intermediate: acc ← acc_keep·acc + k,  stage ← F + stage_scale·acc
//   final:        F ← F + final_acc·acc + final_k·k, with F a compensated (hi, lo) f32 pair
// and the health checks of the values written. It also evaluates the per-cell rate bound at F = state
// (src/equation/stability.ts): the diffusion part uses the largest A row sum over the rows that reach
// the cell and their couplings |G_{ic}|·Σ|G_i·|·F_i/F_c, because the entropic flux F_i A G log F
// couples a tail cell to its larger neighbours with weight F_i/F_c; then the reaction, the drift and
// −Q/F (positivity of Euler stages).

struct Stage {
  dt: f32,
  acc_keep: f32,
  stage_scale: f32,
  final_acc: f32,
  final_k: f32,
  flags: u32,
  _pad0: u32,
  _pad1: u32,
}

// Stage flags (shader-constants.ts): STAGE_UPDATE applies the stage (otherwise only Q is produced),
// STAGE_FINAL marks the last stage (update the state), STAGE_RECORD_RATIO records max dt·stiffness
// (first stage of a step), STAGE_AT_STAGE says Q was evaluated at the stage value, not the state.

// health[0]: bits of min F (positive floats order like their bit patterns), health[1]: bits of the
// largest dt·stiffness, health[2]: non-zero if a non-finite or non-positive value was written.
// Log-ratios of the 4·ROW_REACH neighbour pairs around a cell along one axis (the rows' windows).
const JUMP_WINDOW: u32 = 4u * ROW_REACH;

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<uniform> stage: Stage;
@group(0) @binding(2) var<storage, read> flux: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> state_hi: array<f32>;
@group(0) @binding(4) var<storage, read_write> state_lo: array<f32>;
@group(0) @binding(5) var<storage, read_write> stage_value: array<f32>;
@group(0) @binding(6) var<storage, read_write> acc: array<f32>;
@group(0) @binding(7) var<storage, read_write> q: array<f32>;
@group(0) @binding(8) var<storage, read_write> health: array<atomic<u32>, 4>;
@group(0) @binding(9) var<storage, read_write> stiffness: array<f32>;

var<workgroup> wg_min: array<u32, WORKGROUP>;
var<workgroup> wg_ratio: array<u32, WORKGROUP>;

const POSITIVE_INFINITY_BITS: u32 = 0x7f800000u;

fn is_positive_finite(x: f32) -> bool {
  let bits = bitcast<u32>(x);
  return bits != 0u && bits < POSITIVE_INFINITY_BITS;  // sign bit clear, not ±0, not Inf/NaN
}

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let c = linear_index(wid, nwg, lid);
  var min_bits = POSITIVE_INFINITY_BITS;
  var ratio_bits = 0u;
  if (c < grid.cells) {
    let n = grid.n;
    let p = cell_coords(c, n);
    let s = neighbour_strides(n);
    let fc = state_hi[c];
    var div = 0.0;
    var row_sum = 0.0;
    var drift = 0.0;
    var couplings = 0.0;
    let at_stage = (stage.flags & STAGE_AT_STAGE) != 0u;
    for (var k = 0u; k < 3u; k++) {
      // The rows i = p_k ± ROW_REACH that may reach c, each chosen (choose_row) from the log-ratios
      // of the field Q was evaluated at over its own window: the ratios over p_k ± 2·ROW_REACH, once.
      let others_inside = all(select(p, vec3<u32>(1u), vec3<bool>(k == 0u, k == 1u, k == 2u)) >= vec3<u32>(1u))
        && all(select(p, vec3<u32>(1u), vec3<bool>(k == 0u, k == 1u, k == 2u)) + vec3<u32>(1u) < vec3<u32>(n));
      if (!others_inside) { continue; }
      // ratios[j − first] = log(F_{j+1}/F_j) as (|·|, signed) for the pairs around the cell.
      var ratios: array<vec2<f32>, JUMP_WINDOW>;
      let first = i32(p[k]) - 2 * i32(ROW_REACH);
      for (var j = max(first, 0); j < min(i32(p[k]) + 2 * i32(ROW_REACH), i32(n) - 1); j++) {
        let a = offset_cell(c, s[k], j - i32(p[k]));
        let b = a + s[k];
        ratios[j - first] = log_ratio(select(state_hi[a], stage_value[a], at_stage), select(state_hi[b], stage_value[b], at_stage));
      }
      for (var i = max(i32(p[k]) - i32(ROW_REACH), 0); i <= min(i32(p[k]) + i32(ROW_REACH), i32(n) - 1); i++) {
        var jump = 0.0;
        for (var j = max(i - i32(HALF_ORDER), 0); j < min(i + i32(HALF_ORDER), i32(n) - 1); j++) { jump = max(jump, ratios[j - first].x); }
        var slope = 0.0;
        if (i >= 1 && i + 1 < i32(n)) { slope = ratios[i - 1 - first].y + ratios[i - first].y; }
        let t = choose_row(u32(i), n, jump, slope);
        let o = i32(p[k]) - i;
        let wp = pair_weight(0u, t, o);
        let wm = pair_weight(1u, t, o);
        if (wp == 0.0 && wm == 0.0) { continue; }
        let x = offset_cell(c, s[k], i - i32(p[k]));
        let up = flux[2u * x];
        let down = flux[2u * x + 1u];
        div += wp * up[k] + wm * down[k];
        row_sum = max(row_sum, up.w);
        drift = max(drift, down.w);
        couplings += (abs(wp) * member_abs_sum(0u, t) + abs(wm) * member_abs_sum(1u, t)) * (state_hi[x] / fc);
      }
    }
    let qc = -0.5 * div / grid.h;
    q[c] = qc;
    if ((stage.flags & STAGE_UPDATE) != 0u) {
      var dfdt = qc;
      if (grid.eps_f2 > 0.0) {
        let fe = select(state_hi[c], stage_value[c], (stage.flags & STAGE_AT_STAGE) != 0u);
        dfdt += grid.eps_f2 * fe * fe;
      }
      let k = stage.dt * dfdt;
      var written: f32;
      if ((stage.flags & STAGE_FINAL) != 0u) {
        // (hi, lo) + increment with error-free TwoSum, then renormalised.
        let increment = stage.final_acc * acc[c] + stage.final_k * k;
        let s = two_sum(state_hi[c], increment);
        let r = two_sum(s.x, s.y + state_lo[c]);
        state_hi[c] = r.x;
        state_lo[c] = r.y;
        written = r.x;
        min_bits = select(min_bits, bitcast<u32>(r.x), is_positive_finite(r.x));
      } else {
        let a = stage.acc_keep * acc[c] + k;
        acc[c] = a;
        written = state_hi[c] + stage.stage_scale * a;
        stage_value[c] = written;
      }
      if (!is_positive_finite(written)) { atomicOr(&health[2], 1u); }
    }
    let diffusion = grid.stiff_diffusion * row_sum * 0.5 * couplings / 12.0;
    let outflow = select(0.0, -qc / fc, qc < 0.0);
    let rate = max(outflow, diffusion + grid.stiff_reaction * fc + grid.stiff_drift * drift * drift_factor());
    stiffness[c] = rate;
    // Only finite ratios: a cell gone non-finite is reported by health[2], and the largest finite
    // ratio tells the solver whether the step had left the estimate before that happened.
    let ratio = stage.dt * rate;
    ratio_bits = select(0u, bitcast<u32>(ratio), is_positive_finite(ratio));
  }
  wg_min[lid] = min_bits;
  wg_ratio[lid] = ratio_bits;
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      wg_min[lid] = min(wg_min[lid], wg_min[lid + stride]);
      wg_ratio[lid] = max(wg_ratio[lid], wg_ratio[lid + stride]);
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    if ((stage.flags & STAGE_FINAL) != 0u) { atomicMin(&health[0], wg_min[0]); }
    if ((stage.flags & STAGE_RECORD_RATIO) != 0u) { atomicMax(&health[1], wg_ratio[0]); }
  }
}
