// The lines of the compact core (src/equation/compact-lines.ts), shared by compact_gradient.wgsl,
// compact_flux.wgsl and compact_bound.wgsl: one invocation per line along the axis AXIS, the line's
// tridiagonal system P (α at both neighbours of a compact row, the identity elsewhere) solved by
// the Thomas algorithm in line_work (x: the eliminated superdiagonal, yz: up to two right-hand
// sides, solved together). The including kernel declares grid, src (the sources, whose fourth
// components hold the row ids) and line_work.

const AXIS: u32 = ${AXIS}u;

// First cell of line t (0 … n² − 1) along AXIS: the cell of coordinate 0 on that axis.
fn line_base(t: u32, n: u32) -> u32 {
  let a = t / n;
  let b = t % n;
  if (AXIS == 0u) { return a * n + b; }
  if (AXIS == 1u) { return a * n * n + b; }
  return (a * n + b) * n;
}

fn line_stride(n: u32) -> u32 {
  return neighbour_strides(n)[AXIS];
}

// The line of an invocation; valid is false past the last line.
struct Line {
  base: u32,
  stride: u32,
  valid: bool,
}

fn invocation_line(inv: Invocation) -> Line {
  let t = invocation_index(inv);
  return Line(line_base(t, grid.n), line_stride(grid.n), t < grid.n * grid.n);
}

// Row id of cell c along AXIS, as prepare_sources.wgsl (or compact_gradient.wgsl) left it.
fn row_at(c: u32) -> u32 {
  return unpack_row_ids(src[2u * c + 1u].w)[AXIS];
}

fn compact_at(c: u32) -> bool {
  return row_at(c) == COMPACT_ROW;
}

fn compact_row(base: u32, s: u32, n: u32, i: i32) -> bool {
  return i >= 0 && i < i32(n) && compact_at(base + u32(i) * s);
}

// Row i of the compact core or next to one: where Pᵀ's solution can differ from its right-hand side.
fn touches_compact(base: u32, s: u32, n: u32, i: i32) -> bool {
  return compact_row(base, s, n, i - 1) || compact_row(base, s, n, i) || compact_row(base, s, n, i + 1);
}

// Solves P x = rhs, or Pᵀ x = rhs, for the right-hand sides in line_work[c].yz, in place.
fn solve_line(base: u32, s: u32, n: u32, transposed: bool) {
  var previous = vec3<f32>(0.0);
  for (var i = 0; i < i32(n); i++) {
    let c = base + u32(i) * s;
    // Row i of P has α at i ± 1 when i is compact; row i of Pᵀ at i − 1 when i − 1 is, at i + 1 when i + 1 is.
    let lower = select(0.0, COMPACT_ALPHA, select(compact_row(base, s, n, i), compact_row(base, s, n, i - 1), transposed));
    let upper = select(0.0, COMPACT_ALPHA, select(compact_row(base, s, n, i), compact_row(base, s, n, i + 1), transposed));
    var w = vec3<f32>(upper, line_work[c].yz);
    if (lower != 0.0) {
      let m = 1.0 - lower * previous.x;
      w = vec3<f32>(upper / m, (w.yz - lower * previous.yz) / m);
    }
    line_work[c] = vec4<f32>(w, 0.0);
    previous = w;
  }
  for (var i = i32(n) - 2; i >= 0; i--) {
    let c = base + u32(i) * s;
    let w = line_work[c];
    if (w.x != 0.0) {
      line_work[c] = vec4<f32>(w.x, w.yz - w.x * line_work[c + s].yz, 0.0);
    }
  }
}

// The compact share θ of a row from its depth below the line's largest log F (log-gradient.ts coreWeight).
fn core_weight(depth: f32) -> f32 {
  return smooth_unit((CORE_DEPTH + CORE_BAND - depth) / CORE_BAND);
}

// 3x² − 2x³ on [0, 1], 0 below and 1 above (log-gradient.ts smoothStep).
fn smooth_unit(x: f32) -> f32 {
  let t = clamp(x, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// The fade of θ at the edge of the order-8 rows (log-gradient.ts edgeWeight): d, the cells from row i
// to the nearest row of the line not of order 8 (compact rows count as order 8), at most EDGE_BAND + 1.
fn edge_weight(base: u32, s: u32, n: u32, i: i32) -> f32 {
  var d = 1;
  while (d <= EDGE_BAND && order_eight(base, s, n, i - d) && order_eight(base, s, n, i + d)) { d++; }
  return smooth_unit(f32(d) / f32(EDGE_BAND + 1));
}

fn order_eight(base: u32, s: u32, n: u32, i: i32) -> bool {
  if (i < 0 || i >= i32(n)) { return false; }
  let id = row_at(base + u32(i) * s);
  return id == MAX_HALF_ORDER || id == COMPACT_ROW;
}
