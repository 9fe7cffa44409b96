// Browser demo only (web/volume.ts): volume rendering of the state. Not part of the solver and not
// composed with common.wgsl. The texture holds u = (log10 F − lo)/(hi − lo) ∈ [0, 1] per cell,
// texel (i, j, k) = cell (ix, iy, iz); r32float is not filterable, so the trilinear interpolation
// is done here from eight textureLoads. A fullscreen triangle; each fragment casts a ray through
// the box [−1, 1]³ (= [−L, L]³) from the inverse view-projection matrix and composites front to back.

struct Uniforms {
  inv_view_proj: mat4x4<f32>,
  // x: N, y: ray-march steps, z: opacity per unit length, w: unused
  params: vec4<f32>,
};

@group(0) @binding(0) var<uniform> uni: Uniforms;
@group(0) @binding(1) var volume: texture_3d<f32>;

struct VsOut {
  @builtin(position) position: vec4<f32>,
  @location(0) ndc: vec2<f32>,
};

@vertex
fn vs_main(@builtin(vertex_index) index: u32) -> VsOut {
  var corners = array<vec2<f32>, 3>(vec2<f32>(-1.0, -1.0), vec2<f32>(3.0, -1.0), vec2<f32>(-1.0, 3.0));
  var out: VsOut;
  out.position = vec4<f32>(corners[index], 0.0, 1.0);
  out.ndc = corners[index];
  return out;
}

fn texel(c: vec3<i32>, n: i32) -> f32 {
  return textureLoad(volume, clamp(c, vec3<i32>(0), vec3<i32>(n - 1)), 0).r;
}

/** Trilinear interpolation between cell centres; p in [−1, 1]³. */
fn sample_volume(p: vec3<f32>, n: i32) -> f32 {
  let x = (p * 0.5 + 0.5) * f32(n) - 0.5;
  let b = floor(x);
  let w = x - b;
  let i = vec3<i32>(b);
  let c00 = mix(texel(i, n), texel(i + vec3<i32>(1, 0, 0), n), w.x);
  let c10 = mix(texel(i + vec3<i32>(0, 1, 0), n), texel(i + vec3<i32>(1, 1, 0), n), w.x);
  let c01 = mix(texel(i + vec3<i32>(0, 0, 1), n), texel(i + vec3<i32>(1, 0, 1), n), w.x);
  let c11 = mix(texel(i + vec3<i32>(0, 1, 1), n), texel(i + vec3<i32>(1, 1, 1), n), w.x);
  return mix(mix(c00, c10, w.y), mix(c01, c11, w.y), w.z);
}

/** Viridis, polynomial fit. */
fn viridis(t: f32) -> vec3<f32> {
  let c0 = vec3<f32>(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
  let c1 = vec3<f32>(0.1050930431085774, 1.404613529898575, 1.384590162594685);
  let c2 = vec3<f32>(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
  let c3 = vec3<f32>(-4.634230498983486, -5.799100973351585, -19.33244095627987);
  let c4 = vec3<f32>(6.228269936347081, 14.17993336680509, 56.69055662738553);
  let c5 = vec3<f32>(4.776384997670288, -13.74514537774601, -65.35303263337234);
  let c6 = vec3<f32>(-5.435455855934631, 4.645852612178535, 26.3124352495832);
  return clamp(c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6))))), vec3<f32>(0.0), vec3<f32>(1.0));
}

fn on_edge(p: vec3<f32>) -> bool {
  let q = abs(p);
  return select(0, 1, q.x > 0.985) + select(0, 1, q.y > 0.985) + select(0, 1, q.z > 0.985) >= 2;
}

@fragment
fn fs_main(in: VsOut) -> @location(0) vec4<f32> {
  let background = vec3<f32>(0.08, 0.08, 0.11);
  let near = uni.inv_view_proj * vec4<f32>(in.ndc, -1.0, 1.0);
  let far = uni.inv_view_proj * vec4<f32>(in.ndc, 1.0, 1.0);
  let origin = near.xyz / near.w;
  var dir = normalize(far.xyz / far.w - origin);
  dir = select(dir, vec3<f32>(1e-6), abs(dir) < vec3<f32>(1e-6));
  let inv = 1.0 / dir;
  let ta = (vec3<f32>(-1.0) - origin) * inv;
  let tb = (vec3<f32>(1.0) - origin) * inv;
  let tlo = min(ta, tb);
  let thi = max(ta, tb);
  let t_near = max(max(tlo.x, tlo.y), max(tlo.z, 0.0));
  let t_far = min(min(thi.x, thi.y), thi.z);
  if (t_far <= t_near) {
    return vec4<f32>(background, 1.0);
  }
  let n = i32(uni.params.x);
  let steps = i32(uni.params.y);
  let dt = (t_far - t_near) / f32(steps);
  var colour = vec3<f32>(0.0);
  var alpha = 0.0;
  for (var k = 0; k < steps; k++) {
    let p = origin + dir * (t_near + (f32(k) + 0.5) * dt);
    let u = sample_volume(p, n);
    let a = 1.0 - exp(-uni.params.z * u * u * u * dt);
    colour += (1.0 - alpha) * a * viridis(u);
    alpha += (1.0 - alpha) * a;
    if (alpha > 0.98) {
      break;
    }
  }
  // The box's edges where the ray enters or leaves it: two coordinates at ±1.
  let base = select(background, vec3<f32>(0.45, 0.45, 0.5), on_edge(origin + dir * t_near) || on_edge(origin + dir * t_far));
  return vec4<f32>(colour + (1.0 - alpha) * base, 1.0);
}
