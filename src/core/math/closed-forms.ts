// Closed forms for the unit Maxwellian M = (2π)^{-3/2} e^{-|v|²/2} (docs/mathematics.md §2).

export const M0 = Math.pow(2 * Math.PI, -1.5);

/** c0 = sup ⟨A[M](0)e,e⟩ = (3 (2π)^{3/2})^{-1}. */
export const C0 = 1 / (3 * Math.pow(2 * Math.PI, 1.5));

/** M_T(v) = (2πT)^{-3/2} exp(-|v|²/(2T)), with |v|² given. */
export function maxwellian(v2: number, temperature = 1): number {
  return Math.pow(2 * Math.PI * temperature, -1.5) * Math.exp(-v2 / (2 * temperature));
}

/** erf to full double precision (W. J. Cody's rational approximations). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.5) {
    const t = x * x;
    const p = [3.1611237438705656, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
    const q = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
    const num = (((p[4]! * t + p[0]!) * t + p[1]!) * t + p[2]!) * t + p[3]!;
    const den = (((t + q[0]!) * t + q[1]!) * t + q[2]!) * t + q[3]!;
    return (x * num) / den;
  }
  const e = erfcPositive(ax);
  return x > 0 ? 1 - e : e - 1;
}

/** erfc(x) = 1 − erf(x) for x ≥ 0, without the cancellation of 1 − erf(x). */
export function erfc(x: number): number {
  if (!(x >= 0)) throw new RangeError(`erfc is implemented for x ≥ 0 (got ${x})`);
  return x < 0.5 ? 1 - erf(x) : erfcPositive(x);
}

function erfcPositive(x: number): number {
  if (x < 4) {
    const p = [
      0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.635138197400, 881.952221241769, 1712.04761263407,
      2051.07837782607, 1230.339354797997, 2.15311535474403846e-8,
    ];
    const q = [
      15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.799235733460,
      4362.619090143247, 3439.367674143722, 1230.3393548037495,
    ];
    let num = p[8]! * x;
    let den = x;
    for (let i = 0; i < 7; i++) {
      num = (num + p[i]!) * x;
      den = (den + q[i]!) * x;
    }
    const r = (num + p[7]!) / (den + q[7]!);
    return splitExp(x) * r;
  }
  if (x > 27) return 0;
  const p = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4, 0.016315387137302097];
  const q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
  const t = 1 / (x * x);
  let num = p[5]! * t;
  let den = t;
  for (let i = 0; i < 4; i++) {
    num = (num + p[i]!) * t;
    den = (den + q[i]!) * t;
  }
  let r = (t * (num + p[4]!)) / (den + q[4]!);
  r = (1 / Math.sqrt(Math.PI) - r) / x;
  return splitExp(x) * r;
}

/** exp(-x²) computed with the argument split so that the rounding of x² does not leak into the result. */
function splitExp(x: number): number {
  const xs = Math.trunc(x * 16) / 16;
  const del = (x - xs) * (x + xs);
  return Math.exp(-xs * xs) * Math.exp(-del);
}

/** a[M](r) = erf(r/√2)/(4πr), a[M](0) = M(0). */
export function traceAOfMaxwellian(r: number): number {
  if (r < 1e-6) return M0 * (1 - r * r / 6);
  return erf(r / Math.SQRT2) / (4 * Math.PI * r);
}

/** Radial eigenvalue λ1(r) of A[M](v) (eigenvector v). */
export function lambdaRadial(r: number): number {
  if (r < 1e-3) return C0 * (1 - (3 / 10) * r * r);
  const g = Math.sqrt(2 / Math.PI) * r * Math.exp(-r * r / 2);
  return (erf(r / Math.SQRT2) - g) / (4 * Math.PI * r * r * r);
}

/** Tangential (double) eigenvalue λ2(r) of A[M](v). */
export function lambdaTangential(r: number): number {
  if (r < 1e-3) return C0 * (1 - r * r / 10);
  const g = Math.sqrt(2 / Math.PI) * r * Math.exp(-r * r / 2);
  return ((r * r - 1) * erf(r / Math.SQRT2) + g) / (8 * Math.PI * r * r * r);
}
