// The zero-padded FFT grid: m³ points, m a power of two ≥ 2N − 1, so that the circular convolution
// of the padded fields equals the linear one on the N³ grid. Point (x, y, z) at (x·m + y)·m + z;
// a field set holds several complex fields one after the other (field k at offset k·m³).

struct FftGrid {
  m: u32,
  m3: u32,
  _pad0: u32,
  _pad1: u32,
}

fn fft_coords(t: u32, m: u32) -> vec3<u32> {
  return vec3<u32>(t / (m * m), (t / m) % m, t % m);
}

fn fft_index(p: vec3<u32>, m: u32) -> u32 {
  return (p.x * m + p.y) * m + p.z;
}

// Index of −k on the periodic grid.
fn fft_mirror(t: u32, m: u32) -> u32 {
  let p = fft_coords(t, m);
  return fft_index((vec3<u32>(m) - p) % vec3<u32>(m), m);
}

fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

// i·z
fn times_i(z: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(-z.y, z.x);
}

// Spectra X̂, Ŷ of two real fields packed as z = x + i·y, from Ẑ(k) and Ẑ(−k).
struct RealPair {
  x: vec2<f32>,
  y: vec2<f32>,
}

fn split_real_pair(z: vec2<f32>, z_mirror: vec2<f32>) -> RealPair {
  let zc = vec2<f32>(z_mirror.x, -z_mirror.y);
  let sum = 0.5 * (z + zc);
  let diff = 0.5 * (z - zc);
  return RealPair(sum, vec2<f32>(diff.y, -diff.x));  // Ŷ = (Ẑ(k) − conj Ẑ(−k)) / (2i)
}
