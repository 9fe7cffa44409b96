// WGSL sources live in shaders/*.wgsl. A shader is the constants shared with the host
// (shader-constants.ts), the shared prelude (common.wgsl), the snippets it
// includes (e.g. flux_epilogue.wgsl), then its own file; `${NAME}` placeholders after #if/#elif are resolved from a defines map by wgsl-preprocessor,
// so one file yields each variant and no WGSL is assembled by string surgery.
import { wgsl } from 'wgsl-preprocessor/wgsl-preprocessor.js';
import { constantsWgsl } from './shader-constants.js';

/** Raw text of every file in shaders/, keyed by file name without extension. */
export type ShaderSources = Readonly<Record<string, string>>;

const PRELUDE = 'common';

export class ShaderLibrary {
  constructor(private readonly sources: ShaderSources) {}

  compose(name: string, defines: Record<string, boolean | number> = {}, includes: readonly string[] = []): string {
    return [constantsWgsl(), ...[PRELUDE, ...includes, name].map((file) => this.preprocess(file, defines))].join('\n');
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
