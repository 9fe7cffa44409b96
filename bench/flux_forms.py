"""Exact-rate errors of candidate flux forms of the pair-form Landau operator, on the Coulomb point
kernel of Landau3D (W(d) = K(d) off the origin, times the shell factors on |d|² = 1, 2; W(0) does
not enter Q), in NumPy/SciPy f64 — the experiment behind the
"Other flux forms" paragraph of docs/validation.md. bench/flux-forms.ts writes the exact
rates and runs it:

    python3 bench/flux_forms.py EXACT.json SCHEMES N1,N2,... [pointwise]

With 'stiffness' it prints instead the largest |eigenvalue| of the linearised operator at the two
Maxwellians (power iteration on relative perturbations F(1 ± εφ), 60 steps): what an explicit
step must resolve. With 'pointwise' it prints instead the relative L2 error of Q cell by cell against the exact
Q = A[F]:∇²F + F² of the sums of Maxwellians (two Maxwellians at ±1.5 e_x, L = 7; M + 0.3^0.3 M_0.3,
L = 6), and the error of the entropy production ∫ log F Q.

A scheme is a sum of pair forms Q_D = −Dᵀ J(D log F), J = χF (A^χ g − W∗(χF g)), each conservative
and dissipative: 'eight' (the one-sided sign patterns, as in Landau3D), 'c2', 'c4', 'c6' (centred
differences of order 2, 4, 6), 'eight4' (fourth-order one-sided face gradients), 'c4s' = eight − c2
+ c4, 'eightC' (the eight patterns of D^σ(I − (h²/6)D²), whose mean is c4: the same rates as c4s
with every pattern a pair form), 'upK' (the upwind-biased pairs of the code, order K + 1), and
'compact6', 'compact8': G± = P⁻¹D ∓ E with P⁻¹D the tridiagonal compact (Padé) difference of
order 6 or 8 on the rows where it fits (the explicit pair of the highest order that fits on the
others, every row exact on quadratics) and E the order-8 pair's upwind part; with 'pointwise'
these also print the largest rate-bound coupling h²·Σ_k |G_ik| Σ_j |G_ij| F_i/F_k along x. Prints, per data set and scheme, the relative error of the largest rate component and the
mass and energy rates (round-off).
"""
import json, sys, itertools, os
import numpy as np, scipy.fft as sfft
exact = json.load(open(sys.argv[1]))

def table_point(n):
    d = np.arange(-(n-1), n)
    dx, dy, dz = np.meshgrid(d, d, d, indexing='ij')
    r2 = dx*dx+dy*dy+dz*dz; r = np.sqrt(r2); r[r == 0] = 1
    c = 1/(8*np.pi*r**3); c[(dx==0)&(dy==0)&(dz==0)] = 0
    c[r2 == 1] *= exact['shells'][0]; c[r2 == 2] *= exact['shells'][1]
    comps = {(0,0): c*(r2-dx*dx), (1,1): c*(r2-dy*dy), (2,2): c*(r2-dz*dz), (0,1): -c*dx*dy, (0,2): -c*dx*dz, (1,2): -c*dy*dz}
    return comps

class Conv:
    def __init__(self, n, h):
        self.n = n; m = 1
        while m < 2*n-1: m *= 2
        self.m = m
        comps = table_point(n)
        self.w = {}
        for k, v in comps.items():
            big = np.zeros((m, m, m))
            idx = np.arange(-(n-1), n) % m
            big[np.ix_(idx, idx, idx)] = v * h*h
            self.w[k] = sfft.rfftn(big).real
            if k[0] != k[1]: self.w[(k[1], k[0])] = self.w[k]
    def conv(self, fhat, a, b):
        n = self.n
        return sfft.irfftn(self.w[(a, b)] * fhat, s=(self.m,)*3)[:n, :n, :n]
    def fwd(self, x):
        return sfft.rfftn(x, s=(self.m,)*3)

def shift(f, a, s):
    # value at i + s e_a (zero-padded outside; only used where valid)
    out = np.zeros_like(f)
    n = f.shape[a]
    src = [slice(None)]*3; dst = [slice(None)]*3
    if s > 0: src[a] = slice(s, None); dst[a] = slice(None, n-s)
    else: src[a] = slice(None, n+s); dst[a] = slice(-s, None)
    out[tuple(dst)] = f[tuple(src)]
    return out

def Q_general(F, conv, h, patterns, margin):
    """patterns: list of (weight, stencils[3]) where stencil = list of (offset, coef) giving D f_i = sum coef f_{i+offset} / h."""
    n = F.shape[0]
    chi = np.zeros_like(F, dtype=bool); chi[margin:n-margin, margin:n-margin, margin:n-margin] = True
    logf = np.log(F)
    sigma = np.where(chi, F, 0.0)
    s_hat = conv.fwd(sigma)
    A = [[conv.conv(s_hat, a, b) for b in range(3)] for a in range(3)]
    Q = np.zeros_like(F)
    for wgt, st in patterns:
        g = []
        for a in range(3):
            ga = sum(c * shift(logf, a, o) for o, c in st[a]) / h
            g.append(np.where(chi, ga, 0.0))
        fg_hat = [conv.fwd(sigma * g[b]) for b in range(3)]
        J = []
        for a in range(3):
            conv_part = sum(conv.conv(fg_hat[b], a, b) for b in range(3))
            Ja = sigma * (sum(A[a][b] * g[b] for b in range(3)) - conv_part)
            J.append(np.where(chi, Ja, 0.0))
        # Q = -sum_a D_a^T J_a ; (D^T J)_i = sum_o c_o J_{i-o} / h
        for a in range(3):
            Q -= wgt * sum(c * shift(J[a], a, -o) for o, c in st[a]) / h
    return Q

P = [(1, 1.0), (0, -1.0)]; M = [(0, 1.0), (-1, -1.0)]
C2 = [(1, 0.5), (-1, -0.5)]
C4 = [(2, -1/12), (1, 8/12), (-1, -8/12), (-2, 1/12)]
# 4th-order one-sided (staggered) face gradient at i+1/2 and i-1/2
P4 = [(2, -1/24), (1, 27/24), (0, -27/24), (-1, 1/24)]
M4 = [(1, -1/24), (0, 27/24), (-1, -27/24), (-2, 1/24)]
def eight(p, m, weight=1.0):
    return [(weight/8, list(s)) for s in itertools.product([p, m], repeat=3)]

SCHEMES = {
  'eight': (eight(P, M), 1),
  'c2': ([(1.0, [C2]*3)], 1),
  'c4': ([(1.0, [C4]*3)], 2),
  'eight4': (eight(P4, M4), 2),
}
# D^σ(I − (h²/6)D²) along each axis: one-sided differences of a corrected log F
PC = [(2, -1/6), (1, 1.5), (0, -1.5), (-1, 1/6)]
MC = [(1, -1/6), (0, 1.5), (-1, -1.5), (-2, 1/6)]
SCHEMES['eightC'] = (eight(PC, MC), 2)
C6 = [(3, 1/60), (2, -3/20), (1, 3/4), (-1, -3/4), (-2, 3/20), (-3, -1/60)]
SCHEMES['c6'] = ([(1.0, [C6]*3)], 3)
SCHEMES['c4s'] = (eight(P, M) + [(1.0, [C4]*3), (-1.0, [C2]*3)], 2)

# The upwind-biased pairs of Landau3D's flux (src/equation/log-gradient.ts), without its row choice:
# G± = C_2m ∓ κ δ^2m / h, κ removing the far point on the downwind side; 'up1' is 'eight'.
from math import factorial, comb
def upwind(m):
    c = {k: (-1)**(k+1)*factorial(m)**2/(k*factorial(m-k)*factorial(m+k)) for k in range(1, m+1)}
    C = {**c, **{-k: -v for k, v in c.items()}}
    d = {k: (-1)**(k+m)*comb(2*m, k+m) for k in range(-m, m+1)}
    kappa = C[-m]/d[-m]
    pick = lambda sign: [(k, C.get(k, 0) - sign*kappa*d[k]) for k in range(-m, m+1) if abs(C.get(k, 0) - sign*kappa*d[k]) > 1e-14]
    return pick(1), pick(-1)
for m in range(1, 5):
    SCHEMES['up%d' % (2*m - 1)] = (eight(*upwind(m)), m)

# Compact (Padé) differences: α g_{i−1} + g_i + α g_{i+1} = Σ_k c_k (f_{i+k} − f_{i−k}) / h.
COMPACT = {'compact6': (1/3, {1: 7/9, 2: 1/36}), 'compact8': (3/8, {1: 25/32, 2: 1/20, 3: -1/480})}

def pair_matrices(name, n, h, margin=1):
    """The one-dimensional G⁺, G⁻ (n × n, rows outside margin … n−1−margin zero) of a compact scheme, or
    of 'up7' (the explicit pair of order 8 where it fits, for comparison)."""
    alpha, coef = COMPACT.get(name, (0.0, {n: 0.0}))
    P = np.eye(n); D = np.zeros((n, n)); E = np.zeros((n, n))
    for i in range(margin, n - margin):
        edge = min(i, n - 1 - i)
        if edge > max(coef):
            P[i, i - 1] = P[i, i + 1] = alpha
            for k, c in coef.items():
                D[i, i + k] += c
                D[i, i - k] -= c
        m = min(4, edge)
        plus, minus = upwind(m)
        for k, c in plus:
            if edge <= max(coef): D[i, i + k] += 0.5 * c
            E[i, i + k] -= 0.5 * c
        for k, c in minus:
            if edge <= max(coef): D[i, i + k] += 0.5 * c
            E[i, i + k] += 0.5 * c
        if m < 2: E[i, :] = 0  # D± is not exact on quadratics: C₂ alone on the outermost rows
    C = np.linalg.solve(P, D) / h
    return C - E / h, C + E / h

def along(M, f, a):
    return np.moveaxis(np.tensordot(M, np.moveaxis(f, a, 0), axes=(1, 0)), 0, a)

def Q_matrix(F, conv, h, name, margin=1):
    """As Q_general, for one pair of matrices G± applied along every axis."""
    n = F.shape[0]
    Gp, Gm = pair_matrices(name, n, h, margin)
    chi = np.zeros_like(F, dtype=bool); chi[margin:n-margin, margin:n-margin, margin:n-margin] = True
    logf = np.log(F); sigma = np.where(chi, F, 0.0)
    s_hat = conv.fwd(sigma)
    A = [[conv.conv(s_hat, a, b) for b in range(3)] for a in range(3)]
    g = {s: [np.where(chi, along(G, logf, a), 0.0) for a in range(3)] for s, G in (('+', Gp), ('-', Gm))}
    Q = np.zeros_like(F)
    for pattern in itertools.product('+-', repeat=3):
        gp = [g[pattern[a]][a] for a in range(3)]
        fg_hat = [conv.fwd(sigma * gp[b]) for b in range(3)]
        for a in range(3):
            conv_part = sum(conv.conv(fg_hat[b], a, b) for b in range(3))
            Ja = np.where(chi, sigma * (sum(A[a][b] * gp[b] for b in range(3)) - conv_part), 0.0)
            Q -= along((Gp if pattern[a] == '+' else Gm).T, Ja, a) / 8
    return Q

def coupling(name, F, h):
    """h² max_k Σ_i |G⁺_ik| Σ_j |G⁺_ij| F_i/F_k along x: the rate bound's coupling factor (2(1 + e^J) for D±)."""
    n = F.shape[0]
    G = np.abs(pair_matrices(name, n, h)[0]) * h
    return np.max(np.einsum('ik,i,i...->k...', G, G.sum(1), F) / F)

def evaluate(name, F, conv, h):
    if name in COMPACT:
        return Q_matrix(F, conv, h, name)
    pats, margin = SCHEMES[name]
    return Q_general(F, conv, h, pats, margin)

def case_density(name, L, n):
    h = 2*L/n
    ax = -L + (np.arange(n)+0.5)*h
    x, y, z = np.meshgrid(ax, ax, ax, indexing='ij')
    mw = lambda v2, T=1: (2*np.pi*T)**-1.5*np.exp(-v2/(2*T))
    if name == 'bimax':
        F = (2*np.pi)**-1.5/(0.9*np.sqrt(1.2))*np.exp(-x*x/(2*1.2)-(y*y+z*z)/(2*0.9))
    elif name == 'twoMax':
        F = 0.5*(mw((x-1.5)**2+y*y+z*z)+mw((x+1.5)**2+y*y+z*z))
    else:
        F = mw(x*x+y*y+z*z) + 0.3**0.3*mw((x-1)**2+y*y+z*z, 0.3)
    return F, h, (x, y, z)

def lam(r):
    from scipy.special import erf
    r = np.maximum(r, 1e-3); k = np.sqrt(2/np.pi); e = erf(r/np.sqrt(2)); g = k*r*np.exp(-r*r/2)
    return (e - g)/(4*np.pi*r**3), ((r*r - 1)*e + g)/(8*np.pi*r**3)

def exact_pointwise(terms, X):
    """F and Q = A[F]:∇²F + F² of Σ w M_{u,T}: A[w M_{u,T}](v) = w T^{-1/2} A[M]((v − u)/√T)."""
    F = 0; Q = 0
    A = np.zeros(X[0].shape + (3, 3)); H = np.zeros_like(A)
    for w, u, T in terms:
        x = [X[a] - u[a] for a in range(3)]; r2 = sum(xa*xa for xa in x)
        Mw = w*(2*np.pi*T)**-1.5*np.exp(-r2/(2*T)); F = F + Mw
        l1, l2 = lam(np.sqrt(r2/T)); rr = np.where(r2 > 0, r2, 1)
        for a in range(3):
            for b in range(3):
                nn = x[a]*x[b]/rr
                A[..., a, b] += w/np.sqrt(T)*(l2*((a == b) - nn) + l1*nn)
                H[..., a, b] += Mw*(x[a]*x[b]/T**2 - (a == b)/T)
    return F, np.einsum('...ab,...ab->...', A, H) + F*F

if len(sys.argv) > 4 and sys.argv[4] == 'stiffness':
    L = 7
    for name in sys.argv[2].split(','):
        row = []
        for n in [int(v) for v in sys.argv[3].split(',')]:
            h = 2*L/n; ax = -L + (np.arange(n) + 0.5)*h
            F, _ = exact_pointwise([(0.5, (1.5, 0, 0), 1.0), (0.5, (-1.5, 0, 0), 1.0)], np.meshgrid(ax, ax, ax, indexing='ij'))
            conv = Conv(n, h)
            phi = np.random.default_rng(1).standard_normal(F.shape)
            for _ in range(60):
                phi /= np.sqrt(np.sum(phi*phi*F))
                eps = 1e-4/np.max(np.abs(phi))
                image = (evaluate(name, F*(1 + eps*phi), conv, h) - evaluate(name, F*(1 - eps*phi), conv, h))/(2*eps*F)
                rayleigh = np.sum(phi*image*F)
                phi = image
            row.append(f"N={n}: {abs(rayleigh):.3g}")
        print('two Maxwellians', name, 'largest |eigenvalue|', '  '.join(row), flush=True)
    sys.exit(0)

if len(sys.argv) > 4 and sys.argv[4] == 'pointwise':
    cases = [('two Maxwellians', 7, [(0.5, (1.5, 0, 0), 1.0), (0.5, (-1.5, 0, 0), 1.0)]),
             ('centred bump', 6, [(1.0, (0, 0, 0), 1.0), (0.3**0.3, (0, 0, 0), 0.3)])]
    for case, L, terms in cases:
        for name in sys.argv[2].split(','):
            row = []
            for n in [int(v) for v in sys.argv[3].split(',')]:
                h = 2*L/n; ax = -L + (np.arange(n) + 0.5)*h
                X = np.meshgrid(ax, ax, ax, indexing='ij')
                F, Qx = exact_pointwise(terms, X)
                Q = evaluate(name, F, Conv(n, h), h)
                err = np.sqrt(np.sum((Q - Qx)**2)/np.sum(Qx**2)); lf = np.log(F)
                x = X[0]; r2 = sum(c*c for c in X); scale = np.sum(np.abs(Q))
                rates = f'mass {np.sum(Q)/scale:.0e} energy {np.sum(r2*Q)/scale:.0e}'
                stiff = f', coupling {coupling(name, F, h):.0f}' if name in COMPACT or name == 'up7' else ''
                row.append(f'N={n}: {100*err:.3f}% (H\' {100*(np.sum(lf*Q)/np.sum(lf*Qx) - 1):+.2f}%, {rates}{stiff})')
            print(case, name, '  '.join(row), flush=True)
    sys.exit(0)

names = sys.argv[2].split(',')
Ns = [int(v) for v in sys.argv[3].split(',')]
for case, L in [('bimax', 6), ('twoMax', 7), ('bump', 6)]:
    for name in names:
        row = []
        for n in Ns:
            F, h, (x, y, z) = case_density(case, L, n)
            conv = Conv(n, h)
            Q = evaluate(name, F, conv, h)
            v = [x, y, z]
            ex = np.array(exact[case])
            R = np.array([[np.sum(v[k]*v[l]*Q)*h**3 for l in range(3)] for k in range(3)])
            err = np.max(np.abs(R-ex))/np.max(np.abs(ex))
            mass = np.sum(Q)*h**3; en = np.sum((x*x+y*y+z*z)*Q)*h**3
            row.append(f'N={n}: {100*err:.3f}% (m {mass:.1e} e {en:.1e})')
        print(case, name, '  '.join(row), flush=True)
