// The linearised Landau operator L_R g = Q(R, g) + Q(g, R) ([GW24], (2.8)–(2.9)) through the
// operator's bilinear Q with gradients relative to R: the exact derivative of the discrete Q(F,F) at
// F = R, so that its kernel at a Maxwellian is span{M, vM, |v|²M} up to round-off.
import type { LandauOperator } from '../../backends/landau-operator.js';

export async function linearised(op: LandauOperator, reference: Float64Array, g: ArrayLike<number>): Promise<Float64Array> {
  const first = await op.bilinear(reference, g, reference);
  const second = await op.bilinear(g, reference, reference);
  for (let c = 0; c < first.length; c++) first[c]! += second[c]!;
  return first;
}
