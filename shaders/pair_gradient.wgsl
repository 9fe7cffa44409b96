// The upwind-biased log F differences G± of the flux (src/equation/log-gradient.ts, row-stencils.ts):
// the row of each cell and axis is chosen from the log-ratios of the field the flux differentiates
// over its window (choose_row); its weights come from PAIR_WEIGHTS (shader-constants.ts), indexed by
// the row id: NO_ROW, ONE_SIDED_ROW (D±, order 2), 2 … MAX_HALF_ORDER (the pairs of that half
// order), TAIL_BELOW, TAIL_ABOVE, CENTRED_ROW, COMPACT_ROW (the compact core's rows, whose table
// holds the right-hand side ∓ E: compact_line.wgsl finishes them).

const HALF_ORDER: u32 = ${HALF_ORDER}u;
// Offsets a row reaches: its half order, and at least 2 for the tail pairs.
const ROW_REACH: u32 = max(HALF_ORDER, 2u);

// Weight (times h) of G⁺ (sign 0) or G⁻ (sign 1) of row id at offset o; 0 off the stencil.
fn pair_weight(sign: u32, id: u32, o: i32) -> f32 {
  if (abs(o) > i32(MAX_HALF_ORDER)) { return 0.0; }
  return PAIR_WEIGHTS[(sign * ROW_IDS + id) * PAIR_WIDTH + u32(o + i32(MAX_HALF_ORDER))];
}

// Face weight s_o (log-gradient.ts faceWeights) of G⁺ (sign 0) or G⁻ (sign 1) of row id at offset o.
fn face_weight(sign: u32, id: u32, o: i32) -> f32 {
  if (abs(o) > i32(MAX_HALF_ORDER)) { return 0.0; }
  return FACE_WEIGHTS[(sign * ROW_IDS + id) * PAIR_WIDTH + u32(o + i32(MAX_HALF_ORDER))];
}

// Σ|w| of one member of a row.
fn member_abs_sum(sign: u32, id: u32) -> f32 {
  return PAIR_ABS_SUM[sign * ROW_IDS + id];
}

// Row id of cell i of an axis of n cells, from the largest |Δ log F| over its window (i ± HALF_ORDER)
// and the slope log F_{i+1} − log F_{i−1}: the highest half order within the budget
// (jump ≤ ROW_JUMP_LIMITS[m]) that fits between the faces, else the tail pair reaching towards
// the larger F.
fn choose_row(i: u32, n: u32, jump: f32, slope: f32) -> u32 {
  let edge = min(i, n - 1u - i);
  if (edge < 1u) { return NO_ROW; }
  if (HALF_ORDER == 1u) { return ONE_SIDED_ROW; }
  for (var m = min(HALF_ORDER, edge); m >= 2u; m--) {
    if (jump <= ROW_JUMP_LIMITS[m]) { return m; }
  }
  if (slope < 0.0 && i >= 2u) { return TAIL_BELOW; }
  if (slope > 0.0 && i + 3u <= n) { return TAIL_ABOVE; }
  return CENTRED_ROW;
}

const MIN_NORMAL_BITS: u32 = 0x00800000u;
const INFINITY_BITS: u32 = 0x7f800000u;

// A positive normal finite f32 (its log and reciprocals are exact enough).
fn usable(r: f32) -> bool {
  let bits = bitcast<u32>(r);
  return bits >= MIN_NORMAL_BITS && bits < INFINITY_BITS;
}

// log(b/a) between neighbours a, b (lower, upper) for the rows' windows; where either value is not a
// positive normal f32 (a Maxwellian of small temperature underflows in the far tails) the jump
// counts as 20, beyond any order's limit, and the ratio as 0. The sources and the divergence kernels
// choose their rows through this one function.
fn log_ratio(a: f32, b: f32) -> vec2<f32> {
  if (!(usable(a) && usable(b))) { return vec2<f32>(20.0, 0.0); }
  let r = log(b / a);
  return vec2<f32>(abs(r), r);
}

// The three row ids of a cell (one per axis) as one f32, id_x + 16·id_y + 256·id_z < 4096: an exact
// small integer, stored in the unused fourth component of the sources (src[2c + 1].w), which no
// convolution reads.
fn pack_row_ids(ids: vec3<u32>) -> f32 {
  return f32(ids.x + 16u * ids.y + 256u * ids.z);
}

fn unpack_row_ids(packed: f32) -> vec3<u32> {
  let v = u32(packed);
  return vec3<u32>(v % 16u, (v / 16u) % 16u, v / 256u);
}

// The centred part (G⁺ + G⁻)/2 and the upwind part (G⁻ − G⁺)/2 of row id at offset o (times h).
fn centred_weight(id: u32, o: i32) -> f32 {
  return 0.5 * (pair_weight(0u, id, o) + pair_weight(1u, id, o));
}

fn upwind_weight(id: u32, o: i32) -> f32 {
  return 0.5 * (pair_weight(1u, id, o) - pair_weight(0u, id, o));
}

// The cell o cells from c along the axis of stride s.
fn offset_cell(c: u32, s: u32, o: i32) -> u32 {
  return u32(i32(c) + o * i32(s));
}

// Factor on the drift part of the rate bound: the largest Σ|w| of the members this order uses over that of D± (2).
fn drift_factor() -> f32 {
  if (HALF_ORDER == 1u) { return 1.0; }
  var largest = max(member_abs_sum(0u, TAIL_BELOW), member_abs_sum(1u, TAIL_ABOVE));
  for (var m = 2u; m <= HALF_ORDER; m++) { largest = max(largest, member_abs_sum(0u, m)); }
  return 0.5 * largest;
}
