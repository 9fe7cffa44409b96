"""NumPy/SciPy peer of Landau3D's native CPU backend: the same discrete Q(F,F) (zero-padded FFT
convolutions of the same kernel table, the same entropic flux form over the interior cells averaged
over the eight sign patterns of one-sided differences), timed on the same grid. bench/cpu-peer.ts writes the inputs and reads the results:

    python3 bench/numpy_peer.py DIR [--workers K] [--repeats R]

DIR holds grid.json {n, h, scale, m}, F.npy (N, N, N) and table.npy (N, N, N, 6), the kernel table
octant in table units; the peer writes Q.npy and peer.json {q_seconds: [...], workers}.
"""
import argparse
import json
import time

import numpy as np
import scipy.fft as sfft


def kernel_spectra(table, n, m, factor):
    """Real spectra of the six kernel components on the padded grid (offset d at d mod m, |d| < N)."""
    d = np.arange(m)
    d = np.where(d < m // 2, d, d - m)
    inside = np.abs(d) < n
    a = np.where(inside, np.abs(d), 0)
    ax, ay, az = np.meshgrid(a, a, a, indexing="ij")
    mask = inside[:, None, None] & inside[None, :, None] & inside[None, None, :]
    sx, sy, sz = np.meshgrid(np.sign(d), np.sign(d), np.sign(d), indexing="ij")
    signs = [1, 1, 1, sx * sy, sx * sz, sy * sz]
    spectra = []
    for k in range(6):
        w = np.where(mask, table[ax, ay, az, k] * signs[k], 0.0) * factor
        spectra.append(sfft.rfftn(w).real.copy())
    return spectra


def collision(f, h, spectra, n, m, workers):
    logf = np.log(f)
    chi = np.zeros_like(f, dtype=bool)
    chi[1:-1, 1:-1, 1:-1] = True
    sigma = np.where(chi, f, 0.0)
    up, down = [], []
    for axis in range(3):
        gp = (np.roll(logf, -1, axis) - logf) / h
        gm = (logf - np.roll(logf, 1, axis)) / h
        up.append(np.where(chi, f * gp, 0.0))
        down.append(np.where(chi, f * gm, 0.0))
    shape = (m, m, m)
    fwd = lambda x: sfft.rfftn(x, s=shape, workers=workers)
    inv = lambda x: sfft.irfftn(x, s=shape, workers=workers)[:n, :n, :n]
    s_hat = fwd(sigma)
    p_hat = [fwd(x) for x in up]
    q_hat = [fwd(x) for x in down]
    wxx, wyy, wzz, wxy, wxz, wyz = spectra
    diag = [wxx, wyy, wzz]
    w = [[wxx, wxy, wxz], [wxy, wyy, wyz], [wxz, wyz, wzz]]
    # A^χ = W ∗ χF (6 components) and B±_a = W_aa ∗ p±_a + Σ_{b≠a} W_ab ∗ p̄_b (3 + 3): the 12
    # convolutions of the flux averaged over the eight sign patterns of one-sided differences.
    a_sym = {(i, j): inv(w[i][j] * s_hat) for i in range(3) for j in range(i, 3)}
    a = [[a_sym[(min(i, j), max(i, j))] for j in range(3)] for i in range(3)]
    mean_hat = [0.5 * (p_hat[i] + q_hat[i]) for i in range(3)]
    off_hat = [sum(w[i][j] * mean_hat[j] for j in range(3) if j != i) for i in range(3)]
    b_up = [inv(diag[i] * p_hat[i] + off_hat[i]) for i in range(3)]
    b_down = [inv(diag[i] * q_hat[i] + off_hat[i]) for i in range(3)]
    mean = [0.5 * (up[i] + down[i]) for i in range(3)]
    shared = [sum(a[i][j] * mean[j] for j in range(3) if j != i) for i in range(3)]
    jp = [np.where(chi, a[i][i] * up[i] + shared[i] - sigma * b_up[i], 0.0) for i in range(3)]
    jm = [np.where(chi, a[i][i] * down[i] + shared[i] - sigma * b_down[i], 0.0) for i in range(3)]
    total = np.zeros_like(f)
    for k in range(3):
        # Q = ½ Σ_k [J⁺_k(c) − J⁺_k(c − e_k) − J⁻_k(c) + J⁻_k(c + e_k)] / h, terms outside the grid zero.
        back = np.zeros_like(f)
        fwd_shift = np.zeros_like(f)
        sl = [slice(None)] * 3
        sl_src = [slice(None)] * 3
        sl[k], sl_src[k] = slice(1, None), slice(None, -1)
        back[tuple(sl)] = jp[k][tuple(sl_src)]
        sl[k], sl_src[k] = slice(None, -1), slice(1, None)
        fwd_shift[tuple(sl)] = jm[k][tuple(sl_src)]
        total += jp[k] - back - jm[k] + fwd_shift
    return 0.5 * total / h


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--workers", type=int, default=-1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    grid = json.load(open(f"{args.dir}/grid.json"))
    n, h, m = grid["n"], grid["h"], grid["m"]
    f = np.load(f"{args.dir}/F.npy")
    table = np.load(f"{args.dir}/table.npy")
    workers = args.workers if args.workers > 0 else None
    spectra = kernel_spectra(table, n, m, grid["scale"])
    q = collision(f, h, spectra, n, m, workers)
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        q = collision(f, h, spectra, n, m, workers)
        times.append(time.perf_counter() - t0)
    np.save(f"{args.dir}/Q.npy", q)
    json.dump({"q_seconds": times, "workers": workers, "numpy": np.__version__, "scipy": __import__("scipy").__version__}, open(f"{args.dir}/peer.json", "w"))


if __name__ == "__main__":
    main()
