// WGSL sources live in shaders/*.wgsl. A shader is the constants shared with the host
// (shader-constants.ts), the shared prelude (common.wgsl), the snippets it
// includes (e.g. flux_epilogue.wgsl), then its own file; `${NAME}` placeholders after #if/#elif are resolved from a defines map by wgsl-preprocessor,
// so one file yields each variant and no WGSL is assembled by string surgery.
import { wgsl } from 'wgsl-preprocessor/wgsl-preprocessor.js';
import { constantsWgsl } from './shader-constants.js';
import { UniformLayout } from './uniform-layout.js';

/** Raw text of every file in shaders/, keyed by file name without extension. */
export type ShaderSources = Readonly<Record<string, string>>;

const PRELUDE = 'common';

export class ShaderLibrary {
  private readonly layouts = new Map<string, UniformLayout>();

  constructor(private readonly sources: ShaderSources) {}

  /** The byte layout of a uniform struct, from the one file of shaders/ that declares it. */
  uniformLayout(struct: string): UniformLayout {
    let layout = this.layouts.get(struct);
    if (!layout) {
      const files = Object.keys(this.sources).filter((f) => new RegExp(`struct\\s+${struct}\\s*\\{`).test(this.sources[f]!));
      if (files.length !== 1) throw new Error(`struct ${struct} is declared in ${files.length === 0 ? 'no file' : files.join(', ')} of shaders/`);
      layout = UniformLayout.of(this.sources[files[0]!]!, struct);
      this.layouts.set(struct, layout);
    }
    return layout;
  }

  /** The shader `name` with its includes, every `${DEFINE}` resolved; a define none of the files reads is refused (a misspelt variant would compile the default silently). */
  compose(name: string, defines: Record<string, boolean | number> = {}, includes: readonly string[] = []): string {
    const files = [PRELUDE, ...includes, name];
    const read = new Set(files.flatMap((file) => [...(this.sources[file] ?? '').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!)));
    const unread = Object.keys(defines).filter((key) => !read.has(key));
    if (unread.length > 0) throw new Error(`shader '${name}.wgsl' (with ${files.slice(0, -1).join(', ')}) reads no define ${unread.join(', ')}`);
    return [constantsWgsl(), ...files.map((file) => this.preprocess(file, defines))].join('\n');
  }

  private preprocess(name: string, defines: Record<string, boolean | number>): string {
    const text = this.sources[name];
    if (text === undefined) throw new Error(`shader '${name}.wgsl' not found in shaders/`);
    const parts = text.split(/\$\{(\w+)\}/);
    const strings = parts.filter((_, i) => i % 2 === 0);
    const values = parts
      .filter((_, i) => i % 2 === 1)
      .map((key) => {
        if (!(key in defines)) throw new Error(`shader '${name}.wgsl' needs define '${key}'`);
        return defines[key];
      });
    return wgsl(strings, ...values);
  }
}
