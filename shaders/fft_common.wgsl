// The zero-padded FFT grid: m³ points, m = 4·2^a·3^b·5^c ≥ 2N − 1 (even, so k = m/2 is a plane of
// the grid), so that the circular convolution
// of the padded fields equals the linear one on the N³ grid. Point (x, y, z) at (x·m + y)·m + z;
// a field set holds several complex fields one after the other (field k at offset k·m³), or, where
// that would exceed the per-buffer limit (SPLIT variants), one field per buffer.

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

// The kernel is even along each axis separately (W_aa even, W_ab odd in d_a and d_b, kernel_table.wgsl),
// and so are its real spectra, up to those signs: they are stored on the octant 0 ≤ k_a ≤ m/2 only,
// (m/2 + 1)³ points per component.
fn spectrum_octant_side(m: u32) -> u32 {
  return m / 2u + 1u;
}

fn spectrum_octant_index(p: vec3<u32>, m: u32) -> u32 {
  let q = min(p, vec3<u32>(m) - p);  // |k_a| on the periodic grid
  let s = spectrum_octant_side(m);
  return (q.x * s + q.y) * s + q.z;
}

// ±1 per axis: −1 where k_a is a negative frequency (k_a > m/2).
fn spectrum_signs(p: vec3<u32>, m: u32) -> vec3<f32> {
  return select(vec3<f32>(1.0), vec3<f32>(-1.0), p > vec3<u32>(m / 2u));
}
