// Reads the kernel table W (binding `table` of the including shader): the octant |d| is stored,
// two vec4 per offset, (xx, yy, zz, xy), (xz, yz, 0, 0) in physical units; the off-diagonal entries
// change sign with the signs of d.

fn kernel_at(d: vec3<i32>, n: u32) -> Sym3 {
  let a = vec3<u32>(abs(d));
  let k = 2u * ((a.x * n + a.y) * n + a.z);
  let t0 = table[k];
  let t1 = table[k + 1u];
  let s = sign(vec3<f32>(d));
  return Sym3(t0.xyz, vec3<f32>(t0.w, t1.x, t1.y) * vec3<f32>(s.x * s.y, s.x * s.z, s.y * s.z));
}
