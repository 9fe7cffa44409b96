"""The composite layout of bench/refined_layouts.py with a summation-by-parts interface: one F on
coarse cells outside a cubic hole and a fine patch inside it, and difference rows G̃_a = Ω⁻¹S_a
with S_a exactly skew-symmetric and every row exact on quadratics. Then −Ω⁻¹G̃_aᵀΩ = G̃_a: the
divergence of the pair form is the gradient itself, consistent at the interface as everywhere.

Such S exist only when the weights Ω are a consistent quadrature of cubics. The cell volumes are
not: the midpoint rule's error is −(s²/24)∫Δg per cell of side s, and s jumps from H to h at the
patch. So the weights of the coarse cells near the hole are unknowns too (a few per cent of their
volume), solved with the three S_a in one sparse linear system, once per layout: the band entries
closest to the uniform order-4 rows, subject to skew-symmetry and exactness.

    python3 bench/composite_sbp.py --delta 0.01 --composite 3 --cpw 1.9
"""
import argparse, itertools, time
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
from scipy.spatial import cKDTree
import refined_layouts as rl

C4 = dict(rl.pair_stencils(4)[0])     # the centred part of the order-4 pair
# the band's pair window: same level ±2 cells along the axis and ±1 across; coarse–fine ±1.5H in
# every direction (narrower coarse–fine windows leave the constraints unsatisfiable)
SAME_ACROSS, CROSS_ALONG, CROSS_ACROSS = 1.01, 1.51, 1.51
MONOMIALS = [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1), (2, 0, 0), (0, 2, 0), (0, 0, 2),
             (1, 1, 0), (1, 0, 1), (0, 1, 1)]


class Composite:
    """Cells of the composite layout: the coarse grid's cells outside the hole (index 0 … nC − 1,
    in the coarse grid's order) then the patch's cells (in the fine grid's order)."""

    def __init__(self, cg, fg, cut, margin):
        self.cg, self.fg, self.cut = cg, fg, cut
        self.H, self.h = cg.h, fg.h
        keep = ~cut.ravel()
        cpos = np.stack([x.ravel() for x in cg.X], -1)[keep]
        fpos = np.stack([x.ravel() for x in fg.X], -1)
        self.coarse_index = np.flatnonzero(keep)
        self.nC, self.nF = len(cpos), len(fpos)
        self.pos = np.vstack([cpos, fpos])
        self.s = np.r_[np.full(self.nC, self.H), np.full(self.nF, self.h)]
        self.vol = self.s ** 3
        self.n = len(self.pos)
        self.centre = fg.centre
        self.half = fg.n * fg.h / 2
        self.rel = self.pos - self.centre
        self.cheb = np.max(np.abs(self.rel), axis=1)
        self.fine = np.r_[np.zeros(self.nC, bool), np.ones(self.nF, bool)]
        # interior cells V: coarse cells at least `margin` from the box, all fine cells
        nc = cg.n
        ii = np.array(np.unravel_index(self.coarse_index, (nc,) * 3)).T
        inner = np.all((ii >= margin) & (ii < nc - margin), axis=1)
        self.V = np.r_[inner, np.ones(self.nF, bool)]
        self._keys = {}
        for t, (p, s) in enumerate(zip(self.pos, self.s)):
            self._keys[self._key(p, s)] = t

    def _key(self, p, s):
        return (round(p[0] / s * 2), round(p[1] / s * 2), round(p[2] / s * 2), s == self.h)

    def find(self, p, s):
        """The cell of spacing s centred at p, or −1."""
        return self._keys.get(self._key(p, s), -1)

    def to_composite(self, coarse_field, fine_field):
        return np.r_[coarse_field.ravel()[self.coarse_index], fine_field.ravel()]


def reference_row(comp, omega, i, axis):
    """The uniform order-4 row of cell i along `axis` as S entries {j: value}, or None where its
    stencil leaves the cell's level."""
    row = {}
    for o, c in C4.items():
        q = comp.pos[i].copy(); q[axis] += o * comp.s[i]
        j = comp.find(q, comp.s[i])
        if j < 0:
            return None
        row[j] = omega[i] * c / comp.s[i]
    return row


def axis_system(comp, omega, axis, coarse_layers=2, fine_layers=3):
    """S_a: uniform order-4 rows ΩC4 outside a band around the patch's surface; in the band the
    entries (pairs within a window) closest to the uniform rows, in the norm of entries scaled by
    the smaller spacing squared, such that S is skew and S p = Ω ∂_a p for every quadratic p.
    Returns the constraint system in scaled unknowns y = S/scale."""
    H, h = comp.H, comp.h
    band = comp.V & ((~comp.fine & (comp.cheb < comp.half + coarse_layers * H))
                     | (comp.fine & (comp.cheb > comp.half - fine_layers * h)))
    fixed = {}
    for i in np.flatnonzero(comp.V & ~band):
        ref = reference_row(comp, omega, i, axis)
        assert ref is not None, 'a row outside the band leaves its level'
        for j, v in ref.items():
            fixed[(i, j)] = v
    B = np.flatnonzero(band)
    slot = -np.ones(comp.n, int); slot[B] = np.arange(len(B))
    tree = cKDTree(comp.pos)
    perp = [b for b in range(3) if b != axis]
    pairs, ref_vals = [], []
    for i in B:
        for j in tree.query_ball_point(comp.pos[i], 2.6 * H):
            if j <= i or slot[j] < 0:
                continue
            d = comp.pos[j] - comp.pos[i]
            si, sj = comp.s[i], comp.s[j]
            if si == sj:
                ok = abs(d[axis]) <= 2.01 * si and max(abs(d[perp[0]]), abs(d[perp[1]])) <= SAME_ACROSS * si
            else:
                ok = abs(d[axis]) <= CROSS_ALONG * H and max(abs(d[perp[0]]), abs(d[perp[1]])) <= CROSS_ACROSS * H
            if ok:
                pairs.append((i, j))
    pairs = np.array(pairs)
    # the reference values: the uniform row where it exists (pairs within the level)
    refs = {i: reference_row(comp, omega, i, axis) for i in B}
    for i, j in pairs:
        ri = refs[i]
        ref_vals.append(ri.get(j, 0.0) if ri is not None else 0.0)
    x_ref = np.array(ref_vals)
    scale = np.minimum(comp.s[pairs[:, 0]], comp.s[pairs[:, 1]]) ** 2
    nm = len(MONOMIALS)
    R, Cc, Vv = [], [], []
    rhs = np.zeros(len(B) * nm)
    d = comp.pos[pairs[:, 1]] - comp.pos[pairs[:, 0]]
    for t, e in enumerate(MONOMIALS):
        pm = d[:, 0] ** e[0] * d[:, 1] ** e[1] * d[:, 2] ** e[2]
        mm = (-d[:, 0]) ** e[0] * (-d[:, 1]) ** e[1] * (-d[:, 2]) ** e[2]
        u = np.arange(len(pairs))
        R += [slot[pairs[:, 0]] * nm + t, slot[pairs[:, 1]] * nm + t]
        Cc += [u, u]
        Vv += [pm * scale, -mm * scale]
    for (a, b), v in list(fixed.items()):
        if slot[b] >= 0:       # row b holds S_ba = −S_ab
            dd = comp.pos[a] - comp.pos[b]
            for t, e in enumerate(MONOMIALS):
                rhs[slot[b] * nm + t] += v * dd[0] ** e[0] * dd[1] ** e[1] * dd[2] ** e[2]
            fixed[(b, a)] = -v
    unit = MONOMIALS.index(tuple(int(b == axis) for b in range(3)))
    rhs[slot[B] * nm + unit] += omega[B]
    A = sp.csr_matrix((np.concatenate(Vv), (np.concatenate(R), np.concatenate(Cc))), shape=(len(rhs), len(pairs)))
    return dict(A=A, rhs=rhs, y_ref=x_ref / scale, scale=scale, pairs=pairs, fixed=fixed, band=band,
                slot=slot, B=B, unit=unit, nm=nm)


def skew_operators(comp, omega, coarse_layers=2, fine_layers=3, weight_cost=10.0):
    """S_x, S_y, S_z and the weights, solved together: the band entries closest to the uniform
    rows and weight corrections δω on the coarse band cells (cost weight_cost per unit of δω/ω),
    such that every S_a is skew and S_a p = (Ω + δΩ) ∂_a p for every quadratic p."""
    systems = [axis_system(comp, omega, a, coarse_layers, fine_layers) for a in range(3)]
    band, slot, B, nm, unit = systems[0]['band'], systems[0]['slot'], systems[0]['B'], systems[0]['nm'], None
    wcells = np.flatnonzero(band & ~comp.fine) if weight_cost else np.zeros(0, int)
    wscale = omega[wcells] / weight_cost if weight_cost else np.zeros(0)
    blocks, rhs, yref = [], [], []
    for a, sy in enumerate(systems):
        # row (cell i, monomial x_a) gains −δω_i
        D = sp.csr_matrix((-wscale, (slot[wcells] * nm + sy['unit'], np.arange(len(wcells)))),
                          shape=(len(sy['rhs']), len(wcells)))
        row = [None, None, None, D] if len(wcells) else [None, None, None]
        row[a] = sy['A']
        blocks.append(row)
        rhs.append(sy['rhs']); yref.append(sy['y_ref'])
    A = sp.bmat(blocks, format='csr')
    rhs = np.concatenate(rhs)
    y = np.concatenate(yref + [np.zeros(len(wcells))])
    AAt = (A @ A.T).tocsc()
    eps = 1e-16 * abs(AAt.diagonal()).max()
    # a tiny shift for the redundant constraints, then iterative refinement to round-off
    lu = sla.splu(AAt + eps * sp.identity(AAt.shape[0], format='csc'))
    for _ in range(6):
        y += A.T @ lu.solve(rhs - A @ y)
    res = np.abs(A @ y - rhs).max() / np.abs(rhs).max()
    omega = omega.copy()
    omega[wcells] += wscale * y[len(y) - len(wcells):]
    S, off = [], 0
    for sy in systems:
        n = len(sy['pairs'])
        x = y[off:off + n] * sy['scale']; off += n
        fixed = dict(sy['fixed'])
        for (i, j), v in zip(sy['pairs'], x):
            fixed[(i, j)] = v
            fixed[(j, i)] = -v
        ij = np.array(list(fixed.keys())); vv = np.array(list(fixed.values()))
        keep = comp.V[ij[:, 0]]
        S.append(sp.csr_matrix((vv[keep], (ij[keep, 0], ij[keep, 1])), shape=(comp.n, comp.n)))
    return S, omega, band, res, [len(sy['pairs']) for sy in systems], wcells


def check_exactness(comp, omega, S, axis, rows):
    """Largest |S p − Ω ∂_a p| over the given rows and the quadratic monomials, over Ω-scale."""
    worst = 0.0
    for e in MONOMIALS:
        p = np.prod([comp.rel[:, b] ** e[b] for b in range(3)], axis=0)
        grad = np.zeros(comp.n)
        if e[axis] > 0:
            ee = list(e); ee[axis] -= 1
            grad = e[axis] * np.prod([comp.rel[:, b] ** ee[b] for b in range(3)], axis=0)
        r = (S @ p - omega * grad)[rows] / (omega[rows] / comp.s[rows])
        worst = max(worst, np.abs(r).max())
    return worst


def skewness(S, rows):
    """Largest |S + Sᵀ| among rows × rows, over the largest |S|."""
    Ss = S[rows][:, rows]
    return abs(Ss + Ss.T).max() / abs(Ss).max()


def e_operator(comp, axis, band):
    """The order-4 E part E = κδ⁴/h along `axis` on V rows outside the band whose stencil stays
    on the cell's level (zero rows elsewhere: E annihilates quadratics, so any set of its rows
    keeps the structure)."""
    _, E, _ = rl.pair_stencils(4)
    rows, cols, vals = [], [], []
    for i in np.flatnonzero(comp.V & ~band):
        js = []
        for o, c in E:
            q = comp.pos[i].copy(); q[axis] += o * comp.s[i]
            j = comp.find(q, comp.s[i])
            if j < 0:
                break
            js.append((j, c / comp.s[i]))
        else:
            for j, v in js:
                rows.append(i); cols.append(j); vals.append(v)
    return sp.csr_matrix((vals, (rows, cols)), shape=(comp.n, comp.n))


def run_composite_sbp(terms, u, delta, nc, k, cells_per_width, weak_exact, verbose=True, weight_cost=10.0):
    t0 = time.time()
    cg, fg, ic, r = rl.composite_grids(u, delta, nc, k, cells_per_width)
    nf, H, h = fg.n, cg.h, fg.h
    lo = ic - k // 2
    cut = np.zeros((nc,) * 3, dtype=bool)
    cut[lo[0]:lo[0] + k, lo[1]:lo[1] + k, lo[2]:lo[2] + k] = True
    comp = Composite(cg, fg, cut, margin=2)
    S, omega, band, res, npairs, shell = skew_operators(comp, comp.vol, weight_cost=weight_cost)
    Eop = [e_operator(comp, a, band) for a in range(3)]
    rows = np.flatnonzero(comp.V & band)
    info = [(res, npairs[a], check_exactness(comp, omega, S[a], a, rows), skewness(S[a], np.flatnonzero(comp.V)))
            for a in range(3)]
    t_build = time.time() - t0
    _, Qcx, _ = rl.exact_q(terms, range(len(terms)), cg.X)
    Ff, Qfx, _ = rl.exact_q(terms, range(len(terms)), fg.X)
    Fc, _, _ = rl.exact_q(terms, range(len(terms)), cg.X)
    F = comp.to_composite(Fc, Ff)
    lF = np.log(F)
    sig = np.where(comp.V, F, 0.0)
    Oinv = 1 / omega
    g = [np.where(comp.V, Oinv * (S[a] @ lF), 0.0) for a in range(3)]
    e = [Eop[a] @ lF for a in range(3)]
    C, F_ = slice(0, comp.nC), slice(comp.nC, comp.n)

    def on_coarse(x):
        out = np.zeros(nc ** 3); out[comp.coarse_index] = x[C]; return out.reshape((nc,) * 3)

    def on_fine(x):
        return x[F_].reshape((nf,) * 3)

    # pair sums: same level by FFT (sources weighted ω/s³), cross pairs directly (weights ω)
    wc, wf = omega / comp.vol, omega / comp.vol
    src = lambda x: (on_coarse(wc * x), on_fine(wf * x))
    sc, sf = src(sig)
    A = [comp.to_composite(a_, b_) for a_, b_ in zip(cg.tensor(sc), fg.tensor(sf))]
    sgc = [src(sig * g[b]) for b in range(3)]
    B = [comp.to_composite(a_, b_) for a_, b_ in zip(cg.contract([x[0] for x in sgc]), fg.contract([x[1] for x in sgc]))]
    act = np.flatnonzero(comp.V[C])
    xc = comp.pos[C][act]; xf = comp.pos[F_]
    src_c = np.stack([sig[C][act]] + [(sig * g[b])[C][act] for b in range(3)]) * omega[C][act]
    src_f = np.stack([sig[F_]] + [(sig * g[b])[F_] for b in range(3)]) * omega[F_]
    o1, o2 = rl.pair_sums(xc, xf, src_c, src_f, h)
    for i in range(6):
        A[i][act] += o1[i]; A[i][F_] += o2[i]
    for i in range(3):
        B[i][act] += o1[6 + i]; B[i][F_] += o2[6 + i]
    Z = np.zeros(comp.n)
    for a in range(3):
        J = sig * (sum(A[rl.IDX[(a, b)]] * g[b] for b in range(3)) - B[a])
        Z += S[a].T @ np.where(comp.V, J, 0.0)
        kk = rl.IDX[(a, a)]
        ec, ef = src(sig * e[a])
        same = comp.to_composite(cg.conv(cg.fwd(ec), a, a), fg.conv(fg.fwd(ef), a, a))
        JE = sig * (A[kk] * e[a] - same)
        Z += Eop[a].T @ (omega * JE)
    Q = -Oinv * Z
    # measures, as run_composite
    Qc = on_coarse(Q); Qf = on_fine(Q)
    phi = np.exp(-np.sum((comp.pos - np.asarray(u)) ** 2, axis=1) / (8 * delta))
    weak = np.sum(omega * phi * Q)
    v2 = np.sum(comp.pos ** 2, axis=1)
    mass = np.sum(omega * Q) / np.sum(omega * np.abs(Q))
    mom = np.linalg.norm([np.sum(omega * comp.pos[:, a] * Q) for a in range(3)]) / np.sum(omega * np.sqrt(v2) * np.abs(Q))
    en = np.sum(omega * v2 * Q) / np.sum(omega * v2 * np.abs(Q))
    Hr = np.sum(omega * lF * Q)
    near = np.sqrt(sum((fg.X[a] - u[a]) ** 2 for a in range(3))) < 3 * np.sqrt(delta)
    _, _, Afx = rl.exact_q(terms, range(len(terms)), fg.X)
    Af = [on_fine(x) for x in A]
    aerr = rl.rel(np.array(Af), np.array(Afx), np.broadcast_to(near, (6,) + near.shape))
    _, nearc, far = rl.regions(cg, fg.centre, nf * h / 2, 4 * H)
    nearc &= ~cut; far &= ~cut
    if verbose:
        for a, (res, npairs, exact, skew) in enumerate(info):
            print(f'# axis {a}: {npairs} band pairs, constraint residual {res:.1e}, exactness {exact:.1e}, '
                  f'|S + Sᵀ| {skew:.1e}')
        if len(shell):
            print(f'# weights of {len(shell)} coarse cells corrected by {np.min(omega[shell] / comp.vol[shell] - 1):+.2%} … '
                  f'{np.max(omega[shell] / comp.vol[shell] - 1):+.2%}')
        print(f'# rows built in {t_build:.1f} s')
    return dict(fields=(cg, Qc, Qcx, ~cut, fg, Qf, Qfx), name=f'composite/sbp (k = {k}, r = {r}, nf = {nf})',
                bump=rl.rel(Qf, Qfx), bulk=rl.rel(Qc, Qcx, far), under=np.nan, near=rl.rel(Qc, Qcx, nearc),
                weak=weak / weak_exact - 1, aerr=aerr, m=mass, p=mom, e=en, H=Hr,
                cells=comp.n, ffts=f'{cg.m}³ ×{cg.ffts} + {fg.m}³ ×{fg.ffts}', pairs=len(xc) * len(xf),
                secs=time.time() - t0, h=h, rate=12 * np.max(rl.lmax(Af)) / h ** 2,
                rate_c=12 * np.max(rl.lmax([np.where(cut, 0, on_coarse(x)) for x in A])) / H ** 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--delta', default='0.01')
    ap.add_argument('--centre', default='0,0,0')
    ap.add_argument('--nc', type=int, default=33)
    ap.add_argument('--composite', type=int, default=3)
    ap.add_argument('--cpw', type=float, default=1.9)
    ap.add_argument('--maxwellian', action='store_true')
    ap.add_argument('--volume-weights', action='store_true',
                    help='keep the cell volumes as weights (no δω): the skew exact rows then do not exist, '
                         'and the constraint residual says by how much')
    ap.add_argument('--smooth', action='store_true',
                    help='consistency check: F = M + 0.3 M_{(0.6,0,0),0.5}, smooth on the coarse grid, with the '
                         'patch at --centre; compares the interface closures and the uniform coarse grid on the same cells')
    args = ap.parse_args()
    u = tuple(float(x) for x in args.centre.split(','))
    if args.smooth:
        terms = [(1.0, (0, 0, 0), 1.0), (0.3, (0.6, 0, 0), 0.5)]
        delta = float(args.delta.split(',')[0])
        half = args.composite * (2 * rl.L / args.nc) / 2
        print(f'# smooth data, patch of {args.composite}³ coarse cells at the coarse centre nearest {u}')
        rl.show(run_composite_sbp(terms, u, delta, args.nc, args.composite, args.cpw, 1.0,
                                  weight_cost=None if args.volume_weights else 10.0))
        for interface in ('onesided', 'concentric'):
            rl.show(rl.run_composite(terms, u, delta, args.nc, args.composite, args.cpw, 1.0, 4, interface))
        H = 2 * rl.L / args.nc
        centre = tuple(H * np.rint(np.asarray(u) / H))
        rl.show(rl.run_uniform(args.nc, terms, centre, delta, half, 1.0, 4))
        return
    for delta in [float(x) for x in args.delta.split(',')]:
        terms = [(1.0, (0, 0, 0), 1.0), (delta ** rl.ALPHA, u, 1.0 if args.maxwellian else delta)]
        weak_exact = 1.0 if args.maxwellian else rl.weak_rate_exact(terms, np.array(u), delta)
        print(f'# δ = {delta}, u = {u}{", Maxwellian" if args.maxwellian else ""}')
        row = run_composite_sbp(terms, u, delta, args.nc, args.composite, args.cpw, weak_exact,
                                weight_cost=None if args.volume_weights else 10.0)
        if args.maxwellian:
            print(f"{row['name']}: max |Q| = {max(np.abs(row['fields'][1]).max(), np.abs(row['fields'][5]).max()):.2e}")
        else:
            rl.show(row)


if __name__ == '__main__':
    main()
