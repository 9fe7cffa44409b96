// Vite for the browser demo: root web/, static build into dist-web/ at the repository root.
// The page imports the solver from ../src and the WGSL files from ../shaders, so the dev server
// may serve the whole repository.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: './',
  publicDir: false,
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: fileURLToPath(new URL('../dist-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
