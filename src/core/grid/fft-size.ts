// Side m of the zero-padded FFT grid of an N³ grid, shared by the native CPU and the WGSL paths: the
// circular convolution on m³ points equals the linear one on N³ for any m ≥ 2N − 1, so m is the
// smallest size ≥ 2N − 1 that the line transforms take, 4·2^a·3^b·5^c. The factor 4 keeps the first
// and the last Stockham stage of every line radix 2 or 4, which read (forward) or write (inverse)
// only the lower half of a padded line, and gives the grid its Nyquist planes k = m/2, which the
// octant of the kernel spectra and the mirror pairs of the spectral pass rely on. Against all
// 2^a·3^b·5^c it costs 8 % more points on average over N = 8 … 160, at worst 2.1× (N = 13: 32³
// against 25³); N = 40, 48, 72, 80, 96 get 80, 96, 144, 160, 192 either way.

/** Whether m factors into 2, 3 and 5 alone. */
export function isSmooth235(m: number): boolean {
  if (!Number.isInteger(m) || m < 1) return false;
  for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
  return m === 1;
}

export function fftSize(n: number): number {
  let m = 4 * Math.max(1, Math.ceil((2 * n - 1) / 4));
  while (!isSmooth235(m / 4)) m += 4;
  return m;
}
