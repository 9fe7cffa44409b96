// Uniform buffers packed by field name from the WGSL struct that declares them, so the byte offsets
// live in one place (the .wgsl file) and the host names what it writes: a field the struct lacks, or
// one it does not set, fails at once instead of shifting every value after it. The offsets follow
// WGSL's layout rules for the types the kernels use in uniforms (4-byte scalars, f32 vectors,
// mat4x4<f32>); a struct in the uniform address space is padded to 16 bytes.

type Kind = 'u32' | 'i32' | 'f32';

interface Field {
  name: string;
  offset: number;
  kind: Kind;
  /** Scalars per field (1 for a scalar, 2–4 for a vector, 16 for mat4x4). */
  length: number;
}

const TYPES: Record<string, { kind: Kind; length: number; size: number; align: number }> = {
  u32: { kind: 'u32', length: 1, size: 4, align: 4 },
  i32: { kind: 'i32', length: 1, size: 4, align: 4 },
  f32: { kind: 'f32', length: 1, size: 4, align: 4 },
  'vec2<f32>': { kind: 'f32', length: 2, size: 8, align: 8 },
  'vec3<f32>': { kind: 'f32', length: 3, size: 12, align: 16 },
  'vec4<f32>': { kind: 'f32', length: 4, size: 16, align: 16 },
  'mat4x4<f32>': { kind: 'f32', length: 16, size: 64, align: 16 },
};

export type UniformValues = Record<string, number | ArrayLike<number>>;

export class UniformLayout {
  private constructor(
    readonly struct: string,
    private readonly fields: readonly Field[],
    /** Bytes of the buffer: the struct's size rounded up to 16. */
    readonly size: number,
  ) {}

  /** The layout of `struct Name { … }` in a WGSL source. */
  static of(source: string, name: string): UniformLayout {
    const body = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`).exec(source)?.[1];
    if (body === undefined) throw new Error(`no struct ${name} in the shader source`);
    const fields: Field[] = [];
    let offset = 0;
    let align = 4;
    for (const decl of body.replace(/\/\/[^\n]*/g, '').split(',').map((d) => d.trim()).filter(Boolean)) {
      const [fieldName, type] = decl.split(':').map((s) => s.replace(/\s+/g, ''));
      const t = TYPES[type ?? ''];
      if (!fieldName || !t) throw new Error(`struct ${name}: field '${decl}' has a type a uniform layout does not cover`);
      offset = Math.ceil(offset / t.align) * t.align;
      fields.push({ name: fieldName, offset, kind: t.kind, length: t.length });
      offset += t.size;
      align = Math.max(align, t.align);
    }
    const size = Math.ceil(Math.ceil(offset / align) * align / 16) * 16;
    return new UniformLayout(name, fields, size);
  }

  /** The field names in order (padding fields, named _…, included). */
  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** The bytes of the struct with these values; every field but the _padding ones must be given, and no other. */
  pack(values: UniformValues): ArrayBuffer {
    const unknown = Object.keys(values).filter((k) => !this.fields.some((f) => f.name === k));
    const missing = this.fields.filter((f) => !f.name.startsWith('_') && !(f.name in values)).map((f) => f.name);
    if (unknown.length > 0 || missing.length > 0) {
      throw new Error(`struct ${this.struct} has ${this.names.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; not declared ${unknown.join(', ')}` : ''}`);
    }
    const data = new ArrayBuffer(this.size);
    const views = { u32: new Uint32Array(data), i32: new Int32Array(data), f32: new Float32Array(data) };
    for (const f of this.fields) {
      const value = values[f.name];
      if (value === undefined) continue;
      const list = typeof value === 'number' ? [value] : Array.from(value);
      if (list.length !== f.length) throw new Error(`struct ${this.struct}: ${f.name} takes ${f.length} value(s), got ${list.length}`);
      views[f.kind].set(list, f.offset / 4);
    }
    return data;
  }
}
