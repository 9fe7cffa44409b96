// Reads shaders/*.wgsl from the package root (found by walking up from this module, so the same
// code works from src/ under Vitest and from dist/src/ when built).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShaderSources } from './shader-library.js';

export function loadShaderSources(): ShaderSources {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'shaders', 'common.wgsl'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the shaders/ folder of the landau3d package');
    dir = parent;
  }
  const folder = join(dir, 'shaders');
  const sources: Record<string, string> = {};
  for (const file of readdirSync(folder)) {
    if (file.endsWith('.wgsl')) sources[file.slice(0, -5)] = readFileSync(join(folder, file), 'utf8');
  }
  return sources;
}
