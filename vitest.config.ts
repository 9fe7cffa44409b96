import { defineConfig } from 'vitest/config';

// Dawn is safest in forked workers; WGSL on SwiftShader is slow, so GPU tests get long timeouts.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
