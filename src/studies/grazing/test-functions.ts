// Smooth test functions ψ for the operators, with exact gradients and Hessians (the Landau
// operator needs ∇ψ and ∇²ψ; finite differences would cost the digits the comparison is about).

export interface TestFunction {
  readonly name: string;
  readonly description: string;
  value(x: number, y: number, z: number): number;
  /** ∇ψ into out[0..2] */
  gradient(x: number, y: number, z: number, out: Float64Array): void;
  /** ∇²ψ row-major into out[0..8] */
  hessian(x: number, y: number, z: number, out: Float64Array): void;
}

const A = [0.4, -0.3, 0.2];
const K = [0.7, -0.4, 0.3];
const PHASE = 0.3;

export const TEST_FUNCTIONS: Readonly<Record<string, TestFunction>> = {
  gauss: {
    name: 'gauss',
    description: 'ψ(v) = exp(−|v − a|²/8), a = (0.4, −0.3, 0.2)',
    value: (x, y, z) => {
      const dx = x - A[0], dy = y - A[1], dz = z - A[2];
      return Math.exp(-(dx * dx + dy * dy + dz * dz) / 8);
    },
    gradient(x, y, z, out) {
      const d = [x - A[0], y - A[1], z - A[2]];
      const e = Math.exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / 8);
      for (let i = 0; i < 3; i++) out[i] = -0.25 * d[i] * e;
    },
    hessian(x, y, z, out) {
      const d = [x - A[0], y - A[1], z - A[2]];
      const e = Math.exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / 8);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = e * ((d[i] * d[j]) / 16 - (i === j ? 0.25 : 0));
    },
  },
  cos: {
    name: 'cos',
    description: 'ψ(v) = cos(k·v + 0.3), k = (0.7, −0.4, 0.3)',
    value: (x, y, z) => Math.cos(K[0] * x + K[1] * y + K[2] * z + PHASE),
    gradient(x, y, z, out) {
      const s = -Math.sin(K[0] * x + K[1] * y + K[2] * z + PHASE);
      for (let i = 0; i < 3; i++) out[i] = K[i] * s;
    },
    hessian(x, y, z, out) {
      const c = -Math.cos(K[0] * x + K[1] * y + K[2] * z + PHASE);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = K[i] * K[j] * c;
    },
  },
  poly: {
    name: 'poly',
    description: 'ψ(v) = v_x³ − v_x v_y + v_z² (cubic: its Legendre expansion on collision spheres is exact at l = 3)',
    value: (x, y, z) => x * x * x - x * y + z * z,
    gradient(x, y, z, out) {
      out[0] = 3 * x * x - y;
      out[1] = -x;
      out[2] = 2 * z;
    },
    hessian(x, _y, _z, out) {
      out.fill(0);
      out[0] = 6 * x;
      out[1] = out[3] = -1;
      out[8] = 2;
    },
  },
  energy: {
    name: 'energy',
    description: 'ψ(v) = |v|² (a collision invariant: L_ε ψ = K ψ = 0)',
    value: (x, y, z) => x * x + y * y + z * z,
    gradient(x, y, z, out) {
      out[0] = 2 * x;
      out[1] = 2 * y;
      out[2] = 2 * z;
    },
    hessian(_x, _y, _z, out) {
      out.fill(0);
      out[0] = out[4] = out[8] = 2;
    },
  },
};

export const TEST_FUNCTION_NAMES = Object.keys(TEST_FUNCTIONS);
