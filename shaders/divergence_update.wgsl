// One SSP-RK3 stage in increment form (src/equation/ssprk3.ts), from Q = q[c] as
// flux_divergence.wgsl left it, k = dt·(Q + εF²) with F the field Q was evaluated at (ε =
// grid.eps_f2, 0 for the Landau equation; q keeps Q alone):
//   intermediate: acc ← acc_keep·acc + k,  stage ← F + stage_scale·acc
//   final:        F ← F + final_acc·acc + final_k·k, with F a compensated (hi, lo) f32 pair
// and the health checks of the values written; then the per-cell rate bound at F = state
// (src/equation/stability.ts): the diffusion and drift parts flux_divergence.wgsl left in stiffness,
// the reaction, and −Q/F (positivity of Euler stages). Every read and write here is of the cell's
// own entries, so a stage that overwrites the stage value races with no other cell.

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
@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<uniform> stage: Stage;
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
    let fc = state_hi[c];
    let qc = q[c];
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
    let outflow = select(0.0, -qc / fc, qc < 0.0);
    let rate = max(outflow, stiffness[c] + grid.stiff_reaction * fc);
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
