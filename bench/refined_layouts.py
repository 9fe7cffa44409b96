"""Refined layouts of the pair-form Landau–Coulomb operator for the narrow-bump data
F = M + δ^α M_δ(· − u), measured at t = 0 in NumPy/SciPy f64 — the experiment behind
docs/refined-grids.md:

    python3 bench/refined_layouts.py [--delta 0.01,0.003] [--centre 0,0,0] [--cross ri1,ri3,interp,direct]
                                     [--composite 3] [--cpw 2] [--interface onesided,concentric]
                                     [--uniform auto,64] [--order 4] [--nc 33] [--nf 25] [--maxwellian]

Each run prints one table row per layout (and the explicit step estimates); a direct cross sum
costs about 1e-7 s per pair on one core, so 'direct' and 'composite' take a minute or more.

Layouts (every operator is the pattern mean of the upwind-biased pair of order p, as in
docs/numerics.md, Q = −Σ_ab C_aᵀ𝒥_ab C_b log F − Σ_a E_aᵀ𝒥_aa E_a log F, on the Coulomb table of
Landau3D: point kernel, shell factors on |d|² = 1, 2 and the self weight):

  uniform N     one N³ grid on [−L, L]³ ('auto': the N with as many cells as the refined layout).
  pop/CROSS     populations on grids of their own: F = G1 + G2, the bulk G1 = M on the coarse grid
                (nc³ cells on [−L, L]³, nc odd so that 0 is a cell centre), the bump G2 on a fine
                grid of nf³ cells (nf odd) of spacing h = H/r (r odd, the largest with nf·h ≥
                12.4√δ), centred on the coarse centre nearest u: the lattices are nested and
                aligned, so every cross offset lies on the fine lattice. Each population's flux is
                J_a,i = G_a,i Σ_b Σ_j ω_j W_ab(i, j) G_b,j (g_a,i − g_b,j), g_a = G log G_a on grid a,
                Q_a = −G_aᵀJ_a on grid a: Σ_ab Q(G_a, G_b) = Q(F, F) by bilinearity. CROSS is the
                cross kernel W_12(i, j) = W_21(j, i), one value per pair:
     direct     the fine table W_h(v_i − v_j) (point kernel, fine shells, fine self weight at
                coincident centres), summed over all nc³·nf³ pairs (chunked).
     ri1, ri3   W_12(q, p) = Σ_c I_qc W_H(v_c − v_p): the coarse table interpolated to the fine
                point q with tensor Lagrange weights of degree 1 (trilinear, I ≥ 0) or 3 (tricubic).
                The fine grid reads I(W_H ∗ X) of the coarse sources; the coarse grid convolves the
                fine sources restricted by R = (h/H)³ Iᵀ (the same pair values): one extra coarse
                FFT set, no pair sum.
     interp     not a pair form: the fine grid reads I₃(W_H ∗ X) (tricubic), the coarse grid the
                exact sums of the fine sources at its centres (fine table, direct); the pair values
                differ in the two directions.

  composite     one F on the coarse grid with k³ coarse cells cut out around the coarse centre
                nearest u and a fine patch of (k·r)³ cells in their place (--composite k, r odd with
                h ≤ √δ/cpw). Pairs: coarse–coarse and fine–fine by FFT (the hole is zero), cross
                pairs by a direct sum of the fine table (never nearer than (H + h)/2). Rows: fine
                rows read m ghost layers interpolated (tricubic, from coarse cells outside the patch
                only); coarse rows that would reach into the hole take the one-sided three-point
                difference away from it ('onesided'); or ('concentric') a cut cell's log F is that
                of its concentric fine cell and the ghosts are centred tricubic interpolants. Every
                row is exact on quadratics, Q = −Ω⁻¹G̃ᵀΩJ with the ghosts' shares returned by the
                transposed maps: the pair structure holds; the entropy is Σ ω F log F over the
                composite cells.

Per layout it prints: the relative L2 error of Q against the exact pointwise Q (Q_a = A[F]:∇²G_a +
G_a F for a population, A[F]:∇²F + F² for one grid) on the bump grid's cells, on the coarse cells
under the bump box (populations; in brackets, those and the cells within four coarse cells of the box
against the exact Q averaged over each cell), within four coarse cells of the box, and farther ("far bulk"); the error of the bump-scale weak
rate ∫φQ, φ = exp(−|v − u|²/(8δ)) (the mass gathering at the bump); the error of A[F] on the bump
cells; mass, momentum and energy rates of the assembled Q over Σω|Q|, Σω|v||Q|, Σω|v|²|Q|; the
entropy rate of the layout's functional (Σ_a Σ ω G_a log G_a for populations); cells, FFT sizes,
direct pairs, wall time; and the explicit rate bound 12 λmax(A)/h² of each grid, with the
explicit step estimates built on it. With --maxwellian the bump is replaced by δ^α M, so that F is a
Maxwellian, and it prints max |Q| of each layout (zero to round-off where the structure is exact).
"""
import argparse, time
from math import factorial, comb
import numpy as np, scipy.fft as sfft, scipy.sparse as sp
from scipy.special import erf

L = 6.0
ALPHA = 0.3
# Shell factors and self weight of the corrected trapezoidal rule (src/core/kernel/kernel-table.ts).
Z_INV, Z_DIST, Z_P4 = -2.8372974794806, -0.2665962787, 0.7816084977
_P = (Z_DIST / 3 - 5 / 6 * Z_P4) / 5
C1, C2 = 2 * _P - Z_DIST / 6, -_P / np.sqrt(2)
SELF = -((2 / 3) * Z_INV + 4 * C1 + 4 * np.sqrt(2) * C2) / (8 * np.pi)
COMPS = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)]
IDX = {(a, b): k for k, (a, b) in enumerate(COMPS)}
IDX.update({(b, a): k for k, (a, b) in enumerate(COMPS)})


def kernel_lattice(n):
    """Table W(n)·(spacing) for integer offsets n (..., 3): (..., 6), shells and self weight."""
    n = np.asarray(n, dtype=float)
    r2 = np.sum(n * n, axis=-1)
    r = np.sqrt(np.where(r2 == 0, 1, r2))
    c = 1 / (8 * np.pi * r ** 3)
    c = np.where(r2 == 0, 0, c) * np.where(r2 == 1, 1 + C1, 1) * np.where(r2 == 2, 1 + C2, 1)
    out = np.stack([c * ((a == b) * r2 - n[..., a] * n[..., b]) for a, b in COMPS], axis=-1)
    out[..., :3] += np.where(r2 == 0, SELF, 0)[..., None]
    return out


class Grid:
    """n³ cells of spacing h centred on c; pair sums Σ_j h³ W_h(v_i − v_j) X_j by zero-padded FFT."""

    def __init__(self, n, h, centre=(0, 0, 0)):
        self.n, self.h, self.centre = n, h, np.asarray(centre, dtype=float)
        self.axes = [self.centre[a] + (np.arange(n) - (n - 1) / 2) * h for a in range(3)]
        self.X = np.meshgrid(*self.axes, indexing='ij')
        self.m = sfft.next_fast_len(2 * n - 1, real=True)
        d = np.arange(-(n - 1), n)
        D = np.stack(np.meshgrid(d, d, d, indexing='ij'), axis=-1)
        tab = kernel_lattice(D) * h * h
        idx = d % self.m
        self.w = []
        for k in range(6):
            big = np.zeros((self.m,) * 3)
            big[np.ix_(idx, idx, idx)] = tab[..., k]
            self.w.append(sfft.rfftn(big))
        self.ffts = 0

    def fwd(self, x):
        self.ffts += 1
        return sfft.rfftn(x, s=(self.m,) * 3)

    def conv(self, xhat, a, b):
        self.ffts += 1
        n = self.n
        return sfft.irfftn(self.w[IDX[(a, b)]] * xhat, s=(self.m,) * 3)[:n, :n, :n]

    def tensor(self, x):
        """W ∗ x, all six components."""
        xh = self.fwd(x)
        return [self.conv(xh, a, b) for a, b in COMPS]

    def contract(self, xs):
        """Σ_b W_ab ∗ x_b for a vector field x."""
        hs = [self.fwd(x) for x in xs]
        return [sum(self.conv(hs[b], a, b) for b in range(3)) for a in range(3)]


# ---- the upwind-biased pair of order p = 2m (bench/flux_forms.py): C the centred part, E the rest
def pair_stencils(order):
    m = order // 2
    c = {k: (-1) ** (k + 1) * factorial(m) ** 2 / (k * factorial(m - k) * factorial(m + k)) for k in range(1, m + 1)}
    C = {**c, **{-k: -v for k, v in c.items()}}
    d = {k: (-1) ** (k + m) * comb(2 * m, k + m) for k in range(-m, m + 1)}
    kappa = C[-m] / d[-m]
    return [(k, v) for k, v in C.items()], [(k, kappa * d[k]) for k in range(-m, m + 1)], m


def shift(f, a, s):
    """f at i + s e_a, zero outside."""
    out = np.zeros_like(f)
    n = f.shape[a]
    src = [slice(None)] * 3; dst = [slice(None)] * 3
    if s > 0: src[a] = slice(s, None); dst[a] = slice(None, n - s)
    elif s < 0: src[a] = slice(None, n + s); dst[a] = slice(-s, None)
    else: return f.copy()
    out[tuple(dst)] = f[tuple(src)]
    return out


def diff(f, st, a, h):
    return sum(c * shift(f, a, o) for o, c in st) / h


def diff_t(J, st, a, h):
    return sum(c * shift(J, a, -o) for o, c in st) / h


class Population:
    """One grid's sources: σ = χG, g = C log G (masked), e_a = E_a log G; A from its own grid."""

    def __init__(self, grid, G, order):
        self.grid, self.G = grid, G
        self.C, self.E, margin = pair_stencils(order)
        n = grid.n
        chi = np.zeros((n,) * 3, dtype=bool)
        chi[margin:n - margin, margin:n - margin, margin:n - margin] = True
        self.chi = chi
        self.sig = np.where(chi, G, 0.0)
        lg = np.log(G)
        self.g = [np.where(chi, diff(lg, self.C, a, grid.h), 0.0) for a in range(3)]
        self.e = [np.where(chi, diff(lg, self.E, a, grid.h), 0.0) for a in range(3)]
        self.sg = [self.sig * ga for ga in self.g]
        self.A = grid.tensor(self.sig)            # same-grid A (six components)
        self.B = grid.contract(self.sg)           # same-grid Σ_b W_ab ∗ (σ g_b)
        self.Ax = [np.zeros_like(G) for _ in range(6)]   # cross-grid A
        self.Bx = [np.zeros_like(G) for _ in range(3)]   # cross-grid b

    def q(self):
        h = self.grid.h
        A = [self.A[k] + self.Ax[k] for k in range(6)]
        Q = np.zeros_like(self.G)
        for a in range(3):
            Ja = self.sig * (sum(A[IDX[(a, b)]] * self.g[b] for b in range(3)) - self.B[a] - self.Bx[a])
            Q -= diff_t(np.where(self.chi, Ja, 0.0), self.C, a, h)
        # the E part: same grid only (E annihilates quadratics: conservative and dissipative alone)
        for a in range(3):
            k = IDX[(a, a)]
            conv = self.grid.conv(self.grid.fwd(self.sig * self.e[a]), a, a)
            Je = self.sig * (self.A[k] * self.e[a] - conv)
            Q -= diff_t(np.where(self.chi, Je, 0.0), self.E, a, h)
        return Q

    def a_total(self):
        return [self.A[k] + self.Ax[k] for k in range(6)]


# ---- exact pointwise values for sums of Maxwellians (src/core/math/gaussian-collision.ts)
def lambdas(r):
    C0 = 1 / (3 * (2 * np.pi) ** 1.5)
    rs = np.maximum(r, 1e-3)
    e = erf(rs / np.sqrt(2)); g = np.sqrt(2 / np.pi) * rs * np.exp(-rs * rs / 2)
    l1 = np.where(r < 1e-3, C0 * (1 - 0.3 * r * r), (e - g) / (4 * np.pi * rs ** 3))
    l2 = np.where(r < 1e-3, C0 * (1 - r * r / 10), ((rs * rs - 1) * e + g) / (8 * np.pi * rs ** 3))
    return l1, l2


def maxwellian_fields(term, X):
    """M = w M_{u,T}, its Hessian (6 comps) and A[M] (6 comps) at X."""
    w, u, T = term
    x = [X[a] - u[a] for a in range(3)]
    r2 = sum(xa * xa for xa in x)
    Mw = w * (2 * np.pi * T) ** -1.5 * np.exp(-r2 / (2 * T))
    l1, l2 = lambdas(np.sqrt(r2 / T))
    rr = np.where(r2 > 0, r2, 1)
    A, H = [], []
    for a, b in COMPS:
        nn = np.where(r2 > 0, x[a] * x[b] / rr, (a == b) / 3)
        A.append(w / np.sqrt(T) * (l2 * ((a == b) - nn) + l1 * nn))
        H.append(Mw * (x[a] * x[b] / T ** 2 - (a == b) / T))
    return Mw, H, A


def exact_q(terms, own, X):
    """Exact Q of population 'own' (indices of its terms) against all of F: A[F]:∇²G + G F."""
    F = 0; G = 0; A = [0] * 6; H = [0] * 6
    for k, t in enumerate(terms):
        Mw, Ht, At = maxwellian_fields(t, X)
        F = F + Mw; A = [A[i] + At[i] for i in range(6)]
        if k in own:
            G = G + Mw; H = [H[i] + Ht[i] for i in range(6)]
    Q = sum((1 if a == b else 2) * A[IDX[(a, b)]] * H[IDX[(a, b)]] for a, b in COMPS) + G * F
    return G, Q, A


def lmax(A):
    """Largest eigenvalue of the symmetric 3×3 fields A (six components), pointwise."""
    Mx = np.stack([np.stack([A[IDX[(a, b)]] for b in range(3)], -1) for a in range(3)], -2)
    return np.linalg.eigvalsh(Mx)[..., -1]


def weak_rate_exact(terms, u, delta):
    """∫ φ Q(F,F), φ = exp(−|v − u|²/(8δ)), by a fine midpoint rule (Q smooth at scale √δ)."""
    s = 2 * np.sqrt(delta); n = 96; hq = 16 * s / n
    axes = [u[a] + (np.arange(n) - (n - 1) / 2) * hq for a in range(3)]
    X = np.meshgrid(*axes, indexing='ij')
    _, Q, _ = exact_q(terms, range(len(terms)), X)
    phi = np.exp(-sum((X[a] - u[a]) ** 2 for a in range(3)) / (2 * s * s))
    return np.sum(phi * Q) * hq ** 3


def cell_averages(terms, own, g, mask, s=9):
    """Exact Q of population 'own' averaged over each masked cell of grid g (s³ midpoints)."""
    offs = (np.arange(s) - (s - 1) / 2) * g.h / s
    O = np.stack(np.meshgrid(offs, offs, offs, indexing='ij'), -1).reshape(-1, 3)
    centres = np.stack([x[mask] for x in g.X], -1)
    pts = centres[:, None, :] + O[None, :, :]
    _, Q, _ = exact_q(terms, own, [pts[..., a] for a in range(3)])
    return Q.mean(axis=1)


def rel(a, b, mask=None):
    if mask is not None:
        a, b = a[mask], b[mask]
    return np.sqrt(np.sum((a - b) ** 2) / np.sum(b ** 2))


# ---- interpolation from coarse nodes to fine points (tensor Lagrange)
def lagrange_1d(xf, axis_c, H, degree):
    """Sparse (len(xf) × len(axis_c)) weights of degree-`degree` Lagrange interpolation."""
    rows, cols, vals = [], [], []
    x0 = axis_c[0]
    for i, x in enumerate(xf):
        t = (x - x0) / H
        k0 = int(np.floor(t)) - (degree - 1) // 2
        nodes = np.arange(k0, k0 + degree + 1)
        for j in nodes:
            wgt = np.prod([(t - k) / (j - k) for k in nodes if k != j])
            if abs(wgt) > 1e-15:
                rows.append(i); cols.append(j); vals.append(wgt)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(xf), len(axis_c)))


def lagrange_1d_outside(xf, axis_c, H, degree, lo, hi):
    """As lagrange_1d, but a point beyond the patch interval [lo, hi] uses only nodes beyond it
    (extrapolating by less than a cell): no node inside the patch is read where the point is
    outside it along this axis, so a ghost point outside the patch reads no cut coarse cell."""
    rows, cols, vals = [], [], []
    x0 = axis_c[0]
    first_above = int(np.ceil((hi - x0) / H))
    last_below = int(np.floor((lo - x0) / H))
    for i, x in enumerate(xf):
        t = (x - x0) / H
        if x > hi: nodes = np.arange(first_above, first_above + degree + 1)
        elif x < lo: nodes = np.arange(last_below - degree, last_below + 1)
        else:
            k0 = int(np.floor(t)) - (degree - 1) // 2
            nodes = np.arange(k0, k0 + degree + 1)
        for j in nodes:
            wgt = np.prod([(t - k) / (j - k) for k in nodes if k != j])
            rows.append(i); cols.append(j); vals.append(wgt)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(xf), len(axis_c)))


def interpolation(fine, coarse, degree):
    I1 = [lagrange_1d(fine.axes[a], coarse.axes[a], coarse.h, degree) for a in range(3)]
    return sp.kron(sp.kron(I1[0], I1[1]), I1[2]).tocsr()


# ---- cross-grid coupling of the two populations
def cross_interpolated(P1, P2, degree):
    """W_12(q, p) = Σ_c I_qc W_H(v_c − v_p): fine reads I(W_H ∗ X1), coarse convolves R X2."""
    c, f = P1.grid, P2.grid
    I = interpolation(f, c, degree)
    nf, nc = f.n, c.n
    up = lambda x: (I @ x.ravel()).reshape((nf,) * 3)
    down = lambda y: ((f.h / c.h) ** 3 * (I.T @ y.ravel())).reshape((nc,) * 3)
    P2.Ax = [up(x) for x in c.tensor(P1.sig)]
    P2.Bx = [up(x) for x in c.contract(P1.sg)]
    P1.Ax = c.tensor(down(P2.sig))
    P1.Bx = c.contract([down(y) for y in P2.sg])
    return 0


def pair_sums(xa, xb, Sa, Sb, hl, chunk=128):
    """Both directions of the cross sums from one evaluation of each pair's kernel value: with
    W = W_h(x_a,i − x_b,j) (fine table at the lattice offset, shells and self weight where they
    fall), returns for the a points (A, B) = (Σ_j W Sb_0j (6 comps), Σ_j W_cd Sb_{1+d}j (3 comps))
    and the same for the b points from Sa. S rows: weight·(σ, σg_x, σg_y, σg_z)."""
    na, nb = xa.shape[0], xb.shape[0]
    outa = np.zeros((9, na)); outb = np.zeros((9, nb))
    SbT, SaT = Sb.T.copy(), Sa.T.copy()
    la, lb = np.rint(xa / hl), np.rint(xb / hl)        # lattice coordinates, once per point
    for i0 in range(0, na, chunk):
        sl = slice(i0, min(i0 + chunk, na))
        d = [la[sl, a, None] - lb[None, :, a] for a in range(3)]
        r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
        zero = r2 == 0
        r2[zero] = 1
        c = r2 * np.sqrt(r2)
        np.reciprocal(c, out=c)
        c *= 1 / (8 * np.pi * hl)
        c[zero] = 0
        if (r2 < 2.5).any():
            c[r2 == 1] *= 1 + C1; c[r2 == 2] *= 1 + C2
        r2[zero] = 0
        for k, (a, b) in enumerate(COMPS):
            W = c * ((r2 if a == b else 0) - d[a] * d[b])
            if a == b and zero.any():
                W[zero] += SELF / hl
            ya = W @ SbT          # (chunk, 4)
            yb = W.T @ SaT[sl]    # (nb, 4)
            outa[k, sl] += ya[:, 0]; outb[k] += yb[:, 0]
            for (p_, q_) in ((a, b), (b, a)) if a != b else ((a, a),):
                outa[6 + p_, sl] += ya[:, 1 + q_]; outb[6 + p_] += yb[:, 1 + q_]
    return outa, outb


def cross_direct(P1, P2, exact_coarse_only=False):
    """The fine table over every (coarse, fine) pair, both directions from the same values
    (or, with exact_coarse_only, only the coarse direction: the 'interp' layout)."""
    c, f = P1.grid, P2.grid
    xc = np.stack([x.ravel() for x in c.X], -1); xf = np.stack([x.ravel() for x in f.X], -1)
    src_f = np.stack([P2.sig.ravel()] + [y.ravel() for y in P2.sg]) * f.h ** 3
    src_c = np.stack([P1.sig.ravel()] + [y.ravel() for y in P1.sg]) * c.h ** 3
    oc, of = pair_sums(xc, xf, src_c, src_f, f.h)
    P1.Ax = [x.reshape((c.n,) * 3) for x in oc[:6]]; P1.Bx = [x.reshape((c.n,) * 3) for x in oc[6:]]
    if exact_coarse_only:
        I = interpolation(f, c, 3)
        up = lambda x: (I @ x.ravel()).reshape((f.n,) * 3)
        P2.Ax = [up(x) for x in c.tensor(P1.sig)]
        P2.Bx = [up(x) for x in c.contract(P1.sg)]
    else:
        P2.Ax = [x.reshape((f.n,) * 3) for x in of[:6]]; P2.Bx = [x.reshape((f.n,) * 3) for x in of[6:]]
    return xc.shape[0] * xf.shape[0]


# ---- the layouts
def moments(parts):
    """(mass, |momentum|, energy) rates over their absolute scales; parts = [(grid, Q)]."""
    m = p = e = sm = sp_ = se = 0.0
    mom = np.zeros(3)
    for g, Q in parts:
        w = g.h ** 3
        v2 = sum(x * x for x in g.X)
        m += w * Q.sum(); sm += w * np.abs(Q).sum()
        for a in range(3):
            mom[a] += w * np.sum(g.X[a] * Q)
        sp_ += w * np.sum(np.sqrt(v2) * np.abs(Q))
        e += w * np.sum(v2 * Q); se += w * np.sum(v2 * np.abs(Q))
    return m / sm, np.linalg.norm(mom) / sp_, e / se


def regions(g, centre, half, pad):
    """Cells inside the box |v − c|∞ ≤ half, within pad of it, and the rest (the far bulk)."""
    dist = np.max([np.abs(g.X[a] - centre[a]) for a in range(3)], axis=0)
    inside = dist <= half
    near = (dist <= half + pad) & ~inside
    return inside, near, ~(inside | near)


def run_uniform(n, terms, u, delta, box_half, weak_exact, order):
    t0 = time.time()
    g = Grid(n, 2 * L / n)
    F, Qx, Ax = exact_q(terms, range(len(terms)), g.X)
    P = Population(g, F, order)
    Q = P.q()
    inside, nearc, far = regions(g, u, box_half, 4 * g.h)
    phi = np.exp(-sum((g.X[a] - u[a]) ** 2 for a in range(3)) / (8 * delta))
    weak = np.sum(phi * Q) * g.h ** 3
    m, p, e = moments([(g, Q)])
    H = np.sum(np.log(F) * Q) * g.h ** 3
    near = np.sqrt(sum((g.X[a] - u[a]) ** 2 for a in range(3))) < 3 * np.sqrt(delta) + g.h
    aerr = rel(np.array(P.a_total()), np.array(Ax), np.broadcast_to(near, (6,) + near.shape)) if near.any() else np.nan
    return dict(name=f'uniform {n}', bump=rel(Q, Qx, inside) if inside.any() else np.nan, near=rel(Q, Qx, nearc),
                bulk=rel(Q, Qx, far), under=np.nan, weak=weak / weak_exact - 1, aerr=aerr, m=m, p=p, e=e, H=H,
                cells=n ** 3, ffts=f'{g.m}³ ×{g.ffts}', pairs=0, secs=time.time() - t0,
                rate=12 * np.max(lmax(P.a_total())) / g.h ** 2, rate_c=np.nan)


def layout_grids(u, delta, nc, nf):
    H = 2 * L / nc
    centre = H * np.rint(np.asarray(u) / H)
    r = int(np.floor(nf * H / (12.4 * np.sqrt(delta))))
    r -= (r + 1) % 2                       # odd: fine centres contain the coarse centres
    return Grid(nc, H), Grid(nf, H / r, centre), r


def run_populations(cross, terms, u, delta, nc, nf, box_half, weak_exact, order):
    t0 = time.time()
    cg, fg, r = layout_grids(u, delta, nc, nf)
    G1, Q1x, _ = exact_q(terms, [0], cg.X)
    G2, Q2x, A2x = exact_q(terms, [1], fg.X)
    P1, P2 = Population(cg, G1, order), Population(fg, G2, order)
    pairs = 0
    if cross in ('ri1', 'ri3'):
        cross_interpolated(P1, P2, 1 if cross == 'ri1' else 3)
    elif cross == 'direct':
        pairs = cross_direct(P1, P2)
    elif cross == 'interp':
        pairs = cross_direct(P1, P2, exact_coarse_only=True)
    Q1, Q2 = P1.q(), P2.q()
    under, nearc, far = regions(cg, fg.centre, fg.h * fg.n / 2, 4 * cg.h)
    phi = lambda g: np.exp(-sum((g.X[a] - u[a]) ** 2 for a in range(3)) / (8 * delta))
    weak = (np.sum(phi(cg) * Q1) * cg.h ** 3 + np.sum(phi(fg) * Q2) * fg.h ** 3)
    m, p, e = moments([(cg, Q1), (fg, Q2)])
    H = np.sum(np.log(G1) * Q1) * cg.h ** 3 + np.sum(np.log(G2) * Q2) * fg.h ** 3
    box = under | nearc
    energy = sum(np.sum(sum(x * x for x in g.X) * G) * g.h ** 3 for g, G in ((cg, G1), (fg, G2)))
    drift = sum(np.sum(sum(x * x for x in g.X) * Q) * g.h ** 3 for g, Q in ((cg, Q1), (fg, Q2))) / energy
    under_avg = rel(Q1[box], cell_averages(terms, [0], cg, box))
    near = np.sqrt(sum((fg.X[a] - u[a]) ** 2 for a in range(3))) < 3 * np.sqrt(delta)
    aerr = rel(np.array(P2.a_total()), np.array(A2x), np.broadcast_to(near, (6,) + near.shape))
    return dict(fields=(cg, Q1, Q1x, None, fg, Q2, Q2x), name=f'pop/{cross} (r = {r})', bump=rel(Q2, Q2x), bulk=rel(Q1, Q1x, far), under=rel(Q1, Q1x, under),
                near=rel(Q1, Q1x, nearc), under_avg=under_avg, drift=drift,
                weak=weak / weak_exact - 1, aerr=aerr, m=m, p=p, e=e, H=H,
                cells=nc ** 3 + nf ** 3, ffts=f'{cg.m}³ ×{cg.ffts} + {fg.m}³ ×{fg.ffts}', pairs=pairs,
                secs=time.time() - t0, h=fg.h, rate=12 * np.max(lmax(P2.a_total())) / fg.h ** 2,
                rate_c=12 * np.max(lmax(P1.a_total())) / cg.h ** 2)


def composite_grids(u, delta, nc, k, cells_per_width):
    """Coarse nc³ over [−L, L]³ with k³ coarse cells cut out around the coarse centre nearest u,
    replaced by a fine patch of (k·r)³ cells, r odd with h = H/r ≤ √δ/cells_per_width."""
    H = 2 * L / nc
    ic = np.rint(np.asarray(u) / H).astype(int) + nc // 2
    r = int(np.ceil(H * cells_per_width / np.sqrt(delta)))
    r += (r + 1) % 2
    cg = Grid(nc, H)
    fg = Grid(k * r, H / r, (ic - nc // 2) * H)
    return cg, fg, ic, r


def run_composite(terms, u, delta, nc, k, cells_per_width, weak_exact, order, interface='onesided'):
    """One F on the composite layout: coarse cells outside the patch, fine cells inside. Fine rows
    read ghost layers interpolated from coarse cells outside the patch, coarse rows next to the
    hole are one-sided away from it, so every row of G̃ = G∘(extension) is exact on quadratics;
    Q = −Ω⁻¹G̃ᵀΩJ; the pairs are all (composite cell, composite cell) pairs, coarse–coarse and
    fine–fine by FFT, cross pairs by a direct sum of the fine table (the cells are disjoint:
    |d| ≥ (H + h)/2)."""
    t0 = time.time()
    cg, fg, ic, r = composite_grids(u, delta, nc, k, cells_per_width)
    C, E, m = pair_stencils(order)
    nf, H, h = fg.n, cg.h, fg.h
    lo = ic - k // 2
    cut = np.zeros((nc,) * 3, dtype=bool)
    cut[lo[0]:lo[0] + k, lo[1]:lo[1] + k, lo[2]:lo[2] + k] = True
    Fc, Qcx, _ = exact_q(terms, range(len(terms)), cg.X)
    Ff, Qfx, _ = exact_q(terms, range(len(terms)), fg.X)
    Fc = np.where(cut, 0.0, Fc)
    # log F on the coarse cells (cut cells unused) and on the fine patch plus m ghost layers, the
    # ghosts interpolated (tricubic, exact on quadratics) from coarse cells outside the patch
    lc = np.log(np.where(cut, 1.0, Fc))
    conc = tuple(slice(r // 2, nf, r) for _ in range(3))      # fine cells concentric with the cut cells
    if interface == 'concentric':
        lc[cut] = np.log(Ff[conc]).ravel()
    ext = Grid(nf + 2 * m, h, fg.centre)
    edges = [(fg.centre[a] - nf * h / 2, fg.centre[a] + nf * h / 2) for a in range(3)]
    if interface == 'concentric':
        I = interpolation(ext, cg, 3)
    else:
        I1 = [lagrange_1d_outside(ext.axes[a], cg.axes[a], H, 3, *edges[a]) for a in range(3)]
        I = sp.kron(sp.kron(I1[0], I1[1]), I1[2]).tocsr()
    real = (slice(m, m + nf),) * 3
    ghost = np.ones((nf + 2 * m,) * 3, dtype=bool); ghost[real] = False
    I = sp.diags(ghost.ravel().astype(float)) @ I
    if interface == 'onesided':
        assert not (abs(I) @ cut.ravel().astype(float)).any(), 'a ghost reads a cut cell'
    lf = (I @ lc.ravel()).reshape((nf + 2 * m,) * 3)
    lf[real] = np.log(Ff)
    chi_c = np.zeros((nc,) * 3, dtype=bool)
    chi_c[m:nc - m, m:nc - m, m:nc - m] = True
    chi_c &= ~cut
    sig_c = np.where(chi_c, Fc, 0.0); sig_f = Ff
    # coarse rows whose stencil along a would reach a cut cell take the one-sided three-point
    # difference away from the patch (exact on quadratics) and no E part
    BACK2 = [(0, 1.5), (-1, -2.0), (-2, 0.5)]; FWD2 = [(0, -1.5), (1, 2.0), (2, -0.5)]
    touch = [np.any([shift(cut, a, o) for o, _ in C], axis=0) & chi_c & (interface == 'onesided') for a in range(3)]
    below = [touch[a] & (cg.X[a] < fg.centre[a]) for a in range(3)]
    above = [touch[a] & ~below[a] for a in range(3)]
    gc = [np.where(chi_c, np.where(below[a], diff(lc, BACK2, a, H), np.where(above[a], diff(lc, FWD2, a, H), diff(lc, C, a, H))), 0.0)
          for a in range(3)]
    gf = [diff(lf, C, a, h)[real] for a in range(3)]
    ec = [np.where(chi_c & ~touch[a], diff(lc, E, a, H), 0.0) for a in range(3)]
    ef = [diff(lf, E, a, h)[real] for a in range(3)]
    # pair sums: same grid by FFT, cross by the direct sum (both directions, same values)
    Ac, Af = cg.tensor(sig_c), fg.tensor(sig_f)
    Bc, Bf = cg.contract([sig_c * x for x in gc]), fg.contract([sig_f * x for x in gf])
    act = chi_c.ravel()
    xc = np.stack([x.ravel()[act] for x in cg.X], -1); xf = np.stack([x.ravel() for x in fg.X], -1)
    src_f = np.stack([sig_f.ravel()] + [(sig_f * x).ravel() for x in gf]) * h ** 3
    src_c = np.stack([sig_c.ravel()[act]] + [(sig_c * x).ravel()[act] for x in gc]) * H ** 3
    o1, o2 = pair_sums(xc, xf, src_c, src_f, h)
    A1, B1, A2, B2 = o1[:6], o1[6:], o2[:6], o2[6:]
    pairs = xc.shape[0] * xf.shape[0]
    scatter = lambda vals: np.bincount(np.flatnonzero(act), vals, nc ** 3).reshape((nc,) * 3)
    Ac = [Ac[i] + scatter(A1[i]) for i in range(6)]; Bc = [Bc[i] + scatter(B1[i]) for i in range(3)]
    Af = [Af[i] + A2[i].reshape((nf,) * 3) for i in range(6)]; Bf = [Bf[i] + B2[i].reshape((nf,) * 3) for i in range(3)]
    # weighted adjoints −G̃ᵀΩJ, the ghosts' shares returned through the transposed extensions
    Zc = np.zeros((nc,) * 3); Zf = np.zeros((nf + 2 * m,) * 3)
    for a in range(3):
        Jc = sig_c * (sum(Ac[IDX[(a, b)]] * gc[b] for b in range(3)) - Bc[a])
        Jf = sig_f * (sum(Af[IDX[(a, b)]] * gf[b] for b in range(3)) - Bf[a])
        Zc += H ** 3 * (diff_t(np.where(touch[a], 0.0, Jc), C, a, H) + diff_t(np.where(below[a], Jc, 0.0), BACK2, a, H)
                        + diff_t(np.where(above[a], Jc, 0.0), FWD2, a, H))
        pad = np.zeros_like(Zf); pad[real] = Jf
        Zf += h ** 3 * diff_t(pad, C, a, h)
        kk = IDX[(a, a)]
        Jc = sig_c * (Ac[kk] * ec[a] - cg.conv(cg.fwd(sig_c * ec[a]), a, a))
        Jf = sig_f * (Af[kk] * ef[a] - fg.conv(fg.fwd(sig_f * ef[a]), a, a))
        Zc += H ** 3 * diff_t(Jc, E, a, H)
        pad = np.zeros_like(Zf); pad[real] = Jf
        Zf += h ** 3 * diff_t(pad, E, a, h)
    Zc += (I.T @ np.where(ghost, Zf, 0.0).ravel()).reshape((nc,) * 3)
    Zfr = Zf[real]
    if interface == 'concentric':        # the hole's shares go to the cells whose values it read
        Zfr[conc] += Zc[cut].reshape((k,) * 3)
    Qc = np.where(cut, 0.0, -Zc / H ** 3); Qf = -Zfr / h ** 3
    # measures
    phi = lambda g: np.exp(-sum((g.X[a] - u[a]) ** 2 for a in range(3)) / (8 * delta))
    weak = np.sum(phi(cg) * Qc) * H ** 3 + np.sum(phi(fg) * Qf) * h ** 3
    mm, pp, ee = moments([(cg, Qc), (fg, Qf)])
    Hr = np.sum(np.where(cut, 0.0, np.log(np.where(cut, 1.0, Fc)) * Qc)) * H ** 3 + np.sum(np.log(Ff) * Qf) * h ** 3
    near = np.sqrt(sum((fg.X[a] - u[a]) ** 2 for a in range(3))) < 3 * np.sqrt(delta)
    _, _, Afx = exact_q(terms, range(len(terms)), fg.X)
    aerr = rel(np.array(Af), np.array(Afx), np.broadcast_to(near, (6,) + near.shape))
    _, nearc, far = regions(cg, fg.centre, nf * h / 2, 4 * H)
    return dict(fields=(cg, Qc, Qcx, ~cut, fg, Qf, Qfx), name=f'composite/{interface} (k = {k}, r = {r}, nf = {nf})', bump=rel(Qf, Qfx), bulk=rel(Qc, Qcx, far),
                under=np.nan, near=rel(Qc, Qcx, nearc), weak=weak / weak_exact - 1, aerr=aerr, m=mm, p=pp, e=ee, H=Hr,
                cells=nc ** 3 - k ** 3 + nf ** 3, ffts=f'{cg.m}³ ×{cg.ffts} + {fg.m}³ ×{fg.ffts}', pairs=pairs,
                secs=time.time() - t0, h=h, rate=12 * np.max(lmax(Af)) / h ** 2, rate_c=12 * np.max(lmax([np.where(cut, 0, x) for x in Ac])) / H ** 2)


def step_estimates(delta, u, h, rate_fine, rate_coarse, t_end=0.5):
    """Explicit steps (in units of 1/cfl) to t_end for the bump grid, from the rate bound
    12 λmax/h²: a fixed fine grid (the measured bound at t = 0, held), local time steps (fine
    substeps per coarse step), and a fine grid kept at κ = √T/h cells per width while the bump's
    temperature grows as T = δ + 2λ_b t (λ_b = λmax A[M](u); the bump's own A[G2](u) = m c0/√T;
    the mass growth e^{2M(u)t} left out): ∫ 12κ²(λ_b + m c0 T^{-1/2})/T dt in closed form. The
    accuracy floor: steps that keep the bump's spread per step ≤ 5 % (ΔT/T ≤ 0.05)."""
    c0 = 1 / (3 * (2 * np.pi) ** 1.5)
    l1, l2 = lambdas(np.array(np.linalg.norm(u)))
    lb = float(max(l1, l2)); m = delta ** ALPHA
    kappa = np.sqrt(delta) / h
    T1 = delta + 2 * lb * t_end
    coarsening = 6 * kappa ** 2 / lb * (lb * np.log(T1 / delta) + 2 * m * c0 * (delta ** -0.5 - T1 ** -0.5))
    accuracy = np.log(T1 / delta) / 0.05
    return dict(fixed=rate_fine * t_end, substeps=rate_fine / rate_coarse, coarsening=coarsening,
                accuracy=accuracy, kappa=kappa, T1=T1, n_uniform=2 * L / h)


def equilibrium_check(args, terms, u, delta):
    """max |Q| of each layout when F = M + δ^α M(· − u) is a Maxwellian (u = 0): zero to round-off
    wherever every pair kernel has W d = 0 and every row is exact on quadratics."""
    peak = sum(t[0] * (2 * np.pi * t[2]) ** -1.5 for t in terms)
    print(f'# equilibrium, δ = {delta}: F = (1 + δ^α) M, max F = {peak:.4f}')
    for cross in [c for c in args.cross.split(',') if c]:
        r = run_populations(cross, terms, u, delta, args.nc, args.nf, 6 * np.sqrt(delta), 1.0, args.order)
        print(f"{r['name']}: max |Q| = {max(np.abs(r['fields'][1]).max(), np.abs(r['fields'][5]).max()):.2e}")
    if args.composite:
        for interface in args.interface.split(','):
            r = run_composite(terms, u, delta, args.nc, args.composite, args.cpw, 1.0, args.order, interface)
            print(f"{r['name']}: max |Q| = {max(np.abs(r['fields'][1]).max(), np.abs(r['fields'][5]).max()):.2e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--delta', default='0.01,0.003')
    ap.add_argument('--centre', default='0,0,0')
    ap.add_argument('--cross', default='ri1,ri3,interp')
    ap.add_argument('--uniform', default='auto')
    ap.add_argument('--order', type=int, default=4)
    ap.add_argument('--nc', type=int, default=33)
    ap.add_argument('--nf', type=int, default=25)
    ap.add_argument('--composite', type=int, default=3, help='coarse cells per side of the patch (odd); 0: none')
    ap.add_argument('--cpw', type=float, default=2.0, help='composite: fine cells per √δ')
    ap.add_argument('--interface', default='onesided', help='composite interface rows: onesided,concentric')
    ap.add_argument('--maxwellian', action='store_true',
                    help='equilibrium check: the bump replaced by δ^α M (temperature 1), so F is a Maxwellian; prints max |Q|')
    args = ap.parse_args()
    u = tuple(float(x) for x in args.centre.split(','))
    print('layout | Q err bump grid (uniform: box) | coarse under the box (and within 4H, against cell averages) | coarse within 4H of it | far bulk | weak ∫φQ err | '
          'A err near bump | mass | momentum | energy | entropy rate | cells | FFTs | direct pairs | s | '
          'rate bound fine (coarse)')
    for delta in [float(x) for x in args.delta.split(',')]:
        terms = [(1.0, (0, 0, 0), 1.0), (delta ** ALPHA, u, 1.0 if args.maxwellian else delta)]
        if args.maxwellian:
            equilibrium_check(args, terms, u, delta)
            continue
        weak_exact = weak_rate_exact(terms, np.array(u), delta)
        box_half = 6 * np.sqrt(delta)
        print(f'# δ = {delta}, u = {u}, ∫φQ exact = {weak_exact:.6e}, order {args.order}, nc = {args.nc}, nf = {args.nf}')
        rows = []
        for cross in [c for c in args.cross.split(',') if c]:
            rows.append(run_populations(cross, terms, u, delta, args.nc, args.nf, box_half, weak_exact, args.order))
            show(rows[-1])
        if args.composite:
            for interface in args.interface.split(','):
                rows.append(run_composite(terms, u, delta, args.nc, args.composite, args.cpw, weak_exact, args.order, interface))
                show(rows[-1])
        for n in [x for x in args.uniform.split(',') if x]:
            n = round((args.nc ** 3 + args.nf ** 3) ** (1 / 3)) if n == 'auto' else int(n)
            rows.append(run_uniform(n, terms, u, delta, box_half, weak_exact, args.order))
            show(rows[-1])
        for r in rows:
            if 'drift' in r:
                print(f"{r['name']}: energy rate / energy = {r['drift']:.2e} per unit time")
            if not np.isnan(r['rate_c']):
                e = step_estimates(delta, u, r['h'], r['rate'], r['rate_c'])
                print(f"steps to t = ½, {r['name']}: fixed fine grid {e['fixed']:.0f}, fine substeps per coarse step "
                      f"{e['substeps']:.0f}, fine grid coarsening with the bump (κ = {e['kappa']:.2f} cells per width, "
                      f"T(½) = {e['T1']:.4f}) {e['coarsening']:.0f}, accuracy floor (ΔT/T ≤ 5 %) {e['accuracy']:.0f}; "
                      f"a uniform grid of the fine spacing: N = {e['n_uniform']:.0f}")


def show(r):
    pct = lambda x: 'n/a' if np.isnan(x) else f'{100 * x:.3g} %'
    print(f"{r['name']} | {pct(r['bump'])} | {pct(r['under'])} ({pct(r.get('under_avg', np.nan))}) | {pct(r['near'])} | {pct(r['bulk'])} | {100 * r['weak']:+.3g} % | "
          f"{pct(r['aerr'])} | {r['m']:.1e} | {r['p']:.1e} | {r['e']:.1e} | {r['H']:.3e} | {r['cells']} | "
          f"{r['ffts']} | {r['pairs']:.2e} | {r['secs']:.1f} | {r['rate']:.3g} ({r['rate_c']:.3g})", flush=True)


if __name__ == '__main__':
    main()
