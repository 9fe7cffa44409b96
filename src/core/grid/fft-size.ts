// Side m of the zero-padded FFT grid of an N³ grid: the smallest power of two ≥ 2N − 1, so that the
// circular convolution on m³ points equals the linear one on N³ (both FFT paths use it).
export function fftSize(n: number): number {
  let m = 2;
  while (m < 2 * n - 1) m *= 2;
  return m;
}
