// One radix-2 Stockham stage along one axis, for every line of every field of a field set:
// out-of-place, self-sorting (no bit reversal). With ns the length of the sub-transforms already
// done, butterfly j combines x[j] and x[j + m/2] into positions (j div ns)·2ns + (j mod ns) and
// that + ns. Twiddles come from a table computed in f64 on the host.

struct FftStage {
  m: u32,
  m3: u32,
  ns: u32,
  stride: u32,        // distance between neighbours along the axis: m², m or 1
  fields: u32,
  twiddle_step: u32,  // m / (2·ns)
  inverse: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> stage: FftStage;
@group(0) @binding(1) var<storage, read> twiddles: array<vec2<f32>>;  // exp(−2πi k/m), k < m/2
@group(0) @binding(2) var<storage, read> input: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> output: array<vec2<f32>>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let t = linear_index(wid, nwg, lid);
  let half_m = stage.m / 2u;
  let per_field = stage.m3 / 2u;
  if (t >= stage.fields * per_field) { return; }
  let field = t / per_field;
  let r = t % per_field;
  let j = r % half_m;
  let line = r / half_m;
  let st = stage.stride;
  let base = field * stage.m3 + (line / st) * st * stage.m + line % st;
  let a = input[base + j * st];
  let b = input[base + (j + half_m) * st];
  let k = j % stage.ns;
  var w = twiddles[k * stage.twiddle_step];
  if (stage.inverse != 0u) { w.y = -w.y; }
  let bw = cmul(b, w);
  let o = (j - k) * 2u + k;
  output[base + o * st] = a + bw;
  output[base + (o + stage.ns) * st] = a - bw;
}
