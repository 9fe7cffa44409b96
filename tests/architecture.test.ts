// The source folders import each other without cycles (src/core and src/equation at the bottom,
// the backends above them, the solver, studies and reports above the diagnostics, the CLI on top),
// so that each layer can be read, tested and replaced on its own. A unit is a folder of files
// (src/backends/gpu and src/backends/gpu/programs are two). The test reads the import statements
// of src/**/*.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Folder of src a file belongs to ('' for src itself). */
const folder = (file: string) => relative(SRC, dirname(file));

/** folder → the folders it imports from (relative imports only). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = folder(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(SRC)) continue;
      const to = folder(target);
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** file → the files it imports (relative imports, types included). */
function fileGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)];
    graph.set(relative(SRC, file), new Set(imports.map((m) => relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))))));
  }
  return graph;
}

/** A cycle of the graph as a list of nodes, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * The layers, lowest first: a folder may import only from folders in lower layers. A new folder
 * must be placed here (the test fails on one it does not know), which is where its layer is decided.
 */
const LAYERS: readonly string[][] = [
  ['core/errors'],
  ['core/grid', 'core/math', 'core/interrupt', 'backends/gpu/device'],
  ['core/kernel', 'backends/cpu/fft'],
  ['equation'],
  ['backends', 'backends/gpu/programs', 'scenarios', 'studies/grazing'],
  ['backends/cpu', 'backends/gpu', 'reference/radial'],
  ['backends/node', 'diagnostics/coercivity'],
  ['diagnostics'],
  ['solver'],
  ['studies', 'studies/coercivity', 'io'],
  ['report', 'cluster'],
  ['cli'],
];

describe('layers of src/', () => {
  it('every folder imports only from lower layers (docs/architecture.md)', () => {
    const rank = new Map(LAYERS.flatMap((layer, r) => layer.map((f) => [f, r] as const)));
    const graph = folderGraph();
    expect([...graph.keys()].filter((f) => !rank.has(f))).toEqual([]);
    const upward = [...graph].flatMap(([from, tos]) => [...tos].filter((to) => rank.get(to)! >= rank.get(from)!).map((to) => `${from} → ${to}`));
    expect(upward).toEqual([]);
  });

  it('no folder imports, directly or through others, one that imports it', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeNull();
  });

  it('no module imports, directly or through others, one that imports it (types included)', () => {
    const graph = fileGraph();
    expect(graph.get('scenarios/catalogue.ts')?.has('scenarios/scenario-params.ts')).toBe(true);
    expect(findCycle(graph)).toBeNull();
  });

  it('the cycle finder finds a cycle where there is one', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
