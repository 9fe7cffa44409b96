"""PyTorch peer of Landau3D's FFT path on a GPU (or on the CPU without one): the same discrete
Q(F,F) — the Coulomb kernel at the points d ≠ 0 of the grid (W(0) does not enter Q), zero-padded FFT
convolutions on (2N)³, the entropic flux over the interior cells averaged over the eight sign
patterns of one-sided differences — in float32, timed per evaluation (CUDA events on a GPU).

    python3 bench/torch_peer.py --n 32,64,128 [--repeats 5] [--out FILE.json]

The data are those of bench/cpu-peer.ts: a unit Maxwellian times (1 + 0.2 sin(0.37 c)) on [−6, 6]³.
Prints one line per N and writes the rows as JSON with --out.
"""
import argparse
import json
import math
import time

import torch


def kernel_spectra(n, h, m, dev):
    d = torch.arange(m, device=dev, dtype=torch.float64)
    d = torch.where(d < m // 2, d, d - m)
    inside = d.abs() < n
    dx, dy, dz = torch.meshgrid(d, d, d, indexing="ij")
    mask = inside[:, None, None] & inside[None, :, None] & inside[None, None, :]
    r2 = dx * dx + dy * dy + dz * dz
    c = torch.where((r2 > 0) & mask, 1.0 / (8 * math.pi * r2.clamp(min=1) ** 1.5), torch.zeros_like(r2)) * h * h
    comps = {(0, 0): r2 - dx * dx, (1, 1): r2 - dy * dy, (2, 2): r2 - dz * dz, (0, 1): -dx * dy, (0, 2): -dx * dz, (1, 2): -dy * dz}
    w = {k: torch.fft.rfftn((c * v).float()).real for k, v in comps.items()}
    for (a, b) in list(w):
        w[(b, a)] = w[(a, b)]
    return w


def collision(f, h, w, n, m):
    logf = torch.log(f)
    chi = torch.zeros_like(f, dtype=torch.bool)
    chi[1:-1, 1:-1, 1:-1] = True
    sigma = torch.where(chi, f, torch.zeros_like(f))
    up, down = [], []
    for a in range(3):
        gp = (torch.roll(logf, -1, a) - logf) / h
        gm = (logf - torch.roll(logf, 1, a)) / h
        up.append(torch.where(chi, f * gp, torch.zeros_like(f)))
        down.append(torch.where(chi, f * gm, torch.zeros_like(f)))
    s = (m, m, m)
    fwd = lambda x: torch.fft.rfftn(x, s=s)
    inv = lambda x: torch.fft.irfftn(x, s=s)[:n, :n, :n]
    s_hat, p_hat, q_hat = fwd(sigma), [fwd(x) for x in up], [fwd(x) for x in down]
    a = {(i, j): inv(w[(i, j)] * s_hat) for i in range(3) for j in range(i, 3)}
    A = lambda i, j: a[(min(i, j), max(i, j))]
    mean_hat = [0.5 * (p_hat[i] + q_hat[i]) for i in range(3)]
    off_hat = [sum(w[(i, j)] * mean_hat[j] for j in range(3) if j != i) for i in range(3)]
    b_up = [inv(w[(i, i)] * p_hat[i] + off_hat[i]) for i in range(3)]
    b_down = [inv(w[(i, i)] * q_hat[i] + off_hat[i]) for i in range(3)]
    mean = [0.5 * (up[i] + down[i]) for i in range(3)]
    shared = [sum(A(i, j) * mean[j] for j in range(3) if j != i) for i in range(3)]
    zero = torch.zeros_like(f)
    jp = [torch.where(chi, A(i, i) * up[i] + shared[i] - sigma * b_up[i], zero) for i in range(3)]
    jm = [torch.where(chi, A(i, i) * down[i] + shared[i] - sigma * b_down[i], zero) for i in range(3)]
    total = torch.zeros_like(f)
    for k in range(3):
        # ½ [J⁺(c) − J⁺(c − e_k) − J⁻(c) + J⁻(c + e_k)] / h, with the fluxes zero outside the interior.
        total += jp[k] - torch.roll(jp[k], 1, k) - jm[k] + torch.roll(jm[k], -1, k)
    return 0.5 * total / h


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", default="32,64,128")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rows = []
    for n in [int(x) for x in args.n.split(",")]:
        m = 1
        while m < 2 * n - 1:
            m *= 2
        L = 6.0
        h = 2 * L / n
        ax = -L + (torch.arange(n, device=dev, dtype=torch.float64) + 0.5) * h
        x, y, z = torch.meshgrid(ax, ax, ax, indexing="ij")
        c = torch.arange(n ** 3, device=dev, dtype=torch.float64).reshape(n, n, n)
        f = ((2 * math.pi) ** -1.5 * torch.exp(-(x * x + y * y + z * z) / 2) * (1 + 0.2 * torch.sin(0.37 * c))).float()
        w = kernel_spectra(n, h, m, dev)
        q = collision(f, h, w, n, m)
        times = []
        for _ in range(args.repeats):
            if dev.type == "cuda":
                start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                start.record()
                q = collision(f, h, w, n, m)
                end.record()
                torch.cuda.synchronize()
                times.append(start.elapsed_time(end) / 1000)
            else:
                t0 = time.perf_counter()
                q = collision(f, h, w, n, m)
                times.append(time.perf_counter() - t0)
        times.sort()
        row = {"n": n, "m": m, "device": torch.cuda.get_device_name() if dev.type == "cuda" else "cpu", "q_seconds_median": times[len(times) // 2], "q_seconds_min": times[0],
               "mass_rate": float(q.double().sum() * h ** 3), "torch": torch.__version__}
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.out:
        json.dump(rows, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
