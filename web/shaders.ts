// The solver's own WGSL files (shaders/*.wgsl), bundled as text by Vite: no copies.
import { ShaderLibrary, type ShaderSources } from '../src/backends/gpu/programs/shader-library.js';

const files = import.meta.glob('../shaders/*.wgsl', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function shaderSources(): ShaderSources {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const name = path.split('/').pop()!.replace(/\.wgsl$/, '');
    out[name] = text;
  }
  return out;
}

export const shaderLibrary = new ShaderLibrary(shaderSources());

/** The demo's own render shader (shaders/volume_render.wgsl), used as it is, without the solver's prelude. */
export const volumeShaderSource: string = shaderSources()['volume_render']!;
