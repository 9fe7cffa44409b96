// The upwind-biased log F differences G± of the flux (src/equation/log-gradient.ts, row-stencils.ts):
// the row of each cell and axis is chosen from the log-jumps of the field the flux differentiates
// (choose_row), its weights come from PAIR_WEIGHTS (shader-constants.ts).

const HALF_ORDER: u32 = ${HALF_ORDER}u;
// Row ids: 0 none (outside V), 1 the centred C₂ (D± for order 2), m ≥ 2 the pair of half order m.

// The PAIR_WEIGHTS entry of a row id.
fn pair_entry(id: u32) -> u32 {
  return select(id, PAIR_CENTRED, id == 1u && HALF_ORDER > 1u);
}

// Weight (times h) of G⁺ (sign 0) or G⁻ (sign 1) of table entry t at offset o; 0 off the stencil.
fn pair_weight(sign: u32, t: u32, o: i32) -> f32 {
  if (abs(o) > i32(MAX_HALF_ORDER)) { return 0.0; }
  return PAIR_WEIGHTS[(sign * PAIR_ENTRIES + t) * PAIR_WIDTH + u32(o + i32(MAX_HALF_ORDER))];
}

// Row id from the distance to the nearer face and the largest |Δ log F| over the row's window: the
// highest half order m ≤ the edge whose coupling stays within the budget, i.e. jump ≤ ROW_JUMP_LIMITS[m].
fn choose_row(edge: u32, jump: f32) -> u32 {
  if (edge < 1u) { return 0u; }
  if (HALF_ORDER == 1u) { return 1u; }
  for (var m = min(HALF_ORDER, edge); m >= 2u; m--) {
    if (jump <= ROW_JUMP_LIMITS[m]) { return m; }
  }
  return 1u;
}

const MIN_NORMAL_BITS: u32 = 0x00800000u;
const INFINITY_BITS: u32 = 0x7f800000u;

// A positive normal finite f32 (its log and reciprocals are exact enough).
fn usable(r: f32) -> bool {
  let bits = bitcast<u32>(r);
  return bits >= MIN_NORMAL_BITS && bits < INFINITY_BITS;
}

// |log(b/a)| between neighbours, for the rows' windows; a value that is not a positive normal f32
// (a Maxwellian of small temperature underflows in the far tails) counts as a jump no row but C₂
// takes. The sources and the divergence kernels choose their rows through this one function.
fn log_jump(a: f32, b: f32) -> f32 {
  return select(20.0, abs(log(b / a)), usable(a) && usable(b));
}

// The cell o cells from c along the axis of stride s.
fn offset_cell(c: u32, s: u32, o: i32) -> u32 {
  return u32(i32(c) + o * i32(s));
}

// Factor on the drift part of the rate bound: the largest Σ|w| of the rows over that of D± (2).
fn drift_factor() -> f32 {
  var largest = PAIR_ABS_SUM[pair_entry(1u)];
  for (var m = 2u; m <= HALF_ORDER; m++) { largest = max(largest, PAIR_ABS_SUM[m]); }
  return 0.5 * largest;
}
