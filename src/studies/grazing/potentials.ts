// Radial interaction potentials Φ(x) = φ(|x|) of Assumption 2.1: φ(r) = f(r)/r^s on (0, 1], 0 beyond,
// f decreasing with f(0) > 0 and f(1) = 0. Also the few potentials outside that class that the
// scattering code is checked against (pure powers of infinite range, hard and soft spheres) and the
// limit potential f(0)/r^s of Theorem 2.4.

export interface RadialPotential {
  /** short label for tables and file names */
  readonly name: string;
  /** order of the singularity at r = 0: φ(r) ~ f(0)/r^s */
  readonly s: number;
  /** φ = 0 for r ≥ range; Infinity for potentials of infinite range */
  readonly range: number;
  /** f(0) = lim_{r→0} r^s φ(r) */
  readonly f0: number;
  /**
   * Taylor coefficients [f(0), f′(0), f″(0)/2, f‴(0)/6] of f(r) = r^s φ(r) at r = 0. They give the
   * large-k asymptotics of the Fourier transform that closes the (2.7) integral.
   */
  readonly taylor: readonly number[];
  /** lim_{r→range⁻} φ(r): 0 for continuous potentials, > 0 for a step (a wall at r = range) */
  readonly edge: number;
  /** φ(r) for 0 < r (0 at and beyond the range, +Infinity inside a hard core) */
  phi(r: number): number;
  /** φ′(r) for 0 < r < range */
  dphi(r: number): number;
}

/** Named profiles f of Assumption 2.1, each with f′ and its Taylor coefficients at 0. */
export interface Profile {
  readonly name: string;
  readonly description: string;
  f(r: number): number;
  df(r: number): number;
  readonly taylor: readonly number[];
}

export const PROFILES: Readonly<Record<string, Profile>> = {
  quadratic: {
    name: 'quadratic',
    description: 'f(r) = (1 − r)²',
    f: (r) => (1 - r) * (1 - r),
    df: (r) => -2 * (1 - r),
    taylor: [1, -2, 1, 0],
  },
  cosine: {
    name: 'cosine',
    description: 'f(r) = cos²(πr/2)',
    f: (r) => {
      const c = Math.cos(0.5 * Math.PI * r);
      return c * c;
    },
    df: (r) => -0.5 * Math.PI * Math.sin(Math.PI * r),
    // cos²(πr/2) = (1 + cos πr)/2 = 1 − π²r²/4 + π⁴r⁴/48 − …
    taylor: [1, 0, -(Math.PI * Math.PI) / 4, 0],
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

/** φ(r) = f(r)/r^s on (0, 1), 0 beyond, for a named profile. */
export function profilePotential(profile: Profile, s: number): RadialPotential {
  checkS(s);
  const { f, df } = profile;
  const pure = s === 0;
  return {
    name: `${profile.name}, s = ${s}`,
    s,
    range: 1,
    f0: profile.taylor[0],
    taylor: profile.taylor,
    edge: 0,
    phi: (r) => (r >= 1 ? 0 : pure ? f(r) : f(r) * Math.pow(r, -s)),
    dphi: (r) => {
      if (r >= 1) return 0;
      if (pure) return df(r);
      const rs = Math.pow(r, -s);
      return (df(r) - (s * f(r)) / r) * rs;
    },
  };
}

export function namedPotential(name: string, s: number): RadialPotential {
  const profile = PROFILES[name];
  if (!profile) throw new RangeError(`unknown potential '${name}'; choose one of ${PROFILE_NAMES.join(', ')}`);
  return profilePotential(profile, s);
}

/**
 * A user-supplied φ on (0, 1) (0 beyond) with singularity order s. f(0), its Taylor coefficients
 * and φ′ are computed numerically, so φ must be smooth on (0, 1) and r^s φ(r) smooth up to r = 0.
 */
export function customPotential(phi: (r: number) => number, s: number, name = 'custom'): RadialPotential {
  checkS(s);
  const inside = (r: number) => (r >= 1 ? 0 : phi(r));
  const f = (r: number) => (s === 0 ? inside(r) : Math.pow(r, s) * inside(r));
  const taylor = taylorAtZero(f, 0.05);
  return {
    name: `${name}, s = ${s}`,
    s,
    range: 1,
    f0: taylor[0],
    taylor,
    edge: 0,
    phi: inside,
    dphi: (r) => (r >= 1 ? 0 : numericDerivative(inside, r, 1)),
  };
}

/**
 * Checks Assumption 2.1 on samples: φ finite, positive and non-increasing on (0, 1), r^s φ(r) with
 * a finite positive limit at 0, and φ(1⁻) = 0. Returns the first violation found, or undefined.
 */
export function assumptionViolation(p: RadialPotential): string | undefined {
  if (!(Number.isFinite(p.f0) && p.f0 > 0)) return `f(0) = lim r^s φ(r) must be finite and > 0, got ${p.f0}`;
  let prev = Infinity;
  for (let i = 1; i < 2000; i++) {
    const r = i / 2000;
    const v = p.phi(r);
    if (!Number.isFinite(v)) return `φ(${r}) = ${v} is not finite`;
    if (v < 0) return `φ(${r}) = ${v} is negative`;
    if (v > prev * (1 + 1e-12) + 1e-300) return `φ is not decreasing: φ(${r}) = ${v} > φ(${(i - 1) / 2000}) = ${prev}`;
    prev = v;
  }
  const end = p.phi(1 - 1e-9);
  if (Math.abs(end) > 1e-6 * p.f0) return `φ(1⁻) must vanish (f(1) = 0), got φ(1 − 1e-9) = ${end}`;
  const r = 1e-4;
  const ratio = (Math.pow(r, p.s) * p.phi(r)) / p.f0;
  if (!(Math.abs(ratio - 1) < 0.05)) return `r^s φ(r) does not approach f(0) = ${p.f0} as r → 0 (ratio ${ratio} at r = 1e-4): is s = ${p.s} the right order?`;
  return undefined;
}

/** φ(r) = f0/r^s on (0, ∞): the limit potential Φ_s of Theorem 2.4 (s = 1: Coulomb, s = 2: inverse square). */
export function powerPotential(s: number, f0 = 1): RadialPotential {
  if (!(s > 0 && Number.isFinite(s))) throw new RangeError(`power potential needs s > 0, got ${s}`);
  return {
    name: `${f0}/r^${s}`,
    s,
    range: Infinity,
    f0,
    taylor: [f0, 0, 0, 0],
    edge: 0,
    phi: (r) => f0 * Math.pow(r, -s),
    dphi: (r) => -s * f0 * Math.pow(r, -s - 1),
  };
}

/**
 * Step (soft sphere) φ = height for r < 1, 0 beyond; height = Infinity gives hard spheres of
 * radius 1. Not in the class of Assumption 2.1; used to check the scattering code on closed forms.
 */
export function stepPotential(height: number): RadialPotential {
  if (!(height > 0)) throw new RangeError(`step height must be > 0, got ${height}`);
  return {
    name: height === Infinity ? 'hard sphere' : `step ${height}`,
    s: 0,
    range: 1,
    f0: height,
    taylor: [height, 0, 0, 0],
    edge: height,
    phi: (r) => (r >= 1 ? 0 : height),
    dphi: () => 0,
  };
}

function checkS(s: number): void {
  if (!(Number.isFinite(s) && s >= 0 && s <= 10)) throw new RangeError(`singularity order s must satisfy 0 ≤ s ≤ 10, got ${s}`);
}

/**
 * Derivative by a fourth-order stencil: central where it fits, one-sided when r is within 2h of
 * the range end `rmax` (φ may have a kink there), with h proportional to r near the singularity.
 */
export function numericDerivative(g: (r: number) => number, r: number, rmax: number): number {
  const h = Math.min(1e-3 * r, 1e-3);
  if (r + 2 * h < rmax) return (g(r - 2 * h) - 8 * g(r - h) + 8 * g(r + h) - g(r + 2 * h)) / (12 * h);
  return (25 * g(r) - 48 * g(r - h) + 36 * g(r - 2 * h) - 16 * g(r - 3 * h) + 3 * g(r - 4 * h)) / (12 * h);
}

/**
 * [g(0), g′(0), g″(0)/2, g‴(0)/6] from a Chebyshev interpolant of g on [0, h] (first-kind nodes,
 * which avoid r = 0 itself, where r^s φ(r) cannot be evaluated).
 */
export function taylorAtZero(g: (r: number) => number, h: number, n = 24): number[] {
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = g(0.5 * h * (1 + Math.cos((Math.PI * (j + 0.5)) / n)));
  const out = [0, 0, 0, 0];
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let j = 0; j < n; j++) c += values[j] * Math.cos((Math.PI * k * (j + 0.5)) / n);
    c *= (k === 0 ? 1 : 2) / n;
    // Derivatives of T_k at x = −1 (r = 0): T_k(−1) = (−1)^k, T_k′(−1) = (−1)^{k+1} k², …
    const sign = k % 2 === 0 ? 1 : -1;
    const k2 = k * k;
    out[0] += c * sign;
    out[1] += c * -sign * k2;
    out[2] += c * sign * ((k2 * (k2 - 1)) / 3);
    out[3] += c * -sign * ((k2 * (k2 - 1) * (k2 - 4)) / 15);
  }
  const scale = 2 / h;
  return [out[0], out[1] * scale, (out[2] * scale * scale) / 2, (out[3] * scale * scale * scale) / 6];
}
