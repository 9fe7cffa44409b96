// The compact core of the log F differences along one axis (src/equation/compact-lines.ts), after
// prepare_sources.wgsl, one invocation per line: the rows of the full order-8 pair whose log F (log R
// with RELATIVE) is within CORE_DEPTH + CORE_BAND of the largest (compact_top.wgsl) become COMPACT_ROW, with
// their weight θ in theta (faded over EDGE_BAND cells where the order-8 rows end); then P C = D̃ f
// along the line and, on the compact rows,
//   C ← θ C + (1 − θ) C₈ f,  sources χF (C ∓ E)/h  (RELATIVE: g (C ∓ E) log R + R (C ∓ E)(g/R), over h).
// Lines without compact rows keep prepare_sources.wgsl's values.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> src: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> theta: array<f32>;
@group(0) @binding(4) var<storage, read_write> line_work: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> top: array<f32>;
#if ${RELATIVE}
@group(0) @binding(5) var<storage, read> reference: array<f32>;
#endif

// The field whose logarithm the rows differentiate.
fn base_field(c: u32) -> f32 {
#if ${RELATIVE}
  return reference[c];
#else
  return f[c];
#endif
}

// Σ_o w(o)·(difference of the field from cell c), for the weights of row id's centred part (sign 1)
// or upwind part (sign −1): x the log part, y (RELATIVE) the part of g/R.
fn row_sum(c: u32, s: u32, id: u32, sign: i32) -> vec2<f32> {
  var out = vec2<f32>(0.0);
  let rc = base_field(c);
  for (var o = -i32(MAX_HALF_ORDER); o <= i32(MAX_HALF_ORDER); o++) {
    let w = select(upwind_weight(id, o), centred_weight(id, o), sign > 0);
    if (o == 0 || w == 0.0) { continue; }
    let x = offset_cell(c, s, o);
#if ${RELATIVE}
    out += w * vec2<f32>(log(reference[x] / rc), f[x] / reference[x] - f[c] / rc);
#else
    out.x += w * log(f[x] / rc);
#endif
  }
  return out;
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let line = invocation_line(inv);
  if (!line.valid) { return; }
  let n = grid.n;
  let base = line.base;
  let s = line.stride;
  var peak = 0.0;
  for (var g = 0u; g < COMPACT_TOP_GROUPS; g++) { peak = max(peak, top[g]); }
  let largest = log(peak);
  var any = false;
  for (var i = 0u; i < n; i++) {
    let c = base + i * s;
    var weight = 0.0;
    if (i > 0u && i + 1u < n && row_at(c) == MAX_HALF_ORDER) {
      weight = core_weight(largest - log(base_field(c)));
      if (weight > 0.0) {
        weight *= edge_weight(base, s, n, i32(i));
        var ids = unpack_row_ids(src[2u * c + 1u].w);
        ids[AXIS] = COMPACT_ROW;
        src[2u * c + 1u].w = pack_row_ids(ids);
        any = true;
      }
    }
    theta[3u * c + AXIS] = weight;
  }
  if (!any) { return; }
  for (var i = 0u; i < n; i++) {
    let c = base + i * s;
    let id = row_at(c);
    var rhs = vec2<f32>(0.0);
    if (id != NO_ROW) { rhs = row_sum(c, s, id, 1); }
    line_work[c] = vec4<f32>(0.0, rhs, 0.0);
  }
  solve_line(base, s, n, false);
  let inv_h = 1.0 / grid.h;
  for (var i = 1u; i + 1u < n; i++) {
    let c = base + i * s;
    if (!compact_at(c)) { continue; }
    let weight = theta[3u * c + AXIS];
    let centred = weight * line_work[c].yz + (1.0 - weight) * row_sum(c, s, MAX_HALF_ORDER, 1);
    let e = row_sum(c, s, COMPACT_ROW, -1);
#if ${RELATIVE}
    let gc = f[c];
    let rc = reference[c];
    let up = (gc * (centred.x - e.x) + rc * (centred.y - e.y)) * inv_h;
    let down = (gc * (centred.x + e.x) + rc * (centred.y + e.y)) * inv_h;
#else
    let fc = f[c];
    let up = fc * (centred.x - e.x) * inv_h;
    let down = fc * (centred.x + e.x) * inv_h;
#endif
    src[2u * c][AXIS + 1u] = up;
    src[2u * c + 1u][AXIS] = down;
  }
}
